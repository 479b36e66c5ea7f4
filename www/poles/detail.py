from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render

from poles.enums import ActionState, StrengthKind
from poles.models import FundingLine, Membership, Pole, PoleNetwork, Study
from www.queries import ordered_territories, with_figures


def by_study(records):
    """The pole's own records (no study), and the others by study: {study id: [records]}."""
    own, of_study = [], {}
    for record in records:
        if record.study_id is None:
            own.append(record)
        else:
            of_study.setdefault(record.study_id, []).append(record)
    return own, of_study


def pole_detail(request, slug):
    """A pole's page: everything the network knows of it, in the order a reader needs it.
    One query per kind of record, whatever their number: objectives and documents are read
    once for the pole and its study."""
    pole = get_object_or_404(
        Pole.objects.select_related("carrying_structure", "figures_territory").prefetch_related(
            ordered_territories(),
            "functions",
            Prefetch(
                "network_memberships",
                queryset=PoleNetwork.objects.select_related("network").order_by("network__name"),
            ),
            "status_changes",
            "objectives",
            "actions",
            "difficulties",
            "strengths",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("actor").order_by("role", "actor__name"),
            ),
            Prefetch("studies", queryset=Study.objects.select_related("carrier")),
            "documents",
            Prefetch(
                "funding_lines",
                queryset=FundingLine.objects.select_related("programme", "funder").order_by(
                    F("start_year").asc(nulls_first=True), "pk"
                ),
            ),
            "contacts",
        ),
        slug=slug,
    )
    with_figures([pole])
    objectives, study_objectives = by_study(pole.objectives.all())
    documents, study_documents = by_study(pole.documents.all())
    studies = list(pole.studies.all())
    for study in studies:
        study.objective_list = study_objectives.get(study.pk, [])
        study.document_list = study_documents.get(study.pk, [])
    study_carriers = [study.carrier for study in studies if study.carrier]
    actions = list(pole.actions.all())
    strengths = list(pole.strengths.all())
    context = {
        "pole": pole,
        "figures": pole.key_figures(),
        "objectives": objectives,
        "documents": documents,
        "studies": studies,
        # Dinan's fiche names Steredenn as the structure carrying its study, not the pole.
        "carrier": pole.carrying_structure or (study_carriers[0] if study_carriers else None),
        "carrier_is_the_study_s": not pole.carrying_structure and bool(study_carriers),
        "done_actions": [a for a in actions if a.state == ActionState.DONE],
        "planned_actions": [a for a in actions if a.state == ActionState.PLANNED],
        "strong_points": [s for s in strengths if s.kind == StrengthKind.STRENGTH],
        "practices": [s for s in strengths if s.kind == StrengthKind.PRACTICE],
        "funding_lines": pole.funding_lines.all(),
    }
    return render(request, "poles/pole_detail.html", context)
