"""The public site's addresses: the home page, the approach, the map, the four lists with their pages
and downloads, the documents' downloads, the news feed, the sitemap and robots.txt."""

from django.urls import include, path

from www.approach import approach
from www.documents import download_document
from www.feeds import NetworkFeed
from www.home import home
from www.map.views import MapView
from www.sitemaps import robots_txt, sitemap_index, sitemap_section

urlpatterns = [
    path("", home, name="home"),
    path("demarche/", approach, name="approach"),
    path("carte/", MapView.as_view(), name="map"),
    path("poles/", include("www.poles.urls")),
    path("territoires/", include("www.territories.urls")),
    path("acteurs/", include("www.actors.urls")),
    path("financements/", include("www.funding.urls")),
    path("donnees/", include("www.opendata.urls")),
    path("documents/<int:pk>/telecharger/", download_document, name="document_download"),
    path("flux/actualites.atom", NetworkFeed(), name="feed"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>-<int:page>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots"),
]
