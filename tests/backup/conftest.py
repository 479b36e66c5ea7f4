import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations import RunPython

# The migrations that create rows (the roles' groups and their permissions).
ROW_MIGRATIONS = (
    "territories.migrations.0002_region_officers_group",
    "territories.migrations.0004_region_officers_view_history",
    "poles.migrations.0007_cres_and_coordinator_groups",
)


@pytest.fixture
def migrated_rows(transactional_db):
    """The rows migrations create, as a freshly migrated database has them: the flush after
    an earlier transactional test removed them (their functions are idempotent)."""
    for name in ROW_MIGRATIONS:
        migration = importlib.import_module(name)
        for operation in migration.Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, SimpleNamespace(connection=connection))
