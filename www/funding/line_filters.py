"""The filters of /financements/: the pole's filters and the funding ones."""

from poles.enums import PoleStatus
from poles.models import FundingLine
from territories.models import Department, Region, Territory
from www.funding.filters import FundingFilterSet, choice, funding_filters, related


class FundingLineFilter(FundingFilterSet):
    pole_status = choice(
        "Statut du pôle",
        PoleStatus.choices,
        "Tous les statuts",
        "un statut de pôle",
        field_name="pole__status",
    )
    region = related(
        "Région", Region, "pole__territories__region", "Toutes les régions", "aucune région"
    )
    department = related(
        "Département",
        Department,
        "pole__territories__departments",
        "Tous les départements",
        "aucun département",
        to_field_name="code",
        label_format="{name} ({code})",
    )
    territory = related(
        "Territoire", Territory, "pole__territories", "Tous les territoires", "aucun territoire"
    )
    # The funding filters, shared with /poles/ (www/funding/filters.py).
    funder, programme, kind, funding_status, year, amount_min, amount_max = (
        funding_filters().values()
    )

    class Meta:
        model = FundingLine
        fields = []

    def filter_lines(self, queryset, condition):
        return queryset.filter(condition)
