"""Nothing the seeds do not say (issue 16, point 5): where the portal must hold a value the
documents lack, the public pages show it as « non communiqué » or label it for what it is;
every funding line, status change and key figure of the seed names its source. Read through
the public pages, as a reader finds them."""

import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse

from funding.enums import FundingStatus
from poles.models import FundingLine, Pole, StatusChange
from territories.models import KeyFigures
from tests.pages import page_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = (
    "soutien-a-la-creation-de-poles-de-developpement-de-leconomie-sociale-et-solidaire-"
    "dans-les-pays"
)


def sources_module():
    """fixtures/seed/sources.py: the five documents' names as the records cite them."""
    spec = importlib.util.spec_from_file_location(
        "seed_sources", ROOT / "fixtures" / "seed" / "sources.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pole_page(client, slug):
    response = client.get(reverse("poles:detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    return page_text(response)


def section(text, heading_id):
    """The HTML of the page's <section> headed by `heading_id`."""
    start = text.index(f'<section aria-labelledby="{heading_id}">')
    return text[start : text.index("</section>", start)]


# 1. The programme's 14 poles of October 2010: listed, state « non communiqué », counted apart


def test_the_programme_s_poles_are_listed_not_granted(client, seed):
    granted = client.get(reverse("funding:list"), {"funding_status": FundingStatus.GRANTED})
    text = page_text(granted)
    # Granted: the lines a document says were allocated (C2SOL, ADESS Brest, Les Écosolies).
    assert "6 lignes de financement pour ces filtres" in text
    assert "Recensé par le programme" not in text

    listed = page_text(
        client.get(reverse("funding:list"), {"funding_status": FundingStatus.UNKNOWN})
    )
    assert "14 lignes de financement pour ces filtres" in listed
    rows = section(listed, "lignes")
    assert rows.count("<td>non communiqué</td>") == 14
    assert rows.count("<td>Fiche Avise « Soutien à la création de pôles") == 14

    everything = page_text(client.get(reverse("funding:list")))
    assert "dont 14 à l'état non communiqué (recensées sans décision connue)" in everything
    by_state = section(everything, "totaux")
    state_table = by_state[by_state.index("Par état") :]
    assert '<th scope="row">non communiqué</th>' in state_table
    assert '<th scope="row">accordé</th>' in state_table


def test_the_programme_page_counts_its_listed_poles_apart(client, seed):
    text = page_text(client.get(f"/financements/programmes/{PROGRAMME}/"))

    assert "14 pôles ont au moins une ligne de financement de ce programme" in text
    assert "0 engagée, 0 demandée, 0 refusée, 14 à l'état non communiqué" in text
    assert "Les pôles financés" not in text


def test_a_listed_pole_shows_its_line_with_its_source(client, seed):
    funding = section(pole_page(client, "cades"), "financements")

    assert "Recensé par le programme en octobre 2010" in funding
    assert "Source : Fiche Avise « Soutien à la création de pôles" in funding
    assert "<td>non communiqué</td>" in funding
    assert "aide au fonctionnement" not in funding
    assert "accordé" not in funding


# 2. C2SOL's Region subsidy: granted, of unknown kind and purpose, not its study's


def test_c2sol_s_region_subsidy_is_of_unknown_kind(client, seed):
    text = pole_page(client, "c2sol")
    funding = section(text, "financements")

    assert "« Baisse de la subvention allouée par le Conseil Régionale »" in funding
    assert "Source : Fiche du pôle C2SOL (Pays de Lorient)" in funding
    assert "<td>accordé</td>" in funding
    assert "étude de préfiguration" not in funding
    study = FundingLine.objects.filter(pole__slug="c2sol", study__isnull=False)
    assert not study.exists()


# 3. The CADES: created in 1995 « bien avant cette démarche », a pole since a date not given


def test_cades_is_not_an_operating_pole_since_1995(client, seed):
    text = pole_page(client, "cades")

    history = section(text, "historique")
    assert "1995" not in history
    assert "date non communiquée" in history
    assert "« 3 pôles sont déjà créés »" in history
    identity = section(text, "identite")
    assert "1995 (création de la Coordination, « bien avant » la démarche des pôles)" in identity


# 4. « 3 pôles sont déjà créés »: nothing about their order


def test_the_three_poles_already_created_are_not_the_first(client, seed):
    for slug in ("cades", "adess-pays-de-brest", "reso-solidaire"):
        history = section(pole_page(client, slug), "historique")
        assert "Pôle créé : « 3 pôles sont déjà créés » (date non communiquée)" in history
    assert not StatusChange.objects.filter(note__icontains="premiers").exists()
    for pole in Pole.objects.all():
        assert "premiers" not in pole_page(client, pole.slug)


# 5. C2SOL's date of creation is the association's


def test_c2sol_s_creation_is_the_association_s(client, seed):
    identity = section(pole_page(client, "c2sol"), "identite")

    assert (
        "7 octobre 2009 (création de l'association C2SOL ; le pôle est en préfiguration)"
        in identity
    )


# 6. Names the documents do not give, actors' kinds and territories from elsewhere


DESCRIPTIVE = [
    "adess-pays-de-brest",
    "adess-pays-de-morlaix",
    "pole-ess-du-pays-de-cornouaille",
    "pole-ess-du-pays-de-dinan",
    "pole-ess-du-pays-de-fougeres",
    "pole-ess-du-pays-de-saint-brieuc",
    "pole-ess-du-pays-du-tregor-goelo",
]


def test_descriptive_names_are_shown_as_such(client, seed):
    for pole in Pole.objects.all():
        page = pole_page(client, pole.slug)
        header = page[page.index('<article class="pole">') :].split("</header>")[0]
        assert ("Nom descriptif" in header) == (pole.slug in DESCRIPTIVE), pole.slug
    cards = page_text(client.get(reverse("poles:list")))
    assert cards.count('<span class="muted">nom descriptif</span>') == len(DESCRIPTIVE)


def test_actors_kinds_and_territories_are_only_the_documents(client, seed):
    # The document names them in C2SOL's « noyau dur », no more: not a mutual nor a bank, and
    # not placed on the Pays de Lorient.
    for slug in ("maif", "credit-cooperatif", "akena"):
        text = page_text(client.get(reverse("actors:detail", kwargs={"slug": slug})))
        assert "<dt>Nature</dt>\n  <dd>Autre ou non précisé" in text
        assert "<dt>Territoire</dt>\n  <dd>non communiqué</dd>" in text
    lorient = page_text(client.get(reverse("actors:list"), {"territory": "pays-de-lorient"}))
    assert "2 acteurs correspondent à ces filtres" in lorient


# Every funding line, status change and key figure names its source, one of the five documents


def test_every_funding_line_status_change_and_key_figure_names_its_source(seed):
    documents = sources_module()
    names = {getattr(documents, f"SOURCE_00{number}") for number in range(5)}

    records = [
        *FundingLine.objects.all(),
        *StatusChange.objects.all(),
        *KeyFigures.objects.all(),
    ]
    assert len(records) > 40
    unsourced = [f"{type(record).__name__} {record.pk}" for record in records if not record.source]
    assert unsourced == []
    unknown = {record.source for record in records} - names
    assert unknown == set()
