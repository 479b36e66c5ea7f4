# The search document of each pole (poles/search/document.py), stored rather than built by
# every search:
#
# - `Pole.search_text`, on every database: the pole's searched texts, unaccented and
#   lowercased; filled here for the existing poles.
# - PostgreSQL only: `search_vector`, a stored generated column
#   `to_tsvector('french_unaccent', search_text)` (the configuration of migration 0003) with
#   a GIN index. The database rewrites it whenever `search_text` is written, so nothing else
#   maintains it. It is not in the model's state (SQLite has neither tsvector nor GIN), like
#   the trigram indexes of migration 0010.

from django.db import migrations, models

from core.sqlite_functions import unaccent

BATCH_SIZE = 200

# As poles/search/document.py reads them (a copy: a migration keeps doing what it did).
POLE_FIELDS = ("name", "full_name", "carrying_structure__name", "carrying_structure__acronym")
RELATED_FIELDS = (
    ("Objective", ("title", "details")),
    ("Action", ("title", "details")),
    ("Difficulty", ("text",)),
    ("Strength", ("text",)),
    ("Membership", ("actor__name", "actor__acronym")),
    ("Study", ("carrier__name", "carrier__acronym")),
)

ADD_VECTOR = [
    "ALTER TABLE poles_pole ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('french_unaccent'::regconfig, search_text)) STORED",
    "CREATE INDEX pole_search_vector ON poles_pole USING gin (search_vector)",
]
DROP_VECTOR = [
    "DROP INDEX IF EXISTS pole_search_vector",
    "ALTER TABLE poles_pole DROP COLUMN IF EXISTS search_vector",
]


def fill_documents(apps, schema_editor):
    using = schema_editor.connection.alias
    Pole = apps.get_model("poles", "Pole")
    poles = Pole.objects.using(using).order_by("pk")
    rows = list(poles.values_list("pk", *POLE_FIELDS)[:BATCH_SIZE])
    while rows:
        texts = {pk: list(own) for pk, *own in rows}
        for model_name, fields in RELATED_FIELDS:
            related = (
                apps.get_model("poles", model_name)
                .objects.using(using)
                .filter(pole_id__in=list(texts))
                .order_by("pole_id", "pk")
                .values_list("pole_id", *fields)
            )
            for pole_id, *values in related:
                texts[pole_id].extend(values)
        documents = [
            Pole(pk=pk, search_text=unaccent(" ".join(text for text in values if text)))
            for pk, values in texts.items()
        ]
        Pole.objects.using(using).bulk_update(documents, ["search_text"], batch_size=BATCH_SIZE)
        rows = list(poles.filter(pk__gt=rows[-1][0]).values_list("pk", *POLE_FIELDS)[:BATCH_SIZE])


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ADD_VECTOR:
            schema_editor.execute(statement)


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP_VECTOR:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("poles", "0010_actor_name_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="pole",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="texte de recherche"
            ),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        migrations.RunPython(add_vector, drop_vector),
    ]
