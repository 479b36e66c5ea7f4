"""The map (/carte/, the home page, the locators of pole and territory pages) on the seed:
one link per territory with its name and stage, the same facts as the table, the filters of
/poles/, what cannot be drawn listed rather than drawn wrong, its budget, its queries."""

import gzip
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from poles.models import Pole
from territories.geo.outlines import geometry
from territories.models import Territory, TerritoryPart
from tests.factories import PoleFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def map_svg(html):
    """The map's <svg>, parsed as XML (it must be well-formed)."""
    match = re.search(r'<svg class="map".*?</svg>', html, re.S)
    assert match, "pas de carte"
    return ET.fromstring(match.group(0))


def links(svg):
    """{territory page: its <title>} of each link of the map."""
    return {a.get("href"): a.find(f"{SVG}title").text for a in svg.iter(f"{SVG}a")}


def stage_label(territory):
    statuses = [pole.status for pole in territory.poles.all()]
    for status, label in [
        ("operating", "pôle en fonctionnement"),
        ("prefiguration", "pôle en préfiguration"),
        ("informal", "collectif informel"),
        ("paused", "pôle en pause"),
    ]:
        if status in statuses:
            return label
    return "pas de pôle"


def test_each_pays_of_the_seed_is_a_link_named_with_its_stage(client, seed):
    html = client.get("/carte/").content.decode()
    drawn = links(map_svg(html))

    pays = Territory.objects.filter(kind=Territory.Kind.PAYS).prefetch_related("poles")
    assert pays.count() == 21
    for territory in pays:
        title = drawn[territory.get_absolute_url()]
        assert title == f"{territory.name} : {stage_label(territory)}"
    assert drawn["/territoires/pays-de-lorient/"] == "Pays de Lorient : pôle en préfiguration"
    assert drawn["/territoires/pays-dauray/"] == "Pays d'Auray : pas de pôle"
    # Pays de la Loire's territories too; the région itself is not a shape.
    assert "/territoires/nantes-metropole/" in drawn and "/territoires/loire-atlantique/" in drawn
    assert "/territoires/pays-de-la-loire/" not in drawn
    # The same facts as a table, and the map's source.
    assert '<td>Pôle en préfiguration</td><td><a href="/poles/c2sol/">C2SOL</a>' in html
    assert "Licence Ouverte" in html and "périmètre historique" in html


def test_a_territory_without_composition_is_listed_not_drawn(client, seed):
    TerritoryPart.objects.filter(territory__slug="pays-de-pontivy").delete()

    html = client.get("/carte/").content.decode()

    assert "/territoires/pays-de-pontivy/" not in links(map_svg(html))
    assert re.search(r"Pays de Pontivy</a> <span class=\"muted\">\(contour non renseigné\)", html)
    page = client.get("/territoires/pays-de-pontivy/").content.decode()
    assert "Contour non renseigné" in page and '<svg class="map' not in page


def test_the_map_shows_the_poles_of_the_same_filters_as_the_list(client, seed):
    query = {"status": "prefiguration", "region": "bretagne"}
    listed = {pole.name for pole in client.get("/poles/", query).context["poles"]}
    response = client.get("/carte/", query)
    shown = {pole.name for shape in response.context["shapes"] for pole in shape.poles}

    assert listed and shown == listed
    drawn = links(map_svg(response.content.decode()))
    assert drawn["/territoires/pays-de-brest/"] == "Pays de Brest : pas de pôle"
    assert drawn["/territoires/pays-de-lorient/"] == "Pays de Lorient : pôle en préfiguration"
    assert "Pôles retenus : Statut : préfiguration" in response.content.decode()


def test_a_bad_filter_is_a_french_400_without_a_map(client, seed):
    response = client.get("/carte/", {"status": "inconnu"})

    assert response.status_code == 400
    assert "n'est pas un statut de pôle" in unescape(response.content.decode())
    assert '<svg class="map"' not in response.content.decode()


def test_pole_and_territory_pages_locate_their_territory(client, seed):
    pole = client.get("/poles/c2sol/").content.decode()
    territory = client.get("/territoires/pays-de-broceliande/").content.decode()

    where = "en Bretagne et Loire-Atlantique"
    assert f'role="img" aria-label="Situation de Pays de Lorient {where}"' in pole
    assert f'aria-label="Situation de Pays de Brocéliande {where}"' in territory
    source = Territory.objects.get(slug="pays-de-broceliande").outline_source
    assert source and f"Contour : {escape(source)}" in territory


def test_the_budgets_of_the_pages(client, seed):
    home = client.get("/").content
    carte = client.get("/carte/").content

    assert len(home) < 60_000 and len(gzip.compress(home)) < 20_000
    assert len(carte) < 150_000
    assert '<svg class="map"' in home.decode()


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_map_reads_a_constant_number_of_queries(client, seed):
    few = queries(client, "/carte/"), queries(client, "/")
    region = Territory.objects.get(slug="pays-de-lorient").region
    epci = next(iter(geometry()["epcis"]))
    for _ in range(30):
        territory = TerritoryFactory(region=region, kind=Territory.Kind.PAYS)
        TerritoryPart.objects.create(territory=territory, kind="epci", code=epci)
        PoleFactory.create_batch(2, territories=[territory])
    assert Pole.objects.count() > 70

    assert (queries(client, "/carte/"), queries(client, "/")) == few
