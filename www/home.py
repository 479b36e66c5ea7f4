from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render

from actors.models import Actor
from core.slugs import slug_url
from poles.enums import PoleStatus
from poles.models import FundingLine, Pole
from territories.models import KeyFigures, Territory
from www.map.views import map_context
from www.poles.filters import LIFECYCLE

# Up to this many Pays, the home page names each one; beyond (a national network: hundreds),
# it counts them region by region, and /territoires/ names them.
PAYS_NAMED = 60


def latest_figures_by_territory():
    """The latest key figures of each territory that has some, latest first, as rows (one
    query, one row per territory: a window over each territory's figures)."""
    latest = Window(
        RowNumber(),
        partition_by="territory",
        order_by=[F("year").desc(nulls_last=True), F("pk").desc()],
    )
    return list(
        KeyFigures.objects.annotate(rank=latest)
        .filter(rank=1)
        .values(
            "establishments",
            "salaried_jobs",
            name=F("territory__name"),
            slug=F("territory__slug"),
            kind=F("territory__kind"),
            region=F("territory__region__name"),
        )
        .latest_first()
    )


def pays_totals(figures_list):
    """Figures summed over the Pays of each region: Pays do not overlap, so the sum means
    something; regions, departments and metropoles overlap them and are shown apart."""
    totals = {}
    for figures in figures_list:
        if figures["kind"] != Territory.Kind.PAYS:
            continue
        total = totals.setdefault(
            figures["region"], {"pays": [], "establishments": 0, "salaried_jobs": 0}
        )
        total["pays"].append(figures["name"])
        total["establishments"] += figures["establishments"] or 0
        total["salaried_jobs"] += figures["salaried_jobs"] or 0
    return totals


def other_figures(figures_list):
    """The figures of the territories that are not Pays, with their link and kind."""
    return [
        {
            **figures,
            "url": slug_url("territories:detail", figures["slug"]),
            "kind_label": Territory.Kind(figures["kind"]).label,
        }
        for figures in figures_list
        if figures["kind"] != Territory.Kind.PAYS
    ]


def pays_coverage(pays):
    """The Pays with a pole and those without, each linked; or, for a national network, the
    same counted by region (with a link to the region's poles)."""
    if len(pays) <= PAYS_NAMED:
        for territory in pays:
            territory["url"] = slug_url("territories:detail", territory["slug"])
        return {
            "named": True,
            "covered": [territory for territory in pays if territory["pole_count"]],
            "not_covered": [territory for territory in pays if not territory["pole_count"]],
        }
    regions = {}
    for territory in pays:
        region = regions.setdefault(
            territory["region_slug"],
            {
                "name": territory["region_name"],
                "slug": territory["region_slug"],
                "covered": 0,
                "not_covered": 0,
            },
        )
        region["covered" if territory["pole_count"] else "not_covered"] += 1
    return {
        "named": False,
        "covered_count": sum(region["covered"] for region in regions.values()),
        "pays_count": len(pays),
        "regions": list(regions.values()),
    }


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
        .values("name", "slug", region_name=F("region__name"), region_slug=F("region__slug"))
        .annotate(pole_count=Count("poles"))
        .order_by("region__name", "name")
    )
    figures = latest_figures_by_territory()
    context = {
        "pole_count": sum(counts.values()),
        "by_status": by_status,
        "pays": pays_coverage(pays),
        "pays_totals": pays_totals(figures),
        "other_figures": other_figures(figures),
        "territory_count": Territory.objects.count(),
        "actor_count": Actor.objects.count(),
        "funding_line_count": FundingLine.objects.count(),
        **map_context(Pole.objects.all()),
    }
    return render(request, "home.html", context)
