"""Settings come from the environment; a bad value stops start-up with a message naming it.

Each case starts `manage.py` in a fresh process, as a deployment would."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k3J9!qPz-LmN0vB7rT2yW5uE8iO4aS6dF1gH" * 2
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": GOOD_SECRET,
    "ALLOWED_HOSTS": "poles.example.org",
    "SITE_URL": "https://poles.example.org",
    "EMAIL_URL": "smtp://smtp.example.org:587",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
        and key not in {"REDIS_URL", "CONN_MAX_AGE", "PAGE_CACHE", "STATIC_ROOT", "SITE_URL"}
        and key not in {"EMAIL_URL", "EMAIL_HOST", "API_RATE_LIMIT", "PG_PARALLEL_WORKERS"}
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
        ({"DEBUG": "true", "REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL"),
        ({"DEBUG": "true", "REDIS_URL": "http://127.0.0.1:6379/0"}, "REDIS_URL"),
        ({"DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:port/0"}, "REDIS_URL"),
        ({"DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/cache"}, "REDIS_URL"),
        ({"DEBUG": "true", "REDIS_URL": "redis://"}, "REDIS_URL"),
        ({"DEBUG": "true", "CONN_MAX_AGE": "dix minutes"}, "CONN_MAX_AGE"),
        ({"DEBUG": "true", "CONN_MAX_AGE": "-1"}, "CONN_MAX_AGE"),
        (
            {
                "DEBUG": "true",
                "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal_ess",
                "PG_PARALLEL_WORKERS": "deux",
            },
            "PG_PARALLEL_WORKERS",
        ),
        ({"DEBUG": "true", "PAGE_CACHE": "parfois"}, "PAGE_CACHE"),
        ({"DEBUG": "true", "SITE_URL": "poles.example.org"}, "SITE_URL"),
        ({"DEBUG": "true", "SITE_URL": "ftp://poles.example.org"}, "SITE_URL"),
        ({"DEBUG": "true", "SITE_URL": "https://poles.example.org/poles/"}, "SITE_URL"),
        ({"DEBUG": "true", "SITE_URL": "https://poles.example.org:port"}, "SITE_URL"),
        ({"DEBUG": "true", "API_RATE_LIMIT": "20 par seconde"}, "API_RATE_LIMIT"),
        ({"DEBUG": "true", "API_RATE_LIMIT": "0/s"}, "API_RATE_LIMIT"),
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


def test_redis_url_error_never_repeats_a_password():
    result = manage("check", DEBUG="true", REDIS_URL="redis://:s3cr3t-pass@cache:port/0")

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


@pytest.mark.parametrize(("env", "workers"), [({}, "0"), ({"PG_PARALLEL_WORKERS": "2"}, "2")])
def test_postgresql_plans_no_parallel_query_unless_asked(env, workers):
    """A web worker's query runs in its own process: parallel workers would spend two or
    three processors on one answer (docs/performance.md)."""
    result = print_setting(
        "settings.DATABASES['default']['OPTIONS']['options']",
        DEBUG="true",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_ess",
        **env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"-c max_parallel_workers_per_gather={workers}"


def test_production_values_are_read():
    result = print_setting("settings.DEBUG, settings.ALLOWED_HOSTS", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['poles.example.org']"


def test_site_url_is_read_without_its_final_slash():
    result = print_setting("settings.SITE_URL", DEBUG="true", SITE_URL="https://poles.example.org/")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://poles.example.org"


def test_site_url_error_never_repeats_a_password():
    result = manage("check", DEBUG="true", SITE_URL="https://user:s3cr3t-pass@poles.example.org")

    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
    assert "s3cr3t-pass" not in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    "url", ["postgres://postgres@127.0.0.1:5432/portal_ess", "sqlite:////tmp/portail.sqlite3"]
)
def test_connections_are_kept_and_checked(url):
    """Each worker keeps its connection, SQLite's too: opening one per request cost a
    cached page two thirds of its throughput (docs/performance.md)."""
    database = "settings.DATABASES['default']"
    expression = f"{database}['CONN_MAX_AGE'], {database}['CONN_HEALTH_CHECKS']"

    kept = print_setting(expression, DEBUG="true", DATABASE_URL=url)
    per_request = print_setting(expression, DEBUG="true", DATABASE_URL=url, CONN_MAX_AGE="0")

    assert kept.returncode == per_request.returncode == 0, kept.stderr + per_request.stderr
    assert kept.stdout.strip() == "600 True"
    assert per_request.stdout.strip() == "0 False"


def test_the_cache_is_in_memory_unless_redis_url_is_set():
    backend = "settings.CACHES['default']['BACKEND']"

    local = print_setting(backend, DEBUG="true")
    shared = print_setting(
        f"{backend}, settings.CACHES['default']['LOCATION']",
        DEBUG="true",
        REDIS_URL="redis://cache.internal:6379/2",
    )

    assert local.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
    assert shared.stdout.strip() == (
        "django.core.cache.backends.redis.RedisCache redis://cache.internal:6379/2"
    )


def test_page_cache_can_be_turned_off_to_measure_pages_uncached():
    assert print_setting("settings.PAGE_CACHE", DEBUG="true").stdout.strip() == "True"
    off = print_setting("settings.PAGE_CACHE", DEBUG="true", PAGE_CACHE="false")
    assert off.stdout.strip() == "False"


SERVE_STYLESHEET = """
from django.templatetags.static import static
from django.test import Client
url = static("css/portal.css")
response = Client().get(url, HTTP_HOST="poles.example.org", HTTP_ACCEPT_ENCODING="br", secure=True)
print(url, response.status_code, response["Content-Encoding"], response["Cache-Control"], sep="|")
"""


def test_production_static_files_are_hashed_compressed_and_cached_for_long(tmp_path):
    collected = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path), **PRODUCTION)
    assert collected.returncode == 0, collected.stderr

    served = manage(
        "shell", "--no-imports", "-c", SERVE_STYLESHEET, STATIC_ROOT=str(tmp_path), **PRODUCTION
    )

    assert served.returncode == 0, served.stderr
    url, status, encoding, cache_control = served.stdout.strip().split("|")
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
    assert (status, encoding) == ("200", "br")
    assert cache_control == "max-age=315360000, public, immutable"
    assert (tmp_path / url.removeprefix("/static/")).with_suffix(".css.gz").exists()


def test_every_app_of_the_portal_is_part_of_the_installed_project(tmp_path, settings):
    """`pip install -e .` (make install) lists the portal's packages in pyproject.toml: every
    app must import from elsewhere than the repository's root, as a server started from
    another folder does."""
    apps = sorted(
        {app.split(".")[0] for app in settings.INSTALLED_APPS}
        & {path.name for path in ROOT.iterdir() if (path / "__init__.py").exists()}
    )
    assert {"core", "territories", "actors", "funding", "poles", "www"} <= set(apps)
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", f"import {', '.join(apps)}"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
