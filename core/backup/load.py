"""Restoring a backup into an empty database.

Everything that can be checked is checked before the database is touched: the archive
(a readable zip with its manifest, every entry's size and SHA-256), its migration state
(not newer than this code), the database (no data of the portal: nothing is ever
overwritten; the groups that migrations create are not data) and MEDIA_ROOT (no file of the
archive there with other contents). Then:

1. the database is migrated to the archive's migration state (forwards from nothing, or
   backwards from a freshly migrated empty database), so that the records go into the
   tables they were read from;
2. the records are loaded in one transaction, with the historical models of that state,
   and counted against the manifest; the sequences of the ids are moved past the restored
   ids (PostgreSQL); the files are written into MEDIA_ROOT, checked against their SHA-256,
   in that same transaction (a failure removes the files written and rolls back the data);
3. the database is migrated to the code's head (`migrate`), the derived data is rebuilt
   (the poles' search documents) and the cached pages are made stale.
"""

import hashlib
import io
import os
from collections import Counter
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction
from django.dispatch import Signal

from core.backup import serialization
from core.backup.archive import (
    CHUNK,
    DATA,
    FILES,
    BackupError,
    open_archive,
    safe_relative_path,
    sha256_of,
    verify,
)
from core.backup.schema import (
    MIGRATION_ROWS,
    applied_migrations,
    database_state,
    kept_models,
    label,
    migrate_to,
    unknown_migrations,
)
from core.page_cache import bump_data_version

NEWER_DATABASE = (
    "La base de données cible a été migrée par une version plus récente du portail que ce "
    "code ; migrations inconnues ici"
)
SHOWN = 5  # examples named in a message


def restore_backup(path, using=DEFAULT_DB_ALIAS, media_root=None, say=print):
    """Restore the archive at `path`; `say` receives the steps, in French."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    connection = connections[using]
    with open_archive(path) as archive:
        _, loader = applied_migrations(connection)
        newer = unknown_migrations(archive.migrations, loader)
        if newer:
            raise BackupError(
                "La sauvegarde vient d'une version plus récente du portail : mettez le code à "
                f"jour avant de la restaurer (migrations inconnues ici : {', '.join(newer)})."
            )
        refuse_unless_empty(connection)
        refuse_file_conflicts(archive, media_root)
        say("Vérification de l'archive (tailles et empreintes SHA-256)…")
        verify(archive)

        say("Mise de la base à l'état des migrations de la sauvegarde…")
        migrate_to(connection, archive.migrations)
        applied, apps = database_state(connection, NEWER_DATABASE)
        missing = archive.migrations - applied
        if missing:
            raise BackupError(
                "La base n'a pas pu être mise à l'état de la sauvegarde ; migrations non "
                f"appliquées : {', '.join(sorted(f'{a}.{n}' for a, n in missing))}."
            )

        say("Chargement des données et des fichiers…")
        written = []
        try:
            with transaction.atomic(using=using):
                natural_keys = load_data(archive, apps, connection)
                restore_files(archive, media_root, written)
        except BaseException:
            for file in written:
                file.unlink(missing_ok=True)
            raise

    say("Migration de la base jusqu'à la version du code…")
    call_command("migrate", database=using, interactive=False, verbosity=0)
    refresh_derived_data(using)
    if natural_keys.missing_permissions:
        names = sorted(natural_keys.missing_permissions)
        say(
            f"Attention : {len(names)} permission(s) de groupes ou de comptes n'existent pas "
            f"dans cette version et n'ont pas été reprises : {', '.join(names[:SHOWN])}"
            f"{' …' if len(names) > SHOWN else ''}"
        )
    return archive.manifest


def refuse_unless_empty(connection):
    """Refuse a database that holds any record a backup would hold (but the groups and the
    other rows that migrations create)."""
    if not applied_migrations(connection)[0]:
        return  # nothing migrated: no table of ours
    _, apps = database_state(connection, NEWER_DATABASE)
    tables = set(connection.introspection.table_names())
    found = []
    for model in kept_models(apps):
        if label(model) in {"auth.group", *MIGRATION_ROWS}:
            continue
        if model._meta.db_table not in tables:
            continue
        count = model._base_manager.using(connection.alias).count()
        if count:
            found.append(f"{plural_name(model)} : {count}")
    if found:
        raise BackupError(
            "La base de données cible contient déjà des données du portail ("
            f"{', '.join(found[:SHOWN])}{' …' if len(found) > SHOWN else ''}) : une "
            "restauration n'écrase jamais rien. Restaurez dans une base vide (une nouvelle "
            "base, ou celle-ci une fois vidée par « manage.py flush » si vous êtes certain "
            "de ne rien y perdre)."
        )


def plural_name(model):
    """The model's name as the code has it (translated), else as its migrations do."""
    try:
        model = global_apps.get_model(model._meta.label)
    except LookupError:
        pass
    return str(model._meta.verbose_name_plural)


