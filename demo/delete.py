"""Delete the demo data (`manage.py generate_demo_data --delete`), and nothing else.

The demo roots are the records with `is_demo` set: regions, departments, territories,
actors, poles, funders. Everything else the generator writes belongs to one of them: a
pole's objectives, actions, memberships, funding lines…, a territory's key figures, a
funder's programmes. They go with their root, as the models' `on_delete` says:

- CASCADE: deleted with the root (a real pole's link to a demo territory goes too);
- SET_NULL: a real record pointing to a demo one loses the link (a real actor placed in a
  demo territory keeps existing, without territory);
- PROTECT: a real record that needs a demo one (a real pole's member that is a demo actor,
  a real funding line from a demo funder) stops the deletion before anything is deleted,
  with a French message saying what to change first.

Deletes are single SQL statements per table (`QuerySet._raw_delete`), children first.
`QuerySet.delete()` would load every row and send a signal for each one, and
django-simple-history would then write a history row per deleted record: hundreds of
thousands of queries for demo records that never had any history. The database's own
foreign keys still check the result when the transaction commits.
"""

from django.db.models import Q

from actors.models import Actor
from campaigns.models import Fiche, FicheEvent, YearlyFiche
from funding.models import Funder, Programme
from poles.models import (
    POLE_PARTS,
    Contact,
    Document,
    FundingLine,
    Membership,
    Objective,
    Pole,
    PoleNetwork,
    Study,
)
from poles.search import refresh_search_documents
from territories.models import Department, KeyFigures, Region, Territory, TerritoryPart


class DemoDataInUse(Exception):
    """Real records depend on demo ones; the message says which, in French."""


DEMO_POLE = Q(pole__is_demo=True)
DEMO_STUDY = Q(study__pole__is_demo=True)
DEMO_PROGRAMME = Q(programme__funder__is_demo=True)

# Real records that a demo record may not be deleted from under (on_delete=PROTECT).
PROTECTED = [
    (
        Membership,
        Q(actor__is_demo=True, pole__is_demo=False),
        "participation(s) d'un acteur de démonstration à un pôle réel",
    ),
    (
        PoleNetwork,
        Q(network__is_demo=True, pole__is_demo=False),
        "réseau(x) de démonstration indiqué(s) pour un pôle réel",
    ),
    (
        FundingLine,
        (Q(funder__is_demo=True) | DEMO_PROGRAMME) & Q(pole__is_demo=False),
        "ligne(s) de financement d'un pôle réel par un financeur de démonstration",
    ),
    (
        Funder,
        (Q(region__is_demo=True) | Q(department__is_demo=True)) & Q(is_demo=False),
        "financeur(s) réel(s) rattaché(s) à une région ou un département de démonstration",
    ),
    (
        Department,
        Q(region__is_demo=True, is_demo=False),
        "département(s) réel(s) dans une région de démonstration",
    ),
    (
        Territory,
        Q(region__is_demo=True, is_demo=False),
        "territoire(s) réel(s) dans une région de démonstration",
    ),
]

# Real records that lose their link to a demo record (on_delete=SET_NULL).
UNLINKED = [
    (Pole, Q(carrying_structure__is_demo=True, is_demo=False), "carrying_structure"),
    (Pole, Q(figures_territory__is_demo=True, is_demo=False), "figures_territory"),
    (Study, Q(carrier__is_demo=True) & ~DEMO_POLE, "carrier"),
    (Actor, Q(territory__is_demo=True, is_demo=False), "territory"),
    (YearlyFiche, Q(fiche__pole__is_demo=True) & ~DEMO_POLE, "fiche"),
]

# The pole's parts that may also belong to a demo study or programme; the others are a demo
# pole's.
PART_OF_DEMO = {
    FundingLine: DEMO_POLE | DEMO_STUDY,
    Document: DEMO_POLE | DEMO_STUDY | DEMO_PROGRAMME,
    Contact: DEMO_POLE | DEMO_PROGRAMME,
    Objective: DEMO_POLE | DEMO_STUDY,
}

# Everything deleted, children before what they point to (a study after the parts that may
# point to it: their conditions read it).
DELETED = [
    (Pole.territories.through, DEMO_POLE | Q(territory__is_demo=True)),
    (Pole.functions.through, DEMO_POLE),
    (Pole.coordinators.through, DEMO_POLE),
    (Territory.departments.through, Q(territory__is_demo=True) | Q(department__is_demo=True)),
    *(
        (part, PART_OF_DEMO.get(part, DEMO_POLE))
        for part in sorted(POLE_PARTS, key=lambda part: part is Study)
    ),
    # A demo pole's fiches in the campaigns, their log and their published copies.
    (FicheEvent, Q(fiche__pole__is_demo=True)),
    (YearlyFiche, DEMO_POLE),
    (Fiche, DEMO_POLE),
    (Pole, Q(is_demo=True)),
    (Actor, Q(is_demo=True)),
    (KeyFigures, Q(territory__is_demo=True)),
    (TerritoryPart, Q(territory__is_demo=True)),
    (Programme, Q(funder__is_demo=True)),
    (Funder, Q(is_demo=True)),
    (Territory, Q(is_demo=True)),
    (Department, Q(is_demo=True)),
    (Region, Q(is_demo=True)),
]


def check_not_in_use():
    """Raise DemoDataInUse if real records need demo ones (on_delete=PROTECT)."""
    problems = []
    for model, condition, what in PROTECTED:
        blocking = model.objects.filter(condition)
        examples = list(blocking[:2])
        if examples:
            named = " ; ".join(f"« {example} »" for example in examples)
            problems.append(f"{blocking.count()} {what} (par exemple {named})")
    if problems:
        raise DemoDataInUse(
            "Suppression refusée : des fiches qui ne sont pas des données de démonstration "
            "en dépendent. Modifiez-les d'abord dans l'administration :\n- " + "\n- ".join(problems)
        )


def delete_demo_data():
    """Delete the demo data; returns {model: number of rows deleted}, in deletion order.

    Run it in a transaction: it raises DemoDataInUse before deleting anything when real
    records depend on demo ones."""
    check_not_in_use()
    # Real poles whose search documents name demo actors (carrying structure, study carrier)
    # or hold a demo study's objectives; _raw_delete and update() send no signal.
    real_poles = list(
        Pole.objects.filter(is_demo=False)
        .filter(
            Q(carrying_structure__is_demo=True)
            | Q(pk__in=Study.objects.filter(carrier__is_demo=True).values("pole_id"))
            | Q(pk__in=Objective.objects.filter(DEMO_STUDY).values("pole_id"))
        )
        .values_list("pk", flat=True)
    )
    for model, condition, field in UNLINKED:
        model.objects.filter(condition).update(**{field: None})
    deleted = {}
    for model, condition in DELETED:
        queryset = model.objects.filter(condition)
        deleted[model] = queryset._raw_delete(queryset.db)
    refresh_search_documents(real_poles)
    return deleted
