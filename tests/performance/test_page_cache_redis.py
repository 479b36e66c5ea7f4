"""The page cache with Redis (core/page_cache/): several app servers share the pages and
the version; pages outlive their data version by a few minutes at most; Redis unreachable,
pages are rendered without it (logged), never a 500.

Each pytest-xdist worker uses its own database of the machine's Redis (they empty it); the
outage tests start a Redis server of their own and stop it."""

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from core.page_cache import data_version, outage
from core.page_cache.middleware import PAGE_TIMEOUT
from core.page_cache.versions import CACHE_KEY as VERSION_KEY
from poles.models import Pole
from tests.admin.forms import admin_form_data
from tests.performance.test_page_cache import C2SOL, anonymous_page, rendered
from tests.prerequisites import redis_test_url, require_program, worker_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def page_cache_on(page_cache, settings):
    settings.PAGE_CACHE = True
    outage.reset()
    yield
    outage.reset()


def use_redis(settings, url):
    """The cache in Redis at `url`, with the project's other cache settings (its TIMEOUT)."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def shared_redis(settings):
    """This worker's own database of the machine's Redis (emptied before and after)."""
    url = redis_test_url()
    use_redis(settings, url)

    cache.clear()
    yield url
    cache.clear()


def other_app_server(code, tmp_path, redis_url):
    """Run `code` in another process configured with the same Redis, as an app server (its
    database is of no use here: an empty SQLite file)."""
    environment = {
        **os.environ,
        "DEBUG": "true",
        "REDIS_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'autre-serveur.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


READ_VERSION = "from core.page_cache import data_version; print(data_version())"
NEW_VERSION = "from core.page_cache import bump_data_version; bump_data_version()"


def test_with_redis_a_cached_page_runs_no_query(
    client, seed, shared_redis, django_assert_num_queries
):
    anonymous_page(client, C2SOL)

    with django_assert_num_queries(0):
        response = client.get(C2SOL)

    assert not rendered(response)


def test_with_redis_app_servers_share_the_version(
    client, admin_client, seed, shared_redis, django_capture_on_commit_callbacks, tmp_path
):
    assert other_app_server(READ_VERSION, tmp_path, shared_redis) == str(data_version())

    # An edit here is seen by the other server…
    url = reverse("admin:poles_pole_change", args=[Pole.objects.get(slug="c2sol").pk])
    form = admin_form_data(admin_client.get(url))
    form["name"] = "C2SOL Lorient"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, form)
    assert other_app_server(READ_VERSION, tmp_path, shared_redis) == str(data_version())

    # …and a new version given there makes this server render the page again.
    anonymous_page(client, C2SOL)
    assert not rendered(client.get(C2SOL))
    other_app_server(NEW_VERSION, tmp_path, shared_redis)
    assert rendered(client.get(C2SOL))


def test_each_xdist_worker_has_its_own_redis_database(monkeypatch):
    assert worker_database("gw0") != worker_database("gw1")
    assert 0 not in {worker_database(""), worker_database("gw0")}  # 0: the usual one
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw3")
    assert worker_database() == worker_database("gw3")


def test_with_redis_a_page_outlives_its_version_by_minutes_at_most(client, seed, shared_redis):
    """An entry lives PAGE_TIMEOUT at most (not the 24 h of the cache's default): a page of a
    superseded version, never asked again, leaves Redis soon after; one still asked for is
    rendered again once in a while."""
    anonymous_page(client, C2SOL)
    anonymous_page(client, "/financements/")

    raw = redis.Redis.from_url(shared_redis)
    keys = [key for key in raw.scan_iter() if b":page:" in key]
    assert len(keys) == 2
    assert all(0 < raw.ttl(key) <= PAGE_TIMEOUT <= 15 * 60 for key in keys)
    # The version itself never expires (a new random one would make every page stale).
    assert raw.ttl(f":1:{VERSION_KEY}") == -1


# Redis unreachable: a server of the test's own, stopped.


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis(settings):
    """A Redis server started for this test (`redis-server --port <free> --save ''`), the
    cache pointed at it; `.stop()` kills it."""
    require_program("redis-server")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port, socket_connect_timeout=0.2)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    use_redis(settings, f"redis://127.0.0.1:{port}/0")

    def stop():
        server.kill()
        server.wait(timeout=10)

    server.stop = stop
    yield server
    if server.poll() is None:
        stop()


def outage_warnings(caplog):
    return [
        r for r in caplog.records if r.name == "core.page_cache" and r.levelno == logging.WARNING
    ]


def test_redis_stopped_pages_are_rendered_without_it(client, seed, own_redis, caplog):
    anonymous_page(client, C2SOL)
    assert not rendered(client.get(C2SOL))

    own_redis.stop()
    caplog.set_level(logging.WARNING)
    responses = [client.get(url) for url in (C2SOL, C2SOL, "/poles/", "/financements/", "/")]

    assert [response.status_code for response in responses] == [200] * 5
    assert all(rendered(response) for response in responses)
    # Logged once, not at every request.
    [warning] = outage_warnings(caplog)
    assert "Redis" in warning.getMessage() and "sans cache" in warning.getMessage()


def test_redis_on_a_closed_port_is_no_error(client, seed, settings, caplog):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    caplog.set_level(logging.WARNING)

    assert rendered(client.get(C2SOL))
    assert client.get(C2SOL).status_code == 200
    assert len(outage_warnings(caplog)) == 1


def test_an_admin_edit_while_redis_is_down_is_saved_and_shown(
    client, admin_client, seed, own_redis, django_capture_on_commit_callbacks, caplog
):
    """The new version cannot be written: the edit is saved all the same (no 500), logged."""
    anonymous_page(client, C2SOL)
    own_redis.stop()
    url = reverse("admin:poles_pole_change", args=[Pole.objects.get(slug="c2sol").pk])
    form = admin_form_data(admin_client.get(url))
    form["name"] = "C2SOL Lorient"
    caplog.set_level(logging.WARNING)

    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, form).status_code == 302

    assert Pole.objects.get(slug="c2sol").name == "C2SOL Lorient"
    assert "<h1>C2SOL Lorient</h1>" in anonymous_page(client, C2SOL)
    assert any(record.levelno >= logging.WARNING for record in caplog.records)


def test_redis_back_the_cache_is_used_again(client, seed, own_redis, settings, monkeypatch):
    """After an outage, Redis is tried again (every RETRY_AFTER seconds)."""
    port = own_redis.args[2]
    monkeypatch.setattr(outage, "RETRY_AFTER", 0)
    own_redis.stop()
    assert rendered(client.get(C2SOL))

    server = subprocess.Popen(
        ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                redis.Redis(port=int(port)).ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        # The connection kept from before the outage fails once, a new one is opened.
        responses = [client.get(C2SOL) for _ in range(3)]
        assert [response.status_code for response in responses] == [200] * 3
        assert not rendered(responses[-1])
    finally:
        server.kill()
        server.wait(timeout=10)


TIMED_GET = """
import time
from django.core.cache import cache
start = time.monotonic()
try:
    cache.get("x")
except Exception as error:
    print(type(error).__name__, round(time.monotonic() - start, 2))
"""


def test_a_redis_that_never_answers_costs_a_request_half_a_second(tmp_path):
    """REDIS_URL's connection has timeouts (settings.py): a Redis that takes the connection
    and never answers is given up after 0.5 s, not waited for forever."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        name, seconds = other_app_server(TIMED_GET, tmp_path, url).split()
    # The timeout, give or take a busy machine's scheduling (2 cores shared with the suite's
    # other workers): never the default of waiting for ever.
    assert name == "TimeoutError"
    assert 0.45 <= float(seconds) < 1.5, seconds
