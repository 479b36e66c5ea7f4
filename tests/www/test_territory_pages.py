"""/territoires/ and /territoires/<slug>/: figures, poles and actors of each territory."""

import re

from django.urls import reverse

from poles.enums import PoleStatus
from territories.models import Territory
from tests.factories import (
    ActorFactory,
    DepartmentFactory,
    KeyFiguresFactory,
    PoleFactory,
    TerritoryFactory,
)
from tests.pages import count_queries, page_text

BRETAGNE_PAYS = {
    "Pays de Brest",
    "Pays de Morlaix",
    "Pays de Cornouaille",
    "Pays du Centre-Ouest Bretagne",
    "Pays de Dinan",
    "Pays de Saint-Brieuc",
    "Pays de Guingamp",
    "Pays du Trégor-Goëlo",
    "Pays du Centre Bretagne",
    "Pays de Lorient",
    "Pays d'Auray",
    "Pays de Vannes",
    "Pays de Pontivy",
    "Pays de Ploërmel – Cœur de Bretagne",
    "Pays de Redon et Vilaine",
    "Pays de Rennes",
    "Pays de Saint-Malo",
    "Pays de Fougères",
    "Pays de Vitré – Porte de Bretagne",
    "Pays de Brocéliande",
    "Pays des Vallons de Vilaine",
}
LIST_QUERIES = 4
DETAIL_QUERIES = 7  # with the pieces of its outline (the locator map)


def section(text, anchor):
    """The HTML of the <section> whose heading has this id."""
    match = re.search(rf'<section aria-labelledby="{anchor}">(.*?)</section>', text, re.S)
    assert match, f"no section {anchor}"
    return match.group(1)


def card(text, name):
    """The HTML of the first card titled `name` in `text`."""
    for chunk in text.split('<li class="card">')[1:]:
        if f">{name}</a></h3>" in chunk:
            return chunk
    raise AssertionError(f"no card for {name}")


def card_names(text):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', text)


# With the seed


def test_list_groups_the_21_pays_of_bretagne_by_department(client, seed):
    response = client.get(reverse("territories:list"))

    assert response.status_code == 200
    text = page_text(response)
    assert "<title>Territoires — " in text
    assert text.count("<h1>") == 1
    in_departments = set()
    for slug in ("cotes-darmor", "finistere", "ille-et-vilaine", "loire-atlantique", "morbihan"):
        in_departments |= set(card_names(section(text, f"departement-{slug}")))
    assert in_departments == BRETAGNE_PAYS
    assert "Les 21 Pays" in text
    assert set(card_names(section(text, "departement-finistere"))) == {
        "Pays de Brest",
        "Pays de Cornouaille",
        "Pays de Morlaix",
        "Pays du Centre-Ouest Bretagne",
    }


def test_list_shows_latest_figures_and_pole(client, seed):
    text = page_text(client.get(reverse("territories:list")))

    lorient = card(section(text, "departement-morbihan"), "Pays de Lorient")
    assert "<strong>688</strong> établissements employeurs de l'ESS" in lorient
    assert (
        "<strong>7 521</strong> emplois salariés, soit 11,5 % des effectifs salariés du territoire"
        in lorient
    )
    assert "<strong>564</strong> associations, soit 82 % des établissements de l'ESS" in lorient
    assert "<strong>90</strong> coopératives, soit 13 % des établissements de l'ESS" in lorient
    assert "(année non communiquée) — source : Fiche du pôle C2SOL (Pays de Lorient)" in lorient
    assert f'<a href="{reverse("poles:detail", kwargs={"slug": "c2sol"})}">C2SOL</a>' in lorient
    assert "préfiguration (étude de faisabilité)" in lorient


def test_a_pays_over_several_departments_appears_under_each(client, seed):
    text = page_text(client.get(reverse("territories:list")))

    expected = {
        "ille-et-vilaine": "s'étend aussi sur Loire-Atlantique (44) et Morbihan (56)",
        "loire-atlantique": "s'étend aussi sur Ille-et-Vilaine (35) et Morbihan (56)",
        "morbihan": "s'étend aussi sur Ille-et-Vilaine (35) et Loire-Atlantique (44)",
    }
    for slug, note in expected.items():
        redon = card(section(text, f"departement-{slug}"), "Pays de Redon et Vilaine")
        assert note in redon
        assert ">CADES</a>" in redon
    assert text.count(">Pays de Redon et Vilaine</a></h3>") == 3


def test_a_territory_without_pole_says_so(client, seed):
    text = page_text(client.get(reverse("territories:list")))

    auray = card(section(text, "departement-morbihan"), "Pays d'Auray")
    assert "Aucun pôle sur ce territoire pour l'instant." in auray
    assert "Chiffres clés non communiqués." in auray


