"""Migrations apply forwards on a copy of the seed data: the seed loaded at head, the
database migrated back as far as the seed survives, then forwards to head again (whatever
head is: read from the migration graph) gives back the same records and the same pages."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.backup import write_backup
from tests.core.backup.later_fields import put_back_later_fields, save_later_fields
from tests.www.public import differences, public_urls, read_pages

# As far back as the seed survives: every field it fills exists since each app's first
# migration but the few of later_fields.py (saved, then put back at head), and every later
# migration can be reversed (its data migrations create groups and permissions, or fill
# derived columns, and undo that or nothing). Going to zero would drop the tables, so the seed.
EARLIEST_KEEPING_THE_SEED = [("territories", "0001_initial"), ("poles", "0001_initial")]


def row_counts():
    """The number of rows of every model's table, many-to-many links included."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables
    }


def backed_up_data(path):
    write_backup(path)
    with zipfile.ZipFile(path) as archive:
        return archive.read("donnees.jsonl")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a new one reads the migrations now applied


@pytest.mark.django_db(transaction=True)
def test_migrations_go_back_and_forth_on_the_seed(client, tmp_path, migrated_rows):
    call_command("load_seed", stdout=io.StringIO())
    head = MigrationExecutor(connection).loader.graph.leaf_nodes()
    urls = public_urls()
    pages = read_pages(client, urls)
    counts = row_counts()
    data = backed_up_data(tmp_path / "avant.zip")
    later = save_later_fields()

    executor = migrate(EARLIEST_KEEPING_THE_SEED)
    applied = executor.loader.applied_migrations
    for app, first in EARLIEST_KEEPING_THE_SEED:
        assert sorted(name for label, name in applied if label == app) == [first]
    state = executor.loader.project_state(EARLIEST_KEEPING_THE_SEED).apps
    assert state.get_model("poles", "Pole").objects.count() == counts["poles.Pole"] == 15
    assert state.get_model("poles", "Actor").objects.count() == counts["actors.Actor"]

    executor = migrate(head)
    assert executor.migration_plan(head) == []  # back at head
    put_back_later_fields(later)
    assert row_counts() == counts
    assert backed_up_data(tmp_path / "apres.zip") == data
    assert differences(pages, read_pages(client, urls)) == []
