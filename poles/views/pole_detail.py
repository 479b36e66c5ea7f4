from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from poles.enums import ActionState, StrengthKind
from poles.models import Document, Membership, Objective, Pole, Study
from poles.views.queries import figures_territory_figures, territories_with_figures


def pole_detail(request, slug):
    """A pole's page: everything the network knows of it, in the order a reader needs it."""
    pole = get_object_or_404(
        Pole.objects.select_related("carrying_structure", "figures_territory").prefetch_related(
            territories_with_figures(),
            figures_territory_figures(),
            "functions",
            "network_memberships__network",
            "status_changes",
            Prefetch("objectives", queryset=Objective.objects.filter(study__isnull=True)),
            "actions",
            "difficulties",
            "strengths",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("actor").order_by("role", "actor__name"),
            ),
            Prefetch(
                "studies",
                queryset=Study.objects.select_related("carrier").prefetch_related(
                    "objectives", "documents"
                ),
            ),
            Prefetch("documents", queryset=Document.objects.filter(study__isnull=True)),
            "funding_lines__programme",
            "funding_lines__funder",
            "contacts",
        ),
        slug=slug,
    )
    studies = list(pole.studies.all())
    study_carriers = [study.carrier for study in studies if study.carrier]
    actions = list(pole.actions.all())
    strengths = list(pole.strengths.all())
    context = {
        "pole": pole,
        "figures": pole.key_figures(),
        # Dinan's fiche names Steredenn as the structure carrying its study, not the pole.
        "carrier": pole.carrying_structure or (study_carriers[0] if study_carriers else None),
        "carrier_is_the_study_s": not pole.carrying_structure and bool(study_carriers),
        "done_actions": [a for a in actions if a.state == ActionState.DONE],
        "planned_actions": [a for a in actions if a.state == ActionState.PLANNED],
        "strong_points": [s for s in strengths if s.kind == StrengthKind.STRENGTH],
        "practices": [s for s in strengths if s.kind == StrengthKind.PRACTICE],
        "funding_lines": sorted(
            pole.funding_lines.all(), key=lambda line: (line.start_year or 0, line.pk)
        ),
    }
    return render(request, "poles/pole_detail.html", context)
