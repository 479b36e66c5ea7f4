"""The Region's officers: a group, created by a migration, that views everything in the admin,
exports, and changes nothing."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from poles.roles import REGION_OFFICERS
from tests.admin.conftest import FACTORIES
from tests.factories import ActorFactory, FundingLineFactory, PoleFactory, TerritoryFactory
from tests.portal_models import domain_models, history_models

PORTAL_MODELS = domain_models()
EXPORT_ACTION = "export_selection_csv"
FORMULA_PREFIXES = ["=", "+", "-", "@", "\t", "\r"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def snapshot(record):
    return serializers.serialize("python", [type(record).objects.get(pk=record.pk)])


def export(client, model, records):
    return client.post(
        admin_url(model, "changelist"),
        {"action": EXPORT_ACTION, "_selected_action": [record.pk for record in records]},
    )


def csv_rows(response):
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user(
        username="region", password="mot-de-passe-solide-2010", is_staff=True
    )
    user.groups.add(Group.objects.get(name=REGION_OFFICERS))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def outsider_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="autre", password="p", is_staff=True)
    client.force_login(user)
    return client


# the group, as the migrations leave it


def test_the_migration_names_the_group_like_the_constant():
    migration = importlib.import_module("territories.migrations.0002_region_officers_group")

    assert migration.REGION_OFFICERS == REGION_OFFICERS == "Services de la Région (lecture seule)"


@pytest.mark.django_db
def test_the_group_can_view_every_model_of_the_portal_and_its_history_and_nothing_else():
    group = Group.objects.get(name=REGION_OFFICERS)
    permissions = set(group.permissions.values_list("content_type__app_label", "codename"))
    viewed = PORTAL_MODELS + history_models()

    assert len(history_models()) == len(PORTAL_MODELS)
    # … and the campaigns, their fiches, checklists and published fiches (campaigns/0003).
    campaigns = apps.get_app_config("campaigns").get_models()
    assert permissions == {
        (model._meta.app_label, f"view_{model._meta.model_name}") for model in [*viewed, *campaigns]
    }


@pytest.mark.django_db
def test_an_officer_has_the_view_permissions_only(officer):
    for model in PORTAL_MODELS:
        label, name = model._meta.app_label, model._meta.model_name
        assert officer.has_perm(f"{label}.view_{name}")
        for action in ("add", "change", "delete"):
            assert not officer.has_perm(f"{label}.{action}_{name}")


# every admin page of the portal, read only


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_an_officer_views_the_changelist_and_the_change_page(officer_client, model):
    record = FACTORIES[model._meta.model_name]()

    assert officer_client.get(admin_url(model, "changelist")).status_code == 200
    response = officer_client.get(admin_url(model, "change", record.pk))

    assert response.status_code == 200
    content = response.content.decode()
    for button in ('name="_save"', 'name="_continue"', 'name="_addanother"'):
        assert button not in content
    assert 'value="Enregistrer' not in content
    assert admin_url(model, "delete", record.pk) not in content


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_an_officer_cannot_add_or_delete(officer_client, model):
    record = FACTORIES[model._meta.model_name]()

    assert officer_client.get(admin_url(model, "add")).status_code == 403
    assert officer_client.post(admin_url(model, "add"), {}).status_code == 403
    assert officer_client.get(admin_url(model, "delete", record.pk)).status_code == 403
    assert (
        officer_client.post(admin_url(model, "delete", record.pk), {"post": "yes"}).status_code
        == 403
    )
    assert model.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_an_officer_cannot_change_a_record(officer_client, model):
    record = FACTORIES[model._meta.model_name]()
    before = snapshot(record)
    # The record's own values with every text changed: what a save would write if it were allowed.
    data = {
        name: f"Modifié par la Région {value}" if isinstance(value, str) else value
        for name, value in before[0]["fields"].items()
        if value is not None and not isinstance(value, list)
    }
    data["_save"] = "Enregistrer"

    response = officer_client.post(admin_url(model, "change", record.pk), data)

    assert response.status_code == 403
    assert snapshot(record) == before


@pytest.mark.django_db
def test_an_officer_cannot_delete_from_the_changelist(officer_client):
    pole = PoleFactory()

    response = officer_client.get(admin_url(pole._meta.model, "changelist"))
    assert 'value="delete_selected"' not in response.content.decode()

    response = officer_client.post(
        admin_url(pole._meta.model, "changelist"),
        {"action": "delete_selected", "_selected_action": [pole.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert type(pole).objects.filter(pk=pole.pk).exists()


# export


EXPORTS = {
    "pole": (PoleFactory, lambda pole: pole.name),
    "fundingline": (FundingLineFactory, lambda line: str(line.pole)),
    "actor": (ActorFactory, lambda actor: actor.name),
    "territory": (TerritoryFactory, lambda territory: territory.name),
}


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", EXPORTS)
def test_an_officer_exports_the_selection(officer_client, model_name):
    factory, first_column = EXPORTS[model_name]
    selected = factory.create_batch(3)
    factory()  # not selected
    model = selected[0]._meta.model

    changelist = officer_client.get(admin_url(model, "changelist"))
    assert "Exporter la sélection (CSV)" in changelist.content.decode()
    response = export(officer_client, model, selected)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith('.csv"')
    header, *rows = csv_rows(response)
    assert len(header) == len(rows[0])
    assert sorted(row[0] for row in rows) == sorted(first_column(record) for record in selected)


@pytest.mark.django_db
def test_the_pole_export_has_the_changelist_columns_in_french(officer_client):
    pole = PoleFactory(name="Pôle ESS du Pays de Morlaix")

    response = export(officer_client, pole._meta.model, [pole])

    assert response["Content-Disposition"] == 'attachment; filename="poles.csv"'
    header, *rows = csv_rows(response)
    assert header == [
        "Nom",
        "Statut",
        "Territoires",
        "Structure porteuse",
        "Création",
        "Dernière mise à jour",
    ]
    assert rows == [
        [
            "Pôle ESS du Pays de Morlaix",
            pole.get_status_display(),
            ", ".join(t.name for t in pole.territories.all()),
            str(pole.carrying_structure or ""),
            pole.fuzzy("created_on") or "—",
            timezone.localtime(pole.updated_at).strftime("%d/%m/%Y %H:%M"),
        ]
    ]


@pytest.mark.django_db
def test_the_export_neutralises_formulas(officer_client):
    poles = [PoleFactory(name='=HYPERLINK("http://exemple.invalid";"Cliquer")')]
    actors = [
        ActorFactory(name=f"{prefix}SUM(A1:A9)", slug=f"formule-{n}")
        for n, prefix in enumerate(FORMULA_PREFIXES)
    ]

    _, *pole_rows = csv_rows(export(officer_client, poles[0]._meta.model, poles))
    _, *actor_rows = csv_rows(export(officer_client, actors[0]._meta.model, actors))

    assert pole_rows[0][0] == '\'=HYPERLINK("http://exemple.invalid";"Cliquer")'
    assert sorted(row[0] for row in actor_rows) == sorted(
        f"'{prefix}SUM(A1:A9)" for prefix in FORMULA_PREFIXES
    )


@pytest.mark.django_db
def test_the_export_runs_a_constant_number_of_queries(officer_client):
    def queries_to_export(count):
        poles = PoleFactory.create_batch(count)
        with CaptureQueriesContext(connection) as queries:
            rows = csv_rows(export(officer_client, poles[0]._meta.model, poles))
        assert len(rows) == 1 + count
        return [query["sql"] for query in queries.captured_queries]

    few, many = queries_to_export(3), queries_to_export(60)
    assert len(many) == len(few)


# other users


@pytest.mark.django_db
def test_staff_outside_the_group_gets_403(outsider_client):
    pole = PoleFactory()
    model = pole._meta.model

    assert outsider_client.get(admin_url(model, "changelist")).status_code == 403
    assert outsider_client.get(admin_url(model, "change", pole.pk)).status_code == 403
    assert export(outsider_client, model, [pole]).status_code == 403


@pytest.mark.django_db
def test_a_group_member_who_is_not_staff_is_sent_to_the_login_page(client, officer):
    officer.is_staff = False
    officer.save()
    client.force_login(officer)

    response = client.get(reverse("admin:poles_pole_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
