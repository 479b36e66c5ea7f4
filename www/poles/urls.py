from django.urls import path

from core.exports import export_urls
from www.exports import PoleExport
from www.feeds import PoleFeed
from www.poles.detail import pole_detail
from www.poles.fiches import yearly_fiche
from www.poles.listing import PoleListView

app_name = "poles"
urlpatterns = [
    path("", PoleListView.as_view(), name="list"),
    *export_urls(PoleExport),
    path("<slug:slug>/", pole_detail, name="detail"),
    path("<slug:slug>/fiches/<slug:period>/", yearly_fiche, name="yearly_fiche"),
    path("<slug:slug>/flux.atom", PoleFeed(), name="feed"),
]
