"""A pole's page shows many records: changing any of them updates the page's date, once the
transaction commits, in the same write of the pole's row as its search document."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from poles.models import POLE_PARTS
from poles.search.document import schedule_refresh

# Sent by `manage.py load_seed` once fixtures/seed.json is loaded, in its transaction: what
# the seed leaves for later is done then (campaigns/receivers.py freezes its yearly fiches).
seed_loaded = Signal()


def touch_pole(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if raw or not getattr(instance, "pole_id", None):
        return  # loaddata, or a record that is not a pole's (a programme's document)
    schedule_refresh({instance.pole_id}, using, touch=True)


def connect():
    for model in POLE_PARTS:
        post_save.connect(touch_pole, sender=model, dispatch_uid=f"touch_pole_{model.__name__}")
        post_delete.connect(
            touch_pole, sender=model, dispatch_uid=f"touch_pole_del_{model.__name__}"
        )
