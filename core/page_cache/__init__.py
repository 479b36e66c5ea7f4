"""Public pages rendered once, and shown again until the data they show changes.

An anonymous visitor's page (`/`, `/poles/…`, `/territoires/…`, `/acteurs/…`,
`/financements/`) is kept in Django's cache under its address, with the *data version* it
was rendered under; any change to the data of the `territories` and `poles` apps gives the
data a new version, so the next visitor gets a page rendered anew (see `versions.py` for where the version lives
and when it changes, `middleware.py` for which requests and responses are cached).

Writes that bypass model signals (`QuerySet.update()`, `bulk_create()`) call
`bump_data_version()` themselves.
"""

from core.page_cache.versions import bump_data_version, data_version

__all__ = ["bump_data_version", "data_version"]
