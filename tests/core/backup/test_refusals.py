"""What restore refuses, with a French message and an exit code other than 0, leaving the
database and the files as they were: a database that holds data, files of the archive
already there with other contents, a damaged archive, one from a newer version."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core.backup.schema import kept_models

DOCUMENT = "documents/compte-rendu.pdf"
CONTENTS = b"%PDF-1.4\ncompte rendu du comite de pilotage\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(db, media_root, tmp_path):
    """A backup of the empty test database (the groups its migrations made) and of one
    uploaded file, which is then removed."""
    (media_root / "documents").mkdir(parents=True)
    (media_root / DOCUMENT).write_bytes(CONTENTS)
    path = tmp_path / "sauvegarde.zip"
    call_command("backup", output=str(path), stdout=io.StringIO())
    (media_root / DOCUMENT).unlink()
    return path


def rebuilt(source, target, *, replace=None, drop=(), manifest=None):
    """A copy of the archive `source` with entries replaced or dropped, or its manifest
    changed by `manifest(dict)`."""
    replace = dict(replace or {})
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            if name in drop:
                continue
            contents = replace.get(name, old.read(name))
            if name == "manifeste.json" and manifest:
                changed = json.loads(contents)
                manifest(changed)
                contents = json.dumps(changed)
            new.writestr(name, contents)
    return target


def database_snapshot():
    """The applied migrations and the number of records of every model a backup holds."""
    applied = set(MigrationRecorder(connection).applied_migrations())
    from django.apps import apps

    return applied, {model._meta.label: model.objects.count() for model in kept_models(apps)}


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in Path(folder).rglob("*"))


def refused(archive_path):
    """restore's error message; it must have changed nothing."""
    before = database_snapshot()
    files = files_under(django_settings.MEDIA_ROOT)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive_path), stdout=io.StringIO())
    assert database_snapshot() == before
    assert files_under(django_settings.MEDIA_ROOT) == files
    return str(error.value)


def test_the_archive_restores_when_nothing_is_wrong(archive, media_root):
    """(The archive the other tests damage is a good one.)"""
    call_command("restore", str(archive), stdout=io.StringIO())
    assert (media_root / DOCUMENT).read_bytes() == CONTENTS


def test_a_database_holding_data_is_refused(archive, region):
    message = refused(archive)
    assert "La base de données cible contient déjà des données du portail" in message
    assert "régions : 1" in message
    assert "n'écrase jamais rien" in message


def test_a_database_holding_only_an_account_is_refused(archive, django_user_model):
    django_user_model.objects.create_superuser("admin", password="une-phrase-solide-2010")
    assert "utilisateurs : 1" in refused(archive)


def test_a_file_of_the_archive_there_with_other_contents_is_refused(archive, media_root):
    (media_root / DOCUMENT).write_bytes(b"%PDF-1.4\nun autre document\n")
    message = refused(archive)
    assert "contient déjà, avec un autre contenu, 1 fichier(s) de la sauvegarde" in message
    assert DOCUMENT in message
    assert (media_root / DOCUMENT).read_bytes() == b"%PDF-1.4\nun autre document\n"


def test_the_same_file_already_there_is_kept(archive, media_root):
    (media_root / DOCUMENT).write_bytes(CONTENTS)
    call_command("restore", str(archive), stdout=io.StringIO())
    assert (media_root / DOCUMENT).read_bytes() == CONTENTS


def test_not_a_zip_file(db, media_root, tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("Ceci n'est pas une sauvegarde.")
    assert "n'est pas une archive de sauvegarde lisible" in refused(path)


def test_a_truncated_archive(archive, media_root, tmp_path):
    contents = archive.read_bytes()
    path = tmp_path / "tronquee.zip"
    path.write_bytes(contents[: len(contents) // 2])
    assert "n'est pas une archive de sauvegarde lisible" in refused(path)


def test_a_missing_archive(db, media_root, tmp_path):
    assert "n'existe pas" in refused(tmp_path / "absente.zip")


def test_an_archive_without_its_manifest(archive, media_root, tmp_path):
    path = rebuilt(archive, tmp_path / "sans-manifeste.zip", drop={"manifeste.json"})
    assert "son manifeste (manifeste.json) est absent" in refused(path)


def test_another_zip_file(archive, media_root, tmp_path):
    path = rebuilt(archive, tmp_path / "autre.zip", replace={"manifeste.json": b'{"a": 1}'})
    assert "ce n'est pas un manifeste de sauvegarde du portail" in refused(path)


def test_damaged_data(archive, media_root, tmp_path):
    with zipfile.ZipFile(archive) as original:
        data = original.read("donnees.jsonl").replace(b"CRES", b"CRAS")
    path = rebuilt(archive, tmp_path / "abimee.zip", replace={"donnees.jsonl": data})
    message = refused(path)
    assert "« donnees.jsonl » ne correspond pas au manifeste" in message


def test_a_damaged_file(archive, media_root, tmp_path):
    entry = f"fichiers/{DOCUMENT}"
    path = rebuilt(archive, tmp_path / "abimee.zip", replace={entry: CONTENTS.upper()})
    assert f"« {entry} » ne correspond pas au manifeste" in refused(path)


def test_a_missing_file(archive, media_root, tmp_path):
    entry = f"fichiers/{DOCUMENT}"
    path = rebuilt(archive, tmp_path / "incomplete.zip", drop={entry})
    assert f"L'archive est incomplète : « {entry} » manque." in refused(path)


def test_a_file_path_leaving_the_media_folder(archive, media_root, tmp_path):
    def outside(manifest):
        manifest["fichiers"][0]["chemin"] = "../../settings.py"

    path = rebuilt(archive, tmp_path / "evasion.zip", manifest=outside)
    assert "sortirait du dossier des fichiers" in refused(path)


def test_an_archive_from_a_newer_version(archive, media_root, tmp_path):
    def newer(manifest):
        manifest["migrations"]["poles"].append("0999_a_venir")

    path = rebuilt(archive, tmp_path / "future.zip", manifest=newer)
    message = refused(path)
    assert message.startswith("La sauvegarde vient d'une version plus récente du portail")
    assert "poles.0999_a_venir" in message


def test_data_that_does_not_match_the_counts_is_rolled_back(archive, media_root, tmp_path):
    """A failure while loading leaves no record and no file behind."""

    def more_groups(manifest):
        manifest["objets"]["auth.group"] += 1

    path = rebuilt(archive, tmp_path / "comptes.zip", manifest=more_groups)
    groups = database_snapshot()[1]["auth.Group"]
    message = refused(path)
    assert "Les données ne correspondent pas au manifeste de l'archive" in message
    assert f"auth.group : {groups} au lieu de {groups + 1}" in message


def test_backup_does_not_overwrite_an_archive(archive):
    before = archive.read_bytes()
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == before


def test_the_command_exits_with_an_error_code_and_a_french_message(tmp_path):
    """As run by a person or by cron: exit code 1, the message on the error output."""
    path = tmp_path / "notes.zip"
    path.write_text("Ceci n'est pas une sauvegarde.")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'vide.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(path)],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"Erreur: « {path} » n'est pas une archive de sauvegarde")
    with sqlite3.connect(tmp_path / "vide.sqlite3") as database:  # untouched: no table
        assert database.execute("SELECT name FROM sqlite_master").fetchall() == []
