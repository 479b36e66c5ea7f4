"""A backup made elsewhere, as on another server: `manage.py` in another process, on a SQLite
database of its own (so on PostgreSQL runs this is a SQLite backup restored into
PostgreSQL), migrated back to an older state than the code's, as a database backed up
before an upgrade is. It restores into the test database, migrated to the code's head: the
public pages are those of the seed loaded here, the account logs in."""

import io
import json
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.core.backup.later_fields import put_back_later_fields, save_later_fields
from tests.www.public import differences, public_urls, read_pages

# Before the records' version numbers (poles 0008) and demo flags (territories 0006).
OLDER_STATE = [
    ("poles", "0007_cres_and_coordinator_groups"),
    ("territories", "0004_region_officers_view_history"),
]
USERNAME = "responsable-cres"
PASSWORD = "une-phrase-de-passe-solide-2010"


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def older_backup(tmp_path):
    """The seed and a superuser on a SQLite database of another process, migrated back to
    OLDER_STATE, backed up."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ailleurs.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "ailleurs-media"),
        "DJANGO_SUPERUSER_USERNAME": USERNAME,
        "DJANGO_SUPERUSER_EMAIL": "cres@example.org",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    # One process for the setting up (each start of Django costs a second or more).
    steps = [
        'call_command("migrate", interactive=False, verbosity=0)',
        'call_command("load_seed")',
        'call_command("createsuperuser", interactive=False)',
        *(
            f'call_command("migrate", "{app}", "{migration}", interactive=False, verbosity=0)'
            for app, migration in OLDER_STATE
        ),
    ]
    script = "\n".join(["from django.core.management import call_command", *steps])
    manage("shell", "--no-imports", "-c", script, env=env)
    archive = tmp_path / "ailleurs.zip"
    assert "Sauvegarde écrite" in manage("backup", "--output", str(archive), env=env)
    return archive


@pytest.mark.django_db(transaction=True)
def test_an_older_backup_from_another_database_restores(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = older_backup(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifeste.json"))
    assert manifest["base_source"] == "sqlite"
    assert "0007_cres_and_coordinator_groups" in manifest["migrations"]["poles"]
    assert "0008_version" not in manifest["migrations"]["poles"]
    assert manifest["objets"]["poles.pole"] == 15 and manifest["objets"]["auth.user"] == 1

    call_command("load_seed", stdout=io.StringIO())
    urls = public_urls()
    expected = read_pages(client, urls)
    later = save_later_fields()  # not in the older backup: its schema has no column for them
    call_command("flush", interactive=False)

    call_command("restore", str(archive), stdout=io.StringIO())
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []  # at head
    put_back_later_fields(later)
    assert differences(expected, read_pages(client, urls)) == []
    assert User.objects.get().username == USERNAME
    response = client.post(
        reverse("admin:login"), {"username": USERNAME, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
