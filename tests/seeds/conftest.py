import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The seed data (fixtures/seed.json) loaded into the test database, as `make run` does."""
    call_command("loaddata", "seed", verbosity=0)
