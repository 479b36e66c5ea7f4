"""The filters of /poles/: the query parameters keep the names docs/design.md gives them."""

import django_filters
from django.db.models import Case, F, IntegerField, Value, When

from campaigns.freshness import annotate_freshness
from poles.enums import PoleStatus
from poles.models import FundingLine, Pole
from poles.search import search_poles
from territories.models import Department, Region, Territory
from www.funding.filters import FundingFilterSet, funding_filters, related

LIFECYCLE = [
    PoleStatus.INFORMAL,
    PoleStatus.PREFIGURATION,
    PoleStatus.OPERATING,
    PoleStatus.PAUSED,
    PoleStatus.STOPPED,
]
SORTS = {
    "nom": ("nom (A → Z)", ["name"]),
    "creation": (
        "création (plus ancienne d'abord)",
        [F("created_on").asc(nulls_last=True), "name"],
    ),
    "-creation": (
        "création (plus récente d'abord)",
        [F("created_on").desc(nulls_last=True), "name"],
    ),
    "statut": ("statut (du collectif au pôle en fonctionnement)", ["status_rank", "name"]),
}

# ?fiche=…: whether the pole's fiche is « à actualiser » (campaigns/freshness.py).
FICHE_STATES = {
    "a_actualiser": ("à actualiser", True),
    "a_jour": ("à jour", False),
}


def lifecycle_rank():
    return Case(
        *[When(status=status, then=Value(rank)) for rank, status in enumerate(LIFECYCLE)],
        output_field=IntegerField(),
    )


class PoleFilter(FundingFilterSet):
    q = django_filters.CharFilter(
        label="Recherche",
        method="search",
        max_length=200,
        help_text="Nom, objectif, action, acteur…",
        error_messages={"max_length": "La recherche tient en 200 caractères au plus."},
    )
    status = django_filters.ChoiceFilter(
        error_messages={"invalid_choice": "« %(value)s » n'est pas un statut de pôle."},
        label="Statut",
        choices=PoleStatus.choices,
        empty_label="Tous les statuts",
    )
    fiche = django_filters.ChoiceFilter(
        error_messages={"invalid_choice": "« %(value)s » n'est pas un état de fiche proposé."},
        label="État de la fiche",
        choices=[(key, label) for key, (label, _) in FICHE_STATES.items()],
        empty_label="Toutes les fiches",
        method="filter_fiche",
    )
    region = related("Région", Region, "territories__region", "Toutes les régions", "aucune région")
    department = related(
        "Département",
        Department,
        "territories__departments",
        "Tous les départements",
        "aucun département",
        to_field_name="code",
        label_format="{name} ({code})",
    )
    territory = related(
        "Territoire", Territory, "territories", "Tous les territoires", "aucun territoire"
    )
    # The funding filters, shared with /financements/ (www/funding/filters.py).
    funder, programme, kind, funding_status, year, amount_min, amount_max = (
        funding_filters().values()
    )
    tri = django_filters.ChoiceFilter(
        error_messages={"invalid_choice": "« %(value)s » n'est pas un ordre de tri proposé."},
        label="Trier par",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        empty_label="nom (A → Z)",
        method="sort",
    )

    class Meta:
        model = Pole
        fields = []

    @property
    def qs(self):
        queryset = super().qs
        if not self.is_bound or not self.form.is_valid() or not self.form.cleaned_data.get("tri"):
            queryset = queryset.order_by("name")
        return queryset

    def filter_lines(self, queryset, condition):
        return queryset.filter(pk__in=FundingLine.objects.filter(condition).values("pole"))

    def filter_fiche(self, queryset, name, value):
        return annotate_freshness(queryset).filter(fiche_to_update=FICHE_STATES[value][1])

    def search(self, queryset, name, value):
        return search_poles(queryset, value)

    def sort(self, queryset, name, value):
        return queryset.annotate(status_rank=lifecycle_rank()).order_by(*SORTS[value][1])
