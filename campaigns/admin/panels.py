"""On a pole's page in the admin: its fiche of the year in an open campaign, what it still misses,
and the way to submit it (the fiche's page, campaigns/admin/fiche.py)."""

from django.utils import timezone

from campaigns.admin.fiche import fiche_panel
from campaigns.admin.progress import annotate_progress
from campaigns.models import Fiche
from poles.admin.pole import PAGE_PANELS

TEMPLATE = "admin/campaigns/fiche/_pole_panel.html"


def open_fiches(queryset):
    """The fiches of `queryset` in a campaign opened and not closed."""
    return queryset.filter(
        campaign__closed_on=None, campaign__opens_on__lte=timezone.localdate()
    ).select_related("campaign", "pole")


def pole_panel(request, pole_id):
    if not request.user.has_perm("campaigns.view_fiche"):
        return None
    fiche = (
        annotate_progress(open_fiches(Fiche.objects.filter(pole_id=pole_id)))
        .order_by("-campaign__year")
        .first()
    )
    if fiche is None:
        return None
    return TEMPLATE, fiche_panel(request, fiche)


PAGE_PANELS.append(pole_panel)
