"""Prefetches shared by the pole pages, so each page runs a fixed number of queries."""

from django.db.models import Prefetch, prefetch_related_objects

from territories.models import KeyFigures, Territory


def ordered_territories():
    return Prefetch("territories", queryset=Territory.objects.order_by("name"))


def with_figures(poles):
    """What `Pole.key_figures()` reads, for all `poles` in one query: the key figures of their
    territories and of their figures territories (select_related), latest first."""
    poles = list(poles)
    territories = [territory for pole in poles for territory in pole.territories.all()]
    territories += [pole.figures_territory for pole in poles if pole.figures_territory_id]
    prefetch_related_objects(
        territories, Prefetch("key_figures", queryset=KeyFigures.objects.latest_first())
    )
    return poles


def pole_cards(queryset):
    """What a pole's card in a list shows: status, territories; their figures come from
    `with_figures()` once the page is known."""
    return queryset.select_related("figures_territory").prefetch_related(ordered_territories())
