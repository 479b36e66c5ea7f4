"""Actors, funders and programmes left the poles' app for their own apps (actors/0001,
funding/0001, poles/0015) without moving a row.

A database as it was before those migrations — the seed, demo data, an account in each of
the three roles, history rows and admin log entries — migrates forward with every row of
every table as it was: only the moved models' content types change their app."""

import hashlib
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actors.models import Actor
from funding.models import Funder, Programme
from poles.roles import CRES, POLE_COORDINATORS, REGION_OFFICERS

BEFORE_THE_MOVE = [
    ("poles", "0014_status_sources_without_staff_logins"),
    ("actors", None),
    ("funding", None),
]
# Just after the move (later migrations change tables of their own).
AFTER_THE_MOVE = [
    ("poles", "0016_order_may_be_left_empty"),
    ("actors", "0001_initial"),
    ("funding", "0001_initial"),
]
MOVED = {
    "actor": "actors",
    "historicalactor": "actors",
    "funder": "funding",
    "historicalfunder": "funding",
    "programme": "funding",
    "historicalprogramme": "funding",
}
# What the migrations themselves write: their own record, and the moved content types.
CHANGED_BY_DESIGN = {"django_migrations", "django_content_type"}


@pytest.fixture
def back_to_head():
    """The test moves the database back and forth: it ends at head for the tests after it."""
    head = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield
    migrate(head)


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()  # ids cached for the models of the other state


def tables():
    """{table: (row count, digest of its rows)} for every table of the database."""
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            found[table] = (len(rows), digest)
    return found


def content_types():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {pk: (app, model) for pk, app, model in cursor.fetchall()}


def grants():
    """(group, app, permission) for every permission of every group."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.name, ct.app_label, p.codename FROM auth_group_permissions gp"
            " JOIN auth_group g ON g.id = gp.group_id"
            " JOIN auth_permission p ON p.id = gp.permission_id"
            " JOIN django_content_type ct ON ct.id = p.content_type_id"
        )
        return set(cursor.fetchall())


def moved(app, model):
    """Where a content type of before the move is after it."""
    return (MOVED[model], model) if app == "poles" and model in MOVED else (app, model)


def moved_grant(group, app, codename):
    model = codename.split("_", 1)[1]  # view_historicalactor → historicalactor
    return group, moved(app, model)[0], codename


def build_the_old_database(django_user_model):
    """What a database holds in use, written with today's models (a database at head: the
    test takes it back to before the move, as a database of that time would be, before
    moving it forward again; today's models cannot write the columns of that time)."""
    call_command("loaddata", "seed", verbosity=0)
    call_command("generate_demo_data", poles=3, actors=40, funding=12, seed=5, stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM auth_group")
        groups = {name: pk for pk, name in cursor.fetchall()}
    assert set(groups) == {CRES, POLE_COORDINATORS, REGION_OFFICERS}
    for number, group in enumerate(groups.values()):
        user = django_user_model.objects.create_user(f"compte-{number}", is_staff=True)
        user.groups.add(group)
    staff = django_user_model.objects.get(username="compte-0")

    # History rows, as an edit in the admin writes them, and the admin's log entries,
    # pointing at the models' content types of that time (app « poles »).
    old_types = {
        model: pk
        for pk, (app, model) in content_types().items()
        if app in ("poles", "actors", "funding")
    }
    for model, name in ((Actor, "actor"), (Funder, "funder"), (Programme, "programme")):
        record = model.objects.order_by("pk").first()
        record._history_user = staff
        record.save()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO django_admin_log (action_time, user_id, content_type_id,"
                " object_id, object_repr, action_flag, change_message)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    "2026-12-01 10:00:00",
                    staff.pk,
                    old_types[name],
                    str(record.pk),
                    str(record)[:200],
                    2,
                    "[]",
                ],
            )


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_migrates_forward_with_every_row(
    migrated_rows, django_user_model, back_to_head
):
    build_the_old_database(django_user_model)
    migrate(BEFORE_THE_MOVE)
    assert ("poles", "actor") in content_types().values()
    before = tables()
    types_before = content_types()
    grants_before = grants()
    assert len(grants_before) > 200
    assert {("poles", "actor"), ("poles", "historicalfunder")} <= {
        (app, model) for app, model in types_before.values()
    }

    migrate(AFTER_THE_MOVE)

    after = tables()
    unchanged = {table: rows for table, rows in before.items() if table not in CHANGED_BY_DESIGN}
    assert {table: after[table] for table in unchanged} == unchanged
    assert before["poles_actor"][0] > 50 and before["poles_historicalactor"][0] > 0
    assert before["django_admin_log"][0] == 3
    # Same content types, same ids: the moved ones under their new app.
    assert content_types() == {pk: moved(*pair) for pk, pair in types_before.items()}
    assert grants() == {moved_grant(*grant) for grant in grants_before}
    # The log entries open the records they name, in the records' new apps.
    edited = {entry.get_edited_object() for entry in LogEntry.objects.all()}
    assert {type(record) for record in edited} == {Actor, Funder, Programme}
