"""Uploaded documents: only honest PDF, OpenDocument, Office, CSV, PNG and JPEG files, served
as downloads. Uploads go through the admin's add form, as CRES staff send them."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from poles.models import Document
from tests.factories import DocumentFactory, PoleFactory


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def office(folder):
    return zipped([("[Content_Types].xml", "<Types/>"), (f"{folder}/document.xml", "<x/>")])


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
            "title": f"Document {name}",
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
    assert any(message in error for error in errors), errors
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_file_over_20_mo_is_refused(admin_client):
    content = HONEST["plan.pdf"] + b"0" * (20 * 1024 * 1024)

    response = upload(admin_client, "gros.pdf", content, PoleFactory())

    assert (
        "Un document ne peut pas dépasser 20 Mo."
        in response.context["adminform"].form.errors["file"]
    )
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_are_served_as_downloads(client):
    document = DocumentFactory(
        title="Plan d'action 2008 - 2010",
        file=SimpleUploadedFile("plan.pdf", HONEST["plan.pdf"]),
    )

    response = client.get(reverse("document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan-daction-2008-2010.pdf"'
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
