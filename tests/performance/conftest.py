"""A network at two sizes for the query-count tests, built with bulk inserts.

`national_network` (module scope) builds a small network, lets the tests' module count the
queries of every page on it, then makes it large: hundreds of poles with tens of objectives,
actions, members and funding lines each, thousands of actors, and many more rows on the very
records the pages show (the first pole, actor, territory). Everything happens in one
transaction rolled back at the end of the module: the other tests never see these rows.
"""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils.text import slugify

from actors.enums import ActorKind
from actors.models import Actor
from funding.enums import FunderKind, FundingKind, FundingStatus
from poles.enums import ActionState, MembershipRole, PoleStatus, StrengthKind
from poles.models import Pole, Study
from poles.search import refresh_search_documents
from territories.models import Territory
from tests.factories import (
    ActionFactory,
    ActorFactory,
    ContactFactory,
    DepartmentFactory,
    DifficultyFactory,
    DocumentFactory,
    FunctionFactory,
    FunderFactory,
    FundingLineFactory,
    KeyFiguresFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    PoleNetworkFactory,
    ProgrammeFactory,
    RegionFactory,
    StatusChangeFactory,
    StrengthFactory,
    StudyFactory,
    TerritoryFactory,
    create_in_bulk,
)
from tests.prerequisites import require_program

STATUSES = list(PoleStatus)
ACTOR_KINDS = list(ActorKind)
ROLES = list(MembershipRole)
FUNDING_KINDS = list(FundingKind)
FUNDING_STATUSES = list(FundingStatus)
UNKNOWN = FundingStatus.UNKNOWN


def named(prefix, number):
    name = f"{prefix} {number:05}"
    return {"name": name, "slug": slugify(name)}


