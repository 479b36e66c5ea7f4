"""Every public page and export runs at most 15 SQL queries, the same number on a small
network as on a national one (tests/performance/conftest.py builds both).

Each page is read as a visitor reads it (the test client, the whole body of a download),
uncached: caches are cleared before each counted request."""

from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

MAX_QUERIES = 15

POLE = "/poles/pole-00000/"
ACTOR = "/acteurs/acteur-00000/"
TERRITORY = "/territoires/pays-00000/"

# Every filter at once still finds the first pole: its first funding line (conftest.py).
POLE_FILTERS = {
    "q": "réseau",
    "status": "informal",
    "region": "region-a",
    "department": "D0",
    "territory": "pays-00000",
    "funder": "financeur-0",
    "programme": "programme-0",
    "kind": "study",
    "funding_status": "requested",
    "year": "2005",
    "amount_min": "1000",
    "amount_max": "50000",
}
SORTS = ["nom", "creation", "-creation", "statut"]
ACTOR_FILTERS = {
    "kind": "association",
    "territory": "pays-00000",
    "pole": "pole-00000",
    "q": "acteur",
}
FUNDING_FILTERS = {
    "pole_status": "informal",
    **{key: value for key, value in POLE_FILTERS.items() if key not in ("q", "status")},
}


def address(path, **query):
    return f"{path}?{urlencode(query)}" if query else path


def list_addresses(path, filters, sorts=()):
    yield path
    yield address(path, page=2)
    for key, value in filters.items():
        yield address(path, **{key: value})
    for sort in sorts:
        yield address(path, tri=sort)
    yield address(path, **filters, **({"tri": sorts[-1]} if sorts else {}))
    yield address(path, **{next(iter(filters)): "pas-un-filtre-connu", "year": "abc"})


def export_addresses(path, filters):
    for extension in ("csv", "xlsx"):
        yield f"{path}export.{extension}"
    for key, value in filters.items():
        yield address(f"{path}export.csv", **{key: value})
    yield address(f"{path}export.xlsx", **filters)


PAGES = [
    "/",
    *list_addresses("/poles/", POLE_FILTERS, SORTS),
    POLE,
    "/territoires/",
    TERRITORY,
    *list_addresses("/acteurs/", ACTOR_FILTERS),
    ACTOR,
    *list_addresses("/financements/", FUNDING_FILTERS),
    *export_addresses("/poles/", {**POLE_FILTERS, "tri": "statut"}),
    *export_addresses("/acteurs/", ACTOR_FILTERS),
    *export_addresses("/territoires/", {}),
    *export_addresses("/financements/", FUNDING_FILTERS),
]


def read(client, url):
    """The response, its body read to the end (a download is streamed)."""
    response = client.get(url)
    if response.streaming:
        # Read to the end, the client closes the response (as a server would).
        response.content_read = b"".join(response.streaming_content)
    return response


def counted(client, url):
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = read(client, url)
    return response, len(queries)


@pytest.fixture(scope="module")
def small_counts(national_network, django_db_blocker):
    """The queries of each page on the small network, which is then made large."""
    client = Client()
    counts = {}
    # Module scope: before the per-test fixture that turns the page cache off.
    with django_db_blocker.unblock(), override_settings(PAGE_CACHE=False):
        for url in PAGES:
            read(client, url)  # process-wide caches warmed
            counts[url] = counted(client, url)[1]
        national_network()
    return counts


def rows_shown(response):
    """How many records a list page counts or a CSV download holds: a page measured while
    it shows nothing would prove nothing."""
    if response.streaming:
        return len(response.content_read.splitlines()) - 1  # the header
    if response.context.get("paginator"):
        return response.context["paginator"].count
    return response.context["territory_count"]  # /territoires/


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_queries_do_not_grow_with_the_data(client, small_counts, url):
    response, queries = counted(client, url)

    assert queries <= MAX_QUERIES
    assert queries == small_counts[url]
    if "pas-un-filtre-connu" in url:
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        if url not in ("/", POLE, ACTOR, TERRITORY) and ".xlsx" not in url:
            assert rows_shown(response)