def test_list_shows_other_territories_by_region(client, seed):
    text = page_text(client.get(reverse("territories:list")))

    others = section(text, "region-pays-de-la-loire")
    assert "Autres territoires — Pays de la Loire" in text
    assert set(card_names(others)) == {"Loire-Atlantique", "Nantes Métropole", "Pays de la Loire"}
    region = card(others, "Pays de la Loire")
    assert "Région" in region
    assert "<strong>13 862</strong> établissements employeurs de l'ESS" in region
    assert "<strong>11 706</strong> associations, soit 84,4 % des établissements" in region
    assert "Aucun pôle sur ce territoire pour l'instant." in region
    assert ">Les Écosolies</a>" in card(others, "Nantes Métropole")


def test_detail_shows_figures_pole_and_actors(client, seed):
    territory = Territory.objects.get(slug="pays-de-lorient")
    response = client.get(territory.get_absolute_url())

    assert response.status_code == 200
    assert territory.get_absolute_url() == "/territoires/pays-de-lorient/"
    text = page_text(response)
    assert "<title>Pays de Lorient — Territoires — " in text
    assert text.count("<h1>") == 1
    assert '<nav class="breadcrumb" aria-label="Fil d\'Ariane">' in text
    assert f'<a href="{reverse("territories:list")}">Territoires</a>' in text
    assert "Morbihan (56)" in text
    assert "Bretagne" in text
    assert '<span class="figure__value">7 521</span>' in text
    assert '<span class="figure__value">11,5 %</span>' in text
    assert "associations, soit 82 % des établissements de l'ESS" in text
    assert "Chiffres clés (année non communiquée) — source : Fiche du pôle C2SOL" in text
    assert f'<a href="{reverse("poles:detail", kwargs={"slug": "c2sol"})}">C2SOL</a>' in text
    assert "2 acteurs situés sur ce territoire" in text
    ville = reverse("actors:detail", kwargs={"slug": "ville-de-lorient"})
    assert f'<a href="{ville}">Ville de Lorient</a>' in text


def test_detail_of_the_pays_de_la_loire_region(client, seed):
    text = page_text(client.get(reverse("territories:detail", args=["pays-de-la-loire"])))

    assert '<span class="figure__value">13 862</span>' in text
    assert '<span class="figure__value">139 223</span>' in text
    assert "associations, soit 84,4 % des établissements de l'ESS" in text
    assert "coopératives, soit 12,8 % des établissements de l'ESS" in text
    assert "Aucun pôle sur ce territoire pour l'instant." in text
    ecosolies = reverse("poles:detail", kwargs={"slug": "les-ecosolies"})
    assert f'présente la page du pôle <a href="{ecosolies}">Les Écosolies</a>' in text


def test_unknown_territory_is_404(client, db):
    assert client.get(reverse("territories:detail", args=["nulle-part"])).status_code == 404


# Built data


def test_detail_lists_every_year_latest_first(client, territory):
    KeyFiguresFactory(territory=territory, year=2006, salaried_jobs=7000, source="Fiche A")
    KeyFiguresFactory(territory=territory, year=None, salaried_jobs=7100, source="Fiche B")
    KeyFiguresFactory(
        territory=territory,
        year=2008,
        establishments=700,
        salaried_jobs=7521,
        associations=560,
        associations_share_stated=None,
        cooperatives=91,
        cooperatives_share_stated=None,
        source="Observatoire",
    )

    text = page_text(client.get(territory.get_absolute_url()))

    assert "<caption>Chiffres clés par année, du plus récent au plus ancien</caption>" in text
    rows = re.findall(r'<th scope="row">([^<]+)</th>', text)
    assert rows == ["2008", "2006", "année non communiquée"]
    # The latest year's computed shares: 560 / 700 = 80 %, 91 / 700 = 13 %.
    assert "associations, soit 80 % des établissements de l'ESS" in text
    assert "Chiffres clés 2008 — source : Observatoire" in text
    assert '<td class="num">7 521</td>' in text


def test_territory_without_figures_nor_actors(client, territory):
    text = page_text(client.get(territory.get_absolute_url()))

    assert "Chiffres clés non communiqués." in text
    assert "Aucun pôle sur ce territoire pour l'instant." in text
    assert "Aucun acteur n'est encore rattaché à ce territoire." in text


def test_detail_lists_several_poles_with_their_status(client, territory):
    PoleFactory(name="Pôle A", slug="pole-a", territories=[territory])
    PoleFactory(
        name="Pôle B", slug="pole-b", territories=[territory], status=PoleStatus.PREFIGURATION
    )

    text = page_text(client.get(territory.get_absolute_url()))

    assert "<h2>Pôles du territoire</h2>" in text
    assert '<a href="/poles/pole-a/">Pôle A</a> <span class="badge badge--operating">' in text
    assert '<a href="/poles/pole-b/">Pôle B</a> <span class="badge badge--prefiguration">' in text


