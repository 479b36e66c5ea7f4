from django.urls import path

from core.exports import export_urls
from www.exports import PoleExport
from www.poles.detail import pole_detail
from www.poles.listing import PoleListView

app_name = "poles"
urlpatterns = [
    path("", PoleListView.as_view(), name="list"),
    *export_urls(PoleExport),
    path("<slug:slug>/", pole_detail, name="detail"),
]
