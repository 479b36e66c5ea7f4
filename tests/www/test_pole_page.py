"""/poles/<slug>/: a pole's page, read as a visitor reads it."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from poles.enums import ActionState, PoleStatus
from poles.models import POLE_PARTS, Pole
from tests.admin.conftest import FACTORIES
from tests.admin.forms import admin_form_data
from tests.factories import ActionFactory, DocumentFactory, MembershipFactory, PoleFactory
from tests.pages import page_text


def page(client, slug):
    response = client.get(reverse("poles:detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    return page_text(response)


def test_c2sol_page_holds_the_facts_of_its_fiche(client, seed):
    content = page(client, "c2sol")

    assert "<h1>C2SOL</h1>" in content
    assert "Statut : </span>préfiguration (étude de faisabilité)" in content
    # Key figures of the Pays de Lorient, with year and source
    for fact in ("688", "7 521", "11,5 %", "564", "82 %", "90", "13 %"):
        assert fact in content, fact
    assert "Année : non communiquée · Source : Fiche du pôle C2SOL (Pays de Lorient)" in content
    # Identity
    assert "7 octobre 2009" in content
    assert "12 acteurs au sein du Conseil collégial du collectif" in content
    assert "Depuis mai 2009, un collectif « informel »" in content
    # Objectives, actions with their dates, difficulties, document
    assert "Professionnalisation des acteurs de l'ESS" in content
    assert "13 novembre 2009" in content
    assert "Un forum de l'emploi de l'ESS avec Vannes et Lorient" in content
    assert "Baisse de la subvention allouée par le Conseil Régionale." in content
    assert "Etude Brest Métropole Océane" in content
    assert "Amandine Piron, décembre 2009 · licence Creative Commons by SA-NC" in content
    # Members with roles, funding, status history
    assert "Collectif Kerfléau" in content
    assert "fondateur" in content
    assert "non communiqué" in content
    assert "mai 2009" in content
    assert "Fiche reprise des documents sources du réseau (2009–2010)" in content


def test_empty_sections_are_left_out(client, seed):
    content = page(client, "c2sol")

    assert "Points forts et pratiques intéressantes" not in content
    assert 'id="contacts"' not in content
    assert "Notes de la CRES" not in content


def test_les_ecosolies_page_shows_the_region_figures_and_its_means(client, seed):
    content = page(client, "les-ecosolies")

    for fact in ("13 862", "139 223", "12,9 %", "11 706", "84,4 %", "1 775", "12,8 %"):
        assert fact in content, fact
    assert "Pays de la Loire</a> · Année : non communiquée" in content
    assert "400 000 €, dont 88 % de subventions" in content
    assert "5 (4,5 ETP)" in content
    assert "200 structures adhérentes et 50 adhésions individuelles" in content
    assert "REVES : adhésion prévue" in content
    assert "taille du pôle : 5/5 · niveau de structuration : 5/5" in content
    assert "Centre ressource" in content
    assert "4 500m2 de friche urbaine." in content
    assert "Fort soutien des collectivités." in content
    assert "<h3>Points forts</h3>" in content


def test_dinan_page_shows_its_prefiguration_study(client, seed):
    content = page(client, "pole-ess-du-pays-de-dinan")

    assert "Steredenn</a> (pour l'étude de préfiguration)" in content
    assert "15 septembre 2009" in content
    assert "Se connaître, se faire connaître" in content
    assert "Power point du 15 septembre 2009" in content
    assert "novembre 2009" in content
    assert "<h3>Pratiques intéressantes</h3>" in content
    assert "378" in content and "15,7 %" in content


def test_cades_page_says_about_100_actors_and_its_history(client, seed):
    content = page(client, "cades")

    assert "environ 100" in content
    assert "1995" in content


def test_an_unknown_pole_is_a_404(client, db):
    response = client.get(reverse("poles:detail", kwargs={"slug": "nulle-part"}))

    assert response.status_code == 404


def test_the_page_prints_as_a_fiche(client, seed):
    content = page(client, "c2sol")

    assert 'href="/static/css/print.css" media="print"' in content


@pytest.mark.django_db
@pytest.mark.parametrize("part", POLE_PARTS, ids=lambda part: part._meta.model_name)
def test_saving_or_deleting_any_part_of_a_pole_dates_its_page(
    part, django_capture_on_commit_callbacks
):
    """Dated when the transaction commits (poles/signals.py)."""
    with django_capture_on_commit_callbacks(execute=True):
        pole = PoleFactory()
    long_ago = datetime(2010, 10, 1, 12, tzinfo=UTC)

    def dated_anew():
        return Pole.objects.get(pk=pole.pk).updated_at > long_ago

    Pole.objects.filter(pk=pole.pk).update(updated_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        record = FACTORIES[part._meta.model_name](pole=pole)
    assert dated_anew()
    Pole.objects.filter(pk=pole.pk).update(updated_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        record.delete()
    assert dated_anew()


def test_an_edit_in_the_admin_dates_the_page(
    client, seed, admin_client, django_capture_on_commit_callbacks
):
    pole = Pole.objects.get(slug="c2sol")
    Pole.objects.filter(pk=pole.pk).update(updated_at=datetime(2010, 10, 1, 12, tzinfo=UTC))
    assert "Fiche mise à jour le 1 octobre 2010." in page(client, "c2sol")
    # An action added on the pole's change page, as the CRES adds one.
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(admin_client.get(url))
    row = int(data["actions-TOTAL_FORMS"])
    data["actions-TOTAL_FORMS"] = str(row + 1)
    data.update(
        {
            f"actions-{row}-order": "9",
            f"actions-{row}-state": ActionState.PLANNED,
            f"actions-{row}-title": "Forum 2011",
            f"actions-{row}-date_precision": "year",
            f"actions-{row}-date": "2011-01-01",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):  # the page is dated on commit
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    content = page(client, "c2sol")

    with translation.override("fr"):
        today = date_format(timezone.localdate(), "j F Y")
    assert f"Fiche mise à jour le {today}." in content
    assert "Forum 2011" in content


@pytest.mark.django_db
def test_pole_page_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    small = PoleFactory(status=PoleStatus.OPERATING)
    ActionFactory(pole=small)
    MembershipFactory(pole=small)
    large = PoleFactory(status=PoleStatus.OPERATING)
    ActionFactory.create_batch(100, pole=large)
    MembershipFactory.create_batch(200, pole=large)
    client.get(small.get_absolute_url())  # warm the caches

    with django_assert_max_num_queries(25) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(25) as large_queries:
        response = client.get(large.get_absolute_url())

    assert response.status_code == 200
    assert len(large_queries) == len(small_queries)
    assert response.content.decode().count("<tr>") >= 200


@pytest.mark.django_db
def test_a_document_with_a_file_gets_a_download_link(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pole = PoleFactory()
    with_file = DocumentFactory(
        pole=pole,
        title="Plan d'action 2008 - 2010",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
    )
    DocumentFactory(pole=pole, title="Plaquette de présentation", file="", url="")

    content = page(client, pole.slug)

    url = reverse("document_download", args=[with_file.pk])
    assert (
        f'<a href="{url}" download>Plan d\'action 2008 - 2010</a> <span class="muted">(plan.pdf)</span>'
        in content
    )
    assert with_file.file.name.startswith("documents/") and "plan" not in with_file.file.name
    assert (
        'Plaquette de présentation <span class="muted">(fichier non disponible)</span>' in content
    )


def test_a_pole_without_a_known_carrier_says_so(client, seed):
    content = page(client, "pole-ess-du-pays-de-fougeres")

    assert "<dt>Structure porteuse</dt><dd>non communiquée</dd>" in content.replace("\n    ", "")


@pytest.mark.django_db
def test_a_document_online_is_a_link_only_when_it_is_an_http_address(client):
    pole = PoleFactory()
    DocumentFactory(pole=pole, title="Piège", file="", url="javascript:alert(1)//://")
    DocumentFactory(pole=pole, title="Bilan 2010", file="", url="https://c2sol.fr/bilan.pdf")

    response = client.get(reverse("poles:detail", kwargs={"slug": pole.slug}))

    content = response.content.decode()
    assert "javascript:" not in content
    assert "Piège" in content
    assert '<a href="https://c2sol.fr/bilan.pdf" rel="external">Bilan 2010</a>' in content