class NetworkBuilder:
    """Adds poles, actors and funding lines in bulk; names are numbered, so slugs are known
    in advance: `pole-00000`, `acteur-00000`, `pays-00000`, the first of each.

    Rows come from the factories (tests/factories.py): only what the pages and filters
    need is given here; related records are always passed, so building runs no query."""

    def __init__(self):
        self.next = {"pole": 0, "actor": 0, "territory": 0}
        regions = create_in_bulk(
            RegionFactory,
            [
                dict(name="Région A", code="R1", slug="region-a"),
                dict(name="Région B", code="R2", slug="region-b"),
            ],
        )
        self.departments = create_in_bulk(
            DepartmentFactory,
            (
                dict(
                    name=f"Département {n}",
                    code=f"D{n}",
                    slug=f"departement-{n}",
                    region=regions[n % 2],
                )
                for n in range(4)
            ),
        )
        (self.region_territory,) = create_in_bulk(
            TerritoryFactory,
            [
                dict(
                    name="Région A entière",
                    slug="region-a-entiere",
                    kind=Territory.Kind.REGION,
                    region=regions[0],
                )
            ],
        )
        create_in_bulk(
            KeyFiguresFactory,
            [
                dict(
                    territory=self.region_territory,
                    year=2010,
                    source="Observatoire",
                    establishments=9000,
                )
            ],
        )
        self.functions = create_in_bulk(
            FunctionFactory, (dict(name=f"Fonction {n}") for n in range(3))
        )
        funders = create_in_bulk(
            FunderFactory,
            (
                dict(
                    name=f"Financeur {n}",
                    slug=f"financeur-{n}",
                    kind=FunderKind.REGION,
                    region=None,
                )
                for n in range(8)
            ),
        )
        self.programmes = create_in_bulk(
            ProgrammeFactory,
            (
                dict(
                    funder=funders[n],
                    name=f"Programme {n}",
                    slug=f"programme-{n}",
                    region_rules=True,
                )
                for n in range(4)
            ),
        )
        self.funders = funders
        self.networks = create_in_bulk(
            ActorFactory, (dict(**named("Réseau", n), kind=ActorKind.NETWORK) for n in range(3))
        )

    def _numbers(self, what, count):
        start = self.next[what]
        self.next[what] += count
        return range(start, start + count)

    def territories(self, count):
        territories = create_in_bulk(
            TerritoryFactory,
            (
                dict(
                    **named("Pays", n),
                    kind=Territory.Kind.PAYS,
                    region=self.departments[n % 4].region,
                )
                for n in self._numbers("territory", count)
            ),
        )
        # A join table, with no factory of its own.
        through = Territory.departments.through
        through.objects.bulk_create(
            through(territory_id=territory.pk, department_id=self.departments[n % 4].pk)
            for n, territory in enumerate(territories)
        )
        create_in_bulk(
            KeyFiguresFactory,
            (
                dict(
                    territory=territory,
                    year=year,
                    source="Observatoire régional de l'ESS",
                    establishments=700,
                    salaried_jobs=7500,
                )
                for territory in territories
                for year in (2008, 2010)
            ),
            one_build=True,
        )
        return territories

    def actors(self, count, territories):
        return create_in_bulk(
            ActorFactory,
            (
                dict(
                    **named("Acteur", n),
                    acronym=f"A{n}",
                    kind=ACTOR_KINDS[n % len(ACTOR_KINDS)],
                    description="Une structure de l'économie sociale et solidaire.",
                    website=f"acteur-{n}.example.org",
                    territory=territories[n % len(territories)],
                    founded_on=datetime.date(1990 + n % 20, 1, 1),
                )
                for n in self._numbers("actor", count)
            ),
            one_build=True,
        )

    def poles(self, territories, carriers):
        """One pole per territory, each with one of every related row."""
        poles = create_in_bulk(
            PoleFactory,
            (
                dict(
                    **named("Pôle", n),
                    full_name=f"Pôle de développement de l'ESS {n}",
                    status=STATUSES[n % len(STATUSES)],
                    figures_territory=self.region_territory if n % 7 == 0 else None,
                    created_on=datetime.date(2000 + n % 10, 5, 1),
                    carrying_structure=carriers[n % len(carriers)],
                    purpose="Coopérer sur le territoire.",
                    motivations="",
                    actors_count=100,
                    actors_count_is_approximate=n % 2 == 0,
                )
                for n in self._numbers("pole", len(territories))
            ),
        )
        # Join tables, with no factory of their own.
        Pole.territories.through.objects.bulk_create(
            Pole.territories.through(pole_id=pole.pk, territory_id=territory.pk)
            for pole, territory in zip(poles, territories, strict=True)
        )
        Pole.functions.through.objects.bulk_create(
            Pole.functions.through(pole_id=pole.pk, function_id=function.pk)
            for pole in poles
            for function in self.functions
        )
        create_in_bulk(
            PoleNetworkFactory, (dict(pole=pole, network=self.networks[0]) for pole in poles)
        )
        studies = create_in_bulk(
            StudyFactory,
            (dict(pole=pole, carrier=carriers[0], methodology="") for pole in poles),
        )
        create_in_bulk(
            ObjectiveFactory,
            (
                dict(pole=study.pole, study=study, title="Mesurer les besoins", order=0)
                for study in studies
            ),
        )
        create_in_bulk(
            DocumentFactory,
            (dict(pole=study.pole, study=study, title="Rapport d'étude") for study in studies),
        )
        create_in_bulk(
            ContactFactory,
            (
                dict(pole=pole, full_name="Camille Martin", email="camille@example.org")
                for pole in poles
            ),
        )
        for pole in poles:
            self.content(pole, 1)
        return poles

    def content(self, pole, count):
        """`count` objectives, actions, difficulties, strengths, status changes, documents."""
        create_in_bulk(
            ObjectiveFactory,
            (
                dict(pole=pole, title=f"Structurer le réseau des acteurs {n}", order=n)
                for n in range(count)
            ),
            one_build=True,
        )
        create_in_bulk(
            ActionFactory,
            (
                dict(
                    pole=pole,
                    state=[ActionState.DONE, ActionState.PLANNED][n % 2],
                    title=f"Forum de l'ESS {n}",
                    details="",
                    order=n,
                )
                for n in range(2 * count)
            ),
            one_build=True,
        )
        create_in_bulk(
            DifficultyFactory,
            (dict(pole=pole, text=f"Difficulté {n}", order=n) for n in range(count)),
            one_build=True,
        )
        create_in_bulk(
            StrengthFactory,
            (
                dict(pole=pole, kind=list(StrengthKind)[n % 2], text=f"Atout {n}", order=n)
                for n in range(2 * count)
            ),
            one_build=True,
        )
        create_in_bulk(
            StatusChangeFactory,
            (
                dict(pole=pole, status=STATUSES[n % len(STATUSES)], note=f"Étape {n}")
                for n in range(count)
            ),
            one_build=True,
        )
        create_in_bulk(
            DocumentFactory,
            (
                dict(pole=pole, title=f"Compte rendu {n}", url="https://example.org/cr.pdf")
                for n in range(count)
            ),
            one_build=True,
        )

    def memberships(self, pairs):
        """(pole, actor) pairs, each with a role taken in turn."""
        roles = itertools.cycle(ROLES)
        create_in_bulk(
            MembershipFactory,
            (dict(pole=pole, actor=actor, role=next(roles)) for pole, actor in pairs),
            one_build=True,
        )

    def funding_lines(self, poles, count):
        create_in_bulk(
            FundingLineFactory,
            (
                dict(
                    pole=poles[n % len(poles)],
                    programme=self.programmes[n % 4] if n % 2 == 0 else None,
                    funder=self.funders[n % 8],
                    kind=FUNDING_KINDS[n % len(FUNDING_KINDS)],
                    status=FUNDING_STATUSES[n % len(FUNDING_STATUSES)],
                    # A line of unknown state has no amount (a constraint).
                    amount=None
                    if n % 10 == 9 or FUNDING_STATUSES[n % len(FUNDING_STATUSES)] == UNKNOWN
                    else Decimal(1000 * (n % 40 + 1)),
                    start_year=2005 + n % 8,
                    end_year=2005 + n % 8 + n % 3,
                    posts=1 + n % 2,
                )
                for n in range(count)
            ),
            one_build=True,
        )


