from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader

# The migrations that create or move rows: the roles' groups and their permissions, and the
# content types of the models that left poles (which carry those permissions), the
# campaigns' checklist.
ROW_MIGRATIONS = (
    ("territories", "0002_region_officers_group"),
    ("territories", "0004_region_officers_view_history"),
    ("poles", "0007_cres_and_coordinator_groups"),
    ("actors", "0001_initial"),
    ("funding", "0001_initial"),
    ("campaigns", "0003_checklist_and_roles"),
    ("poles", "0020_territory_parts_roles"),
)


@pytest.fixture
def migrated_rows(transactional_db):
    """The rows migrations create, as a freshly migrated database has them: the flush after
    an earlier transactional test removed them. Their functions run again in order, each on
    the models as they were then (they are idempotent)."""
    loader = MigrationLoader(connection)
    for key in ROW_MIGRATIONS:
        state = loader.project_state(key, at_end=True).apps
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython):
                operation.code(state, SimpleNamespace(connection=connection))
