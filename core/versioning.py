"""A version number on every record, so that no edit is lost to another (django-concurrency).

Each save adds one to the record's `version` and is refused (`RecordModifiedError`) when the
record in the database no longer has the version the saved copy was read at: the admin's
forms carry the version they showed (core/admin/concurrency.py). A record at version 0
(existing before versions, or loaded from fixtures/seed.json) is checked like any other:
CONCURRENCY_VERSION_FIELD_REQUIRED, django-concurrency's default, is kept on.

The version is not part of the change history (core/history.py leaves it out).
"""

from concurrency.fields import AutoIncVersionField
from django.db import models
from django.db.models.signals import pre_save

VERSION = "version"


class Versioned(models.Model):
    version = AutoIncVersionField(
        verbose_name="version", help_text="Augmente de 1 à chaque enregistrement de la fiche."
    )

    class Meta:
        abstract = True


def keep_counting_on_load(sender, instance, raw=False, **kwargs):
    """loaddata (`load_seed --force`) writes a fixture's values over a record that staff may
    have edited: it continues the record's version (a fixture has none) instead of being
    refused for it, so that forms opened before the reload are still told it changed."""
    if not raw or not isinstance(instance, Versioned) or instance.pk is None:
        return
    current = sender._base_manager.filter(pk=instance.pk).values_list(VERSION, flat=True)
    current = current.first()
    if current is not None:
        instance.version = current


pre_save.connect(keep_counting_on_load, dispatch_uid="versioning_keep_counting_on_load")
