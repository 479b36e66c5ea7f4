"""Each pole's search document: built from its texts, stored on the pole, kept up to date.

The document (`Pole.search_text`) is the texts the search looks into, joined by spaces and
passed through `unaccent` (lowercase, no accents): the pole's name and full name, its
carrying structure's name and acronym, its objectives and actions (title and details),
difficulties, strengths and interesting practices, and the names and acronyms of its member
actors and of the structures carrying its studies. SQLite searches it for substrings; on
PostgreSQL, a `search_vector` column that the database computes from it (a stored generated
column, `to_tsvector('french_unaccent', search_text)`, GIN-indexed; migration 0011) is
searched. That column is not a model field: PostgreSQL rewrites it whenever `search_text` is
written, whoever writes it, so nothing here keeps it in step and SQLite has none. Rather than
a `SearchVectorField`, it never lags behind the text (no second UPDATE to forget), is neither
read with every pole nor copied into the change history, and needs nothing on SQLite; the
price is that the ORM does not know it, so the search names it in a small raw subquery
(poles/search/query.py).

When a document changes:

- Saves and deletes of a pole, objective, action, difficulty, strength, membership or study
  mark their pole (and the one it was moved from, if it was moved); an actor whose name or
  acronym changes, or that is deleted, marks the poles it is a member of, carries, or
  carries a study of. The marked poles are refreshed once the transaction commits, all
  together, just before the transaction's new data version (`bump_data_version(before=…)`):
  one refresh per transaction (per savepoint), however many rows were saved. The poles whose
  page shows a changed record (poles/signals.py) get their page dated in the same write: a
  pole's row is written once per transaction.
- A search made inside a transaction refreshes first the poles the transaction has marked
  (`refresh_pending_documents`, called by `search_poles`): a transaction searches what it has
  written.
- Writes that send no signal (`bulk_create`, `update()`, `_raw_delete`) call
  `refresh_search_documents(pole_ids)` themselves: demo/, `load_seed --force`.

`refresh_search_documents` reads the texts of BATCH_SIZE poles at a time: one query for the
poles, one per related model, one UPDATE for the documents that changed (none for those that
did not). It then makes the cached pages stale (`bump_data_version`), the search results
being part of them.

A limit: two transactions changing one pole and committing at the same moment refresh it
side by side, and the later write may be the one that read the older texts; the next change
of the pole puts its document right (or `refresh_search_documents([pole.pk])`).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_save
from django.utils import timezone

from actors.models import Actor
from core.backup.load import data_restored
from core.page_cache import bump_data_version
from core.page_cache.versions import pending_new_version, pending_new_versions
from core.sqlite_functions import unaccent
from poles.models import Action, Difficulty, Membership, Objective, Pole, Strength, Study

BATCH_SIZE = 200  # poles read at once: a few thousand related rows, a few megabytes

# The pole's own texts, then for each of the pole's parts whose texts make it found (some of
# POLE_PARTS, in the document's order) those texts.
POLE_FIELDS = ("name", "full_name", "carrying_structure__name", "carrying_structure__acronym")
RELATED_FIELDS = (
    (Objective, ("title", "details")),
    (Action, ("title", "details")),
    (Difficulty, ("text",)),
    (Strength, ("text",)),
    (Membership, ("actor__name", "actor__acronym")),
    (Study, ("carrier__name", "carrier__acronym")),
)
PART_MODELS = tuple(model for model, _ in RELATED_FIELDS)


def document_text(texts):
    """The document of a pole whose texts are `texts`: 'Les Écosolies', None, 'Pépinière'
    → 'les ecosolies pepiniere'. Missing and empty texts are left out."""
    return unaccent(" ".join(text for text in texts if text))


# Building and writing documents.


def refresh_search_documents(pole_ids=None, using=DEFAULT_DB_ALIAS, *, touched=(), bump=True):
    """Recompute from the database the documents of the poles `pole_ids` (of every pole when
    None) and write those that changed; returns how many changed. The poles `touched` get
    their page dated now in the same write (one UPDATE of a pole's row, not two)."""
    touched = {pk for pk in touched if pk is not None}
    if pole_ids is None:
        _take_pending(using)  # every pole is refreshed below
        batches = _every_pole(using)
    else:
        pole_ids = sorted({pk for pk in pole_ids if pk is not None})
        batches = (
            list(_pole_rows(using).filter(pk__in=pole_ids[start : start + BATCH_SIZE]))
            for start in range(0, len(pole_ids), BATCH_SIZE)
        )
    now = timezone.now()
    changed, dated = 0, set()
    for rows in batches:
        batch_changed, batch_dated = _refresh_batch(rows, using, touched, now)
        changed, dated = changed + batch_changed, dated | batch_dated
    if touched - dated:
        Pole.objects.using(using).filter(pk__in=touched - dated).update(updated_at=now)
    if (changed or touched) and bump:
        bump_data_version()  # the cached pages (search results, page dates) are stale
    return changed


def _pole_rows(using):
    return Pole.objects.using(using).order_by("pk").values_list("pk", "search_text", *POLE_FIELDS)


def _every_pole(using):
    """Every pole's row, BATCH_SIZE at a time, in the order of their ids (never all of them
    in memory)."""
    rows = list(_pole_rows(using)[:BATCH_SIZE])
    while rows:
        yield rows
        if len(rows) < BATCH_SIZE:
            return
        rows = list(_pole_rows(using).filter(pk__gt=rows[-1][0])[:BATCH_SIZE])


def _refresh_batch(rows, using, touched, now):
    """Write the documents of the batch that changed, with the page date of those touched
    (one UPDATE each); returns how many changed, and the poles dated."""
    stored = {pk: search_text for pk, search_text, *_ in rows}
    texts = {pk: list(own) for pk, _, *own in rows}
    if not texts:
        return 0, set()
    for model, fields in RELATED_FIELDS:
        related = (
            model.objects.using(using)
            .filter(pole_id__in=list(texts))
            .order_by("pole_id", "pk")
            .values_list("pole_id", *fields)
        )
        for pole_id, *values in related:
            texts[pole_id].extend(values)
    changed = []
    for pk, values in texts.items():
        document = document_text(values)
        if document != stored[pk]:
            changed.append(Pole(pk=pk, search_text=document, updated_at=now))
    dated = {pole.pk for pole in changed if pole.pk in touched}
    for fields, poles in (
        (["search_text", "updated_at"], [pole for pole in changed if pole.pk in dated]),
        (["search_text"], [pole for pole in changed if pole.pk not in dated]),
    ):
        if poles:
            Pole.objects.using(using).bulk_update(poles, fields, batch_size=BATCH_SIZE)
    return len(changed), dated


# Refreshing once the transaction commits.


class PendingRefresh:
    """A transaction's write on commit: refreshes the documents of the poles its writes
    marked, and dates the pages of those it touched, in one write of each pole's row. It runs
    just before the transaction's new data version (`bump_data_version(before=…)`)."""

    def __init__(self, using):
        self.using = using
        self.pole_ids = set()
        self.touched = set()
        self.done = False

    def __call__(self):
        self.done = True
        pole_ids, self.pole_ids = self.pole_ids, set()
        touched, self.touched = self.touched, set()
        if pole_ids or touched:
            refresh_search_documents(pole_ids, using=self.using, touched=touched, bump=False)

    def __repr__(self):
        return f"PendingRefresh(pôles {sorted(self.pole_ids)}, datés {sorted(self.touched)})"


def schedule_refresh(pole_ids, using=DEFAULT_DB_ALIAS, *, touch=False):
    """Refresh the documents of `pole_ids` once the current transaction commits (at once
    outside a transaction), with the other poles the transaction marks; `touch`: date their
    pages instead (a record they show has changed, not one of their searched texts)."""
    pole_ids = {pk for pk in pole_ids if pk is not None}
    if not pole_ids:
        return
    callback = _pending() or PendingRefresh(using)
    (callback.touched if touch else callback.pole_ids).update(pole_ids)
    bump_data_version(before=callback)


def _pending():
    """The current transaction's PendingRefresh still to run, if it has one."""
    new_version = pending_new_version()
    if new_version is None:
        return None
    for write in new_version.before:
        if isinstance(write, PendingRefresh) and not write.done:
            return write
    return None


def refresh_pending_documents(using=DEFAULT_DB_ALIAS):
    """Refresh now, inside the transaction, the documents its writes have marked so far."""
    pole_ids = _take_pending(using)
    if pole_ids:
        refresh_search_documents(pole_ids, using=using)


def _take_pending(using):
    """The poles marked by the current transaction (its savepoints included), which then has
    none marked."""
    pole_ids = set()
    for _, new_version in pending_new_versions():
        for write in new_version.before:
            if isinstance(write, PendingRefresh):
                pole_ids |= write.pole_ids
                write.pole_ids = set()
    return pole_ids


# Signal receivers.


def part_loaded(sender, instance, **kwargs):
    # The pole the row belongs to in the database, to refresh it too if the row is moved.
    # (From __dict__: a deferred pole_id is not loaded for this.)
    instance._search_pole_id = instance.__dict__.get("pole_id")


def part_saved(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    moved_from = getattr(instance, "_search_pole_id", None)
    instance._search_pole_id = instance.pole_id
    schedule_refresh({instance.pole_id, moved_from}, using)


def part_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    schedule_refresh({instance.pole_id}, using)


def pole_saved(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    schedule_refresh({instance.pk}, using)


def actor_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """Its name and acronym before the save (one query): only their change matters. Not for
    loaddata (`raw`): a new actor is in no pole yet, and `load_seed --force` refreshes every
    pole."""
    if raw or instance.pk is None:
        return
    instance._search_texts_before = (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list("name", "acronym")
        .first()
    )


def actor_saved(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    before = instance.__dict__.pop("_search_texts_before", None)
    if before is not None and before != (instance.name, instance.acronym):
        schedule_refresh(poles_of_actor(instance.pk, using), using)


def actor_deleting(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    # Before the deletion, which empties the carrying structure of the poles and studies.
    schedule_refresh(poles_of_actor(instance.pk, using), using)


def poles_of_actor(actor_id, using=DEFAULT_DB_ALIAS):
    """The ids of the poles whose document names the actor (one query)."""
    return list(
        Pole.objects.using(using)
        .filter(
            Q(carrying_structure_id=actor_id)
            | Q(pk__in=Membership.objects.filter(actor_id=actor_id).values("pole_id"))
            | Q(pk__in=Study.objects.filter(carrier_id=actor_id).values("pole_id"))
        )
        .values_list("pk", flat=True)
    )


def restored(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    refresh_search_documents(using=using)  # recomputed, not trusted from the archive


def connect():
    data_restored.connect(restored, dispatch_uid="search_document_restored")
    post_save.connect(pole_saved, sender=Pole, dispatch_uid="search_document_pole_saved")
    for model in PART_MODELS:
        name = model.__name__
        post_init.connect(part_loaded, sender=model, dispatch_uid=f"search_document_{name}_init")
        post_save.connect(part_saved, sender=model, dispatch_uid=f"search_document_{name}_save")
        post_delete.connect(
            part_deleted, sender=model, dispatch_uid=f"search_document_{name}_delete"
        )
    pre_save.connect(actor_saving, sender=Actor, dispatch_uid="search_document_actor_saving")
    post_save.connect(actor_saved, sender=Actor, dispatch_uid="search_document_actor_saved")
    pre_delete.connect(actor_deleting, sender=Actor, dispatch_uid="search_document_actor_del")
