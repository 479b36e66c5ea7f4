"""Fixtures shared by every test: the Pays de Lorient and the Region's programme."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command

from api.throttling import PerAddress
from funding.enums import FunderKind
from tests.factories import (
    DepartmentFactory,
    FunderFactory,
    ProgrammeFactory,
    RegionFactory,
    TerritoryFactory,
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Every test starts with an empty cache (a test's data is rolled back, a cache is not).
    Pages are rendered uncached, so that the query-count tests measure renders, except
    where a test turns the page cache on (tests/performance/test_page_cache.py)."""
    cache.clear()
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def api_rate_limit_out_of_the_way(monkeypatch):
    """Tests read the API faster than any reuser: its rate limit is tested on its own
    (tests/api/test_api.py), with a rate of its own."""
    monkeypatch.setattr(PerAddress, "THROTTLE_RATES", {"anon": "100000/s"})


@pytest.fixture
def region(db):
    return RegionFactory(name="Bretagne", code="53", slug="bretagne")


@pytest.fixture
def department(region):
    return DepartmentFactory(name="Morbihan", code="56", slug="morbihan", region=region)


@pytest.fixture
def territory(region, department):
    """Bretagne → Morbihan (56) → Pays de Lorient."""
    return TerritoryFactory(
        name="Pays de Lorient", slug="pays-de-lorient", region=region, departments=[department]
    )


@pytest.fixture
def region_funder(region):
    return FunderFactory(
        name="Conseil régional de Bretagne",
        slug="conseil-regional-de-bretagne",
        kind=FunderKind.REGION,
        region=region,
    )


@pytest.fixture
def region_programme(region_funder):
    """The Region's programme, its rules as data: study ≤ 25 000 €, operating aid
    35 000 € a year for at most 3 years per post, 1 or 2 posts."""
    return ProgrammeFactory(
        funder=region_funder,
        name=(
            "Soutien à la création de pôles de développement de l'économie sociale "
            "et solidaire dans les Pays"
        ),
        slug="soutien-creation-poles-ess",
        study_max_amount=Decimal("25000"),
        operating_amount_per_post_year=Decimal("35000"),
        operating_max_years=3,
        operating_min_posts=1,
        operating_max_posts=2,
    )


@pytest.fixture
def seed(db):
    """The seed data (fixtures/seed.json) loaded into the test database, as `make run` does."""
    call_command("loaddata", "seed", verbosity=0)
