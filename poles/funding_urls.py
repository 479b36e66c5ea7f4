from django.urls import path

from ess_portal.exports import export_urls
from poles.views.funding import FundingExport, FundingListView

app_name = "funding"
urlpatterns = [
    path("", FundingListView.as_view(), name="list"),
    *export_urls(FundingExport),
]
