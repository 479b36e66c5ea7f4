"""The public site's addresses: the home page, the approach, the four lists with their pages
and downloads, and the documents' downloads."""

from django.urls import include, path

from www.approach import approach
from www.documents import download_document
from www.home import home

urlpatterns = [
    path("", home, name="home"),
    path("demarche/", approach, name="approach"),
    path("poles/", include("www.poles.urls")),
    path("territoires/", include("www.territories.urls")),
    path("acteurs/", include("www.actors.urls")),
    path("financements/", include("www.funding.urls")),
    path("documents/<int:pk>/telecharger/", download_document, name="document_download"),
]
