"""The Atom feeds (the network's news, each pole's), the sitemap and robots.txt: valid, French,
dated honestly, addresses from SITE_URL, nothing of the staff, constant queries."""

import datetime
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from campaigns import freeze, workflow
from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche, YearlyFiche
from funding.models import Funder, Programme
from poles.enums import PoleStatus
from poles.models import Pole
from poles.roles import CRES
from territories.models import Territory
from tests.admin.forms import admin_form_data
from tests.factories import (
    ActorFactory,
    DocumentFactory,
    PoleFactory,
    StatusChangeFactory,
    create_in_bulk,
)
from tests.pages import count_queries, page_text
from www import sitemaps

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://poles.example.org"
NETWORK_FEED = "/flux/actualites.atom"
C2SOL_FEED = "/poles/c2sol/flux.atom"
USERNAME = "zquillivic"
EMAIL = "zephyrine.quillivic@cres-bretagne.example"
PARIS = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def published_seed(seed, django_capture_on_commit_callbacks):
    """The seed with its fiches 2009–2010 frozen, as `load_seed` leaves them (and the data's
    new version given, so that a test's own change gives another)."""
    with django_capture_on_commit_callbacks(execute=True):
        freeze.freeze_pending(YearlyFiche.objects.all())


def read_feed(url, status=200):
    # A Host of its own: the feed's addresses must not come from it.
    response = Client(HTTP_HOST="localhost").get(url)
    assert response.status_code == status, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed):
    return [
        {
            "id": entry.findtext(f"{ATOM}id"),
            "title": entry.findtext(f"{ATOM}title"),
            "updated": datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def titles(url):
    return [entry["title"] for entry in entries(read_feed(url))]


def noon(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=PARIS)


# The feeds


def test_the_network_feed_is_atom_in_french_with_addresses_from_site_url(published_seed):
    feed = read_feed(NETWORK_FEED)

    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(f"{ATOM}title") == "Actualités du réseau des pôles ESS"
    assert feed.findtext(f"{ATOM}id") == SITE + NETWORK_FEED
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == SITE + "/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE + NETWORK_FEED
    assert feed.findtext(f"{ATOM}author/{ATOM}name").endswith("(CRES)")
    news = entries(feed)
    assert 0 < len(news) <= 50
    assert all(entry["id"].startswith("tag:poles.example.org,2026:") for entry in news)
    assert len({entry["id"] for entry in news}) == len(news)
    assert all(entry["title"] and entry["link"].startswith(SITE + "/") for entry in news)
    assert [entry["updated"] for entry in news] == sorted(
        (entry["updated"] for entry in news), reverse=True
    )
    assert datetime.datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == news[0]["updated"]
    assert "localhost" not in str(ET.tostring(feed))


def test_a_pole_s_feed_tells_its_dated_news_latest_first(published_seed):
    feed = read_feed(C2SOL_FEED)

    assert feed.findtext(f"{ATOM}title") == "Actualités du pôle C2SOL"
    assert feed.findtext(f"{ATOM}id") == SITE + C2SOL_FEED
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == SITE + "/poles/c2sol/"
    news = entries(feed)
    assert [(entry["title"], entry["updated"]) for entry in news] == [
        ("Statut de C2SOL : préfiguration (étude de faisabilité)", noon(2010, 10, 1)),
        ("Fiche 2009–2010 de C2SOL", noon(2010, 10, 1)),
        ("Document du pôle C2SOL : Etude Brest Métropole Océane", noon(2009, 12, 1)),
        ("Statut de C2SOL : collectif informel", noon(2009, 5, 1)),
    ]
    status, fiche, document, first = news
    assert status["link"] == SITE + "/poles/c2sol/#historique"
    assert "Octobre 2010 : préfiguration (étude de faisabilité)." in status["summary"]
    assert "Étude de faisabilité en cours de réalisation" in status["summary"]
    assert fiche["link"] == SITE + "/poles/c2sol/fiches/2009-2010/"
    assert "reprise des documents sources (octobre 2010 ;" in fiche["summary"]
    assert document["link"] == SITE + "/poles/c2sol/#documents"
    assert "Mai 2009 : collectif informel." in first["summary"]
    # The same entry has the same id in both feeds.
    assert {entry["id"] for entry in news} <= {
        entry["id"] for entry in entries(read_feed(NETWORK_FEED))
    }


def test_undated_news_is_left_out_rather_than_dated_today(published_seed):
    """Les Écosolies: their documents and their fiche 2009–2010 have no date; the status of
    2008 (known to the year) is dated on its first day."""
    assert [
        (entry["title"], entry["updated"])
        for entry in entries(read_feed("/poles/les-ecosolies/flux.atom"))
    ] == [("Statut de Les Écosolies : en fonctionnement", noon(2008, 1, 1))]


def test_a_programme_s_documents_and_an_unknown_pole(published_seed):
    document = DocumentFactory(
        for_programme=True, title="Bilan du programme", date=datetime.date(2011, 3, 1)
    )

    news = entries(read_feed(NETWORK_FEED))

    assert (
        news[0]["title"]
        == f"Document du programme « {document.programme.name} » : Bilan du programme"
    )
    assert news[0]["link"] == SITE + document.programme.get_absolute_url() + "#documents"
    read_feed_status("/poles/pole-inconnu/flux.atom", 404)


def read_feed_status(url, status):
    assert Client().get(url).status_code == status


def test_a_validated_fiche_is_news(
    published_seed, django_user_model, django_capture_on_commit_callbacks
):
    c2sol = Pole.objects.get(slug="c2sol")
    cres = django_user_model.objects.create_superuser(
        username=USERNAME, email=EMAIL, password="x-solide-2026"
    )
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        year=2026,
        opens_on=today - timedelta(days=20),
        submission_deadline=today + timedelta(days=10),
        review_deadline=today + timedelta(days=20),
    )
    fiche = Fiche.objects.create(campaign=campaign, pole=c2sol, state=FicheState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.validate(fiche, cres, "Relue par Zéphyrine")
    yearly = YearlyFiche.objects.get(pole=c2sol, period="2026")

    for url in (NETWORK_FEED, C2SOL_FEED):
        latest = entries(read_feed(url))[0]
        assert latest["title"] == "Fiche 2026 de C2SOL validée par la CRES"
        assert latest["updated"] == yearly.frozen_at
        assert latest["link"] == SITE + "/poles/c2sol/fiches/2026/"


# Nothing private


def post_form(client, url, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_pole_added_in_the_admin_is_news_and_its_author_stays_private(
    client, django_user_model, territory
):
    user = django_user_model.objects.create_user(
        username=USERNAME,
        first_name="Zéphyrine",
        last_name="Quillivic-Tremintin",
        email=EMAIL,
        password="mot-de-passe-solide-2010",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=CRES))
    client.force_login(user)
    post_form(
        client,
        reverse("admin:poles_pole_add"),
        name="Pôle de Kerlouan",
        slug="pole-de-kerlouan",
        status=PoleStatus.INFORMAL,
        territories=[str(territory.pk)],
        functions=[],
        coordinators=[],
    )
    pole = Pole.objects.get(slug="pole-de-kerlouan")
    post_form(
        client,
        reverse("admin:poles_pole_change", args=[pole.pk]),
        status=PoleStatus.PREFIGURATION,
        status_reason="Étude lancée",
    )
    assert pole.revisions.filter(history_user=user).exists()  # what must not show

    news = entries(read_feed("/poles/pole-de-kerlouan/flux.atom"))

    added = next(entry for entry in news if entry["title"].startswith("Nouveau pôle"))
    assert added["title"] == "Nouveau pôle sur le portail : Pôle de Kerlouan"
    assert added["updated"] == pole.revisions.get(history_type="+").history_date
    assert added["link"] == SITE + "/poles/pole-de-kerlouan/"
    assert "Statut de Pôle de Kerlouan : préfiguration (étude de faisabilité)" in [
        entry["title"] for entry in news
    ]
    visitor = Client()
    answers = [
        visitor.get(url).content.decode()
        for url in (
            NETWORK_FEED,
            "/poles/pole-de-kerlouan/flux.atom",
            "/sitemap.xml",
            "/sitemap-poles-1.xml",
            "/robots.txt",
        )
    ]
    for secret in (USERNAME, EMAIL, "Zéphyrine", "Quillivic"):
        assert not any(secret.lower() in answer.lower() for answer in answers), secret


# Queries


def grow_network(count):
    """`count` poles added, each with a dated status change, a document and a published fiche."""
    poles = PoleFactory.create_batch(count)
    for pole in poles:
        StatusChangeFactory(pole=pole, changed_on=datetime.date(2011, 1, 1))
        DocumentFactory(pole=pole)
    YearlyFiche.objects.bulk_create(
        YearlyFiche(
            pole=pole,
            period="2011",
            label="2011",
            dated_on=datetime.date(2011, 2, 1),
            html="<article></article>",
            frozen_at=timezone.now(),
        )
        for pole in poles
    )
    return poles


def test_a_feed_costs_the_same_queries_for_few_or_many_records(published_seed):
    few_network = count_queries(Client(), NETWORK_FEED)
    few_pole = count_queries(Client(), C2SOL_FEED)

    poles = grow_network(60)
    for _ in range(10):
        StatusChangeFactory(pole=Pole.objects.get(slug="c2sol"))

    assert count_queries(Client(), NETWORK_FEED) == few_network <= 5
    assert count_queries(Client(), C2SOL_FEED) == few_pole <= 6
    assert count_queries(Client(), f"/poles/{poles[0].slug}/flux.atom") == few_pole
    assert len(entries(read_feed(NETWORK_FEED))) == 50


@pytest.mark.parametrize("url", [NETWORK_FEED, C2SOL_FEED, "/sitemap.xml", "/robots.txt"])
def test_feeds_and_the_sitemap_come_from_the_page_cache(published_seed, settings, url):
    settings.PAGE_CACHE = True
    client = Client()
    first = client.get(url)

    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)

    assert len(queries) <= 1  # the data version
    assert second.content == first.content


def test_a_cached_feed_shows_a_change_at_once(
    published_seed, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    client = Client()
    first = client.get(C2SOL_FEED)

    with django_capture_on_commit_callbacks(execute=True):
        StatusChangeFactory(
            pole=Pole.objects.get(slug="c2sol"),
            status=PoleStatus.OPERATING,
            changed_on=datetime.date(2011, 6, 1),
            changed_on_precision="month",
        )

    assert client.get(C2SOL_FEED).content != first.content
    assert titles(C2SOL_FEED)[0] == "Statut de C2SOL : en fonctionnement"


# The pages name their feeds


def test_every_page_names_the_network_feed_and_a_pole_s_page_its_own(published_seed):
    network = '<link rel="alternate" type="application/atom+xml" title="Actualités du réseau des pôles ESS" href="/flux/actualites.atom">'
    home = page_text(Client().get("/"))
    pole = page_text(Client().get("/poles/c2sol/"))

    assert network in home and network in pole
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Actualités du pôle C2SOL" '
        'href="/poles/c2sol/flux.atom">'
    ) in pole


# The sitemap and robots.txt


def read_xml(url, status=200):
    response = Client(HTTP_HOST="localhost").get(url)
    assert response.status_code == status, url
    if status != 200:
        return None
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return ET.fromstring(response.content)


def sitemap_urls():
    """Every address of the plan, through its index."""
    index = read_xml("/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    files = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    urls = []
    for url in files:
        assert url.startswith(SITE + "/sitemap-")
        urlset = read_xml(url.removeprefix(SITE))
        assert urlset.tag == f"{SITEMAP}urlset"
        assert all(child.tag == f"{SITEMAP}url" for child in urlset)
        urls += [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    return files, urls


def test_the_sitemap_lists_every_public_page_of_the_seed(published_seed):
    files, urls = sitemap_urls()

    expected = {
        SITE + path
        for path in (
            "/",
            "/demarche/",
            "/carte/",
            "/poles/",
            "/territoires/",
            "/acteurs/",
            "/financements/",
            "/donnees/",
            "/api/",
        )
    }
    expected |= {SITE + pole.get_absolute_url() for pole in Pole.objects.all()}
    expected |= {
        f"{SITE}/poles/{slug}/fiches/2009-2010/"
        for slug in Pole.objects.values_list("slug", flat=True)
    }
    expected |= {SITE + territory.get_absolute_url() for territory in Territory.objects.all()}
    expected |= {SITE + actor.get_absolute_url() for actor in Actor.objects.all()}
    expected |= {SITE + funder.get_absolute_url() for funder in Funder.objects.all()}
    expected |= {SITE + programme.get_absolute_url() for programme in Programme.objects.all()}
    assert len(urls) == len(set(urls))
    assert set(urls) == expected
    assert "/poles/c2sol/" in "".join(urls)
    assert len(files) == 7  # one file a section


def test_a_section_past_the_protocol_s_limit_is_cut_into_files(published_seed, monkeypatch):
    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 5)
    actors = Actor.objects.count()

    files, urls = sitemap_urls()

    actor_files = [url for url in files if "/sitemap-acteurs-" in url]
    assert len(actor_files) == -(-actors // 5) > 1
    assert sum("/acteurs/" in url for url in urls) == actors + 1  # and the list
    read_xml(f"/sitemap-acteurs-{len(actor_files) + 1}.xml", status=404)
    read_xml("/sitemap-acteurs-0.xml", status=404)
    read_xml("/sitemap-inconnu-1.xml", status=404)
    read_xml(f"/sitemap-acteurs-{10**30}.xml", status=404)


def test_the_sitemap_costs_the_same_queries_for_few_or_many_actors(published_seed):
    few = [count_queries(Client(), url) for url in ("/sitemap.xml", "/sitemap-acteurs-1.xml")]
    create_in_bulk(ActorFactory, [{} for _ in range(300)])

    assert [
        count_queries(Client(), url) for url in ("/sitemap.xml", "/sitemap-acteurs-1.xml")
    ] == few


def test_a_pole_s_page_gives_its_last_change(published_seed):
    pole = Pole.objects.get(slug="c2sol")
    pole.save()

    urlset = read_xml("/sitemap-poles-1.xml")

    lastmods = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.findall(f"{SITEMAP}url")
    }
    assert datetime.datetime.fromisoformat(lastmods[SITE + "/poles/c2sol/"]) == pole.updated_at
    assert lastmods[SITE + "/poles/cades/"] is None  # the seed's: not known


def test_robots_txt_opens_the_public_site_and_names_the_sitemap(db):
    response = Client(HTTP_HOST="localhost").get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /poles/export.",
        "Disallow: /territoires/export.",
        "Disallow: /acteurs/export.",
        "Disallow: /financements/export.",
        "Disallow: /financements/poles-annees.",
        f"Sitemap: {SITE}/sitemap.xml",
    ]
