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


def of_pole(model, **conditions):
    return Exists(model.objects.filter(pole=OuterRef("pk"), **conditions))


def filled(*fields):
    condition = Q()
    for field in fields:
        condition &= Q(**{f"{field}__isnull": False})
    return models.ExpressionWrapper(condition, output_field=models.BooleanField())


def recent_key_figures(year):
    """Key figures of the pole's figures territory, or of one of its territories, recent for
    the campaign's year."""
    recent = KeyFigures.objects.filter(year__gte=year - KEY_FIGURES_LAG)
    return Exists(recent.filter(territory=OuterRef("figures_territory"))) | Exists(
        recent.filter(territory__poles=OuterRef("pk"))
    )


@dataclass(frozen=True)
class Check:
    code: str
    label: str  # what is expected, as the coordinator reads it (« il manque : … »)
    # The year of the campaign -> a boolean expression over a pole.
    expression: object

    def sql(self, year):
        return self.expression(year)


CHECKS = [
    Check("objectives", "au moins un objectif", lambda year: of_pole(Objective)),
    Check("members", "au moins un membre (acteur)", lambda year: of_pole(Membership)),
    Check("contact", "un contact", lambda year: of_pole(Contact)),
    Check(
        "study",
        "l'étude de préfiguration, avec sa structure porteuse et sa date de lancement",
        lambda year: of_pole(Study, carrier__isnull=False, launched_on__isnull=False),
    ),
    Check(
        "study_documents",
        "au moins un document de l'étude de préfiguration",
        lambda year: of_pole(Document, study__isnull=False),
    ),
    Check("statutes", "les statuts (document)", lambda year: of_pole(Document, kind="statutes")),
    Check(
        "region_convention",
        "la convention avec la Région (document)",
        lambda year: of_pole(Document, kind="convention"),
    ),
    Check(
        "action_plan",
        "le plan d'action (un document ou des actions en projet)",
        lambda year: (
            of_pole(Document, kind="action_plan") | of_pole(Action, state=ActionState.PLANNED)
        ),
    ),
    Check(
        "key_figures",
        f"des chiffres clés du territoire de l'année ou des {KEY_FIGURES_LAG} précédentes",
        recent_key_figures,
    ),
    Check(
        "means",
        "le budget annuel et le nombre de salariés",
        lambda year: filled("budget", "staff_count"),
    ),
]
BY_CODE = {check.code: check for check in CHECKS}
CHOICES = [(check.code, check.label) for check in CHECKS]


def annotation(code):
    return f"check_{code}"


def annotate_checks(poles, year, codes=None):
    """`poles` with one boolean `check_<code>` per check (every check, or those of `codes`)."""
    return poles.annotate(
        **{annotation(code): BY_CODE[code].sql(year) for code in (codes or BY_CODE)}
    )


def missing(pole, expected):
    """The checks of `expected` (codes, in order) that an annotated pole fails."""
    return [BY_CODE[code] for code in expected if not getattr(pole, annotation(code))]
