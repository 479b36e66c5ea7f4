from django.urls import path

from core.exports import export_urls
from www.funding.pages import funder_detail, programme_detail
from www.funding.views import FundingExport, FundingListView, PoleYearExport

app_name = "funding"
urlpatterns = [
    path("", FundingListView.as_view(), name="list"),
    *export_urls(FundingExport),
    *(
        path(
            f"poles-annees.{fmt}",
            PoleYearExport.as_view(export_format=fmt),
            name=f"export_pole_years_{fmt}",
        )
        for fmt in ("csv", "xlsx")
    ),
    path("programmes/<slug:slug>/", programme_detail, name="programme"),
    path("financeurs/<slug:slug>/", funder_detail, name="funder"),
]
