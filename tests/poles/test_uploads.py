"""Uploaded documents: only honest PDF, OpenDocument, Office, CSV, PNG and JPEG files, served
as downloads. Uploads go through the admin's add form, as CRES staff send them."""

import io
import zipfile
from urllib.parse import quote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from poles.models import Document
from tests.admin.forms import admin_form_data
from tests.factories import DocumentFactory, PoleFactory
from tests.pages import page_text


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


MAIN = {
    "word": ("word/document.xml", "wordprocessingml.document"),
    "xl": ("xl/workbook.xml", "spreadsheetml.sheet"),
    "ppt": ("ppt/presentation.xml", "presentationml.presentation"),
}


def content_types(*parts):
    overrides = "".join(
        f'<Override PartName="/{part}" '
        f'ContentType="application/vnd.openxmlformats-officedocument.{kind}.main+xml"/>'
        for part, kind in parts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


def office(folder):
    part, kind = MAIN[folder]
    return zipped([("[Content_Types].xml", content_types((part, kind))), (part, "<x/>")])


def workbook():
    """A real .xlsx, as openpyxl writes it."""
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def opendocument(kind):
    return zipped(
        [("mimetype", f"application/vnd.oasis.opendocument.{kind}"), ("content.xml", "<x/>")]
    )


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
HONEST = {
    "plan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    "carte.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 32,
    "photo.jpeg": b"\xff\xd8\xff\xdb" + b"\x00" * 32,
    "note.doc": OLE,
    "budget.xls": OLE,
    "diaporama.ppt": OLE,
    "note.docx": office("word"),
    "budget.xlsx": office("xl"),
    "classeur.xlsx": workbook(),
    "diaporama.pptx": office("ppt"),
    "note.odt": opendocument("text"),
    "budget.ods": opendocument("spreadsheet"),
    "diaporama.odp": opendocument("presentation"),
    "chiffres.csv": "territoire;établissements\nPays de Lorient;688\n".encode(),
}
REFUSED = {
    "page.html": (b"<!doctype html><script>alert(1)</script>", "une page HTML"),
    "logo.svg": (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "une image SVG"),
    "outil.exe": (b"MZ\x90\x00" + b"\x00" * 32, "un exécutable"),
    "script.js": (b"alert(1)", "un script"),
    "notes.txt": (b"texte", "n'est pas acceptée"),
    "sans-extension": (b"%PDF-1.4", "n'est pas acceptée"),
    "faux.pdf": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "ne correspond pas à son extension"),
    "faux.png": (b"<html><body>hello</body></html>", "ne correspond pas à son extension"),
    "faux.docx": (zipped([("readme.txt", "x")]), "ne correspond pas à son extension"),
    # Office files renamed: the declared main part is checked, not only the zip's folders.
    "classeur.docx": (workbook(), "ne correspond pas à son extension « .docx »"),
    "note.xlsx": (office("word"), "ne correspond pas à son extension « .xlsx »"),
    "diaporama.docx": (office("ppt"), "ne correspond pas à son extension"),
    "note.pptx": (office("word"), "ne correspond pas à son extension"),
    "dossiers.docx": (
        zipped(
            [
                ("[Content_Types].xml", content_types(MAIN["xl"])),
                ("word/document.xml", "<x/>"),
                ("xl/workbook.xml", "<x/>"),
            ]
        ),
        "ne correspond pas à son extension",
    ),
    "deux.docx": (
        zipped(
            [
                ("[Content_Types].xml", content_types(MAIN["word"], MAIN["xl"])),
                ("word/document.xml", "<x/>"),
                ("xl/workbook.xml", "<x/>"),
            ]
        ),
        "ne correspond pas à son extension",
    ),
    "sans-partie.docx": (
        zipped([("[Content_Types].xml", content_types(MAIN["word"]))]),
        "ne correspond pas à son extension",
    ),
    "texte.ods": (opendocument("text"), "ne correspond pas à son extension « .ods »"),
    "faux.odt": (opendocument("spreadsheet"), "ne correspond pas à son extension"),
    "faux.csv": (b"<!DOCTYPE html><html></html>", "ne correspond pas à son extension"),
    "binaire.csv": (b"\x00\x01\x02\x03binary", "ne correspond pas à son extension"),
    "cache.pdf": (b"MZ\x90\x00" + b"\x00" * 32, "un exécutable"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, name, content, pole):
    return client.post(
        reverse("admin:poles_document_add"),
        {
            "pole": pole.pk,
            "title": f"Document {name}"[:100],
            "kind": "other",
            "date_precision": "day",
            "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(HONEST))
def test_honest_documents_are_accepted_under_a_generated_name(admin_client, name):
    pole = PoleFactory()

    response = upload(admin_client, name, HONEST[name], pole)

    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    extension = name.rsplit(".", 1)[1]
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(f".{extension}")
    assert name.rsplit(".", 1)[0] not in document.file.name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_dangerous_or_lying_files_are_refused_with_a_french_message(admin_client, name):
    content, message = REFUSED[name]

    response = upload(admin_client, name, content, PoleFactory())

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert len(errors) == 1 and message in errors[0], errors
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_file_over_20_mo_is_refused(admin_client):
    content = HONEST["plan.pdf"] + b"0" * (20 * 1024 * 1024)

    response = upload(admin_client, "gros.pdf", content, PoleFactory())

    # Said once on the form; on the page, once beside the field and once in the summary of
    # errors at the top, which links to the field.
    errors = response.context["adminform"].form.errors["file"]
    assert errors == ["Un document ne peut pas dépasser 20 Mo."]
    page = response.content.decode()
    summary, _, rest = page.partition('<nav class="error-summary"')[2].partition("</nav>")
    assert summary.count("dépasser 20 Mo") == 1 and 'href="#id_file"' in summary
    assert rest.count("dépasser 20 Mo") == 1
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_are_served_as_downloads_under_their_own_name(client):
    document = DocumentFactory(
        title="Plan d'action 2008 - 2010",
        file=SimpleUploadedFile("Plan d’action 2008 – été.pdf", HONEST["plan.pdf"]),
    )

    response = client.get(reverse("document_download", args=[document.pk]))

    assert response.status_code == 200
    # The name in UTF-8, and in ASCII for the clients that do not read filename*.
    assert response["Content-Disposition"] == (
        'attachment; filename="Plan d\'action 2008 - ete.pdf"; '
        "filename*=UTF-8''Plan%20d%E2%80%99action%202008%20%E2%80%93%20%C3%A9t%C3%A9.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == HONEST["plan.pdf"]


@pytest.mark.django_db
def test_a_document_without_file_or_with_a_lost_file_is_a_404(client, media):
    without = DocumentFactory(file="", url="")
    lost = DocumentFactory(file=SimpleUploadedFile("plan.pdf", HONEST["plan.pdf"]))
    (media / lost.file.name).unlink()

    assert client.get(reverse("document_download", args=[without.pk])).status_code == 404
    assert client.get(reverse("document_download", args=[lost.pk])).status_code == 404
    assert client.get(reverse("document_download", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Compte rendu du comité de pilotage.pdf", "Compte rendu du comité de pilotage.pdf"),
        (
            f"{'Étude de préfiguration du pôle ' * 5}.pdf",
            f"{'Étude de préfiguration du pôle ' * 5}.pdf",
        ),
        # Longer than ORIGINAL_NAME_LENGTH (255, as browsers and Django keep it): its end cut.
        (f"{'a' * 300}.pdf", f"{'a' * 251}.pdf"),
        ("rapport\x1b[31m\u202egpj.pdf", "rapport[31mgpj.pdf"),
    ],
    ids=["short", "150 characters", "300 characters", "control characters"],
)
def test_a_document_keeps_the_name_it_was_uploaded_under(admin_client, client, name, kept):
    pole = PoleFactory()

    response = upload(admin_client, name, HONEST["plan.pdf"], pole)

    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.original_name == kept.strip()
    assert document.file.name.startswith("documents/") and len(document.file.name) < 100
    # The admin's form shows it, linked to the download, not the storage's generated name.
    download = reverse("document_download", args=[document.pk])
    change = admin_client.get(reverse("admin:poles_document_change", args=[document.pk]))
    content = page_text(change)
    assert f'<a href="{download}">{document.original_name}</a>' in content
    assert document.file.name not in content
    # So do the admin's list, the pole's page and the download.
    listing = page_text(admin_client.get(reverse("admin:poles_document_changelist")))
    assert document.original_name in listing
    assert f"({document.original_name})" in page_text(client.get(pole.get_absolute_url()))
    response = client.get(download)
    assert response["Content-Disposition"].endswith(quote(document.original_name, safe=""))
    response.close()


@pytest.mark.django_db
def test_a_document_uploaded_before_names_were_kept_is_named_after_its_title(client, media):
    document = DocumentFactory(
        title="Plan d'action 2008 - 2010", file=SimpleUploadedFile("plan.pdf", HONEST["plan.pdf"])
    )
    Document.objects.filter(pk=document.pk).update(original_name="")

    response = client.get(reverse("document_download", args=[document.pk]))

    assert response["Content-Disposition"] == (
        'attachment; filename="plan-daction-2008-2010.pdf"; '
        "filename*=UTF-8''plan-daction-2008-2010.pdf"
    )
    response.close()


@pytest.mark.django_db
def test_a_new_file_is_kept_under_its_own_name_and_removing_it_forgets_the_name(admin_client):
    document = DocumentFactory(file=SimpleUploadedFile("ancien.pdf", HONEST["plan.pdf"]))
    url = reverse("admin:poles_document_change", args=[document.pk])
    data = admin_form_data(admin_client.get(url))

    data["file"] = SimpleUploadedFile("nouveau budget.xlsx", HONEST["budget.xlsx"])
    assert admin_client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.original_name == "nouveau budget.xlsx"

    data = admin_form_data(admin_client.get(url))
    data["file-clear"] = "on"
    assert admin_client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert (document.file.name, document.original_name) == ("", "")
