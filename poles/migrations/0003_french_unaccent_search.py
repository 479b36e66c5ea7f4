# The `french_unaccent` text search configuration of poles/search.py: French stemming with
# accents ignored ("reseau" finds "réseaux"). PostgreSQL only: on SQLite both operations do
# nothing (the search falls back to the `unaccent` function of core/sqlite_functions.py).

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE_CONFIGURATION = [
    "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
]
DROP_CONFIGURATION = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent"]


class UnaccentExtensionOnPostgreSQL(UnaccentExtension):
    """Django's CreateExtension does nothing on other databases when applied, but queries
    pg_extension when unapplied (an error on SQLite): skip that too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def execute_on_postgresql(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create_configuration(apps, schema_editor):
    execute_on_postgresql(schema_editor, CREATE_CONFIGURATION)


def drop_configuration(apps, schema_editor):
    execute_on_postgresql(schema_editor, DROP_CONFIGURATION)


class Migration(migrations.Migration):

    dependencies = [
        ('poles', '0002_pole_updated_at'),
    ]

    operations = [
        UnaccentExtensionOnPostgreSQL(),
        migrations.RunPython(create_configuration, drop_configuration),
    ]
