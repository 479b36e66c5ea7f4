"""« Exporter » in the admin: the import's columns (an exported file imports back unchanged),
CSV and XLSX, the changelist's filters, a constant number of queries; who may import."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.enums import ActorKind
from actors.models import Actor
from poles.enums import MembershipRole
from poles.models import Membership
from poles.roles import CRES, POLE_COORDINATORS, REGION_OFFICERS
from territories.models import KeyFigures
from tests.core.imports.admin_steps import admin_url, export, import_file, preview
from tests.core.imports.spreadsheets import (
    ACTORS_HEADERS,
    KEY_FIGURES_HEADERS,
    read_csv,
    read_xlsx,
    upload,
)
from tests.factories import ActorFactory, KeyFiguresFactory, MembershipFactory, PoleFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def lorient_figures(territory):
    return KeyFiguresFactory(
        territory=territory,
        year=None,
        source="Fiche du pôle C2SOL (Pays de Lorient)",
        establishments=688,
        salaried_jobs=7521,
        salaried_jobs_share=Decimal("11.5"),
        associations=564,
        associations_share_stated=Decimal("82"),
        cooperatives=90,
        cooperatives_share_stated=None,
    )


@pytest.fixture
def c2sol_actor(territory):
    actor = ActorFactory(name="C2SOL", kind=ActorKind.ASSOCIATION, territory=territory)
    actor.website = "c2sol.fr"
    actor.save()
    pole = PoleFactory(slug="c2sol", territories=[territory])
    for role in (MembershipRole.MEMBER, MembershipRole.FOUNDER):
        MembershipFactory(actor=actor, pole=pole, role=role)
    return actor


def test_key_figures_csv_export(staff_client, lorient_figures):
    response = export(staff_client, KeyFigures, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="chiffres-cles-' in response["Content-Disposition"]
    assert read_csv(response.content) == [
        KEY_FIGURES_HEADERS,
        ["pays-de-lorient", "", "Fiche du pôle C2SOL (Pays de Lorient)", "688", "7521", "11,5", "564", "82", "90", ""],
    ]  # fmt: skip


def test_key_figures_xlsx_export_has_numbers(staff_client, lorient_figures):
    response = export(staff_client, KeyFigures, "xlsx")

    assert read_xlsx(response.content) == [
        KEY_FIGURES_HEADERS,
        ["pays-de-lorient", None, "Fiche du pôle C2SOL (Pays de Lorient)", 688, 7521, 11.5, 564, 82, 90, None],
    ]  # fmt: skip


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_actors_export_with_their_participations(staff_client, c2sol_actor, file_format):
    ActorFactory(name="REVES", kind=ActorKind.NETWORK, website="")

    response = export(staff_client, Actor, file_format)

    rows = read_csv(response.content) if file_format == "csv" else read_xlsx(response.content)
    empty = "" if file_format == "csv" else None
    assert rows == [
        ACTORS_HEADERS,
        ["C2SOL", "association", "pays-de-lorient", "https://c2sol.fr", "c2sol : fondateur ; c2sol : membre"],
        ["REVES", "réseau", empty, empty, empty],
    ]  # fmt: skip


def test_the_export_follows_the_changelist_filters(staff_client, c2sol_actor):
    ActorFactory(name="REVES", kind=ActorKind.NETWORK)

    response = export(staff_client, Actor, "csv", query=f"?kind__exact={ActorKind.NETWORK}")

    assert [row[0] for row in read_csv(response.content)] == ["nom", "REVES"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", [KeyFigures, Actor], ids=["keyfigures", "actor"])
def test_an_exported_file_imports_back_unchanged(
    staff_client, lorient_figures, c2sol_actor, model, file_format
):
    ActorFactory(name='=HYPERLINK("http://exemple.org")', kind=ActorKind.OTHER)
    KeyFiguresFactory(year=2008)
    content = export(staff_client, model, file_format).content
    before = list(model.objects.order_by("pk").values()), Membership.objects.count()
    revisions = model.revisions.count()

    response = preview(staff_client, model, SimpleUploadedFile(f"export.{file_format}", content))

    count = model.objects.count()
    assert f"0 ajout, 0 modification, {count} lignes inchangées." in page_text(response)
    import_file(staff_client, model, SimpleUploadedFile(f"export.{file_format}", content))
    assert (list(model.objects.order_by("pk").values()), Membership.objects.count()) == before
    assert model.revisions.count() == revisions


def test_text_that_would_be_a_formula_is_exported_as_text_and_imported_back(staff_client):
    ActorFactory(name="=1+1", kind=ActorKind.OTHER, website="")

    csv_rows = read_csv(export(staff_client, Actor, "csv").content)
    xlsx_rows = read_xlsx(export(staff_client, Actor, "xlsx").content)

    assert csv_rows[1][0] == xlsx_rows[1][0] == "'=1+1"


# queries


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_actors_export_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, file_format
):
    def build(count):
        for actor in ActorFactory.create_batch(count):
            MembershipFactory.create_batch(2, actor=actor)

    build(2)
    export(staff_client, Actor, file_format)
    with django_assert_max_num_queries(100) as few:
        export(staff_client, Actor, file_format)
    build(80)

    with django_assert_max_num_queries(len(few)):
        response = export(staff_client, Actor, file_format)

    rows = read_csv(response.content) if file_format == "csv" else read_xlsx(response.content)
    assert len(rows) == 1 + 82


def test_key_figures_export_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    KeyFiguresFactory.create_batch(2)
    export(staff_client, KeyFigures, "csv")
    with django_assert_max_num_queries(100) as few:
        export(staff_client, KeyFigures, "csv")
    KeyFiguresFactory.create_batch(80)

    with django_assert_max_num_queries(len(few)):
        response = export(staff_client, KeyFigures, "csv")

    assert len(read_csv(response.content)) == 1 + 82


# the changelist's buttons, the history page, permissions


@pytest.mark.parametrize("model", [KeyFigures, Actor], ids=["keyfigures", "actor"])
def test_the_changelist_offers_import_and_export_beside_the_history(
    staff_client, model, lorient_figures, c2sol_actor
):
    record = model.objects.first()

    response = staff_client.get(admin_url(model, "changelist"))

    content = response.content.decode()
    assert f"href='{admin_url(model, 'import')}' class=\"import_link\">Importer</a>" in content
    assert f'href="{admin_url(model, "export")}' in content
    assert 'class="export_link">Exporter</a>' in content
    assert f'href="{admin_url(model, "add")}" class="addlink">' in content
    if model is Actor:  # the action « Exporter la sélection (CSV) » is still there
        assert 'value="export_selection_csv"' in content
    history = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[record.pk]
    )
    assert staff_client.get(history).status_code == 200
    change = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
    )
    assert history in staff_client.get(change).content.decode()


@pytest.mark.parametrize("model", [KeyFigures, Actor], ids=["keyfigures", "actor"])
def test_region_officers_export_but_do_not_import(officer_client, model, lorient_figures):
    response = officer_client.get(admin_url(model, "changelist"))
    content = response.content.decode()
    assert admin_url(model, "export") in content
    assert admin_url(model, "import") not in content

    assert officer_client.get(admin_url(model, "export")).status_code == 200
    assert export(officer_client, model, "xlsx").status_code == 200
    assert officer_client.get(admin_url(model, "import")).status_code == 403
    uploaded = upload(KEY_FIGURES_HEADERS, [["pays-de-lorient", "2020", "Fiche"]])
    assert preview(officer_client, model, uploaded).status_code == 403
    process = officer_client.post(admin_url(model, "process_import"), {})
    assert process.status_code == 403
    assert KeyFigures.objects.count() == 1


@pytest.mark.parametrize(
    ("group", "model", "exports", "imports"),
    [
        (CRES, KeyFigures, True, True),
        (CRES, Actor, True, True),
        (REGION_OFFICERS, KeyFigures, True, False),
        (REGION_OFFICERS, Actor, True, False),
        (POLE_COORDINATORS, KeyFigures, False, False),
        (POLE_COORDINATORS, Actor, True, False),  # they see the actors to choose members
    ],
)
def test_who_may_export_and_import(client, django_user_model, group, model, exports, imports):
    user = django_user_model.objects.create_user(username="u", password="p", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)

    assert client.get(admin_url(model, "export")).status_code == (200 if exports else 403)
    assert client.get(admin_url(model, "import")).status_code == (200 if imports else 403)


def test_importing_actors_needs_adding_participations_too(client, django_user_model):
    user = django_user_model.objects.create_user(username="u", password="p", is_staff=True)
    codenames = ["view_actor", "add_actor", "change_actor"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)

    assert client.get(admin_url(Actor, "import")).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="add_membership"))
    assert client.get(admin_url(Actor, "import")).status_code == 200