def build_small(builder):
    """21 of each listed thing (a page and one more), one of each related row per pole."""
    territories = builder.territories(21)
    actors = builder.actors(21, territories)
    poles = builder.poles(territories, actors)
    builder.memberships(zip(poles, actors, strict=True))
    builder.memberships([(poles[1], actors[0])])
    builder.funding_lines(poles, 21)
    refresh_search_documents()  # bulk writes send no signal


def build_large(builder):
    """Hundreds of poles, thousands of actors and lines, and tens of rows on the first ones."""
    territories = builder.territories(300)
    actors = builder.actors(5000, territories)
    poles = builder.poles(territories, actors[:50])
    for pole in poles:
        builder.content(pole, 10)
    builder.memberships(
        (pole, actors[(20 * n + k) % len(actors)])
        for n, pole in enumerate(poles)
        for k in range(20)
    )
    builder.funding_lines(poles, 3000)
    refresh_search_documents()  # bulk writes send no signal
    # The records the tests' pages show, now with many more rows each.
    first_pole = Pole.objects.get(slug="pole-00000")
    first_actor = Actor.objects.get(slug="acteur-00000")
    first_territory = Territory.objects.get(slug="pays-00000")
    builder.content(first_pole, 50)
    builder.memberships((first_pole, actor) for actor in actors[:200])
    builder.memberships((pole, first_actor) for pole in poles[:100])
    builder.funding_lines([first_pole], 100)
    Actor.objects.filter(pk__in=[actor.pk for actor in actors[:500]]).update(
        territory=first_territory
    )
    Pole.territories.through.objects.bulk_create(
        Pole.territories.through(pole_id=pole.pk, territory_id=first_territory.pk)
        for pole in poles[:5]
    )
    Study.objects.filter(pole__in=poles[:50]).update(carrier=first_actor)
    Pole.objects.filter(pk__in=[pole.pk for pole in poles[:50]]).update(
        carrying_structure=first_actor
    )
    create_in_bulk(
        PoleNetworkFactory, (dict(pole=pole, network=first_actor) for pole in poles[:50])
    )
    create_in_bulk(
        KeyFiguresFactory,
        (
            dict(
                territory=first_territory,
                year=year,
                source="Recensement",
            )
            for year in range(1950, 2000)
        ),
    )


@pytest.fixture(scope="module")
def national_network(django_db_setup, django_db_blocker):
    """Yields `grow()`: the network is small until it is called, large after. Rolled back at
    the end of the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            builder = NetworkBuilder()
            build_small(builder)
            yield lambda: build_large(builder)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def hey_installed():
    """The load generator of `make bench` and `make load`: skipped without it, failed in CI."""
    require_program("hey")
