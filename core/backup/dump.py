"""Writing a backup: the data and the uploaded files streamed into one zip archive.

Memory does not grow with the data: records are read CHUNK_SIZE at a time and written as
they are read, files are copied a megabyte at a time; only the manifest (a count per model,
a line per file) is kept until the end. The archive is written under a temporary name and
renamed once complete: a backup that failed half-way is never taken for a good one.

The data is read in one transaction, a consistent snapshot of the database (REPEATABLE READ
on PostgreSQL, which lets writers go on; on SQLite the read transaction keeps writers
waiting until it ends).
"""

import datetime
import hashlib
import io
import json
import os
import zipfile
from collections import Counter
from importlib import metadata
from pathlib import Path

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from core.backup import serialization
from core.backup.archive import (
    CHUNK,
    DATA,
    FILES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
)
from core.backup.schema import by_app, database_state, kept_models, label

ZIP64_FROM = 2**31  # entries at least this big need the ZIP64 extension from the start


def default_output(now=None):
    """backups/portail-ess-AAAAMMJJ-HHMMSS.zip in the project's folder, local time."""
    now = timezone.localtime(now)
    return Path(settings.BASE_DIR) / "backups" / f"portail-ess-{now:%Y%m%d-%H%M%S}.zip"


class HashingWriter(io.RawIOBase):
    """Writes through to `raw`, counting and hashing what passes."""

    def __init__(self, raw):
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.raw.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def write_backup(output, using=DEFAULT_DB_ALIAS, media_root=None):
    """Write the archive to `output` (which must not exist); returns its manifest."""
    output = Path(output)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if output.exists():
        raise BackupError(f"« {output} » existe déjà : choisissez un autre nom (--output).")
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partiel")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            manifest = write_data(archive, using)
            manifest["fichiers"] = write_files(archive, media_root, skip={output, partial})
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def write_data(archive, using):
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        applied, apps = database_state(
            connection,
            "La base de données a été migrée par une version plus récente du portail que "
            "ce code, qui ne peut pas la lire ; migrations inconnues ici",
        )
        models = kept_models(apps)
        counts = Counter({label(model): 0 for model in models})

        def every_record():
            for model in models:
                for record in serialization.records(model, using):
                    counts[label(model)] += 1
                    yield record

        info = zipfile.ZipInfo(DATA, date_time=now_for_zip())
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as entry:
            hashing = HashingWriter(entry)
            text = io.TextIOWrapper(
                io.BufferedWriter(hashing, CHUNK), encoding="utf-8", newline="\n"
            )
            serialization.Serializer().serialize(every_record(), stream=text)
            text.flush()
            text.detach().detach()
    return {
        "format": FORMAT,
        "version_format": FORMAT_VERSION,
        "cree_le": timezone.now().isoformat(timespec="seconds"),
        "version_portail": portal_version(),
        "version_django": django.get_version(),
        "base_source": connection.vendor,
        "migrations": by_app(applied),
        "objets": dict(sorted(counts.items())),
        "donnees": {"chemin": DATA, "octets": hashing.size, "sha256": hashing.digest.hexdigest()},
    }


def write_files(archive, media_root, skip):
    """Every file under `media_root`, in the order of their paths."""
    files = []
    if not media_root.is_dir():
        return files
    skip = {path.resolve() for path in skip}
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if not path.is_file() or path.resolve() in skip:
                continue
            relative = path.relative_to(media_root).as_posix()
            files.append(write_file(archive, path, relative))
    return files


def write_file(archive, path, relative):
    stat = path.stat()
    info = zipfile.ZipInfo(FILES + relative, date_time=zip_time(stat.st_mtime))
    info.compress_type = zipfile.ZIP_DEFLATED
    digest = hashlib.sha256()
    size = 0
    with (
        open(path, "rb") as source,
        archive.open(info, "w", force_zip64=stat.st_size >= ZIP64_FROM) as entry,
    ):
        while chunk := source.read(CHUNK):
            entry.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return {"chemin": relative, "octets": size, "sha256": digest.hexdigest()}


def zip_time(timestamp):
    moment = datetime.datetime.fromtimestamp(timestamp)
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def now_for_zip():
    return zip_time(timezone.now().timestamp())


def portal_version():
    try:
        return metadata.version("ess-portal")
    except metadata.PackageNotFoundError:
        return None
