# The `q` of /acteurs/ (poles/filters/actor.py) looks for a piece of the name or acronym:
# `UPPER(name) LIKE UPPER('%…%')`, which no ordinary index serves. PostgreSQL only: trigram
# (pg_trgm) GIN indexes on exactly these expressions, so that a search among 200 000 actors
# reads the index rather than every row. SQLite cannot index such a search; the model's
# state does not change (the indexes are not in Actor.Meta.indexes: SQLite has no GIN).

from django.db import migrations

INDEXED = {"actor_name_trgm": "name", "actor_acronym_trgm": "acronym"}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for index, column in INDEXED.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON poles_actor "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):

    dependencies = [
        ("poles", "0009_demo_data_and_indexes"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
