"""/poles/ and /financements/ carry the filters they share to each other (issue 16, point 4)."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from funding.enums import FundingStatus
from poles.enums import PoleStatus
from tests.factories import FundingLineFactory, PoleFactory


def link(response, text):
    """The address of the link whose text starts with `text`."""
    content = response.content.decode()
    match = re.search(rf'<a href="([^"]*)">{re.escape(text)}', content)
    assert match, f"pas de lien « {text} »"
    return html.unescape(match.group(1))


@pytest.mark.django_db
def test_the_poles_filters_follow_to_their_funding_and_back(client, region_programme):
    wanted = PoleFactory(name="Pôle financé", status=PoleStatus.OPERATING)
    FundingLineFactory(
        pole=wanted, programme=region_programme, start_year=2010, status=FundingStatus.GRANTED
    )
    other = PoleFactory(name="Autre pôle", status=PoleStatus.PREFIGURATION)
    FundingLineFactory(pole=other, programme=region_programme, start_year=2010)
    query = {
        "status": "operating",
        "programme": region_programme.slug,
        "year": "2010",
        "tri": "statut",
        "page": "1",
    }

    poles = client.get("/poles/", query)
    to_funding = link(poles, "Voir leurs financements")

    assert urlsplit(to_funding).path == "/financements/"
    assert parse_qs(urlsplit(to_funding).query) == {
        "pole_status": ["operating"],
        "programme": [region_programme.slug],
        "year": ["2010"],
    }
    funding = client.get(to_funding)
    assert funding.status_code == 200
    assert "Pôle financé" in funding.content.decode()
    assert "Autre pôle" not in funding.content.decode()

    back = link(funding, "Voir ces pôles")
    assert parse_qs(urlsplit(back).query) == {
        "status": ["operating"],
        "programme": [region_programme.slug],
        "year": ["2010"],
    }
    assert [pole.name for pole in client.get(back).context["poles"]] == ["Pôle financé"]


@pytest.mark.django_db
def test_without_filters_the_lists_link_to_each_other_plainly(client):
    assert link(client.get("/poles/"), "Voir les financements des pôles") == "/financements/"
    assert link(client.get("/financements/"), "Voir les pôles") == "/poles/"


@pytest.mark.django_db
def test_a_search_stays_behind_and_the_link_says_so(client):
    response = client.get("/poles/", {"q": "lorient", "region": "bretagne"})
    assert link(response, "Voir les financements avec les mêmes filtres") == (
        "/financements/?region=bretagne"
    )
    assert "la recherche ne s'y applique pas" in response.content.decode()
