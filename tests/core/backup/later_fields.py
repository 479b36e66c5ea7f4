"""Fields the seed fills that a migration added after the oldest state the backup tests go
back to: going back drops them with their columns, so those tests save them first and put
them back at head, then compare everything else."""

from django.apps import apps

# poles 0018: the source of a funding line, a pole's descriptive name and creation note.
LATER_FIELDS = {
    "poles.FundingLine": ("source",),
    "poles.Pole": ("name_is_descriptive", "created_on_note"),
    # poles 0019: a document's kind.
    "poles.Document": ("kind",),
    # territories 0008: where a territory's composition on the map comes from.
    "territories.Territory": ("outline_source",),
}
# Models of an app the oldest state does not have (campaigns): their rows, whole. Those its
# migrations create (the checklist) are made again, under new ids: the saved ones replace them.
LATER_MODELS = (
    "campaigns.YearlyFiche",
    "campaigns.ChecklistItem",
    "territories.TerritoryPart",  # territories 0008: the territories' composition on the map
)


def save_later_fields():
    """{model label: {pk: {field: value}}} of the rows now in the database, and the rows of
    the later models."""
    fields = {
        label: {
            row.pop("pk"): row
            for row in apps.get_model(label).objects.values("pk", *fields).order_by("pk")
        }
        for label, fields in LATER_FIELDS.items()
    }
    models = {label: list(apps.get_model(label).objects.order_by("pk")) for label in LATER_MODELS}
    return fields, models


def put_back_later_fields(saved):
    fields, models = saved
    for label, rows in fields.items():
        model = apps.get_model(label)
        for pk, values in rows.items():
            model.objects.filter(pk=pk).update(**values)
    for label, rows in models.items():
        made_again = apps.get_model(label).objects.all()
        made_again._raw_delete(made_again.db)  # no signal, no history row
        # bulk_create gives a versioned record (core/versioning.py) a new version: the saved
        # one is put back.
        versions = {row.pk: getattr(row, "version", None) for row in rows}
        apps.get_model(label).objects.bulk_create(rows)
        for pk, version in versions.items():
            if version is not None:
                made_again.model.objects.filter(pk=pk).update(version=version)
