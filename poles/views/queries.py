"""Prefetches shared by the pole pages, so each page runs a fixed number of queries."""

from django.db.models import Prefetch

from territories.models import KeyFigures, Territory


def latest_figures():
    return Prefetch("key_figures", queryset=KeyFigures.objects.latest_first())


def territories_with_figures():
    return Prefetch(
        "territories",
        queryset=Territory.objects.order_by("name").prefetch_related(latest_figures()),
    )


def figures_territory_figures():
    return Prefetch("figures_territory__key_figures", queryset=KeyFigures.objects.latest_first())


def pole_cards(queryset):
    """What a pole's card in a list shows: status, territories, headline figures."""
    return queryset.select_related("figures_territory").prefetch_related(
        territories_with_figures(), figures_territory_figures()
    )
