from django.urls import path

from poles.views.funding import FundingListView

app_name = "funding"
urlpatterns = [
    path("", FundingListView.as_view(), name="list"),
]
