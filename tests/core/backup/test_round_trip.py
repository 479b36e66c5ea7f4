"""Nothing lost: the seed and what staff add to it (accounts, an uploaded document, history),
backed up, the database and the files emptied, restored: every public page is the same, the
accounts log in, the document has its bytes, the history is back, new records get new ids."""

import io
import shutil
import zipfile

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from poles.models import Document, Pole
from poles.roles import CRES, POLE_COORDINATORS
from tests.factories import DocumentFactory, PoleFactory, RegionFactory
from tests.www.public import differences, public_urls, read_pages

PASSWORD = "une-phrase-de-passe-solide-2010"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256))


def what_staff_added(media_root):
    """A CRES account (in its group, with a permission of its own), a pole coordinator, an
    uploaded PDF on a pole, a change made by the CRES account (history, admin log)."""
    cres = User.objects.create_user("cres", "cres@example.org", PASSWORD, is_staff=True)
    cres.groups.add(Group.objects.get(name=CRES))
    cres.user_permissions.add(Permission.objects.get(codename="view_user"))
    coordinator = User.objects.create_user("coordinatrice", password=PASSWORD, is_staff=True)
    coordinator.groups.add(Group.objects.get(name=POLE_COORDINATORS))

    pole = Pole.objects.get(slug="les-ecosolies")
    pole.coordinators.add(coordinator)
    document = DocumentFactory(
        pole=pole,
        title="Plan d'action 2011",
        file=SimpleUploadedFile("Plan d’action 2011.pdf", PDF, content_type="application/pdf"),
    )
    assert (media_root / document.file.name).read_bytes() == PDF

    pole.refresh_from_db()
    pole.full_name = f"{pole.full_name} (fiche revue par le CRES)"
    pole._history_user = cres
    pole.save()
    LogEntry.objects.log_actions(
        cres.pk,
        [pole],
        CHANGE,
        change_message="Nom complet revu.",
        single_object=True,
    )
    return document


def backed_up_data(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read("donnees.jsonl")


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_emptied_database_gives_back_every_public_page(
    client, settings, tmp_path, migrated_rows
):
    media_root = tmp_path / "media"
    settings.MEDIA_ROOT = media_root
    call_command("load_seed", stdout=io.StringIO())
    document = what_staff_added(media_root)
    history = list(
        Pole.revisions.order_by("history_id").values_list("history_id", "full_name", "history_user")
    )
    assert history and history[-1][2] is not None
    urls = public_urls()
    assert reverse("document_download", args=[document.pk]) in urls
    before = read_pages(client, urls)
    assert len(before) >= len(urls) > 60  # 15 poles, 24 territories, 16 actors and more

    archive = tmp_path / "portail.zip"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False)
    shutil.rmtree(media_root)
    assert not Pole.objects.exists() and not User.objects.exists()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "restaurée" in out.getvalue()
    # A backup of the restored database holds the very same records.
    again = tmp_path / "encore.zip"
    call_command("backup", output=str(again), stdout=io.StringIO())
    assert backed_up_data(again) == backed_up_data(archive)

    after = read_pages(client, urls)
    assert differences(before, after) == []
    download = before[reverse("document_download", args=[document.pk])]
    assert download[1] == PDF
    assert (media_root / document.file.name).read_bytes() == PDF
    # The name it was uploaded under, apart from its storage name, and its download's.
    assert Document.objects.values_list("file", "original_name").get(pk=document.pk) == (
        document.file.name,
        "Plan d’action 2011.pdf",
    )
    response = client.get(reverse("document_download", args=[document.pk]))
    assert "filename*=UTF-8''Plan%20d%E2%80%99action%202011.pdf" in response["Content-Disposition"]
    response.close()

    # The accounts, their groups, permissions and poles; they log in with their passwords.
    cres = User.objects.get(username="cres")
    assert list(cres.groups.values_list("name", flat=True)) == [CRES]
    assert cres.has_perm("auth.view_user") and cres.has_perm("poles.change_pole")
    coordinator = User.objects.get(username="coordinatrice")
    assert list(coordinator.coordinated_poles.values_list("slug", flat=True)) == ["les-ecosolies"]
    response = client.post(
        reverse("admin:login"), {"username": "cres", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    # The history and the admin's log.
    assert (
        list(
            Pole.revisions.order_by("history_id").values_list(
                "history_id", "full_name", "history_user"
            )
        )
        == history
    )
    entry = LogEntry.objects.get()
    assert (entry.user, entry.content_type, entry.get_edited_object()) == (
        cres,
        ContentType.objects.get_for_model(Pole),
        Pole.objects.get(slug="les-ecosolies"),
    )

    # New records get ids after the restored ones (PostgreSQL's sequences were moved on).
    newest = Pole.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert PoleFactory().pk > newest
    assert RegionFactory().pk > 2
    assert DocumentFactory(pole=Pole.objects.get(pk=newest)).pk > document.pk
