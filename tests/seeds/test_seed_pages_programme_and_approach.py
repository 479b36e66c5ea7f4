"""002 and 004 on the public pages: every sentence of the Region's programme fiche on the
programme's page, every sentence of the CRES's presentation of the approach on /demarche/,
read through the test client as a visitor reads them (issue 16, point 6)."""

import html
import re
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
PROGRAMME = (
    "/financements/programmes/soutien-a-la-creation-de-poles-de-developpement-de-leconomie-"
    "sociale-et-solidaire-dans-les-pays/"
)
TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")

pytestmark = pytest.mark.django_db


def normalised(text):
    """Apostrophes, bullets and spaces as one writes them on the page."""
    text = text.replace("’", "'").replace("•", " ").replace("■", " ")
    return SPACES.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def visible_text(response):
    return normalised(html.unescape(TAGS.sub(" ", response.content.decode())))


def sentences(document, start, end):
    """The document's text between two of its lines, cut into sentences and list items."""
    text = (SOURCES / document).read_text()
    text = text[text.index(start) : text.index(end)] if end else text[text.index(start) :]
    pieces = []
    for line in text.splitlines():
        if line.startswith("■"):
            continue  # a heading: the page has its own (« Cibles », « Moyens et règles »)
        line = normalised(line.lstrip("-• "))
        pieces += [piece.strip() for piece in re.split(r"(?<=[.!?:])\s+(?=[A-ZÀ-Ý…])", line)]
    return [piece for piece in pieces if len(piece) > 3]


@pytest.fixture
def programme_page(client, seed):
    return visible_text(client.get(PROGRAMME))


@pytest.fixture
def approach_page(client, seed):
    return visible_text(client.get("/demarche/"))


def test_every_sentence_of_the_programme_fiche_is_on_its_page(programme_page):
    body = sentences(
        "002-fiche-avise-programme-region-bretagne.txt",
        "Soutien à la structuration",
        "Rendez-vous sur",
    )
    assert len(body) > 20
    missing = [sentence for sentence in body if sentence not in programme_page]
    assert missing == []


def test_the_programme_s_links_contact_and_source(programme_page):
    for fact in (
        "Programme de Conseil régional de Bretagne",
        "www.bretagne.fr",
        "www.essenregion.org",
        "Christine Mercier, Chef de service (Conseil régional de Bretagne, Direction économie",
        "02 99 27 12 63",
        "christine.mercier@region-bretagne.fr",
        "Avise",
    ):
        assert fact in programme_page, fact


def test_every_sentence_of_the_approach_is_on_la_demarche(approach_page):
    body = sentences(
        "004-fiche-cres-poles-territoriaux-bretagne.txt", "Depuis plusieurs mois", "Un exemple"
    )
    # The document's note mark « [157] » is not part of its sentence.
    body = [sentence.replace(" [157]", "") for sentence in body]
    assert len(body) > 10
    missing = [sentence for sentence in body if sentence not in approach_page]
    assert missing == []


def test_the_approach_s_example_and_contacts(approach_page):
    example = sentences(
        "004-fiche-cres-poles-territoriaux-bretagne.txt",
        "La Coordination des Acteurs",
        "Pour en savoir",
    )
    # CADES's example is its fiche's history and actions: the facts, in the fiche's words.
    for fact in (
        "a été créée bien avant cette démarche, en 1995",
        "une centaine d'acteurs de l'ESS sur le pays",
        "l'ESS, une alternative à la crise ?",
        "conseil de développement et de la MEDEFI",
        "Depuis 2007, la CADES travaille sur les services à la personne.",
        "l'un sur l'éco-construction et l'autre sur l'accueil et l'hébergement de groupe",
        "Un autre va s'engager sur la restauration bio hors domicile.",
    ):
        assert fact in approach_page, fact
    assert len(example) >= 5
    for fact in (
        "chef de la mission économie sociale et solidaire, Conseil Régional Bretagne",
        "02 99 27 12 63",
        "christine.mercier@region-bretagne.fr",
        "Grégory Huchon, Chargé de mission (CRES Bretagne)",
        "02 99 85 83 15",
        "ghuchon@cres-bretagne.org",
        "www.cres-bretagne.org",
    ):
        assert fact in approach_page, fact