# A constant number of queries


def build_territories(count, region, department):
    for territory in TerritoryFactory.create_batch(count, region=region, departments=[department]):
        KeyFiguresFactory(territory=territory, year=2007)
        KeyFiguresFactory(territory=territory, year=2008)
        PoleFactory(territories=[territory])


def test_list_queries_do_not_grow_with_territories(client, region, department):
    other_department = DepartmentFactory(region=region)
    build_territories(2, region, department)
    TerritoryFactory(kind=Territory.Kind.REGION, region=region, departments=[])
    url = reverse("territories:list")
    few = count_queries(client, url)

    build_territories(298, region, other_department)
    many = count_queries(client, url)

    assert few == many <= LIST_QUERIES


def test_list_with_300_territories(client, region, department, django_assert_max_num_queries):
    build_territories(300, region, department)
    url = reverse("territories:list")
    client.get(url)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(url)

    assert page_text(response).count('<li class="card">') == 300


def test_detail_queries_do_not_grow(client, territory, django_assert_max_num_queries):
    PoleFactory(territories=[territory])
    KeyFiguresFactory(territory=territory, year=2000)
    ActorFactory(territory=territory)
    url = territory.get_absolute_url()
    few = count_queries(client, url)

    for year in range(1950, 1999):
        KeyFiguresFactory(territory=territory, year=year)
    ActorFactory.create_batch(199, territory=territory)
    PoleFactory.create_batch(5, territories=[territory])
    many = count_queries(client, url)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(url)
    assert few == many
    text = page_text(response)
    assert "200 acteurs situés sur ce territoire" in text
    assert len(re.findall(r'<th scope="row">', text)) == 50


def test_list_card_with_two_poles_and_missing_counts(client, territory):
    PoleFactory(name="Pôle A", slug="pole-a", territories=[territory])
    PoleFactory(name="Pôle B", slug="pole-b", territories=[territory])
    KeyFiguresFactory(
        territory=territory,
        year=2009,
        establishments=None,
        salaried_jobs=None,
        associations=12,
        cooperatives=None,
        source="Fiche",
    )

    text = page_text(client.get(reverse("territories:list")))

    lorient = card(section(text, "departement-morbihan"), "Pays de Lorient")
    assert "<p>Pôles :</p>" in lorient
    assert '<li><a href="/poles/pole-a/">Pôle A</a> <span class="badge' in lorient
    assert '<li><a href="/poles/pole-b/">Pôle B</a> <span class="badge' in lorient
    assert "Établissements employeurs de l'ESS : non communiqué" in lorient
    assert "Emplois salariés : non communiqué" in lorient
    assert "<strong>12</strong> associations</li>" in lorient
    assert "Chiffres clés 2009 — source : Fiche" in lorient


# At national scale


def test_the_list_pages_by_whole_sections_with_every_section_in_its_contents(client, region):
    first, second, third = DepartmentFactory.create_batch(3, region=region)
    for department in (first, second, third):
        build_territories(25, region, department)  # 60 cards a page: two departments fit

    first_page = page_text(client.get(reverse("territories:list")))
    second_page = page_text(client.get(reverse("territories:list"), {"page": 2}))

    assert first_page.count('<li class="card">') == 50
    assert f'<a href="#departement-{first.slug}">{first}</a> (25 Pays)' in first_page
    assert (
        f'<a href="?page=2#departement-{third.slug}">{third}</a> (25 Pays) '
        '<span class="muted">(page 2)</span>'
    ) in first_page
    assert "Page 1 sur 2" in first_page
    assert "<title>Territoires (page 2) — " in second_page
    assert set(card_names(section(second_page, f"departement-{third.slug}"))) == {
        territory.name for territory in Territory.objects.filter(departments=third)
    }
    assert f'id="departement-{first.slug}"' not in second_page
    assert f'<a href="?page=1#departement-{first.slug}">' in second_page
    assert client.get(reverse("territories:list"), {"page": 3}).status_code == 404


def test_the_detail_lists_the_first_actors_and_links_to_the_directory(client, territory):
    ActorFactory.create_batch(25, territory=territory)

    text = page_text(client.get(territory.get_absolute_url()))

    assert "25 acteurs situés sur ce territoire" in text
    assert f'<a href="/acteurs/?territory={territory.slug}">' in text
    assert "Les 20 premiers, par ordre alphabétique :" in text
    assert len(re.findall(r'<li><a href="/acteurs/[^"?]+/">', text)) == 20
