from django.urls import path

from core.exports import export_urls
from poles.views.exports import PoleExport
from poles.views.pole_detail import pole_detail
from poles.views.pole_list import PoleListView

app_name = "poles"
urlpatterns = [
    path("", PoleListView.as_view(), name="list"),
    *export_urls(PoleExport),
    path("<slug:slug>/", pole_detail, name="detail"),
]
