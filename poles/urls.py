from django.urls import path

from poles.views.pole_detail import pole_detail
from poles.views.pole_list import PoleListView

app_name = "poles"
urlpatterns = [
    path("", PoleListView.as_view(), name="list"),
    path("<slug:slug>/", pole_detail, name="detail"),
]
