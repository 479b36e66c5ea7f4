"""A file sent to « Importer » waits in the storage for its confirmation
(core/imports/storage.py); it is removed once confirmed, on « Annuler », when its
confirmation fails, and otherwise by `manage.py clean_import_files`."""

import os
import time

import pytest
from django.core.management import call_command

from territories.models import KeyFigures
from tests.core.imports.admin_steps import admin_url, confirm, preview
from tests.core.imports.spreadsheets import KEY_FIGURES_HEADERS, csv_bytes, upload
from tests.pages import FRENCH_SPACES

pytestmark = pytest.mark.django_db

ROW = ["pays-de-lorient", "2009", "Fiche", "100", "", "", "", "", "", ""]
HOUR = 3600


def waiting(media):
    return sorted(path.name for path in media.rglob("*") if path.is_file())


def sent(client):
    """A preview waiting for its confirmation: (the preview's response, the file's name)."""
    response = preview(client, KeyFigures, upload(KEY_FIGURES_HEADERS, [ROW]))
    assert "confirm_form" in response.context
    return response, response.context["confirm_form"].initial["import_file_name"]


def cancel(client, name):
    return client.post(admin_url(KeyFigures, "cancel_import"), {"import_file_name": name})


def test_cancel_removes_the_file_and_imports_nothing(staff_client, territory, media):
    response, name = sent(staff_client)
    assert waiting(media) == [name]
    assert 'form="annuler-import" value="Annuler"' in response.content.decode()

    response = cancel(staff_client, name)

    assert response.status_code == 302
    assert response.url == admin_url(KeyFigures, "import")
    assert waiting(media) == []
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Import annulé : rien n'a été enregistré."]
    assert KeyFigures.objects.count() == 0


def test_a_cancelled_preview_cannot_be_confirmed(staff_client, territory, media):
    response, name = sent(staff_client)
    cancel(staff_client, name)

    response = confirm(staff_client, KeyFigures, response)

    assert response.status_code == 302
    assert KeyFigures.objects.count() == 0
    assert [str(m) for m in response.wsgi_request._messages][-1].startswith(
        "Le fichier à importer n'est plus disponible"
    )


@pytest.mark.parametrize("name", ["../../settings.py", "..", "", "a" * 31, "A" * 32])
def test_cancel_removes_only_a_waiting_file(staff_client, territory, media, name):
    (media / "documents").mkdir()
    (media / "documents" / "settings.py").write_text("kept")
    _, waiting_name = sent(staff_client)

    response = cancel(staff_client, name)

    assert response.status_code == 302
    assert waiting(media) == sorted([waiting_name, "settings.py"])


def test_cancel_needs_the_import_permission(
    officer_client, staff_client, territory, media, django_user_model
):
    # One test client: signed in as the officer, then as the CRES, who sends a file.
    _, name = sent(staff_client)
    officer_client.force_login(django_user_model.objects.get(username="region"))

    assert cancel(officer_client, name).status_code == 403
    assert waiting(media) == [name]


def test_a_failed_confirmation_does_not_keep_the_file(staff_client, territory, media):
    response, name = sent(staff_client)
    # The waiting file replaced by one past the row limit (the preview would have refused it).
    (media / "django-import-export" / name).write_bytes(
        csv_bytes(KEY_FIGURES_HEADERS, [ROW] * 2_001)
    )

    response = confirm(staff_client, KeyFigures, response)

    assert response.status_code == 302
    assert response.url == admin_url(KeyFigures, "import")
    assert [str(m).translate(FRENCH_SPACES) for m in response.wsgi_request._messages] == [
        "Le fichier a plus de 2 000 lignes de données : un import en accepte 2 000 au plus. "
        "Découpez-le en plusieurs fichiers."
    ]
    assert waiting(media) == []
    assert KeyFigures.objects.count() == 0


def age(media, name, hours):
    path = media / "django-import-export" / name
    when = time.time() - hours * HOUR
    os.utime(path, (when, when))


def test_clean_import_files_removes_the_files_left_waiting(staff_client, territory, media, capsys):
    _, old = sent(staff_client)
    _, older = sent(staff_client)
    _, recent = sent(staff_client)
    age(media, old, 25)
    age(media, older, 24 * 30)
    age(media, recent, 23)
    (media / "django-import-export" / "LISEZ-MOI.txt").write_text("not an import's file")

    call_command("clean_import_files", "--dry-run")
    assert capsys.readouterr().out == (
        "2 fichiers d'import à supprimer (envoyés il y a plus de 24 h).\n"
    )
    assert len(waiting(media)) == 4

    call_command("clean_import_files")
    assert (
        capsys.readouterr().out == "2 fichiers d'import supprimés (envoyés il y a plus de 24 h).\n"
    )
    assert waiting(media) == sorted(["LISEZ-MOI.txt", recent])

    call_command("clean_import_files", "--older-than", "0")
    assert capsys.readouterr().out == "1 fichier d'import supprimé (envoyés il y a plus de 0 h).\n"
    assert waiting(media) == ["LISEZ-MOI.txt"]


def test_clean_import_files_with_no_file_ever_sent(media, capsys):
    call_command("clean_import_files")

    assert capsys.readouterr().out == "0 fichier d'import supprimé (envoyés il y a plus de 24 h).\n"
