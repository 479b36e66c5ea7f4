"""Anonymous visitors' pages come from the cache until the data they show changes
(core/page_cache/): rendered once, never stale after an edit, never for staff.

Edits run inside the test's transaction, so the version changes when
`django_capture_on_commit_callbacks(execute=True)` ends, as it does at a real commit."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from core.page_cache import bump_data_version, data_version
from core.page_cache.versions import NewVersion
from poles.models import Objective, Pole
from tests.admin.forms import admin_form_data
from tests.factories import PoleFactory, TerritoryFactory
from tests.pages import page_text

ROOT = Path(__file__).resolve().parents[2]
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

    assert [type(callback) for callback in callbacks] == [NewVersion]
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
    assert [type(callback) for callback in callbacks] == [NewVersion, NewVersion]
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


# The key: the parameters a page reads, in a canonical order; nothing else.


def page_entries():
    """The pages held by this process's cache (the local-memory one)."""
    from django.core.cache import cache

    return [key for key in cache._cache if ":page:" in key]


def test_unknown_parameters_get_the_same_page_and_entry(client, seed):
    """`?x=<random>` made every request a render and a new entry, pushing real pages out."""
    client.get("/financements/")

    for number in range(5):
        response = client.get(f"/financements/?x={number}&utm_source=pirate")
        assert response.status_code == 200
        assert not rendered(response)

    assert len(page_entries()) == 1


@pytest.mark.parametrize("url", ["/poles/", "/acteurs/", "/financements/", "/territoires/"])
def test_a_page_rendered_for_unknown_parameters_is_the_plain_page(client, seed, settings, url):
    """Rendered first under `?x=pirate`, the entry is the page without it (nothing of the
    unknown parameter in its links or its « filtered » state) for the next visitors."""
    settings.PAGE_CACHE = False
    plain = client.get(f"{url}?page=1").content
    settings.PAGE_CACHE = True
    assert client.get(f"{url}?x=pirate&page=1").status_code == 200

    again = client.get(f"{url}?page=1")

    assert not rendered(again)
    assert again.content == plain


def test_repeated_parameters_canonicalise(client, seed):
    """A parameter given twice is read once, as the page reads it (the last value)."""
    client.get("/poles/?region=bretagne&status=operating")

    for url in (
        "/poles/?status=operating&region=bretagne&status=operating",
        "/poles/?status=paused&region=bretagne&status=operating",
        "/poles/?region=bretagne&region=bretagne&status=operating&x=1&x=2",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not rendered(response), url


def test_two_values_of_a_known_parameter_are_two_pages(client, seed):
    client.get("/poles/?status=operating")
    client.get("/territoires/")
    client.get("/acteurs/?kind=association")

    assert rendered(client.get("/poles/?status=paused"))
    assert rendered(client.get("/poles/?status=operating&tri=-creation"))
    assert rendered(client.get("/territoires/?page=1"))
    assert not rendered(client.get("/territoires/?x=1&page=1"))
    assert rendered(client.get("/acteurs/?kind=association&q=c2sol"))


def test_every_filter_of_a_list_is_a_parameter_of_its_key(client, seed):
    """Read from the lists' FilterSets: a filter added later is part of the key too."""
    from core.page_cache.parameters import known_parameters
    from www.actors.views import ActorListView
    from www.funding.views import FundingListView
    from www.poles.listing import PoleListView

    for view in (PoleListView, ActorListView, FundingListView):
        names = set(known_parameters(view.as_view()))
        assert set(view.filterset_class.base_filters) | {"page", "tri"} <= names
    assert set(known_parameters(PoleListView.as_view())) >= {"amount_min", "amount_max", "q"}
