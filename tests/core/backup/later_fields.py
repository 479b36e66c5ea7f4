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
}
# Models of an app the oldest state does not have (campaigns): their rows, whole. Those its
# migrations create (the checklist) are made again, under new ids: the saved ones replace them.
LATER_MODELS = ("campaigns.YearlyFiche", "campaigns.ChecklistItem")


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
        apps.get_model(label).objects.bulk_create(rows)
