"""/api/v1/: the public API, its OpenAPI schema and its documentation page (French)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api import views
from api.docs import documentation
from core.page_cache.parameters import reads_query

app_name = "api"
PAGING = ("limit", "offset")

# Each endpoint declares the parameters it reads: the page cache keys its answers on them
# (core/page_cache/parameters.py), as it does the pages'.
ENDPOINTS = [
    ("poles", "pole", views.PoleViewSet, "slug"),
    ("territoires", "territory", views.TerritoryViewSet, "slug"),
    ("acteurs", "actor", views.ActorViewSet, "slug"),
    ("financeurs", "funder", views.FunderViewSet, "slug"),
    ("programmes", "programme", views.ProgrammeViewSet, "slug"),
    ("financements", "fundingline", views.FundingLineViewSet, "int"),
]


def list_view(viewset):
    view = viewset.as_view({"get": "list"})
    filterset = getattr(viewset, "filterset_class", None)
    names = list(filterset.base_filters) if filterset else []
    # A filter of several inputs (amount_min…) is one name here: the FilterSet's own fields.
    return reads_query(*PAGING, *names)(view)


urlpatterns = [path("", documentation, name="documentation")]
for prefix, basename, viewset, key in ENDPOINTS:
    converter = "slug:slug" if key == "slug" else "int:pk"
    urlpatterns += [
        path(f"v1/{prefix}/", list_view(viewset), name=f"{basename}-list"),
        path(
            f"v1/{prefix}/<{converter}>/",
            viewset.as_view({"get": "retrieve"}),
            name=f"{basename}-detail",
        ),
    ]
urlpatterns.append(path("v1/schema/", SpectacularAPIView.as_view(), name="schema"))
