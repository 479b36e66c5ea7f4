"""No staff account shows in public: a CRES member edits through the admin (a new pole, a
status change, a document, an actor), then every public page and export is read, and none
holds their login, name or email. The status history names « CRES » as its source."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from campaigns import workflow
from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche
from poles.enums import PoleStatus
from poles.models import Document, Pole, StatusChange
from poles.roles import CRES
from tests.admin.forms import admin_form_data
from tests.factories import ActorFactory, FundingLineFactory, PoleFactory, ProgrammeFactory
from tests.fuzz.inventory import public_routes
from tests.pages import page_text

pytestmark = pytest.mark.django_db

USERNAME = "zquillivic"
FIRST_NAME = "Zéphyrine"
LAST_NAME = "Quillivic-Tremintin"
EMAIL = "zephyrine.quillivic@cres-bretagne.example"
# What the CRES writes back on a fiche of the year is for the pole's coordinators only.
CRES_COMMENT = "Validée après relecture par Zéphyrine : budget vérifié au téléphone"
SECRETS = [USERNAME, FIRST_NAME, LAST_NAME, EMAIL, CRES_COMMENT]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cres_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        username=USERNAME,
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        email=EMAIL,
        password="mot-de-passe-solide-2010",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=CRES))
    client.force_login(user)
    return client


def post_form(client, url, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def add_pole(client, territory):
    post_form(
        client,
        reverse("admin:poles_pole_add"),
        name="Pôle de Kerlouan",
        slug="pole-de-kerlouan",
        status=PoleStatus.INFORMAL,
        territories=[str(territory.pk)],
        functions=[],
        coordinators=[],
    )
    return Pole.objects.get(slug="pole-de-kerlouan")


def read_everything(client, values):
    """Every public route (tests/fuzz/inventory.py), its converters filled from `values`:
    the text a visitor reads, the spreadsheets' cells included, and the response headers."""
    texts = {}
    for route in public_routes():
        url = route.example(values.get(route.name, {}))
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        if body.startswith(b"PK"):  # an XLSX: the XML of every part
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                text = "".join(archive.read(name).decode() for name in archive.namelist())
        elif body.startswith(b"%PDF"):
            text = ""
        else:
            text = page_text(response) if "html" in response["Content-Type"] else body.decode()
        headers = " ".join(f"{key}: {value}" for key, value in response.items())
        texts[url] = f"{headers}\n{text}"
    return texts


def test_edits_in_the_admin_never_show_who_made_them(cres_client, territory):
    pole = add_pole(cres_client, territory)
    change_url = reverse("admin:poles_pole_change", args=[pole.pk])
    post_form(cres_client, change_url, status=PoleStatus.PREFIGURATION)
    other = PoleFactory(status=PoleStatus.PREFIGURATION, territories=[territory])
    post_form(
        cres_client,
        reverse("admin:poles_pole_change", args=[other.pk]),
        status=PoleStatus.OPERATING,
        status_reason="Étude validée",
    )
    post_form(
        cres_client,
        reverse("admin:poles_document_add"),
        pole=str(pole.pk),
        title="Compte rendu du comité de pilotage",
        date_precision="day",
        file=SimpleUploadedFile("compte-rendu.pdf", PDF, content_type="application/pdf"),
    )
    actor = ActorFactory(territory=territory)
    post_form(
        cres_client,
        reverse("admin:actors_actor_change", args=[actor.pk]),
        description="Association d'insertion du Pays de Lorient",
    )
    programme = ProgrammeFactory()
    FundingLineFactory(pole=pole, programme=programme)
    post_form(
        cres_client,
        reverse("admin:funding_programme_change", args=[programme.pk]),
        evaluation="Octobre 2010 : 8 pôles en fonctionnement.",
    )
    validate_the_fiche_of_the_year(pole)
    visitor = Client()

    texts = read_everything(
        visitor,
        {
            "poles:detail": {"slug": pole.slug},
            "poles:yearly_fiche": {"slug": pole.slug, "period": "2026"},
            "actors:detail": {"slug": Actor.objects.get().slug},
            "territories:detail": {"slug": territory.slug},
            "document_download": {"pk": str(Document.objects.get().pk)},
            "funding:programme": {"slug": programme.slug},
            "funding:funder": {"slug": programme.funder.slug},
            "poles:feed": {"slug": pole.slug},
            "sitemap_section": {"section": "poles", "page": "1"},
            # Two files of /donnees/ (www/opendata/), those that name the poles and the lines.
            "data:csv": {"name": "poles"},
            "data:schema": {"name": "lignes-de-financement"},
            # The API's records (api/urls.py).
            "api:pole-detail": {"slug": pole.slug},
            "api:territory-detail": {"slug": territory.slug},
            "api:actor-detail": {"slug": Actor.objects.get().slug},
            "api:funder-detail": {"slug": programme.funder.slug},
            "api:programme-detail": {"slug": programme.slug},
            "api:fundingline-detail": {"pk": str(pole.funding_lines.get().pk)},
        },
    )
    texts[other.get_absolute_url()] = page_text(visitor.get(other.get_absolute_url()))

    leaks = [
        (url, secret)
        for url, text in texts.items()
        for secret in SECRETS
        if secret.lower() in text.lower()
    ]
    assert leaks == []
    assert "(source : CRES)" in texts[pole.get_absolute_url()]
    assert "(source : CRES)" in texts[other.get_absolute_url()]


