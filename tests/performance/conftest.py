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
from core.fuzzy_dates import DatePrecision
from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.enums import (
    ActionState,
    MembershipRole,
    NetworkMembershipStatus,
    PoleStatus,
    StrengthKind,
    StudyStatus,
)
from poles.models import (
    Action,
    Contact,
    Difficulty,
    Document,
    Function,
    FundingLine,
    Membership,
    Objective,
    Pole,
    PoleNetwork,
    StatusChange,
    Strength,
    Study,
)
from poles.search import refresh_search_documents
from territories.models import Department, KeyFigures, Region, Territory
from tests.prerequisites import require_program

STATUSES = list(PoleStatus)
ACTOR_KINDS = list(ActorKind)
ROLES = list(MembershipRole)
FUNDING_KINDS = list(FundingKind)
FUNDING_STATUSES = list(FundingStatus)


def named(prefix, number):
    name = f"{prefix} {number:05}"
    return {"name": name, "slug": slugify(name)}


class NetworkBuilder:
    """Adds poles, actors and funding lines in bulk; names are numbered, so slugs are known
    in advance: `pole-00000`, `acteur-00000`, `pays-00000`, the first of each."""

    def __init__(self):
        self.next = {"pole": 0, "actor": 0, "territory": 0}
        regions = Region.objects.bulk_create(
            [
                Region(name="Région A", code="R1", slug="region-a"),
                Region(name="Région B", code="R2", slug="region-b"),
            ]
        )
        self.departments = Department.objects.bulk_create(
            Department(
                name=f"Département {n}",
                code=f"D{n}",
                slug=f"departement-{n}",
                region=regions[n % 2],
            )
            for n in range(4)
        )
        self.region_territory = Territory.objects.create(
            name="Région A entière",
            slug="region-a-entiere",
            kind=Territory.Kind.REGION,
            region=regions[0],
        )
        KeyFigures.objects.create(
            territory=self.region_territory, year=2010, source="Observatoire", establishments=9000
        )
        self.functions = Function.objects.bulk_create(
            Function(name=f"Fonction {n}") for n in range(3)
        )
        funders = Funder.objects.bulk_create(
            Funder(name=f"Financeur {n}", slug=f"financeur-{n}", kind=FunderKind.REGION)
            for n in range(8)
        )
        self.programmes = Programme.objects.bulk_create(
            Programme(
                funder=funders[n],
                name=f"Programme {n}",
                slug=f"programme-{n}",
                study_max_amount=Decimal(25000),
                operating_amount_per_post_year=Decimal(35000),
                operating_max_years=3,
                operating_min_posts=1,
                operating_max_posts=2,
            )
            for n in range(4)
        )
        self.funders = funders
        self.networks = Actor.objects.bulk_create(
            Actor(**named("Réseau", n), kind=ActorKind.NETWORK) for n in range(3)
        )

    def _numbers(self, what, count):
        start = self.next[what]
        self.next[what] += count
        return range(start, start + count)

    def territories(self, count):
        territories = Territory.objects.bulk_create(
            Territory(
                **named("Pays", n),
                kind=Territory.Kind.PAYS,
                region=self.departments[n % 4].region,
            )
            for n in self._numbers("territory", count)
        )
        through = Territory.departments.through
        through.objects.bulk_create(
            through(territory_id=territory.pk, department_id=self.departments[n % 4].pk)
            for n, territory in enumerate(territories)
        )
        KeyFigures.objects.bulk_create(
            KeyFigures(
                territory=territory,
                year=year,
                source="Observatoire régional de l'ESS",
                establishments=700,
                salaried_jobs=7500,
                salaried_jobs_share=Decimal("11.5"),
                associations=560,
                cooperatives=35,
            )
            for territory in territories
            for year in (2008, 2010)
        )
        return territories

    def actors(self, count, territories):
        return Actor.objects.bulk_create(
            Actor(
                **named("Acteur", n),
                acronym=f"A{n}",
                kind=ACTOR_KINDS[n % len(ACTOR_KINDS)],
                description="Une structure de l'économie sociale et solidaire.",
                website=f"acteur-{n}.example.org",
                territory=territories[n % len(territories)],
                founded_on=datetime.date(1990 + n % 20, 1, 1),
                founded_on_precision=DatePrecision.YEAR,
            )
            for n in self._numbers("actor", count)
        )

    def poles(self, territories, carriers):
        """One pole per territory, each with one of every related row."""
        poles = Pole.objects.bulk_create(
            Pole(
                **named("Pôle", n),
                full_name=f"Pôle de développement de l'ESS {n}",
                status=STATUSES[n % len(STATUSES)],
                figures_territory=self.region_territory if n % 7 == 0 else None,
                created_on=datetime.date(2000 + n % 10, 5, 1),
                created_on_precision=DatePrecision.MONTH,
                carrying_structure=carriers[n % len(carriers)],
                purpose="Coopérer sur le territoire.",
                actors_count=100,
                actors_count_is_approximate=n % 2 == 0,
                budget=Decimal(60000),
            )
            for n in self._numbers("pole", len(territories))
        )
        Pole.territories.through.objects.bulk_create(
            Pole.territories.through(pole_id=pole.pk, territory_id=territory.pk)
            for pole, territory in zip(poles, territories, strict=True)
        )
        Pole.functions.through.objects.bulk_create(
            Pole.functions.through(pole_id=pole.pk, function_id=function.pk)
            for pole in poles
            for function in self.functions
        )
        PoleNetwork.objects.bulk_create(
            PoleNetwork(pole=pole, network=self.networks[0], status=NetworkMembershipStatus.MEMBER)
            for pole in poles
        )
        studies = Study.objects.bulk_create(
            Study(
                pole=pole,
                title=f"Étude de préfiguration du {pole.name}",
                carrier=carriers[0],
                status=StudyStatus.FINISHED,
                launched_on=datetime.date(2008, 10, 1),
                launched_on_precision=DatePrecision.MONTH,
            )
            for pole in poles
        )
        Objective.objects.bulk_create(
            Objective(pole=study.pole, study=study, title="Mesurer les besoins")
            for study in studies
        )
        Document.objects.bulk_create(
            Document(pole=study.pole, study=study, title="Rapport d'étude") for study in studies
        )
        Contact.objects.bulk_create(
            Contact(pole=pole, full_name="Camille Martin", email="camille@example.org")
            for pole in poles
        )
        for pole in poles:
            self.content(pole, 1)
        return poles

    def content(self, pole, count):
        """`count` objectives, actions, difficulties, strengths, status changes, documents."""
        Objective.objects.bulk_create(
            Objective(pole=pole, title=f"Structurer le réseau des acteurs {n}", order=n)
            for n in range(count)
        )
        Action.objects.bulk_create(
            Action(
                pole=pole,
                state=[ActionState.DONE, ActionState.PLANNED][n % 2],
                title=f"Forum de l'ESS {n}",
                date=datetime.date(2009, 10, 7),
                order=n,
            )
            for n in range(2 * count)
        )
        Difficulty.objects.bulk_create(
            Difficulty(pole=pole, text=f"Difficulté {n}", order=n) for n in range(count)
        )
        Strength.objects.bulk_create(
            Strength(pole=pole, kind=list(StrengthKind)[n % 2], text=f"Atout {n}", order=n)
            for n in range(2 * count)
        )
        StatusChange.objects.bulk_create(
            StatusChange(pole=pole, status=STATUSES[n % len(STATUSES)], note=f"Étape {n}")
            for n in range(count)
        )
        Document.objects.bulk_create(
            Document(pole=pole, title=f"Compte rendu {n}", url="https://example.org/cr.pdf")
            for n in range(count)
        )

    def memberships(self, pairs):
        """(pole, actor) pairs, each with a role taken in turn."""
        roles = itertools.cycle(ROLES)
        Membership.objects.bulk_create(
            Membership(
                pole=pole,
                actor=actor,
                role=next(roles),
                started_on=datetime.date(2009, 1, 1),
                started_on_precision=DatePrecision.YEAR,
            )
            for pole, actor in pairs
        )

    def funding_lines(self, poles, count):
        FundingLine.objects.bulk_create(
            FundingLine(
                pole=poles[n % len(poles)],
                programme=self.programmes[n % 4] if n % 2 == 0 else None,
                funder=self.funders[n % 8],
                kind=FUNDING_KINDS[n % len(FUNDING_KINDS)],
                status=FUNDING_STATUSES[n % len(FUNDING_STATUSES)],
                amount=None if n % 10 == 9 else Decimal(1000 * (n % 40 + 1)),
                start_year=2005 + n % 8,
                end_year=2005 + n % 8 + n % 3,
                posts=1 + n % 2,
            )
            for n in range(count)
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
    PoleNetwork.objects.bulk_create(
        PoleNetwork(pole=pole, network=first_actor, status=NetworkMembershipStatus.MEMBER)
        for pole in poles[:50]
    )
    for year in range(1950, 2000):
        KeyFigures.objects.create(territory=first_territory, year=year, source="Recensement")


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
