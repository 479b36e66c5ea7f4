"""The public API on the seed: the same facts as the public pages, the same filters under the
same names, French errors, pages, ETags, open to other sites, a fair rate limit, and a
constant number of queries per answer."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.throttling import PerAddress
from core.formats import number
from core.page_cache import bump_data_version
from poles.models import Pole
from tests.factories import ActorFactory, MembershipFactory, PoleFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, (path, response.content[:300])
    return response.json()


def every(client, path, **params):
    """Every record of a list, page after page (`next`)."""
    data = get(client, path, limit=20, **params)
    results = data["results"]
    while data["next"]:
        response = client.get(data["next"])
        data = response.json()
        results += data["results"]
    return results


def page_poles(client, query):
    names, page = [], 1
    while True:
        response = client.get(reverse("poles:list"), {**query, "page": page})
        names += [pole.name for pole in response.context["poles"]]
        if not response.context["page_obj"].has_next():
            return names
        page += 1


def test_a_pole_says_what_its_page_shows(client, seed):
    pole = get(client, "/api/v1/poles/c2sol/")
    page = client.get("/poles/c2sol/").content.decode()

    assert pole["name"] == "C2SOL"
    assert pole["status"] == {
        "code": "prefiguration",
        "label": "préfiguration (étude de faisabilité)",
    }
    assert pole["created_on"]["label"] == "7 octobre 2009" and pole["created_on"]["label"] in page
    assert pole["created_on_note"] in page.replace("&#x27;", "'")
    assert [t["name"] for t in pole["territories"]] == ["Pays de Lorient"]
    assert pole["page"] == "http://testserver/poles/c2sol/"
    assert pole["objectives"] and all(
        objective["title"] in page.replace("&#x27;", "'") for objective in pole["objectives"]
    )
    assert pole["key_figures"]["salaried_jobs"] == 7521 and number(7521) in page
    assert {m["actor"]["name"] for m in pole["memberships"]} >= {"AEES", "Ville de Lorient"}
    assert [line["status"]["code"] for line in pole["funding_lines"]] == ["unknown", "granted"]
    assert all(line["source"] for line in pole["funding_lines"])
    assert pole["status_history"][0]["changed_on"]["label"] == "mai 2009"


def test_the_lists_link_their_records(client, seed):
    territory = get(client, "/api/v1/territoires/pays-de-lorient/")
    assert "c2sol" in [pole["slug"] for pole in territory["poles"]]
    assert territory["key_figures"][0]["source"]
    actor = get(client, "/api/v1/acteurs/steredenn/")
    assert actor["name"] == "Steredenn"
    programme = every(client, "/api/v1/programmes/")[0]
    detail = get(client, programme["url"].replace("http://testserver", ""))
    assert detail["rules"]["study_max_amount"] == "25000.00"
    lines = every(client, "/api/v1/financements/", funder=detail["funder"]["slug"])
    assert lines and all(line["funder"]["slug"] == detail["funder"]["slug"] for line in lines)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status": "operating"},
        {"region": "bretagne"},
        {"department": "29"},
        {"q": "dinan"},
        {"funding_status": "granted"},
        {"fiche": "a_actualiser"},
        {"tri": "-creation"},
    ],
)
def test_the_poles_filters_are_the_pages(client, seed, query):
    assert [pole["name"] for pole in every(client, "/api/v1/poles/", **query)] == page_poles(
        client, query
    )


def page_records(client, route, query, name):
    """The records a list page shows, across its pages (its context's `name`)."""
    records, page = [], 1
    while True:
        response = client.get(reverse(route), {**query, "page": page})
        assert response.status_code == 200
        records += list(response.context[name])
        if not response.context["page_obj"].has_next():
            return records
        page += 1


@pytest.mark.parametrize(
    "query", [{}, {"kind": "association"}, {"territory": "pays-de-lorient"}, {"q": "solid"}]
)
def test_the_actors_filters_are_the_pages(client, seed, query):
    api = [actor["slug"] for actor in every(client, "/api/v1/acteurs/", **query)]
    assert api == [actor.slug for actor in page_records(client, "actors:list", query, "actors")]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"funding_status": "unknown"},
        {"region": "bretagne"},
        {"year": "2010"},
        {"kind": "study"},
    ],
)
def test_the_funding_filters_are_the_pages(client, seed, query):
    api = [line["id"] for line in every(client, "/api/v1/financements/", **query)]
    assert api == [line.pk for line in page_records(client, "funding:list", query, "lines")]


