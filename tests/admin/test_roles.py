"""The CRES and the pole coordinators: groups created by a migration, rights enforced on the server.

A coordinator of pole A edits A's objectives, actions, difficulties, strengths, documents,
contacts and members; sees A's status history, studies, networks and funding; changes nothing of
A itself (status, scores …) and reaches nothing of pole B, whatever the request they craft."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from funding.enums import FundingStatus
from poles.enums import PoleStatus
from poles.models import POLE_PARTS, Document, FundingLine, Objective, Pole
from poles.roles import (
    COORDINATOR_EDITS,
    COORDINATOR_VIEWS,
    CRES,
    POLE_COORDINATORS,
    REGION_OFFICERS,
)
from tests.admin.conftest import FACTORIES
from tests.admin.forms import admin_form_data
from tests.factories import ObjectiveFactory, PoleFactory, ProgrammeFactory, StudyFactory
from tests.portal_models import domain_models, history_models

campaigns_roles = importlib.import_module("campaigns.migrations.0003_checklist_and_roles")

PORTAL_MODELS = domain_models()
# The models whose records belong to a pole, by name.
PART_NAMES = [part._meta.model_name for part in POLE_PARTS]
OTHER_MODELS = [
    model._meta.model_name
    for model in PORTAL_MODELS
    if model._meta.model_name not in PART_NAMES + ["pole"]
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def record_of(name, pole):
    if name == "pole":
        return pole
    return FACTORIES[name](pole=pole)


def model_named(name):
    return next(model for model in PORTAL_MODELS if model._meta.model_name == name)


@pytest.fixture
def pole_a():
    return PoleFactory(name="Pôle A", slug="pole-a")


@pytest.fixture
def pole_b():
    return PoleFactory(name="Pôle B", slug="pole-b")


@pytest.fixture
def coordinator(django_user_model, pole_a):
    user = django_user_model.objects.create_user(
        username="coordinatrice", password="mot-de-passe-solide-2010", is_staff=True
    )
    user.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    pole_a.coordinators.add(user)
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def cres_user(django_user_model):
    user = django_user_model.objects.create_user(
        username="cres-staff", password="mot-de-passe-solide-2010", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CRES))
    return user


@pytest.fixture
def cres_client(client, cres_user):
    client.force_login(cres_user)
    return client


# the groups, as the migrations leave them


def test_the_migration_names_the_groups_like_the_constants():
    migration = importlib.import_module("poles.migrations.0007_cres_and_coordinator_groups")

    assert (migration.CRES, migration.POLE_COORDINATORS) == (CRES, POLE_COORDINATORS)
    assert migration.COORDINATOR_EDITS == COORDINATOR_EDITS
    # The constant is derived from POLE_PARTS (its order); the migration holds a copy.
    assert sorted(migration.COORDINATOR_VIEWS) == sorted(COORDINATOR_VIEWS)


def test_a_coordinator_edits_or_sees_every_part_of_a_pole():
    assert sorted(COORDINATOR_EDITS + COORDINATOR_VIEWS) == sorted([*PART_NAMES, "pole", "actor"])


@pytest.mark.django_db
def test_the_three_roles_exist_after_the_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        CRES,
        POLE_COORDINATORS,
        REGION_OFFICERS,
    }


@pytest.mark.django_db
def test_the_cres_has_every_permission_on_the_portal_and_manages_accounts():
    group = Group.objects.get(name=CRES)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))

    for model in PORTAL_MODELS + history_models():
        for action in ("add", "change", "delete", "view"):
            assert (model._meta.app_label, f"{action}_{model._meta.model_name}") in granted
    assert {("auth", "add_user"), ("auth", "change_user"), ("auth", "view_user")} <= granted
    assert ("auth", "change_group") not in granted


@pytest.mark.django_db
def test_the_coordinators_group_edits_a_poles_page_and_views_the_rest():
    group = Group.objects.get(name=POLE_COORDINATORS)
    granted = set(group.permissions.values_list("codename", flat=True))

    expected = {"change_pole"} | {f"view_{name}" for name in COORDINATOR_VIEWS}
    # The campaigns: the coordinator sees their poles' fiches (campaigns/0003).
    expected |= {f"view_{name}" for name in campaigns_roles.COORDINATOR_VIEWS}
    for name in COORDINATOR_EDITS:
        expected |= {f"{action}_{name}" for action in ("add", "change", "delete", "view")}
    assert granted == expected
    for name in ["fundingline", "statuschange", "study", "pole"]:
        assert f"add_{name}" not in granted and f"delete_{name}" not in granted


# a coordinator and another pole: forbidden, whatever the request


@pytest.mark.django_db
def test_a_coordinator_lists_their_own_poles_only(coordinator_client, pole_a, pole_b):
    content = coordinator_client.get(admin_url(Pole, "changelist")).content.decode()

    assert "Pôle A" in content
    assert "Pôle B" not in content


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["pole", *PART_NAMES])
def test_a_coordinator_gets_403_on_another_poles_records(coordinator_client, pole_b, name):
    record = record_of(name, pole_b)
    model = type(record)

    for view in ("change", "history", "delete"):
        assert coordinator_client.get(admin_url(model, view, record.pk)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["pole", *PART_NAMES])
def test_a_crafted_post_on_another_poles_record_changes_nothing(
    coordinator_client, client, pole_b, name, django_user_model
):
    record = record_of(name, pole_b)
    model = type(record)
    # The data the CRES's own page would send, with every text changed.
    superuser = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(superuser)
    data = admin_form_data(client.get(admin_url(model, "change", record.pk)))
    data = {
        key: f"{value} piraté" if key in ("name", "title", "text") else value
        for key, value in data.items()
    }
    data["_save"] = "Enregistrer"
    before = model.objects.filter(pk=record.pk).values().get()
    coordinator = django_user_model.objects.get(username="coordinatrice")
    client.force_login(coordinator)

    assert client.post(admin_url(model, "change", record.pk), data).status_code == 403
    assert client.post(admin_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=record.pk).values().get() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", OTHER_MODELS)
def test_a_coordinator_changes_no_record_outside_poles(coordinator_client, name):
    record = FACTORIES[name]()
    model = type(record)

    response = coordinator_client.get(admin_url(model, "change", record.pk))
    # Actors: seen (to choose a pole's members from), never changed.
    assert response.status_code == (200 if name == "actor" else 403)
    assert 'name="_save"' not in response.content.decode()
    assert coordinator_client.post(admin_url(model, "change", record.pk), {}).status_code == 403
    assert coordinator_client.get(admin_url(model, "add")).status_code == 403
    assert (
        coordinator_client.post(admin_url(model, "delete", record.pk), {"post": "yes"}).status_code
        == 403
    )
    assert model.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_a_coordinator_cannot_attach_a_record_to_another_pole(coordinator_client, pole_a, pole_b):
    url = admin_url(Objective, "add")
    data = {"pole": pole_b.pk, "order": 1, "title": "Objectif glissé chez le voisin", "_save": "1"}

    response = coordinator_client.post(url, data)

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Objective.objects.filter(title="Objectif glissé chez le voisin").exists()

    response = coordinator_client.post(url, {**data, "pole": pole_a.pk})
    assert response.status_code == 302
    assert Objective.objects.get(title="Objectif glissé chez le voisin").pole == pole_a


@pytest.mark.django_db
def test_a_coordinator_cannot_move_their_record_to_another_pole(coordinator_client, pole_a, pole_b):
    objective = ObjectiveFactory(pole=pole_a, title="Mutualiser")
    data = admin_form_data(coordinator_client.get(admin_url(Objective, "change", objective.pk)))
    data.update(pole=pole_b.pk, _save="1")

    response = coordinator_client.post(admin_url(Objective, "change", objective.pk), data)

    assert response.status_code == 200
    objective.refresh_from_db()
    assert objective.pole == pole_a


@pytest.mark.django_db
def test_a_coordinators_choices_name_their_poles_and_studies_only(
    coordinator_client, pole_a, pole_b
):
    StudyFactory(pole=pole_a, title="Étude du pôle A")
    StudyFactory(pole=pole_b, title="Étude du pôle B")

    def choices(field_name):
        response = coordinator_client.get(
            reverse("admin:autocomplete"),
            {"app_label": "poles", "model_name": "objective", "field_name": field_name},
        )
        return [item["text"] for item in response.json()["results"]]

    assert choices("pole") == ["Pôle A"]
    assert choices("study") == ["Étude du pôle A"]
    pole_page = coordinator_client.get(admin_url(Pole, "change", pole_a.pk)).content.decode()
    assert "Étude du pôle A" in pole_page
    assert "Étude du pôle B" not in pole_page


@pytest.mark.django_db
def test_a_coordinators_document_belongs_to_their_pole_not_to_a_programme(
    coordinator_client, pole_a
):
    programme = ProgrammeFactory()
    url = admin_url(Document, "add")

    assert 'name="programme"' not in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(
        url, {"title": "Compte rendu", "programme": programme.pk, "url": "https://example.org/cr"}
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()

    response = coordinator_client.post(
        url,
        {
            "title": "Compte rendu",
            "pole": pole_a.pk,
            "programme": programme.pk,
            "url": "https://example.org/cr",
            "date_precision": "day",
            "kind": "report",
        },
    )
    assert response.status_code == 302, response.content.decode()
    document = Document.objects.get(title="Compte rendu")
    assert (document.pole, document.programme) == (pole_a, None)


# a coordinator on their own pole


@pytest.mark.django_db
@pytest.mark.parametrize("name", COORDINATOR_EDITS)
def test_a_coordinator_edits_their_poles_parts(coordinator_client, pole_a, name):
    record = record_of(name, pole_a)
    model = type(record)
    url = admin_url(model, "change", record.pk)

    data = admin_form_data(coordinator_client.get(url))
    data["_save"] = "Enregistrer"

    assert coordinator_client.post(url, data).status_code == 302
    assert coordinator_client.get(admin_url(model, "history", record.pk)).status_code == 200
    assert (
        coordinator_client.post(admin_url(model, "delete", record.pk), {"post": "yes"}).status_code
        == 302
    )
    assert not model.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["statuschange", "study", "polenetwork", "fundingline"])
def test_a_coordinator_only_views_their_poles_status_studies_networks_and_funding(
    coordinator_client, pole_a, name
):
    record = record_of(name, pole_a)
    model = type(record)
    url = admin_url(model, "change", record.pk)

    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert coordinator_client.post(url, {}).status_code == 403
    assert (
        coordinator_client.post(admin_url(model, "delete", record.pk), {"post": "yes"}).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_coordinator_saves_their_poles_page_but_not_its_status_scores_or_funding(
    coordinator_client, pole_a, django_user_model
):
    url = admin_url(Pole, "change", pole_a.pk)
    page = coordinator_client.get(url)
    content = page.content.decode()
    assert page.status_code == 200
    for cres_only in ('name="status"', 'name="size_score"', 'name="coordinators"', 'name="name"'):
        assert cres_only not in content
    data = admin_form_data(page)
    someone = django_user_model.objects.create_user("intrus", password="p", is_staff=True)
    before = (
        Pole.objects.filter(pk=pole_a.pk)
        .values("name", "status", "size_score", "structuration_score", "purpose")
        .get()
    )
    data.update(
        {
            # What a crafted request would try …
            "name": "Pôle renommé",
            "status": PoleStatus.STOPPED,
            "size_score": "5",
            "structuration_score": "5",
            "purpose": "Raison d'être réécrite",
            "coordinators": [someone.pk],
            "funding_lines-TOTAL_FORMS": "1",
            "funding_lines-INITIAL_FORMS": "0",
            "funding_lines-0-kind": "operating",
            "funding_lines-0-amount": "99999",
            "funding_lines-0-status": FundingStatus.GRANTED,
            # … and what a coordinator does: a new objective.
            "objectives-TOTAL_FORMS": "1",
            "objectives-INITIAL_FORMS": "0",
            "objectives-0-order": "1",
            "objectives-0-title": "Créer une monnaie locale",
            "_save": "Enregistrer",
        }
    )

    response = coordinator_client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    assert Objective.objects.filter(pole=pole_a, title="Créer une monnaie locale").exists()
    after = Pole.objects.filter(pk=pole_a.pk).values(*before).get()
    assert after == before
    assert not FundingLine.objects.filter(pole=pole_a).exists()
    assert list(pole_a.coordinators.values_list("username", flat=True)) == ["coordinatrice"]


@pytest.mark.django_db
def test_a_coordinator_without_poles_sees_none(client, django_user_model, pole_a):
    user = django_user_model.objects.create_user("sans-pole", password="p", is_staff=True)
    user.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    client.force_login(user)

    assert "Pôle A" not in client.get(admin_url(Pole, "changelist")).content.decode()
    assert client.get(admin_url(Pole, "change", pole_a.pk)).status_code == 403


@pytest.mark.django_db
def test_a_coordinator_cannot_reach_the_accounts(coordinator_client, coordinator):
    user_url = reverse("admin:auth_user_change", args=[coordinator.pk])

    assert coordinator_client.get(user_url).status_code == 403
    assert coordinator_client.get(reverse("admin:auth_user_changelist")).status_code == 403


# the CRES


@pytest.mark.django_db
def test_the_cres_changes_any_poles_status(cres_client, pole_b):
    url = admin_url(Pole, "change", pole_b.pk)
    data = admin_form_data(cres_client.get(url))
    data.update(
        status=PoleStatus.STOPPED, status_reason="Dissolution votée en assemblée", _save="1"
    )

    assert cres_client.post(url, data).status_code == 302
    pole_b.refresh_from_db()
    assert pole_b.status == PoleStatus.STOPPED
    assert pole_b.status_changes.get().note == "Dissolution votée en assemblée"


@pytest.mark.django_db
def test_the_cres_creates_a_coordinators_account_and_links_it_to_a_pole(cres_client, pole_a):
    response = cres_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nouvelle-coordinatrice",
            "password1": "Un-mot-de-passe-solide-2010",
            "password2": "Un-mot-de-passe-solide-2010",
            "usable_password": "true",
            "Pole_coordinators-TOTAL_FORMS": "0",
            "Pole_coordinators-INITIAL_FORMS": "0",
            "_continue": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()
    user = Pole.coordinators.field.related_model.objects.get(username="nouvelle-coordinatrice")
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = admin_form_data(cres_client.get(url))
    data.update(
        {
            # A split date and time: two inputs in the browser.
            "date_joined_0": "01/10/2010",
            "date_joined_1": "09:00:00",
            "is_staff": "on",
            "is_superuser": "on",  # not the CRES's to give
            "groups": [Group.objects.get(name=POLE_COORDINATORS).pk],
            "user_permissions": [Permission.objects.get(codename="delete_pole").pk],
            "Pole_coordinators-TOTAL_FORMS": "1",
            "Pole_coordinators-INITIAL_FORMS": "0",
            "Pole_coordinators-0-pole": pole_a.pk,
            "_save": "1",
        }
    )

    assert cres_client.post(url, data).status_code == 302
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert not user.user_permissions.exists()
    assert list(user.groups.values_list("name", flat=True)) == [POLE_COORDINATORS]
    assert list(user.coordinated_poles.all()) == [pole_a]


@pytest.mark.django_db
def test_the_cres_cannot_change_a_superusers_account(cres_client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")

    assert cres_client.get(reverse("admin:auth_user_change", args=[admin.pk])).status_code == 200
    response = cres_client.post(
        reverse("admin:auth_user_password_change", args=[admin.pk]),
        {"password1": "Repris-2010-solide", "password2": "Repris-2010-solide"},
    )
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.check_password("pw")


@pytest.mark.django_db
def test_a_coordinator_cannot_revert_a_pole_to_a_past_version(coordinator_client, pole_a, pole_b):
    # A past version of each pole, then the CRES changes the status.
    for pole in (pole_a, pole_b):
        pole.status = PoleStatus.PAUSED
        pole.save()
        pole.status = PoleStatus.OPERATING
        pole.save()

    for pole in (pole_a, pole_b):
        past = pole.revisions.filter(status=PoleStatus.PAUSED).get()
        url = admin_url(Pole, "simple_history", pole.pk, past.history_id)
        response = coordinator_client.post(url, {"_save": "1"})

        assert response.status_code == 403
        pole.refresh_from_db()
        assert pole.status == PoleStatus.OPERATING
    past_b = pole_b.revisions.filter(status=PoleStatus.PAUSED).get()
    url = admin_url(Pole, "simple_history", pole_b.pk, past_b.history_id)
    assert coordinator_client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_coordinator_cannot_revert_another_poles_record(coordinator_client, pole_b):
    objective = ObjectiveFactory(pole=pole_b, title="Avant")
    objective.title = "Après"
    objective.save()
    past = objective.revisions.get(title="Avant")
    url = admin_url(Objective, "simple_history", objective.pk, past.history_id)

    assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(url, {"title": "Avant", "order": 1}).status_code == 403
    objective.refresh_from_db()
    assert objective.title == "Après"


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Objective, Document])
def test_a_coordinator_cannot_name_another_poles_study(coordinator_client, pole_a, pole_b, model):
    """Refused as a choice the page does not offer, before any rule of the model is asked."""
    study_b = StudyFactory(pole=pole_b, title="Étude du pôle B")
    url = admin_url(model, "add")
    data = admin_form_data(coordinator_client.get(url))
    data.update(pole=pole_a.pk, study=study_b.pk, order=1, title="Glissé dans l'étude du voisin")

    response = coordinator_client.post(url, data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["study"]
    assert error.startswith("Sélectionnez un choix valide")
    assert not model.objects.filter(title="Glissé dans l'étude du voisin").exists()


# an account both CRES and coordinator


@pytest.fixture
def cres_and_coordinator_client(client, django_user_model, pole_a):
    user = django_user_model.objects.create_user(username="cres-et-coordinatrice", is_staff=True)
    user.groups.add(Group.objects.get(name=CRES), Group.objects.get(name=POLE_COORDINATORS))
    pole_a.coordinators.add(user)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_account_both_cres_and_coordinator_has_the_cres_rights(
    cres_and_coordinator_client, pole_a, pole_b
):
    client = cres_and_coordinator_client
    objective_b = ObjectiveFactory(pole=pole_b, title="Objectif du pôle B")

    listing = client.get(admin_url(Pole, "changelist")).content.decode()
    assert "Pôle A" in listing and "Pôle B" in listing
    assert client.get(admin_url(Objective, "change", objective_b.pk)).status_code == 200

    url = admin_url(Pole, "change", pole_b.pk)
    data = admin_form_data(client.get(url))
    data.update(name="Pôle B renommé", status=PoleStatus.STOPPED, status_reason="Dissolution")
    assert client.post(url, data).status_code == 302
    pole_b.refresh_from_db()
    assert (pole_b.name, pole_b.status) == ("Pôle B renommé", PoleStatus.STOPPED)

    past = pole_a.revisions.earliest()
    revert = admin_url(Pole, "simple_history", pole_a.pk, past.history_id)
    assert client.post(revert, admin_form_data(client.get(revert))).status_code == 302
