from django.db.models import Aggregate, F, JSONField, OuterRef, Prefetch, Subquery
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from campaigns.freshness import annotate_freshness
from campaigns.models import YearlyFiche
from poles.enums import ActionState, StrengthKind
from poles.models import FundingLine, Membership, Pole, PoleNetwork, Study
from territories.models import TerritoryPart
from www.map.drawing import locator
from www.queries import ordered_territories, with_figures

FICHE_TEMPLATE = "poles/_fiche.html"


def by_study(records):
    """The pole's own records (no study), and the others by study: {study id: [records]}."""
    own, of_study = [], {}
    for record in records:
        if record.study_id is None:
            own.append(record)
        else:
            of_study.setdefault(record.study_id, []).append(record)
    return own, of_study


def fiche_poles(line_relations=("programme", "funder")):
    """Poles with everything their fiche shows: one query per kind of record, whatever their
    number; objectives and documents are read once for the pole and its study. The API's
    pole names its funding lines' study too (`line_relations`)."""
    return Pole.objects.select_related("carrying_structure", "figures_territory").prefetch_related(
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
            queryset=FundingLine.objects.select_related(*line_relations).order_by(
                F("start_year").asc(nulls_first=True), "pk"
            ),
        ),
        "contacts",
    )


def fiche_context(pole):
    """What the fiche (poles/_fiche.html) shows of a pole read with `fiche_poles()`."""
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
    return {
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


def render_fiche(pole):
    """The pole's public fiche as it stands now: the <article> of its page, without what only
    the live page says (its freshness, its yearly fiches). campaigns/freeze.py keeps it."""
    pole = fiche_poles().get(pk=pole.pk)
    return render_to_string(FICHE_TEMPLATE, fiche_context(pole)).strip()


class JSONList(Aggregate):
    """The JSON array of a value over rows: SQLite's json_group_array, PostgreSQL's jsonb_agg."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def published_fiches():
    """The pole's published yearly fiches, [{period, label}…], in the pole's own row: its page
    lists them without a query of their own (it has one per kind of record already)."""
    fiches = YearlyFiche.objects.filter(pole=OuterRef("pk")).exclude(html="").order_by()
    listed = fiches.values("pole").annotate(
        fiches=JSONList(JSONObject(period="period", label="label"))
    )
    return Subquery(listed.values("fiches"), output_field=JSONField())


def territory_pieces():
    """The pieces of the pole's territories on the map, [{territory, kind, code}…], in the
    pole's own row, as its yearly fiches (its locator map, without a query of its own)."""
    pieces = TerritoryPart.objects.filter(territory__poles=OuterRef("pk")).order_by()
    listed = pieces.values("territory__poles").annotate(
        pieces=JSONList(JSONObject(territory="territory_id", kind="kind", code="code"))
    )
    return Subquery(listed.values("pieces"), output_field=JSONField())


def pole_detail(request, slug):
    """A pole's page: its fiche, in the order a reader needs it, said fresh or « à actualiser »
    (campaigns/freshness.py), with links to its yearly fiches."""
    poles = annotate_freshness(fiche_poles()).annotate(
        published_fiches=published_fiches(), territory_pieces=territory_pieces()
    )
    pole = get_object_or_404(poles, slug=slug)
    context = fiche_context(pole)
    # The latest first: « 2026, 2009–2010 ».
    yearly = sorted(pole.published_fiches or [], key=lambda fiche: fiche["period"], reverse=True)
    validated, updated = pole.last_validated_at, pole.updated_at
    dates = [date for date in (validated, updated) if date]
    figures = pole.figures_changed_at
    pieces = {}
    for piece in pole.territory_pieces or []:
        pieces.setdefault(piece["territory"], []).append((piece["kind"], piece["code"]))
    context |= {
        "live": True,
        "locator": locator(list(pole.territories.all()), pieces),
        "yearly_fiches": yearly,
        "updated_since_validation": bool(validated and updated and updated > validated),
        # Said when the figures changed after the fiche itself.
        "figures_updated_at": figures if figures and all(figures > d for d in dates) else None,
    }
    return render(request, "poles/pole_detail.html", context)
