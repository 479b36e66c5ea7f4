"""The admin's home in a browser: a coordinator lands on their pole in one click, and no
role's home scrolls sideways at 1280 px nor has a serious axe-core violation."""

import pytest

from poles.roles import CRES, POLE_COORDINATORS, REGION_OFFICERS
from tests.browser.axe import axe_source, blocking, describe, run_axe
from tests.factories import FundingLineFactory, PoleFactory

# Without Playwright, skipped like the rest of the folder (conftest.py says why).
expect = pytest.importorskip(
    "playwright.sync_api", reason="Tests dans le navigateur sautés : Playwright n'est pas installé."
).expect

DESKTOP = {"width": 1280, "height": 800}
OWN_POLE = "Pôle ESS du Pays de Lorient"
OTHER_POLE = "Pôle ESS du Pays de Vannes"


def test_a_coordinator_lands_on_their_pole_in_one_click(new_page, account, log_in, live_server):
    own = PoleFactory(name=OWN_POLE)
    PoleFactory(name=OTHER_POLE)
    coordinator = account(POLE_COORDINATORS, "morgane.lorient")
    own.coordinators.add(coordinator)
    page = new_page(viewport=DESKTOP)

    log_in(page, coordinator)

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Votre pôle")).to_be_visible()
    expect(page.get_by_text(OTHER_POLE)).to_have_count(0)
    page.get_by_role("link", name=OWN_POLE, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/admin/poles/pole/{own.pk}/change/")
    expect(page.get_by_role("heading", level=2, name=OWN_POLE)).to_be_visible()


@pytest.mark.parametrize("role", [CRES, POLE_COORDINATORS, REGION_OFFICERS])
def test_no_role_s_home_scrolls_sideways_nor_fails_axe(new_page, account, log_in, role):
    axe_source()  # skips the test, with the reason, when axe-core is not installed
    poles = PoleFactory.create_batch(12)
    for pole in poles:
        FundingLineFactory(
            pole=pole,
            programme__name="Soutien à la création de pôles de développement de l'économie "
            "sociale et solidaire dans les Pays",
        )
    user = account(role, "compte")
    poles[0].coordinators.add(user)
    page = new_page(viewport=DESKTOP)

    log_in(page, user)

    expect(page.locator("#content-main .module").first).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    violations = blocking(run_axe(page))
    assert not violations, describe(violations, f"/admin/ ({role})")
