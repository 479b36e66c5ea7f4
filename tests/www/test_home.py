"""/: the network at a glance."""

import re

import pytest
from django.urls import reverse

from territories.models import Region, Territory
from tests.factories import KeyFiguresFactory, PoleFactory, TerritoryFactory
from tests.pages import page_text
from www import home

FIGURES_ROW = re.compile(
    r'<tr><th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td><td class="num">(.*?)</td></tr>',
    re.DOTALL,
)


def figures_rows(html):
    """The rows of the key figures table: {territory as read: (establishments, jobs)}."""
    section = html[html.index('id="chiffres"') :]
    return {
        " ".join(re.sub(r"<[^>]+>", " ", header).split()): (establishments, jobs)
        for header, establishments, jobs in FIGURES_ROW.findall(section)
    }


def test_home_counts_poles_by_status_with_links_to_the_list(client, seed):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = page_text(response)
    assert "15 pôles" in html
    assert (
        f'href="{reverse("poles:list")}?status=operating"><strong>9</strong> en fonctionnement'
        in html
    )
    assert "<strong>6</strong> préfiguration (étude de faisabilité)" in html
    assert f'href="{reverse("funding:list")}"><strong>20</strong> lignes de financement' in html


def test_home_lists_the_pays_covered_and_not_yet(client, seed):
    html = page_text(client.get(reverse("home")))

    assert "Avec un pôle (14)" in html
    assert "Pas encore de pôle (7)" in html
    assert "Pays d'Auray" in html


def test_home_sums_figures_over_pays_only(client, seed):
    html = page_text(client.get(reverse("home")))

    # Lorient 688 + Dinan 378 establishments, 7 521 + 3 743 jobs
    assert "Bretagne : total des 2 Pays renseignés" in html
    assert "1 066" in html and "11 264" in html
    # The Pays de la Loire region is shown apart, never added to Pays
    assert "13 862" in html and "139 223" in html


@pytest.mark.django_db
def test_home_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        PoleFactory(territories=[KeyFiguresFactory().territory])
    client.get(reverse("home"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("home"))
    for _ in range(200):
        PoleFactory(territories=[KeyFiguresFactory(territory=TerritoryFactory()).territory])

    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("home"))

    assert response.status_code == 200
    assert len(many) == len(few)


def test_a_national_network_counts_its_pays_by_region(client, seed, monkeypatch):
    """Hundreds of Pays are counted region by region, each region linking to its poles,
    rather than named one by one (the seed's Pays, and one more, stand in for them)."""
    monkeypatch.setattr(home, "PAYS_NAMED", 5)
    loire = Region.objects.get(slug="pays-de-la-loire")
    PoleFactory(territories=[TerritoryFactory(name="Pays de Retz", region=loire)])

    html = page_text(client.get(reverse("home")))

    assert "Avec un pôle (" not in html
    assert "15 Pays sur 22 ont un pôle." in html
    poles = reverse("poles:list")
    assert (
        f'<tr><th scope="row"><a href="{poles}?region=bretagne">Bretagne</a></th>'
        '<td class="num">14</td><td class="num">7</td></tr>\n    \n      '
        f'<tr><th scope="row"><a href="{poles}?region=pays-de-la-loire">Pays de la Loire</a></th>'
        '<td class="num">1</td><td class="num">0</td></tr>' in html
    )
    # The figures table sums the Pays as before, without naming them.
    assert "Bretagne : total des 2 Pays renseignés</th>" in html
    assert "1 066" in html and "11 264" in html
    # No list of names (the map, which draws the Pays it has contours for, names those).
    assert '<ul class="tags">' not in html
    assert "<title>Pays d'Auray : pas de pôle</title>" in html


@pytest.mark.django_db
def test_the_pays_total_is_exactly_the_sum_of_its_pays(client, region, department):
    """A region, a department and a métropole cover Pays: their figures, distinctive here,
    are shown on rows of their own and never added into the Pays' total."""
    for name, kind, establishments, jobs in [
        ("Pays de Lorient", Territory.Kind.PAYS, 101, 1_001),
        ("Pays d'Auray", Territory.Kind.PAYS, 202, 2_002),
        ("Région Bretagne", Territory.Kind.REGION, 40_000, 400_000),
        ("Morbihan", Territory.Kind.DEPARTMENT, 5_000, 50_000),
        ("Lorient Agglomération", Territory.Kind.METROPOLE, 600, 6_000),
    ]:
        territory = TerritoryFactory(name=name, kind=kind, region=region, departments=[department])
        KeyFiguresFactory(territory=territory, establishments=establishments, salaried_jobs=jobs)

    rows = figures_rows(page_text(client.get(reverse("home"))))

    assert rows == {
        "Bretagne : total des 2 Pays renseignés Pays d'Auray, Pays de Lorient": ("303", "3 003"),
        "Région Bretagne (région)": ("40 000", "400 000"),
        "Morbihan (département)": ("5 000", "50 000"),
        "Lorient Agglomération (métropole ou agglomération)": ("600", "6 000"),
    }
