"""The API's endpoints: read only, anonymous, the public pages' filters under their names
(the FilterSets of www), limit/offset pages, a constant number of queries per answer
(tests/api/test_api_queries.py)."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from actors.models import Actor
from api import records
from funding.models import Funder, Programme
from poles.models import Contact, FundingLine, Pole
from territories.models import KeyFigures, Territory
from www.actors.filters import ActorFilter
from www.actors.views import actors_in_full
from www.funding.line_filters import FundingLineFilter
from www.funding.views import ORDER as LINES_ORDER
from www.poles.detail import fiche_poles
from www.poles.filters import PoleFilter
from www.queries import ordered_territories, with_figures

ERRORS = {
    400: OpenApiResponse(description="Paramètre invalide : le message dit lequel, en français."),
    404: OpenApiResponse(description="Aucun enregistrement sous cet identifiant."),
    429: OpenApiResponse(description="Trop de requêtes : réessayez après `Retry-After` secondes."),
}


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]
    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class


def documented(name, plural, prefix, summary, detail=None):
    """The schema of an endpoint's list and detail: their answers and errors, named."""
    detail = detail or summary
    return extend_schema_view(
        list=extend_schema(
            summary=f"Liste des {plural}",
            operation_id=f"{prefix}_list",
            responses={200: summary(many=True), **ERRORS},
        ),
        retrieve=extend_schema(
            summary=f"Un {name}",
            operation_id=f"{prefix}_detail",
            responses={200: detail, **ERRORS},
        ),
    )


@documented("pôle", "pôles", "poles", records.PoleSerializer, records.PoleDetailSerializer)
class PoleViewSet(ReadOnly):
    """Les pôles, filtrés comme sur /poles/ (mêmes paramètres)."""

    serializer_class = records.PoleSerializer
    detail_serializer_class = records.PoleDetailSerializer
    filterset_class = PoleFilter

    def get_queryset(self):
        if self.action != "retrieve":
            return (
                Pole.objects.select_related("carrying_structure")
                .prefetch_related(ordered_territories())
                .order_by("name")
            )
        return fiche_poles(line_relations=("study", "funder", "programme"))

    def get_object(self):
        pole = super().get_object()
        with_figures([pole])
        return pole


@documented(
    "territoire",
    "territoires",
    "territoires",
    records.TerritorySerializer,
    records.TerritoryDetailSerializer,
)
class TerritoryViewSet(ReadOnly):
    """Les territoires, avec leurs chiffres clés par année."""

    serializer_class = records.TerritorySerializer
    detail_serializer_class = records.TerritoryDetailSerializer
    filter_backends = []

    def get_queryset(self):
        territories = (
            Territory.objects.select_related("region")
            .prefetch_related("departments")
            .order_by("name")
        )
        if self.action == "retrieve":
            territories = territories.prefetch_related(
                Prefetch("key_figures", queryset=KeyFigures.objects.latest_first()),
                Prefetch("poles", queryset=Pole.objects.only("slug", "name").order_by("name")),
            )
        return territories


@documented("acteur", "acteurs", "acteurs", records.ActorSerializer, records.ActorDetailSerializer)
class ActorViewSet(ReadOnly):
    """Les acteurs de l'ESS et leurs partenaires, filtrés comme sur /acteurs/."""

    serializer_class = records.ActorSerializer
    detail_serializer_class = records.ActorDetailSerializer
    filterset_class = ActorFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return actors_in_full()
        return Actor.objects.select_related("territory").order_by("name")


@documented("financeur", "financeurs", "financeurs", records.FunderSerializer)
class FunderViewSet(ReadOnly):
    """Les financeurs des pôles."""

    serializer_class = records.FunderSerializer
    filter_backends = []
    queryset = Funder.objects.select_related("region", "department").order_by("name")


@documented(
    "programme",
    "programmes de financement",
    "programmes",
    records.ProgrammeSerializer,
    records.ProgrammeDetailSerializer,
)
class ProgrammeViewSet(ReadOnly):
    """Les programmes de financement et leurs règles."""

    serializer_class = records.ProgrammeSerializer
    detail_serializer_class = records.ProgrammeDetailSerializer
    filter_backends = []

    def get_queryset(self):
        programmes = Programme.objects.select_related("funder").order_by("name")
        if self.action == "retrieve":
            programmes = programmes.prefetch_related(
                Prefetch("contacts", queryset=Contact.objects.order_by("full_name")), "documents"
            )
        return programmes


@documented(
    "ligne de financement",
    "lignes de financement",
    "financements",
    records.FundingLineSerializer,
)
class FundingLineViewSet(ReadOnly):
    """Les lignes de financement, filtrées comme sur /financements/, avec leurs montants par
    année."""

    serializer_class = records.FundingLineSerializer
    filterset_class = FundingLineFilter
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        lines = FundingLine.objects.select_related("pole", "study", "funder", "programme")
        return lines.order_by(*LINES_ORDER)  # the order of /financements/

    def get_object(self):
        try:
            return super().get_object()
        except (ValueError, OverflowError) as error:
            raise NotFound("Aucune ligne de financement sous ce numéro.") from error
