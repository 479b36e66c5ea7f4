"""Anonymous visitors' pages come from the cache until the data they show changes
(ess_portal/page_cache/): rendered once, never stale after an edit, never for staff.

Edits run inside the test's transaction, so the version changes when
`django_capture_on_commit_callbacks(execute=True)` ends, as it does at a real commit."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from ess_portal.page_cache import bump_data_version, data_version
from ess_portal.page_cache.versions import set_new_version
from poles.models import Objective, Pole
from tests.admin.forms import admin_form_data
from tests.factories import PoleFactory, TerritoryFactory
from tests.pages import page_text

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/11"  # a database of its own: the tests empty it
C2SOL = "/poles/c2sol/"


@pytest.fixture(autouse=True)
def page_cache_on(page_cache, settings):
    settings.PAGE_CACHE = True


def rendered(response):
    """Whether the page was rendered for this request (a cached page renders no template)."""
    return bool(response.templates)


def anonymous_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return page_text(response)


def public_pages():
    yield "/"
    yield "/poles/"
    yield "/poles/?status=operating&region=bretagne"
    yield C2SOL
    yield "/territoires/"
    yield "/territoires/pays-de-lorient/"
    yield "/acteurs/"
    yield "/acteurs/?kind=association"
    yield "/financements/"


@pytest.mark.parametrize("url", list(public_pages()))
def test_a_public_page_is_rendered_once(client, seed, url, django_assert_max_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    assert rendered(first)

    # At most the data version is read (one query, with the local-memory cache).
    with django_assert_max_num_queries(1):
        second = client.get(url)

    assert second.status_code == 200
    assert not rendered(second)
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"] == "max-age=0"


def test_the_query_string_is_normalised(client, seed):
    client.get("/poles/?status=operating&region=bretagne")

    same = client.get("/poles/?region=bretagne&status=operating")
    other = client.get("/poles/?region=bretagne")

    assert not rendered(same)
    assert rendered(other)


def test_a_cached_page_still_checks_the_host(client, seed):
    anonymous_page(client, C2SOL)

    assert client.get(C2SOL, HTTP_HOST="pirate.example.org").status_code == 400


def test_an_admin_edit_shows_on_the_next_anonymous_hit(
    client, admin_client, seed, django_capture_on_commit_callbacks
):
    assert "<h1>C2SOL</h1>" in anonymous_page(client, C2SOL)
    assert "C2SOL" in anonymous_page(client, "/poles/")
    version = data_version()
    url = reverse("admin:poles_pole_change", args=[Pole.objects.get(slug="c2sol").pk])
    form = admin_form_data(admin_client.get(url))
    form["name"] = "C2SOL Lorient"

    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, form).status_code == 302
        # Not committed yet: the version has not changed, the cached page is still served.
        assert data_version() == version
        assert "<h1>C2SOL</h1>" in anonymous_page(client, C2SOL)

    assert data_version() != version
    assert "<h1>C2SOL Lorient</h1>" in anonymous_page(client, C2SOL)
    assert "C2SOL Lorient" in anonymous_page(client, "/poles/")


def test_a_deletion_in_the_admin_shows_on_the_next_anonymous_hit(
    client, admin_client, seed, django_capture_on_commit_callbacks
):
    objective = Objective.objects.get(
        pole__slug="c2sol", title__startswith="Professionnalisation des acteurs"
    )
    assert "Professionnalisation des acteurs de l'ESS" in anonymous_page(client, C2SOL)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:poles_objective_delete", args=[objective.pk]), {"post": "yes"}
        )
        assert response.status_code == 302

    assert "Professionnalisation des acteurs de l'ESS" not in anonymous_page(client, C2SOL)


def test_a_change_of_a_poles_territories_shows_on_the_next_anonymous_hit(
    client, seed, django_capture_on_commit_callbacks
):
    """The relation alone changes (no save of the pole): m2m_changed gives a new version."""
    pole = PoleFactory(name="Pôle voyageur")
    territory = TerritoryFactory(name="Pays de Nulle-Part", slug="pays-de-nulle-part")
    url = territory.get_absolute_url()
    assert "Pôle voyageur" not in anonymous_page(client, url)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        pole.territories.add(territory)

    assert callbacks == [set_new_version]
    assert "Pôle voyageur" in anonymous_page(client, url)


def test_a_write_that_sends_no_signal_is_not_seen_until_the_version_changes(
    client, seed, django_capture_on_commit_callbacks
):
    """`update()` sends no signal: the page stays as cached (which shows it is cached), and
    `bump_data_version()` is what such a write must call."""
    anonymous_page(client, C2SOL)
    Pole.objects.filter(slug="c2sol").update(name="Renommé sans signal")

    assert "<h1>C2SOL</h1>" in anonymous_page(client, C2SOL)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        bump_data_version()
    assert "<h1>Renommé sans signal</h1>" in anonymous_page(client, C2SOL)


def test_load_seed_force_gives_a_new_version_once(client, seed, django_capture_on_commit_callbacks):
    Pole.objects.filter(slug="c2sol").update(name="Renommé sans signal")
    assert "<h1>Renommé sans signal</h1>" in anonymous_page(client, C2SOL)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("load_seed", "--force", stdout=io.StringIO())

    # Hundreds of rows saved, a new version once per savepoint (loaddata's and load_seed's).
    assert callbacks.count(set_new_version) == 2
    assert "<h1>C2SOL</h1>" in anonymous_page(client, C2SOL)


def test_a_rolled_back_change_keeps_the_version(seed, django_capture_on_commit_callbacks):
    version = data_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            PoleFactory()
            raise RuntimeError("annulé")

    assert callbacks == []
    assert data_version() == version


def test_logged_in_users_get_fresh_pages_and_leave_nothing_cached(client, admin_client, seed):
    anonymous_page(client, C2SOL)
    Pole.objects.filter(slug="c2sol").update(name="Renommé sans signal")

    staff_page = admin_client.get(C2SOL)

    assert rendered(staff_page)
    assert "<h1>Renommé sans signal</h1>" in page_text(staff_page)
    # The visitor still gets the page cached before (the staff's page was not stored).
    assert "<h1>C2SOL</h1>" in anonymous_page(client, C2SOL)


def test_exports_are_never_cached(client, seed):
    url = reverse("poles:export_csv")
    b"".join(client.get(url).streaming_content)
    Pole.objects.filter(slug="c2sol").update(name="Renommé sans signal")

    response = client.get(url)

    assert "Renommé sans signal" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_error_pages_are_not_cached(client, seed):
    assert client.get("/poles/?status=inconnu").status_code == 400

    again = client.get("/poles/?status=inconnu")

    assert again.status_code == 400
    assert rendered(again)


def test_page_cache_false_renders_every_hit(client, seed, settings):
    """PAGE_CACHE=false, for measuring pages uncached."""
    settings.PAGE_CACHE = False
    client.get(C2SOL)

    assert rendered(client.get(C2SOL))


# Redis: several app servers share the pages and the version.


@pytest.fixture
def shared_redis(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError as error:
        pytest.skip(f"Redis ne répond pas sur {REDIS_URL} ({error}) : cache partagé non testé.")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def other_app_server(code, tmp_path):
    """Run `code` in another process configured with the same Redis, as an app server (its
    database is of no use here: an empty SQLite file)."""
    environment = {
        **os.environ,
        "DEBUG": "true",
        "REDIS_URL": REDIS_URL,
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


READ_VERSION = "from ess_portal.page_cache import data_version; print(data_version())"
NEW_VERSION = "from ess_portal.page_cache import bump_data_version; bump_data_version()"


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
    assert other_app_server(READ_VERSION, tmp_path) == str(data_version())

    # An edit here is seen by the other server…
    url = reverse("admin:poles_pole_change", args=[Pole.objects.get(slug="c2sol").pk])
    form = admin_form_data(admin_client.get(url))
    form["name"] = "C2SOL Lorient"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, form)
    assert other_app_server(READ_VERSION, tmp_path) == str(data_version())

    # …and a new version given there makes this server render the page again.
    anonymous_page(client, C2SOL)
    assert not rendered(client.get(C2SOL))
    other_app_server(NEW_VERSION, tmp_path)
    assert rendered(client.get(C2SOL))
