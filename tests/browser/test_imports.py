"""A CRES staff member imports key figures for the first time, at 1280 px: they download the
template from the import page, fill it in, send it with a mistyped identifier, read the
suggestion, send the corrected file, read the preview (names, no horizontal scroll) and
confirm."""

import openpyxl
import pytest

from poles.roles import CRES
from territories.models import KeyFigures
from tests.factories import TerritoryFactory

# Without Playwright, skipped like the rest of the folder (conftest.py says why).
expect = pytest.importorskip(
    "playwright.sync_api", reason="Tests dans le navigateur sautés : Playwright n'est pas installé."
).expect

SOURCE = "Panorama de l'économie sociale et solidaire en Bretagne, édition 2024 (CRES Bretagne)"
NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def filled(template, path, auray_identifier):
    """The template with the rows of Pays d'Auray and Pays de Lorient filled in."""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "pays-dauray":
            row[0].value = auray_identifier
            values = [2024, SOURCE, 1204, 9876, 12.4, 980, 81.5, 101, 8.4]
        elif row[0].value == "pays-de-lorient":
            values = [2024, SOURCE, 688, 7521, 11.5, 564, 82, 90, 13]
        else:
            continue
        for cell, value in zip(row[1:], values, strict=True):
            cell.value = value
    workbook.save(path)
    return path


def test_a_key_figures_import_succeeds_with_the_template_and_the_suggestion(
    new_page, account, log_in, territory, media_root, tmp_path
):
    TerritoryFactory(name="Pays d'Auray", slug="pays-dauray")
    TerritoryFactory(name="Pays de Brocéliande", slug="pays-de-broceliande")
    page = new_page(viewport={"width": 1280, "height": 800})
    log_in(page, account(CRES, "claire.cres"))

    page.goto("/admin/territories/keyfigures/import/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="télécharger le modèle XLSX").click()
    download = download_info.value
    assert download.suggested_filename == "modele-chiffres-cles.xlsx"
    template = tmp_path / download.suggested_filename
    download.save_as(template)
    header, *rows = openpyxl.load_workbook(template).active.iter_rows(values_only=True)
    assert header[:3] == ("territoire", "année", "source")
    assert [row[0] for row in rows] == ["pays-dauray", "pays-de-broceliande", "pays-de-lorient"]

    # A mistyped identifier: the row's error suggests the right one; nothing is imported.
    page.get_by_label("Fichier à importer").set_input_files(
        filled(template, tmp_path / "chiffres-cles.xlsx", "pays-d-auray")
    )
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".import-errors")).to_contain_text(
        "Ligne 2, colonne « territoire » : Aucun territoire n'a l'identifiant « pays-d-auray ». "
        "Vouliez-vous dire « pays-dauray » ?"
    )
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert not KeyFigures.objects.exists()

    # The corrected file: its preview names the territories and fits the page.
    page.get_by_label("Fichier à importer").set_input_files(
        filled(template, tmp_path / "chiffres-cles-corrige.xlsx", "pays-dauray")
    )
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("2 ajouts, 0 modification, 0 ligne inchangée")).to_be_visible()
    preview = page.locator("table.import-preview")
    expect(preview).to_contain_text("Pays d'Auray")
    expect(preview).to_contain_text("Pays de Lorient")
    expect(preview).not_to_contain_text("pays-dauray")
    assert page.evaluate(NO_HORIZONTAL_SCROLL)

    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Import terminé (chiffres clés) : 2 ajouts, 0 modification, 0 ligne inchangée."
    )
    assert sorted(KeyFigures.objects.values_list("territory__slug", "establishments")) == [
        ("pays-dauray", 1204),
        ("pays-de-lorient", 688),
    ]
