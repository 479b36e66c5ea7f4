"""Where a file sent to « Importer » waits for its confirmation, and when it is removed.

django-import-export's MediaStorage keeps it under a random name (`uuid4().hex`) in the folder
`django-import-export/` of the `import_export` storage when STORAGES has one, otherwise of the
default storage (MEDIA_ROOT): every app server sees it. It is removed once the import is
confirmed, when it is refused, on « Annuler » (core/admin/imports.py), and otherwise,
for a preview left as it was, by `manage.py clean_import_files` (`remove_stale`).
"""

import re
from datetime import timedelta

from django.utils import timezone
from import_export.tmp_storages import MediaStorage

WAITING_NAME = re.compile(r"[0-9a-f]{32}")
DEFAULT_AGE = timedelta(hours=24)


def remove(name):
    """Removes the waiting file `name`; a name MediaStorage cannot have given is ignored."""
    if name and WAITING_NAME.fullmatch(name):
        MediaStorage(name=name).remove()  # a missing file is no error


def waiting_files(older_than):
    """The names of the files that have waited more than `older_than` (a timedelta)."""
    tmp_storage = MediaStorage()
    storage, folder = tmp_storage._storage, tmp_storage.MEDIA_FOLDER
    try:
        names = storage.listdir(folder)[1]
    except FileNotFoundError:
        return []
    limit = timezone.now() - older_than
    return sorted(
        name
        for name in names
        if WAITING_NAME.fullmatch(name) and storage.get_modified_time(f"{folder}/{name}") < limit
    )


def remove_stale(older_than=DEFAULT_AGE, dry_run=False):
    """Removes the files that have waited more than `older_than`; returns their names."""
    names = waiting_files(older_than)
    if not dry_run:
        for name in names:
            remove(name)
    return names
