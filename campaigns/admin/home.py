"""The campaigns on the admin's home (templates/admin/index.html, `campaign_home`):
- a coordinator: « Fiche 2026 : à faire », for each of their poles, one click from its page;
- the CRES: each open campaign's fiches by state, the items done over those expected, and the
  fiches that miss the most; the Region's officers: the fiches by state, read-only.
A constant number of queries, whatever the poles (tests/campaigns/test_campaign_admin.py)."""

from django.contrib import admin
from django.db.models import Count, Sum
from django.urls import reverse

from campaigns import workflow
from campaigns.admin.panels import open_fiches
from campaigns.admin.progress import annotate_progress
from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche
from poles.admin.coordinators import coordinated_pole_ids

LEAST_ADVANCED = 10


def campaign_panels(request):
    user = request.user
    if not user.has_perm("campaigns.view_fiche"):
        return {}
    ids = coordinated_pole_ids(request)
    if ids is not None:  # a coordinator: their poles' fiches
        fiches = annotate_progress(open_fiches(Fiche.objects.filter(pole_id__in=ids)))
        return {"campaign_home": {"own_fiches": list(fiches.order_by("pole__name"))}}
    return {"campaign_home": {"campaigns": campaign_summaries(workflow.is_cres(user))}}


def campaign_summaries(with_least_advanced):
    url = reverse("admin:campaigns_fiche_changelist")
    summaries = []
    campaigns = Campaign.objects.filter(closed_on=None).order_by("-year")
    for campaign in campaigns:
        fiches = annotate_progress(Fiche.objects.filter(campaign=campaign))
        totals = fiches.aggregate(expected=Sum("expected_count"), missing=Sum("missing_count"))
        by_state = dict(
            Fiche.objects.filter(campaign=campaign)
            .values_list("state")
            .annotate(count=Count("pk"))
            .values_list("state", "count")
        )
        summary = {
            "campaign": campaign,
            "url": f"{url}?campaign__id__exact={campaign.pk}",
            "states": [
                (
                    label,
                    by_state.get(state, 0),
                    f"{url}?campaign__id__exact={campaign.pk}&state__exact={state}",
                )
                for state, label in FicheState.choices
            ],
            "expected": totals["expected"] or 0,
            "done": (totals["expected"] or 0) - (totals["missing"] or 0),
        }
        if with_least_advanced:
            summary["least_advanced"] = list(
                fiches.exclude(state=FicheState.VALIDATED)
                .select_related("pole")
                .order_by("progress_ratio", "pole__name")[:LEAST_ADVANCED]
            )
        summaries.append(summary)
    return summaries


admin.site.add_home_panels(campaign_panels)
