"""A CRES staff member creates a pole in the admin, with an objective, an action and a PDF,
and a visitor finds all three on the pole's public page and downloads the PDF."""

import re

import pytest

from poles.roles import CRES

# Without Playwright, skipped like the rest of the folder (conftest.py says why).
expect = pytest.importorskip(
    "playwright.sync_api", reason="Tests dans le navigateur sautés : Playwright n'est pas installé."
).expect

POLE = "Pôle ESS du Pays de Lorient"
OBJECTIVE = "Mutualiser un emploi d'animateur entre les associations du Pays"
ACTION = "Forum de l'économie sociale et solidaire à Lanester"
DOCUMENT = "Compte rendu de l'assemblée constitutive"


def minimal_pdf(text):
    """A small valid PDF of one page showing `text` (ASCII), with its cross-reference table."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_pole_created_in_the_admin_is_published_with_its_objective_action_and_pdf(
    new_page, account, log_in, territory, media_root, tmp_path
):
    pdf = tmp_path / "assemblee-constitutive.pdf"
    pdf.write_bytes(minimal_pdf("Assemblee constitutive du pole, 12 mai 2009"))
    staff = new_page()
    log_in(staff, account(CRES, "claire.cres"))

    # The pole, its objective and its action, on the pole's add page.
    staff.get_by_role("link", name="Pôles", exact=True).click()
    staff.get_by_role("link", name="Ajouter pôle").click()
    admin_field(staff, "Nom").press_sequentially(POLE)
    # The address is written from the name by the admin's JavaScript.
    expect(admin_field(staff, "Identifiant d'adresse")).to_have_value("pole-ess-du-pays-de-lorient")
    admin_field(staff, "Statut").select_option(label="en fonctionnement")
    choose_in_autocomplete(staff, "territories", "Lorient", territory.name)

    staff.get_by_role("button", name="Ajouter un objectif").click()
    staff.locator("#id_objectives-0-title").fill(OBJECTIVE)
    staff.get_by_role("button", name="Ajouter une action").click()
    staff.locator("#id_actions-0-state").select_option(label="réalisée")
    staff.locator("#id_actions-0-title").fill(ACTION)
    staff.locator("#id_actions-0-date").fill("07/10/2009")
    staff.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    expect(staff.locator(".messagelist")).to_contain_text("a été ajouté avec succès")

    # The PDF, as a document of the pole, on its change page: its section, empty, is opened.
    staff.locator("#section-documents > summary").click()
    staff.get_by_role("button", name="Ajouter un document").click()
    staff.locator("#id_documents-0-title").fill(DOCUMENT)
    staff.locator("#id_documents-0-file").set_input_files(pdf)
    staff.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("a été modifié avec succès")
    expect(staff.locator("#result_list").get_by_role("link", name=POLE)).to_be_visible()

    # A visitor, not logged in, finds the pole and everything that was entered.
    visitor = new_page()
    visitor.goto("/poles/")
    visitor.get_by_role("link", name=POLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(POLE)
    expect(visitor.get_by_role("region", name="Objectifs")).to_contain_text(OBJECTIVE)
    expect(visitor.get_by_role("region", name="Actions")).to_contain_text(ACTION)
    link = visitor.get_by_role("region", name="Documents").get_by_role("link", name=DOCUMENT)
    expect(link).to_be_visible()

    with visitor.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == pdf.read_bytes()
    # Stored under a generated name in the media folder of the test.
    assert [path.suffix for path in (media_root / "documents").iterdir()] == [".pdf"]


def admin_field(page, label):
    """The field of the admin form whose label is `label` (the admin writes « Nom : »)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*:?$"))


def choose_in_autocomplete(page, field, typed, choice):
    """Opens the admin's autocomplete next to the field's label, types and picks `choice`."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(f".field-{field}").get_by_role("searchbox").fill(typed)
    page.get_by_role("option", name=choice).click()
    expect(page.locator(f".field-{field} .select2-selection")).to_contain_text(choice)
