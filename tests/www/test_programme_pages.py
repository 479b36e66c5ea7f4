"""A programme's page and a funder's page (/financements/programmes/<slug>/,
/financements/financeurs/<slug>/), and the links that lead there."""

import pytest
from django.urls import reverse

from funding.enums import FundingKind, FundingStatus
from funding.models import Programme
from poles.enums import PoleStatus
from tests.factories import (
    ContactFactory,
    FunderFactory,
    FundingLineFactory,
    PoleFactory,
    ProgrammeFactory,
)
from tests.pages import count_queries, page_text

SEED_PROGRAMME = (
    "soutien-a-la-creation-de-poles-de-developpement-de-leconomie-sociale-et-solidaire-dans-"
    "les-pays"
)


def programme_url(programme):
    return reverse("funding:programme", kwargs={"slug": programme.slug})


@pytest.mark.django_db
def test_the_region_s_programme_reads_in_the_document_s_order(client, seed):
    response = client.get(f"/financements/programmes/{SEED_PROGRAMME}/")

    assert response.status_code == 200
    text = page_text(response)
    headings = [
        "L'action",
        "Objectifs",
        "Cibles",
        "Modalités de mise en œuvre",
        "Moyens et règles",
        "Autres partenaires",
        "Impacts et évaluation",
        "Les pôles du programme",
        "Pour en savoir plus",
        "Contacts",
    ]
    positions = [text.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    # The document's words, then the rules as the portal checks them, in French figures.
    assert "35.000 € par an sur 3 ans par poste de chargé de mission" in text
    assert "Une étude de préfiguration est financée à 25 000 € au plus." in text
    assert (
        "L'aide au fonctionnement est de 35 000 € par an et par poste de chargé de mission, "
        "pendant 3 ans au plus, pour 1 ou 2 postes : 210 000 € au plus pour un pôle." in text
    )
    # The evaluation with its date, the poles with their stage, the contacts with their role.
    assert "Octobre 2010 : 8 pôles en fonctionnement" in text
    assert 'href="/poles/cades/">CADES</a>' in text
    assert "Christine Mercier, Chef de service (Conseil régional de Bretagne" in text
    assert "Grégory Huchon, Chargé de mission (CRES Bretagne)" in text
    assert "www.bretagne.fr" in text


@pytest.mark.django_db
def test_the_programme_lists_its_poles_with_their_stage_and_caps(client, region_programme):
    operating = PoleFactory(name="Pôle en marche", status=PoleStatus.OPERATING)
    FundingLineFactory(
        pole=operating,
        programme=region_programme,
        kind=FundingKind.OPERATING,
        posts=1,
        start_year=2010,
        end_year=2011,
        amount=70000,
        status=FundingStatus.GRANTED,
    )
    FundingLineFactory(
        pole=PoleFactory(name="Pôle refusé"),
        programme=region_programme,
        kind=FundingKind.STUDY,
        amount=20000,
        status=FundingStatus.REFUSED,
    )
    PoleFactory(name="Pôle sans ligne")

    text = page_text(client.get(programme_url(region_programme)))

    assert "2 pôles ont au moins une ligne de financement de ce programme" in text
    assert "(2 lignes : 1 engagée, 0 demandée, 1 refusée)" in text
    assert "Pôle en marche" in text and "en fonctionnement" in text
    assert "Pôle sans ligne" not in text
    # The caps table: what the operating pole uses (refused lines use nothing).
    assert "année 2 sur 3" in text
    assert "70 000 € sur 105 000 €" in text
    assert f'href="/financements/?programme={region_programme.slug}"' in text


@pytest.mark.django_db
def test_a_funder_s_page_lists_its_programmes_and_counts_its_lines(client, region_programme):
    funder = region_programme.funder
    ProgrammeFactory(funder=funder, name="Un autre programme", slug="un-autre-programme")
    FundingLineFactory(programme=region_programme, status=FundingStatus.REQUESTED)
    FundingLineFactory(programme=region_programme, status=FundingStatus.PAID)

    response = client.get(reverse("funding:funder", kwargs={"slug": funder.slug}))

    text = page_text(response)
    assert response.status_code == 200
    assert f'href="{programme_url(region_programme)}"' in text
    assert 'href="/financements/programmes/un-autre-programme/"' in text
    assert "2 lignes : 1 engagée (accordée ou versée), 1 demandée, 0 refusée." in text
    assert f'href="/financements/?funder={funder.slug}"' in text


@pytest.mark.django_db
def test_a_funder_without_lines_says_so(client):
    funder = FunderFactory()
    text = page_text(client.get(reverse("funding:funder", kwargs={"slug": funder.slug})))
    assert "Aucune ligne de financement n'est enregistrée pour ce financeur." in text
    assert "Aucun programme enregistré" in text


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["programme", "funder"])
def test_an_unknown_slug_is_a_404(client, name):
    response = client.get(reverse(f"funding:{name}", kwargs={"slug": "inconnu"}))
    assert response.status_code == 404


@pytest.mark.django_db
def test_lines_link_to_their_programme_and_funder(client, region_programme):
    pole = PoleFactory()
    FundingLineFactory(pole=pole, programme=region_programme)
    funder_url = reverse("funding:funder", kwargs={"slug": region_programme.funder.slug})
    for url in (reverse("funding:list"), pole.get_absolute_url()):
        content = client.get(url).content.decode()
        assert f'href="{programme_url(region_programme)}"' in content, url
        assert f'href="{funder_url}"' in content, url


@pytest.mark.django_db
def test_the_programme_and_funder_pages_run_a_constant_number_of_queries(client, region_programme):
    ContactFactory(pole=None, programme=region_programme)
    FundingLineFactory(programme=region_programme, kind=FundingKind.STUDY, amount=1000)
    funder_url = reverse("funding:funder", kwargs={"slug": region_programme.funder.slug})
    few = {url: count_queries(client, url) for url in (programme_url(region_programme), funder_url)}

    for index in range(30):
        FundingLineFactory(
            pole=PoleFactory(name=f"Pôle {index:02}"),
            programme=region_programme,
            kind=FundingKind.STUDY,
            amount=1000,
        )
        ContactFactory(pole=None, programme=region_programme)

    assert {url: count_queries(client, url) for url in few} == few
    assert Programme.objects.count() == 1
