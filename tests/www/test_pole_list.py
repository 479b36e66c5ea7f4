"""/poles/: filters from the query string, count, sort, pagination, clear errors."""

import re

import pytest
from django.urls import reverse

from poles.enums import PoleStatus
from tests.factories import KeyFiguresFactory, PoleFactory, TerritoryFactory
from tests.pages import page_text

URL = reverse("poles:list")


def names(response):
    return [pole.name for pole in response.context["poles"]]


def test_every_pole_is_listed_with_its_count_status_territory_and_figure(client, seed):
    response = client.get(URL)

    assert response.status_code == 200
    assert len(names(response)) == 15
    html = page_text(response)
    assert "15 pôles" in html
    assert "7 521 emplois salariés dans l'ESS, soit 11,5 % des effectifs salariés" in html
    assert "Statut : </span>en fonctionnement" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "operating"}, 9),
        ({"status": "prefiguration"}, 6),
        ({"region": "pays-de-la-loire"}, 1),
        ({"region": "bretagne"}, 14),
        ({"department": "56"}, 3),
        ({"territory": "pays-de-lorient"}, 1),
        ({"funder": "nantes-metropole"}, 1),
        ({"region": "bretagne", "status": "prefiguration", "department": "22"}, 3),
    ],
)
def test_filters_keep_the_design_names(client, seed, query, expected):
    response = client.get(URL, query)

    assert response.status_code == 200
    assert len(names(response)) == expected
    assert f"{expected} pôle" in page_text(response)


def test_a_department_filter_finds_a_pays_spanning_several(client, seed):
    """The Pays de Redon et Vilaine spans 35, 56 and 44: CADES is in each."""
    for code in ("35", "56", "44"):
        assert "CADES" in names(client.get(URL, {"department": code})), code


def test_the_selects_name_each_record_and_keep_the_one_chosen(client, seed):
    """Options are read as rows (core/lists.py): a department reads « name (code) »,
    the value in the URL is its code or slug, and the chosen one stays selected."""
    html = client.get(URL, {"department": "56", "territory": "pays-de-lorient"}).content.decode()

    assert '<option value="56" selected>Morbihan (56)</option>' in html
    assert '<option value="29">Finistère (29)</option>' in html
    assert '<option value="pays-de-lorient" selected>Pays de Lorient</option>' in html
    assert '<option value="" selected>Toutes les régions</option>' in html
    assert html.count("Pays de Lorient</option>") == 1


def test_search_q_finds_poles_without_accents(client, seed):
    response = client.get(URL, {"q": "steredenn"})

    assert names(response) == ["Pôle ESS du Pays de Dinan"]


def test_sorting_by_status_follows_the_lifecycle(client, seed):
    statuses = [pole.status for pole in client.get(URL, {"tri": "statut"}).context["poles"]]

    assert statuses == sorted(statuses, key=[PoleStatus.PREFIGURATION, PoleStatus.OPERATING].index)


def test_sorting_by_creation_puts_unknown_dates_last(client, seed):
    poles = list(client.get(URL, {"tri": "creation"}).context["poles"])

    assert [pole.name for pole in poles[:3]] == ["CADES", "Les Écosolies", "C2SOL"]


def test_an_empty_result_says_so_and_offers_a_reset(client, seed):
    response = client.get(URL, {"q": "introuvablezzz"})

    assert response.status_code == 200
    html = page_text(response)
    assert "Aucun pôle ne correspond à ces filtres." in html
    assert f'href="{URL}"' in html


def test_every_filter_has_a_visible_label(client, seed):
    html = page_text(client.get(URL))

    for name in ("q", "status", "region", "department", "territory", "funder", "programme", "tri"):
        match = re.search(rf'<label for="id_{name}">([^<]+)</label>', html)
        assert match and match.group(1).strip(), name


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"status": "dormant"}, "Statut"),
        ({"region": "atlantide"}, "Région"),
        ({"department": "99"}, "Département"),
        ({"territory": "nulle-part"}, "Territoire"),
        ({"tri": "hasard"}, "Trier par"),
        ({"q": "x" * 2000}, "Recherche"),
    ],
)
def test_unknown_filter_values_get_a_400_naming_the_filter(client, seed, query, label):
    response = client.get(URL, query)

    assert response.status_code == 400
    assert f"« {label} »" in page_text(response)
    assert names(response) == []


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "9" * 30])
def test_page_numbers_out_of_range_are_404(client, seed, page):
    assert client.get(URL, {"page": page}).status_code == 404


@pytest.mark.django_db
def test_500_poles_paginate_with_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    territory = TerritoryFactory()
    KeyFiguresFactory(territory=territory)
    PoleFactory.create_batch(500, territories=[territory], status=PoleStatus.OPERATING)
    client.get(URL)

    with django_assert_max_num_queries(12) as first:
        response = client.get(URL, {"status": "operating", "page": 2})
    with django_assert_max_num_queries(12) as last:
        client.get(URL, {"page": 25})

    assert len(response.context["poles"]) == 20
    assert "500 pôles" in page_text(response)
    assert 'rel="next"' in page_text(response) and 'rel="prev"' in page_text(response)
    assert "status=operating&amp;page=3" in response.content.decode()
    assert len(first) == len(last)


def test_sorting_alone_is_not_counted_as_a_filter(client, seed):
    assert "15 pôles correspond" not in page_text(client.get(URL, {"tri": "statut"}))
    assert "9 pôles correspondent à ces filtres" in page_text(
        client.get(URL, {"status": "operating"})
    )
