"""Imports a person can succeed at the first time: the territories' identifiers in their list,
a template file to fill in on each import page, a suggestion for an unknown identifier, a
preview that names the records."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.enums import ActorKind
from actors.models import Actor
from poles.enums import MembershipRole
from territories.models import KeyFigures
from tests.core.imports.admin_steps import admin_url, export, import_file, preview
from tests.core.imports.spreadsheets import (
    ACTORS_HEADERS,
    KEY_FIGURES_HEADERS,
    read_csv,
    read_xlsx,
    upload,
)
from tests.factories import ActorFactory, MembershipFactory, PoleFactory, TerritoryFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

SOURCE = "Observatoire de l'ESS"


def template_url(model, extension):
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_import_template",
        args=[extension],
    )


def read(content, extension):
    return read_csv(content) if extension == "csv" else read_xlsx(content)


@pytest.fixture
def auray(region):
    return TerritoryFactory(name="Pays d'Auray", slug="pays-dauray", region=region)


@pytest.fixture
def c2sol(territory):
    return PoleFactory(name="C2SOL", slug="c2sol", territories=[territory])


# 1. The territories' identifiers


def test_the_territories_list_shows_their_identifiers(staff_client, territory, auray):
    response = staff_client.get(reverse("admin:territories_territory_changelist"))

    text = page_text(response)
    assert "Identifiant (imports)" in text
    assert "pays-de-lorient" in text and "pays-dauray" in text


def test_a_territory_is_found_by_its_identifier(staff_client, territory, auray):
    url = reverse("admin:territories_territory_changelist")

    response = staff_client.get(url, {"q": "pays-dauray"})

    assert list(response.context["cl"].result_list) == [auray]


# 2. The template files


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_key_figures_template_has_a_row_per_territory(
    staff_client, territory, auray, extension
):
    response = staff_client.get(template_url(KeyFigures, extension))

    assert response.status_code == 200
    assert f'filename="modele-chiffres-cles.{extension}"' in response["Content-Disposition"]
    empty = "" if extension == "csv" else None
    assert read(response.content, extension) == [
        KEY_FIGURES_HEADERS,
        ["pays-dauray", *[empty] * (len(KEY_FIGURES_HEADERS) - 1)],
        ["pays-de-lorient", *[empty] * (len(KEY_FIGURES_HEADERS) - 1)],
    ]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_actors_template_is_their_export(staff_client, c2sol, territory, extension):
    actor = ActorFactory(name="Akena", territory=territory, kind=ActorKind.ASSOCIATION)
    MembershipFactory(actor=actor, pole=c2sol, role=MembershipRole.MEMBER)

    response = staff_client.get(template_url(Actor, extension))

    rows = read(response.content, extension)
    assert rows[0] == ACTORS_HEADERS
    assert ["Akena", "association", "pays-de-lorient"] == rows[1][:3]
    assert rows[1][4] == "c2sol : membre"
    assert rows == read(export(staff_client, Actor, extension).content, extension)


def test_the_import_page_offers_its_templates(staff_client):
    response = staff_client.get(admin_url(KeyFigures, "import"))

    content = response.content.decode()
    for extension in ("csv", "xlsx"):
        assert f'href="{template_url(KeyFigures, extension)}"' in content
    assert "Une ligne par territoire, avec son identifiant" in page_text(response)


def test_a_template_needs_the_import_permission(officer_client):
    assert officer_client.get(template_url(KeyFigures, "xlsx")).status_code == 403
    assert officer_client.get(template_url(Actor, "csv")).status_code == 403


def test_a_template_of_another_format_is_not_found(staff_client):
    assert staff_client.get(template_url(KeyFigures, "ods")).status_code == 404


@pytest.mark.parametrize(
    ("model", "build"),
    [
        (KeyFigures, lambda count: TerritoryFactory.create_batch(count)),
        (
            Actor,
            lambda count: [
                MembershipFactory.create_batch(2, actor=actor)
                for actor in ActorFactory.create_batch(count)
            ],
        ),
    ],
    ids=["key figures", "actors"],
)
def test_a_template_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, model, build
):
    build(1)
    staff_client.get(template_url(model, "xlsx"))
    with django_assert_max_num_queries(100) as few:
        staff_client.get(template_url(model, "xlsx"))
    build(60)

    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(template_url(model, "xlsx"))

    assert len(read_xlsx(response.content)) > 60


def test_the_key_figures_template_filled_in_imports_its_filled_rows(staff_client, territory, auray):
    rows = read_csv(staff_client.get(template_url(KeyFigures, "csv")).content)
    rows[2][1:4] = ["2024", SOURCE, "688"]  # Pays de Lorient's row; Pays d'Auray's left empty

    response = preview(staff_client, KeyFigures, upload(rows[0], rows[1:]))

    assert "1 ajout, 0 modification, 0 ligne inchangée." in page_text(response)
    import_file(staff_client, KeyFigures, upload(rows[0], rows[1:]))
    assert list(KeyFigures.objects.values_list("territory__slug", "year", "establishments")) == [
        ("pays-de-lorient", 2024, 688)
    ]


def test_the_key_figures_template_left_empty_imports_nothing(staff_client, territory):
    content = staff_client.get(template_url(KeyFigures, "xlsx")).content

    response = preview(staff_client, KeyFigures, SimpleUploadedFile("modele.xlsx", content))

    assert "confirm_form" not in response.context
    assert "Aucune ligne à importer : chaque ligne ne donne que « territoire »." in page_text(
        response
    )
    assert not KeyFigures.objects.exists()


# 3. A suggestion for an unknown identifier


@pytest.mark.parametrize("typed", ["pays-d-auray", "pays-dauray-", "Pays d'Aurai", "pays dauray"])
def test_an_unknown_territory_gets_the_closest_one(staff_client, territory, auray, typed):
    row = [typed, "2024", SOURCE, "10", "", "", "", "", "", ""]

    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [row]))

    assert "confirm_form" not in response.context
    assert (
        f"Ligne 2, colonne « territoire » : Aucun territoire n'a l'identifiant « {typed} ». "
        "Vouliez-vous dire « pays-dauray » ?" in page_text(response)
    )


def test_no_suggestion_when_nothing_is_close(staff_client, territory, auray):
    row = ["presqu-ile-de-crozon", "2024", SOURCE, "10", "", "", "", "", "", ""]

    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [row]))

    text = page_text(response)
    assert "Aucun territoire n'a l'identifiant « presqu-ile-de-crozon »." in text
    assert "Vouliez-vous dire" not in text


def test_an_unknown_pole_gets_the_closest_one(staff_client, c2sol):
    row = ["Akena", "association", "pays-de-lorient", "", "c2so : membre"]

    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, [row]))

    assert (
        "Ligne 2, colonne « participations » : Aucun pôle n'a l'identifiant « c2so ». "
        "Vouliez-vous dire « c2sol » ?" in page_text(response)
    )


def test_unknown_identifiers_cost_no_query_each(staff_client, territory, auray):
    """The territories are read once per import, the suggestions found among them."""

    def queries(territories):
        rows = [[slug, "2024", SOURCE, "", "", "", "", "", "", ""] for slug in territories]
        uploaded = upload(KEY_FIGURES_HEADERS, rows)
        with CaptureQueriesContext(connection) as captured:
            response = preview(staff_client, KeyFigures, uploaded)
        assert "confirm_form" not in response.context
        return len(captured)

    blank = queries([""] * 40)  # no territory to look for

    assert queries([f"pays-{index}" for index in range(40)]) <= blank + 1
    assert queries(["pays-d-auray"] * 40) <= blank + 1


# 4. The preview names the records


def test_the_preview_shows_names_not_identifiers(staff_client, territory, c2sol):
    figures = ["pays-de-lorient", "2024", SOURCE, "688", "", "", "", "", "", ""]
    actor = ["Akena", "association", "pays-de-lorient", "", "c2sol : membre"]

    figures_page = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [figures]))
    actors_page = preview(staff_client, Actor, upload(ACTORS_HEADERS, [actor]))

    for response, shown in [
        (figures_page, "<ins>Pays de Lorient</ins>"),
        (actors_page, "<ins>C2SOL : membre</ins>"),
    ]:
        content = response.content.decode()
        preview_table = content[content.index('<table class="import-preview">') :]
        assert shown in preview_table
        assert "pays-de-lorient" not in preview_table
        assert "c2sol :" not in preview_table


def test_the_preview_wraps_its_cells(staff_client):
    response = staff_client.get(admin_url(KeyFigures, "import"))

    assert "css/admin-imports.css" in response.content.decode()
