"""A Région officer filters the poles by status and funder and downloads the selection as a
spreadsheet, whose rows are the poles the page shows, in its order."""

from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from poles.enums import PoleStatus
from poles.roles import REGION_OFFICERS
from tests.factories import FunderFactory, FundingLineFactory, PoleFactory

# Without Playwright, skipped like the rest of the folder (conftest.py says why).
expect = pytest.importorskip(
    "playwright.sync_api", reason="Tests dans le navigateur sautés : Playwright n'est pas installé."
).expect

REGION = "Conseil régional de Bretagne"
OPERATING = PoleStatus.OPERATING.label


@pytest.fixture
def network(db):
    """Six poles: three operating ones funded by the Région (one of them by two funders),
    and three that one of the two filters leaves out."""
    region = FunderFactory(name=REGION)
    deposits = FunderFactory(name="Caisse des Dépôts")
    foundation = FunderFactory(name="Fondation de France")

    def pole(name, status, *funders):
        pole = PoleFactory(name=name, status=status)
        for funder in funders:
            FundingLineFactory(pole=pole, funder=funder)
        return pole

    pole("Pôle ESS du Pays de Vannes", PoleStatus.OPERATING, region, deposits)
    pole("Pôle ESS du Pays de Lorient", PoleStatus.OPERATING, region, region)
    pole("Pôle ESS du Pays de Ploërmel", PoleStatus.OPERATING, foundation, region)
    pole("Pôle ESS du Pays de Pontivy", PoleStatus.OPERATING, deposits)  # another funder
    pole("Pôle ESS du Pays d'Auray", PoleStatus.PREFIGURATION, region)  # another status
    pole("Pôle ESS du Pays de Redon", PoleStatus.OPERATING)  # no funding


def test_the_officer_downloads_the_poles_the_filters_show(
    new_page, account, log_in, network, tmp_path
):
    page = new_page()
    log_in(page, account(REGION_OFFICERS, "yann.region"))
    page.get_by_role("link", name="Voir le site").click()
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Pôles"
    ).click()
    expect(page.get_by_role("status")).to_have_text("6 pôles")

    page.get_by_label("Statut", exact=True).select_option(label=OPERATING)
    page.get_by_label("Financeur", exact=True).select_option(label=REGION)
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("status")).to_have_text("3 pôles correspondent à ces filtres")
    # The filters are kept in the form and the address (the export's link is built from them).
    expect(page.get_by_label("Statut", exact=True)).to_have_value(PoleStatus.OPERATING)

    shown = [
        (
            card.get_by_role("heading").inner_text(),
            card.get_by_role("link").first.get_attribute("href"),
            # « Statut : » is written for screen readers only.
            " ".join(card.locator(".badge").inner_text().split()).removeprefix("Statut : "),
        )
        for card in page.locator("ul.cards > li").all()
    ]
    assert [(name, status) for name, _, status in shown] == [
        ("Pôle ESS du Pays de Lorient", OPERATING),
        ("Pôle ESS du Pays de Ploërmel", OPERATING),
        ("Pôle ESS du Pays de Vannes", OPERATING),
    ]
    expect(page.get_by_role("navigation", name="Pages de résultats")).to_have_count(0)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")

    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active
    header, *rows = sheet.iter_rows(values_only=True)
    name, address, status = (
        header.index(title) for title in ("Nom", "Adresse de la fiche", "Statut")
    )
    assert [(row[name], urlsplit(row[address]).path, row[status]) for row in rows] == shown
