from django.urls import path

from core.exports import export_urls
from www.funding.views import FundingExport, FundingListView

app_name = "funding"
urlpatterns = [
    path("", FundingListView.as_view(), name="list"),
    *export_urls(FundingExport),
]
