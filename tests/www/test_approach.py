"""/demarche/: the approach as document 004 presents it, next to the network today."""

import pytest
from django.urls import reverse

from poles.enums import PoleStatus
from tests.factories import PoleFactory
from tests.pages import count_queries, page_text

URL = reverse("approach")


@pytest.mark.django_db
def test_the_approach_reads_as_the_document_with_its_links(client, seed):
    response = client.get(URL)

    assert response.status_code == 200
    text = page_text(response)
    # The definition, the five functions, the governance, the supporters and their example.
    assert "un bassin socio-économique cohérent" in text
    assert "(l'échelle du pays est privilégiée)" in text
    for function in (
        "Déterminer des stratégies de développement",
        "Organiser la représentation des acteurs de l'ESS",
        "Donner de la visibilité sur l'activité des acteurs de l'ESS",
        "Soutenir la création et le développement d'activités",
        "Favoriser le développement de projets partenariaux innovants",
    ):
        assert f"<li>{function}" in text
    assert "avec des modes de gouvernance et de gestion collective" in text
    assert "est soutenu par le Conseil Régional et Brest Métropole Océane" in text
    assert 'href="/poles/adess-pays-de-brest/">ADESS Pays de Brest</a>' in text
    assert 'href="/financements/financeurs/brest-metropole-oceane/"' in text
    # The state at the document's date, its three poles linked, next to today's.
    assert "démarche engagée sur 14 territoires" in text
    assert "plus de 350 organisations locales" in text
    for slug in ("cades", "adess-pays-de-brest", "reso-solidaire"):
        assert f'href="/poles/{slug}/"' in text
    assert "15 pôles : 9 en fonctionnement, 6 en préfiguration" in text
    # CADES as the example, and the contacts.
    assert "a été créée bien avant cette démarche, en 1995" in text
    assert "Depuis 2007, la CADES travaille sur les services à la personne." in text
    assert "Christine Mercier" in text and "02 99 85 83 15" in text


@pytest.mark.django_db
def test_today_s_state_is_counted_from_the_data(client):
    PoleFactory.create_batch(2, status=PoleStatus.OPERATING, actors_count=10)
    PoleFactory(status=PoleStatus.PREFIGURATION, actors_count=None)

    text = page_text(client.get(URL))

    assert "3 pôles : 2 en fonctionnement, 1 en préfiguration" in text
    assert "20 selon les 2 fiches qui en donnent le nombre" in text
    # Without the seed, no document text is invented.
    assert "Ce que dit le document" not in text


@pytest.mark.django_db
def test_the_approach_is_linked_from_the_home_page_and_every_footer(client):
    for url in ("/", "/poles/"):
        assert f'href="{URL}"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_approach_runs_a_constant_number_of_queries(client, seed):
    few = count_queries(client, URL)
    PoleFactory.create_batch(20)
    assert count_queries(client, URL) == few