def validate_the_fiche_of_the_year(pole):
    """The CRES member validates the pole's fiche of an open 2026 campaign, with a comment:
    the fiche is frozen and published (campaigns/workflow.py)."""
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        year=2026,
        opens_on=today,
        submission_deadline=today + timedelta(days=10),
        review_deadline=today + timedelta(days=20),
    )
    fiche = Fiche.objects.create(campaign=campaign, pole=pole, state=FicheState.SUBMITTED)
    workflow.validate(fiche, get_user_model().objects.get(username=USERNAME), CRES_COMMENT)


def test_a_new_pole_starts_its_status_history(cres_client, territory):
    pole = add_pole(cres_client, territory)

    change = pole.status_changes.get()
    assert change.status == PoleStatus.INFORMAL
    assert change.source == "CRES"
    assert change.note == "Statut à la création de la fiche dans l'administration."


def test_a_first_status_typed_in_the_inline_is_not_repeated(cres_client, territory):
    url = reverse("admin:poles_pole_add")
    data = admin_form_data(cres_client.get(url))
    data.update(
        name="Pôle de Kerlouan",
        slug="pole-de-kerlouan",
        status=PoleStatus.INFORMAL,
        territories=[str(territory.pk)],
        functions=[],
        coordinators=[],
    )
    data.update(
        {
            "status_changes-TOTAL_FORMS": "1",
            "status_changes-0-status": PoleStatus.INFORMAL,
            "status_changes-0-changed_on": "2009-05-01",
            "status_changes-0-changed_on_precision": "month",
            "status_changes-0-source": "Fiche du pôle",
        }
    )

    response = cres_client.post(url, data)

    assert response.status_code == 302
    pole = Pole.objects.get(slug="pole-de-kerlouan")
    assert list(pole.status_changes.values_list("source", flat=True)) == ["Fiche du pôle"]


# the migration that rewrote the sources written before


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_the_old_staff_sources_to_cres():
    before = [("poles", "0013_document_original_name")]
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    pole = apps.get_model("poles", "Pole").objects.create(name="Pôle d'avant", slug="avant")
    for model in ("StatusChange", "HistoricalStatusChange"):
        history = {"history_date": timezone.now(), "history_type": "+"}
        extra = history if model.startswith("Historical") else {"version": 1}
        for pk, source in enumerate((f"Administration ({USERNAME})", "Délibération de 2009")):
            apps.get_model("poles", model).objects.create(
                id=pk + 1, pole_id=pole.pk, status="informal", source=source, **extra
            )

    MigrationExecutor(connection).migrate(leaves)

    assert sorted(StatusChange.objects.values_list("source", flat=True)) == [
        "CRES",
        "Délibération de 2009",
    ]
    assert sorted(StatusChange.revisions.values_list("source", flat=True)) == [
        "CRES",
        "Délibération de 2009",
    ]