@pytest.mark.parametrize(
    "path,query,message",
    [
        ("/api/v1/poles/", {"status": "nope"}, "« nope » n'est pas un statut de pôle."),
        ("/api/v1/poles/", {"region": "atlantide"}, "« atlantide » ne correspond à aucune région."),
        ("/api/v1/financements/", {"year": "deux mille"}, None),
    ],
)
def test_a_bad_parameter_is_a_400_that_says_why_in_french(client, seed, path, query, message):
    response = client.get(path, query)
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == list(query)
    if message:
        assert errors[next(iter(query))] == [message]


def test_an_unknown_record_is_a_french_404(client, seed):
    for path in ("/api/v1/poles/atlantide/", "/api/v1/financements/999999/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Aucun enregistrement sous cet identifiant."}


def test_pages_of_limit_and_offset(client, seed):
    first = get(client, "/api/v1/poles/", limit=5)
    second = get(client, "/api/v1/poles/", limit=5, offset=5)
    assert first["count"] == Pole.objects.count() == 15
    assert len(first["results"]) == 5 and first["next"].endswith("limit=5&offset=5")
    assert {p["slug"] for p in first["results"]}.isdisjoint(p["slug"] for p in second["results"])
    assert len(get(client, "/api/v1/acteurs/", limit=10_000)["results"]) <= 500


def test_a_reuser_polling_gets_304_and_other_sites_may_read(client, seed):
    response = client.get("/api/v1/poles/")
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    again = client.get("/api/v1/poles/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    Pole.objects.filter(slug="c2sol").update(name="C2SOL (Lorient)")
    changed = client.get("/api/v1/poles/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "C2SOL (Lorient)" in changed.content.decode()


def test_too_many_requests_get_a_429_saying_when_to_come_back(client, seed, monkeypatch):
    monkeypatch.setattr(PerAddress, "THROTTLE_RATES", {"anon": "3/min"})
    cache.clear()
    statuses = [client.get("/api/v1/financeurs/", {"limit": n}).status_code for n in range(1, 6)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    response = client.get("/api/v1/financeurs/", {"limit": 9})
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith("Trop de requêtes depuis votre adresse")
    cache.clear()


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def test_lists_and_records_cost_the_same_queries_for_few_or_many(client, settings):
    settings.PAGE_CACHE = False
    territory = TerritoryFactory()
    pole = PoleFactory(territories=[territory])
    MembershipFactory(pole=pole, actor=ActorFactory(territory=territory))
    paths = [
        "/api/v1/poles/",
        f"/api/v1/poles/{pole.slug}/",
        "/api/v1/acteurs/",
        f"/api/v1/territoires/{territory.slug}/",
        "/api/v1/financements/",
        "/api/v1/territoires/",
    ]
    few = [queries(client, path) for path in paths]
    for _ in range(30):
        other = PoleFactory(territories=[territory])
        MembershipFactory(pole=pole, actor=ActorFactory(territory=territory))
        MembershipFactory(pole=other, actor=ActorFactory())
    assert [queries(client, path) for path in paths] == few


def test_answers_come_from_the_page_cache_keyed_on_what_they_read(
    client, seed, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    operating = client.get("/api/v1/poles/", {"status": "operating"}).json()
    # Another parameter than those the endpoint reads changes nothing: the same entry.
    again = client.get("/api/v1/poles/", {"status": "operating", "utm_source": "x"})
    assert again.json() == operating
    everything = client.get("/api/v1/poles/").json()
    assert everything["count"] > operating["count"]
    Pole.objects.filter(slug="les-ecosolies").update(name="Les Écosolies (Nantes)")
    assert client.get("/api/v1/poles/", {"status": "operating"}).json() == operating
    with django_capture_on_commit_callbacks(execute=True):
        bump_data_version()  # what a save through the admin does
    renamed = client.get("/api/v1/poles/", {"status": "operating"}).json()
    assert "Les Écosolies (Nantes)" in {pole["name"] for pole in renamed["results"]}


def test_the_documentation_says_the_limit_in_words(client, seed):
    page = client.get("/api/").content.decode()
    assert "Chaque adresse IP peut faire 20 requêtes par seconde" in page
    assert 'href="/api/v1/schema/"' in page
