"""What a pole's fiche should hold at its stage: the checks a CRES checklist item names.

The CRES keeps, in the admin, which checks each stage expects (`ChecklistItem`); what each check
looks at is here, in code, so that every item is read from the data itself and never ticked
by hand. A check is a boolean SQL expression over a pole: `annotate_checks` adds them all to a
queryset of poles in one query, whatever the number of poles (tests/campaigns/test_checklist.py).
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q

from poles.enums import ActionState
from poles.models import Action, Contact, Document, Membership, Objective, Study
from territories.models import KeyFigures

# Key figures are « of the year » when they are at most this many years older than the
# campaign: the ESS observatories publish a year's figures about two years later.
KEY_FIGURES_LAG = 2


@dataclass(frozen=True)
class Outer:
    """Where a check finds the pole and the campaign's year: a queryset of poles (`Pole`,
    the year given), or of fiches (`Fiche`: its pole and its campaign's year)."""

    pole: str = "pk"  # the pole's id in the outer query
    prefix: str = ""  # the path to the pole's fields
    year: object = None  # an int, or an expression of the outer query

    def of_pole(self, model, **conditions):
        return Exists(model.objects.filter(pole=OuterRef(self.pole), **conditions))

    def filled(self, *fields):
        condition = Q()
        for field in fields:
            condition &= Q(**{f"{self.prefix}{field}__isnull": False})
        return models.ExpressionWrapper(condition, output_field=models.BooleanField())

    def recent_key_figures(self):
        """Key figures of the pole's figures territory, or of one of its territories, recent
        for the campaign's year."""
        recent = KeyFigures.objects.filter(year__gte=self.year - KEY_FIGURES_LAG)
        return Exists(
            recent.filter(territory=OuterRef(f"{self.prefix}figures_territory"))
        ) | Exists(recent.filter(territory__poles=OuterRef(self.pole)))


@dataclass(frozen=True)
class Check:
    code: str
    label: str  # what is expected, as the coordinator reads it (« il manque : … »)
    short: str  # the same in a few words, for the lists
    # An `Outer` -> a boolean expression over the pole.
    expression: object
    # What a coordinator cannot fill in: the CRES keeps it (the study, the pole's own figures,
    # the territories' key figures); their page says to ask the CRES.
    kept_by_cres: bool = False


CHECKS = [
    Check(
        "objectives",
        "au moins un objectif",
        "objectifs",
        lambda outer: outer.of_pole(Objective),
    ),
    Check(
        "members",
        "au moins un membre (acteur)",
        "membres",
        lambda outer: outer.of_pole(Membership),
    ),
    Check("contact", "un contact", "contact", lambda outer: outer.of_pole(Contact)),
    Check(
        "study",
        "l'étude de préfiguration, avec sa structure porteuse et sa date de lancement",
        "étude (porteur, lancement)",
        lambda outer: outer.of_pole(Study, carrier__isnull=False, launched_on__isnull=False),
        kept_by_cres=True,
    ),
    Check(
        "study_documents",
        "au moins un document de l'étude de préfiguration",
        "documents de l'étude",
        lambda outer: outer.of_pole(Document, study__isnull=False),
    ),
    Check(
        "statutes",
        "les statuts (document)",
        "statuts",
        lambda outer: outer.of_pole(Document, kind="statutes"),
    ),
    Check(
        "region_convention",
        "la convention avec la Région (document)",
        "convention Région",
        lambda outer: outer.of_pole(Document, kind="convention"),
    ),
    Check(
        "action_plan",
        "le plan d'action (un document ou des actions en projet)",
        "plan d'action",
        lambda outer: (
            outer.of_pole(Document, kind="action_plan")
            | outer.of_pole(Action, state=ActionState.PLANNED)
        ),
    ),
    Check(
        "key_figures",
        f"des chiffres clés du territoire de l'année ou des {KEY_FIGURES_LAG} précédentes",
        "chiffres clés récents",
        lambda outer: outer.recent_key_figures(),
        kept_by_cres=True,
    ),
    Check(
        "means",
        "le budget annuel et le nombre de salariés",
        "budget et salariés",
        lambda outer: outer.filled("budget", "staff_count"),
        kept_by_cres=True,
    ),
]
BY_CODE = {check.code: check for check in CHECKS}
CHOICES = [(check.code, check.label) for check in CHECKS]


def annotation(code):
    return f"check_{code}"


def annotate_checks(poles, year, codes=None):
    """`poles` with one boolean `check_<code>` per check (every check, or those of `codes`)."""
    outer = Outer(year=year)
    return poles.annotate(
        **{annotation(code): BY_CODE[code].expression(outer) for code in (codes or BY_CODE)}
    )


def annotate_fiche_checks(fiches, codes=None):
    """`fiches` (a queryset of `Fiche`) with the checks of each one's pole, for its campaign's
    year: one query whatever the fiches and their campaigns."""
    outer = Outer(pole="pole", prefix="pole__", year=OuterRef("campaign__year"))
    return fiches.annotate(
        **{annotation(code): BY_CODE[code].expression(outer) for code in (codes or BY_CODE)}
    )


def stage_items():
    """{stage: [check codes, in order]}: the CRES's checklist, in one query."""
    from campaigns.models import ChecklistItem

    items = {}
    for stage, item in ChecklistItem.objects.values_list("stage", "item"):
        items.setdefault(stage, []).append(item)
    return items


def missing(annotated, expected):
    """The checks of `expected` (codes, in order) that an annotated pole or fiche fails."""
    return [BY_CODE[code] for code in expected if not getattr(annotated, annotation(code))]
