"""Settings come from the environment; a bad value stops start-up with a message naming it.

Each case starts `manage.py` in a fresh process, as a deployment would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k3J9!qPz-LmN0vB7rT2yW5uE8iO4aS6dF1gH" * 2
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "poles.example.org"}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def print_setting(expression, **env):
    code = f"from django.conf import settings; print({expression})"
    return manage("shell", "--no-imports", "-c", code, **env)


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "too-short"}, "SECRET_KEY"),
        ({"DEBUG": "true", "ALLOWED_HOSTS": "a.example.org,,b.example.org"}, "ALLOWED_HOSTS"),
        ({"DEBUG": "true", "DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"DEBUG": "true", "DATABASE_URL": "mysql://user:secret@db/portal"}, "DATABASE_URL"),
        ({"DEBUG": "true", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/"}, "DATABASE_URL"),
    ],
)
def test_bad_value_stops_start_up_naming_the_variable(env, variable):
    result = manage("check", **env)

    assert result.returncode != 0
    assert result.stderr.startswith("Configuration invalide : ")
    assert variable in result.stderr
    assert "Traceback" not in result.stderr


def test_database_url_error_never_repeats_a_password():
    result = manage("check", DEBUG="true", DATABASE_URL="mysql://user:s3cr3t-pass@db/portal")

    assert result.returncode != 0
    assert "s3cr3t-pass" not in result.stderr


def test_sqlite_file_in_the_project_is_the_default():
    result = print_setting("settings.DATABASES['default']['NAME']", DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_postgres_url_selects_postgresql_through_psycopg():
    result = print_setting(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        DEBUG="true",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_ess",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql portal_ess"


def test_production_values_are_read():
    result = print_setting("settings.DEBUG, settings.ALLOWED_HOSTS", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['poles.example.org']"


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr + result.stdout