def refuse_file_conflicts(archive, media_root):
    """Refuse when MEDIA_ROOT holds, at a path of the archive, a file with other contents."""
    conflicts = []
    for file in archive.files:
        target = media_root / safe_relative_path(file["chemin"])
        if not target.exists():
            continue
        if target.is_file():
            with open(target, "rb") as existing:
                if sha256_of(existing) == file["sha256"]:
                    continue
        conflicts.append(file["chemin"])
    if conflicts:
        raise BackupError(
            f"Le dossier des fichiers ({media_root}) contient déjà, avec un autre contenu, "
            f"{len(conflicts)} fichier(s) de la sauvegarde ({', '.join(conflicts[:SHOWN])}"
            f"{' …' if len(conflicts) > SHOWN else ''}) : rien n'est écrasé. Déplacez-les "
            "ou restaurez vers un dossier vide (MEDIA_ROOT)."
        )


def load_data(archive, apps, connection):
    """Save every record of the archive, as loaddata does (raw saves, constraints checked
    at the end, sequences reset), with the archive state's models."""
    using = connection.alias
    natural_keys = serialization.NaturalKeys(apps, using)
    counts = Counter()
    loaded_models = set()
    # The rows migrations made give way to the archive's, when it holds that model.
    for model in kept_models(apps):
        if label(model) in MIGRATION_ROWS and label(model) in archive.manifest["objets"]:
            model._base_manager.using(using).all().delete()
    try:
        with (
            archive.zip.open(DATA) as entry,
            io.TextIOWrapper(entry, encoding="utf-8") as lines,
            connection.constraint_checks_disabled(),
        ):
            records = serialization.Deserializer(
                lines, apps=apps, natural_keys=natural_keys, using=using
            )
            for record in records:
                instance = record.object
                model_label = label(instance)
                if model_label in serialization.WITHOUT_ID:
                    # A group migrations made already: the archive's takes its place.
                    instance.pk = natural_keys.id(model_label, serialization.natural_key(instance))
                    record.save(using=using)
                    natural_keys.remember(instance)
                else:
                    record.save(using=using, force_insert=True)
                counts[model_label] += 1
                loaded_models.add(type(instance))
        connection.check_constraints(table_names=[model._meta.db_table for model in loaded_models])
    except (DeserializationError, IntegrityError, DatabaseError, ValueError) as error:
        raise BackupError(
            "Les données de l'archive n'ont pas pu être chargées (rien n'a été enregistré) : "
            f"{error}"
        ) from None
    expected = Counter({name: count for name, count in archive.manifest["objets"].items() if count})
    if counts != expected:
        differences = sorted(
            f"{name} : {counts[name]} au lieu de {expected[name]}"
            for name in counts.keys() | expected.keys()
            if counts[name] != expected[name]
        )
        raise BackupError(
            "Les données ne correspondent pas au manifeste de l'archive (rien n'a été "
            f"enregistré) : {', '.join(differences[:SHOWN])}."
        )
    reset_sequences(connection, loaded_models)
    return natural_keys


def reset_sequences(connection, models):
    """Move the id sequences past the restored ids (PostgreSQL; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def restore_files(archive, media_root, written):
    """Write the archive's files into `media_root` (those already there with the same
    contents are left as they are); `written` receives each file created."""
    for file in archive.files:
        target = media_root / safe_relative_path(file["chemin"])
        if target.exists():
            continue  # the same contents (refuse_file_conflicts)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restauration")
        written.append(partial)
        digest = hashlib.sha256()
        with archive.zip.open(FILES + file["chemin"]) as entry, open(partial, "wb") as out:
            while chunk := entry.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
        if digest.hexdigest() != file["sha256"]:
            raise BackupError(f"« {file['chemin']} » ne correspond pas à son empreinte SHA-256.")
        os.replace(partial, target)
        written.append(target)


# Sent once a restore has loaded the data and migrated it (`using`: the database): the apps
# recompute there what they derive from the data rather than hold as such (poles: the search
# documents), without this library knowing them.
data_restored = Signal()


def refresh_derived_data(using):
    """What the database computes from the data rather than holds as such."""
    data_restored.send(sender=None, using=using)
    bump_data_version()
