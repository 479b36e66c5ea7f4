"""The data version: a cached page is served only while it is the one the page was rendered
under.

Where it lives: every app server and every gunicorn worker must see a change made by any
of them. With Redis (`REDIS_URL`), the cache itself is shared, so the version is a key of
that cache (no SQL for a cached page). With the local-memory cache, each worker has its own
cache, so the version is a row of the database, read by one tiny query per page: a worker
that has never seen an edit still finds the new version there.

When it changes: after the transaction that changed the data commits
(`transaction.on_commit`), never before, so that no worker renders the old data under the
new version. Until then the old pages are still served, which is what the database shows.
A new version is a random number rather than an increment, so a lost, evicted or restored
version can never come back to a value pages were cached under.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.page_cache import outage

logger = logging.getLogger("core.page_cache")

CACHE_KEY = "page-cache:data-version"


def data_version():
    """The current data version."""
    return cached_with_version(None)[0]


def cached_with_version(key):
    """The current data version and the cache's value for `key` (None for no key): one
    round trip to a shared cache; one small query and a memory look-up otherwise. A version
    is created if there is none yet (or no more: a flushed database, an evicted key), which
    is always safe."""
    shared = shared_cache()
    if shared is None:
        return database_version(), caches["default"].get(key) if key else None
    values = shared.get_many([CACHE_KEY, key] if key else [CACHE_KEY])
    version = values.get(CACHE_KEY)
    if version is None:
        shared.add(CACHE_KEY, secrets.randbits(62), timeout=None)
        version = shared.get(CACHE_KEY)
    return version, values.get(key)


def database_version():
    from core.page_cache.models import DataVersion

    # Read on every cached page: plain SQL, much cheaper than the ORM here.
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [DataVersion.ROW])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    version, _ = DataVersion.objects.get_or_create(
        pk=DataVersion.ROW, defaults={"value": secrets.randbits(62)}
    )
    return version.value


class NewVersion:
    """A transaction's on_commit callback: runs the writes due on commit (`before`), then
    makes every cached page stale, once for the whole transaction."""

    def __init__(self, before=()):
        self.before = list(before)
        self.done = False

    def __call__(self):
        self.done = True
        for write in self.before:
            try:
                write()
            except Exception:
                # The data is committed: the edit stands; what failed is logged, not raised.
                logger.exception("Écriture après validation en échec : %r", write)
        set_new_version()


def bump_data_version(before=None):
    """Make every cached page stale once the current transaction commits (at once outside
    a transaction), once per transaction. Call it after writes that send no model signal
    (`update()`, `bulk_create()`); saves and deletes of the data apps' models call it
    themselves. `before`: a write to make on commit, just before (pages cached under the new
    version see it), added once to the transaction's."""
    if not connection.in_atomic_block:  # at once; a failed `before` is logged as on commit
        NewVersion([before] if before is not None else [])()
        return
    callback = pending_new_version()
    if callback is None:
        callback = NewVersion()
        transaction.on_commit(callback)
    if before is not None and before not in callback.before:
        callback.before.append(before)


def pending_new_version():
    """The NewVersion of the current transaction (or savepoint) still to run: None outside a
    transaction, or before anything was bumped in it."""
    savepoints = set(connection.savepoint_ids)
    for registered_in, callback in pending_new_versions():
        if registered_in == savepoints:
            return callback
    return None


def pending_new_versions():
    """(savepoints, NewVersion) of every transaction and savepoint now open, still to run."""
    if not connection.in_atomic_block:
        return []
    return [
        (registered_in, callback)
        for registered_in, callback, *_ in connection.run_on_commit
        # (done: already run by a test's capture of on_commit callbacks)
        if isinstance(callback, NewVersion) and not callback.done
    ]


def set_new_version():
    shared = shared_cache()
    if shared is None:
        from core.page_cache.models import DataVersion

        DataVersion.objects.update_or_create(
            pk=DataVersion.ROW, defaults={"value": secrets.randbits(62)}
        )
    else:
        try:
            shared.set(CACHE_KEY, secrets.randbits(62), timeout=None)
        except outage.CACHE_ERRORS as error:
            # The data is committed: the edit stands, only the cached pages may be stale,
            # for PAGE_TIMEOUT at most (a Redis that restarted empty has none).
            outage.cache_failed(error, "nouvelle version des données non enregistrée")
            logger.error(
                "Nouvelle version des données non écrite dans Redis (%s) : des pages en cache "
                "peuvent montrer les anciennes données pendant quelques minutes.",
                error,
            )


def shared_cache():
    """The cache when every process sees the same one; None for a per-process one."""
    cache = caches["default"]
    return None if isinstance(cache, LocMemCache) else cache


def data_saved_or_deleted(sender, **kwargs):
    # `raw` saves (loaddata) change the data too.
    if sender._meta.app_label in settings.PAGE_CACHE_DATA_APPS:
        bump_data_version()


def data_relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in settings.PAGE_CACHE_DATA_APPS:
        bump_data_version()


def connect_signals():
    post_save.connect(data_saved_or_deleted, dispatch_uid="page_cache.saved")
    post_delete.connect(data_saved_or_deleted, dispatch_uid="page_cache.deleted")
    m2m_changed.connect(data_relation_changed, dispatch_uid="page_cache.m2m")
