from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render

from poles.enums import PoleStatus
from poles.filters.pole import LIFECYCLE
from poles.models import Actor, FundingLine, Pole
from territories.models import KeyFigures, Territory


def latest_figures_by_territory():
    """The latest key figures of each territory that has some, latest first (one query, one
    row per territory: a window over each territory's figures)."""
    latest = Window(
        RowNumber(),
        partition_by="territory",
        order_by=[F("year").desc(nulls_last=True), F("pk").desc()],
    )
    return list(
        KeyFigures.objects.annotate(rank=latest)
        .filter(rank=1)
        .select_related("territory__region")
        .only(
            "establishments",
            "salaried_jobs",
            "territory__name",
            "territory__slug",
            "territory__kind",
            "territory__region__name",
        )
        .latest_first()
    )


def pays_totals(figures_list):
    """Figures summed over the Pays of each region: Pays do not overlap, so the sum means
    something; regions, departments and metropoles overlap them and are shown apart."""
    totals = {}
    for figures in figures_list:
        if figures.territory.kind != Territory.Kind.PAYS:
            continue
        total = totals.setdefault(
            figures.territory.region,
            {"pays": [], "establishments": 0, "salaried_jobs": 0},
        )
        total["pays"].append(figures.territory)
        total["establishments"] += figures.establishments or 0
        total["salaried_jobs"] += figures.salaried_jobs or 0
    return totals


def home(request):
    """The network at a glance."""
    counts = dict(Pole.objects.values_list("status").annotate(total=Count("pk")).order_by())
    by_status = [
        {"status": status, "label": PoleStatus(status).label, "count": counts.get(status, 0)}
        for status in LIFECYCLE
        if counts.get(status)
    ]
    pays = list(
        Territory.objects.filter(kind=Territory.Kind.PAYS)
        .only("name", "slug")
        .annotate(pole_count=Count("poles"))
        .order_by("region__name", "name")
    )
    figures = latest_figures_by_territory()
    context = {
        "pole_count": sum(counts.values()),
        "by_status": by_status,
        "covered": [territory for territory in pays if territory.pole_count],
        "not_covered": [territory for territory in pays if not territory.pole_count],
        "pays_totals": pays_totals(figures),
        "other_figures": [f for f in figures if f.territory.kind != Territory.Kind.PAYS],
        "territory_count": Territory.objects.count(),
        "actor_count": Actor.objects.count(),
        "funding_line_count": FundingLine.objects.count(),
    }
    return render(request, "home.html", context)
