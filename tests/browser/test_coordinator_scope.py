"""A pole's coordinator keeps their own pole's page up to date in the admin and cannot reach
another pole's, even by typing its address."""

import pytest

from poles.roles import POLE_COORDINATORS
from tests.factories import ObjectiveFactory, PoleFactory

# Without Playwright, skipped like the rest of the folder (conftest.py says why).
expect = pytest.importorskip(
    "playwright.sync_api", reason="Tests dans le navigateur sautés : Playwright n'est pas installé."
).expect

OWN_POLE = "Pôle ESS du Pays de Lorient"
OTHER_POLE = "Pôle ESS du Pays de Vannes"
OWN_OBJECTIVE = "Créer un lieu ressource pour les porteurs de projets"
OTHER_OBJECTIVE = "Structurer une filière de réemploi sur le Pays de Vannes"
NEW_OBJECTIVE = "Ouvrir un lieu ressource pour les porteurs de projets à Lorient"


@pytest.fixture
def poles(db):
    own = PoleFactory(name=OWN_POLE)
    ObjectiveFactory(pole=own, title=OWN_OBJECTIVE, order=1)
    other = PoleFactory(name=OTHER_POLE)
    ObjectiveFactory(pole=other, title=OTHER_OBJECTIVE, order=1)
    return own, other


def test_a_coordinator_edits_their_pole_and_cannot_reach_another(new_page, account, log_in, poles):
    own, other = poles
    coordinator = account(POLE_COORDINATORS, "morgane.lorient")
    own.coordinators.add(coordinator)
    page = new_page()
    log_in(page, coordinator)

    # Their lists show their pole and its objectives, nothing of the other pole.
    page.get_by_role("link", name="Pôles", exact=True).click()
    results = page.locator("#result_list")
    expect(results.get_by_role("link", name=OWN_POLE)).to_be_visible()
    expect(results.get_by_role("link", name=OTHER_POLE)).to_have_count(0)
    page.get_by_role("link", name="Accueil").click()
    page.get_by_role("link", name="Objectifs", exact=True).click()
    expect(results.get_by_role("link", name=OWN_OBJECTIVE)).to_be_visible()
    expect(page.get_by_text(OTHER_OBJECTIVE)).to_have_count(0)
    expect(page.get_by_text(OTHER_POLE)).to_have_count(0)

    # The other pole's page, its address typed: forbidden.
    response = page.goto(f"/admin/poles/pole/{other.pk}/change/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(page.get_by_text(OTHER_OBJECTIVE)).to_have_count(0)

    # Their own pole's page: the objective is changed and published.
    page.get_by_role("link", name="Revenir à l'espace de gestion").click()
    page.get_by_role("link", name="Pôles", exact=True).click()
    results.get_by_role("link", name=OWN_POLE).click()
    objective = page.locator("#objectives-group").get_by_role("textbox").first
    expect(objective).to_have_value(OWN_OBJECTIVE)
    objective.fill(NEW_OBJECTIVE)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié avec succès")

    visitor = new_page()
    visitor.goto("/poles/")
    visitor.get_by_role("link", name=OWN_POLE).click()
    objectives = visitor.get_by_role("region", name="Objectifs")
    expect(objectives).to_contain_text(NEW_OBJECTIVE)
    expect(objectives).not_to_contain_text(OWN_OBJECTIVE)
