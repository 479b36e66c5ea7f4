"""Importing key figures from CSV and XLSX in the admin: preview, confirmation, idempotence,
French errors naming the line and the column, whole file or nothing."""

from decimal import Decimal

import pytest

from territories.models import KeyFigures
from tests.core.imports.admin_steps import (
    admin_url,
    confirm,
    confirm_uploaded,
    import_file,
    preview,
)
from tests.core.imports.spreadsheets import KEY_FIGURES_HEADERS, upload
from tests.factories import KeyFiguresFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

LORIENT_SOURCE = "Fiche du pôle C2SOL (Pays de Lorient)"
# As a French spreadsheet writes them: thousands with a space, decimal comma, a « % ».
LORIENT_ROW = ["pays-de-lorient", "", LORIENT_SOURCE, "688", "7 521", "11,5", "564", "82 %", "90", "13"]  # fmt: skip


def figures_rows():
    return list(
        KeyFigures.objects.order_by("pk").values_list(
            "territory__slug", "year", "source", "establishments", "salaried_jobs",
            "salaried_jobs_share", "associations", "associations_share_stated",
            "cooperatives", "cooperatives_share_stated",
        )
    )  # fmt: skip


LORIENT_RECORD = (
    "pays-de-lorient", None, LORIENT_SOURCE, 688, 7521, Decimal("11.5"), 564, Decimal("82"), 90, Decimal("13")
)  # fmt: skip


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_file_is_previewed_then_imported(staff_client, territory, file_format):
    rows = [LORIENT_ROW]
    if file_format == "xlsx":  # numbers typed as numbers
        rows = [["pays-de-lorient", None, LORIENT_SOURCE, 688, 7521, 11.5, 564, 82, 90, 13]]

    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, rows, file_format))

    text = page_text(response)
    assert "Aperçu de l'import de « import." in text
    assert "1 ajout, 0 modification, 0 ligne inchangée." in text
    assert "Ajout" in text and "Confirmer l'import" in text
    assert KeyFigures.objects.count() == 0  # nothing saved before the confirmation

    response = confirm(staff_client, KeyFigures, response)

    assert response.status_code == 302
    assert figures_rows() == [LORIENT_RECORD]
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Import terminé (chiffres clés) : 1 ajout, 0 modification, 0 ligne inchangée."
    ]
    history = KeyFigures.revisions.get()
    assert history.history_user.username == "cres"
    assert history.history_change_reason == f"Import du fichier « import.{file_format} »"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(staff_client, territory):
    uploaded = upload(KEY_FIGURES_HEADERS, [LORIENT_ROW])
    import_file(staff_client, KeyFigures, uploaded)
    before, revisions = figures_rows(), KeyFigures.revisions.count()

    uploaded.seek(0)
    response = preview(staff_client, KeyFigures, uploaded)
    assert "0 ajout, 0 modification, 1 ligne inchangée." in page_text(response)
    assert "Inchangée" in page_text(response)
    response = confirm(staff_client, KeyFigures, response)

    assert figures_rows() == before
    assert KeyFigures.revisions.count() == revisions
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Import terminé (chiffres clés) : 0 ajout, 0 modification, 1 ligne inchangée."
    ]


def test_a_row_updates_the_figures_of_its_territory_and_year(staff_client, territory):
    record = KeyFiguresFactory(territory=territory, year=2008, source="Observatoire 2008")
    row = ["pays-de-lorient", "2008", "Observatoire 2008", "700", "", "", "", "", "", ""]

    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [row]))
    assert "0 ajout, 1 modification, 0 ligne inchangée." in page_text(response)
    confirm(staff_client, KeyFigures, response)

    record.refresh_from_db()
    assert (record.establishments, record.salaried_jobs, record.associations) == (700, None, None)
    assert KeyFigures.objects.count() == 1
    assert record.revisions.count() == 2  # the factory's creation, the import's change


def test_an_empty_year_is_the_figures_without_a_year_and_the_source_can_change(
    staff_client, territory
):
    with_year = KeyFiguresFactory(territory=territory, year=2008)
    without_year = KeyFiguresFactory(territory=territory, year=None, source="Ancienne fiche")

    import_file(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [LORIENT_ROW]))

    without_year.refresh_from_db()
    assert without_year.source == LORIENT_SOURCE
    assert without_year.salaried_jobs == 7521
    assert KeyFigures.objects.count() == 2
    with_year.refresh_from_db()
    assert with_year.source != LORIENT_SOURCE


def test_when_a_territory_has_several_figures_for_the_year_the_source_says_which(
    staff_client, territory
):
    KeyFiguresFactory(territory=territory, year=None, source="Fiche A")
    b = KeyFiguresFactory(territory=territory, year=None, source="Fiche B")
    same_source = ["pays-de-lorient", "", "Fiche B", "1000", "", "", "", "", "", ""]
    import_file(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [same_source]))
    b.refresh_from_db()
    assert b.establishments == 1000

    other_source = ["pays-de-lorient", "", "Fiche C", "1000", "", "", "", "", "", ""]
    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [other_source]))

    assert (
        "Ligne 2, colonne « source » : Le territoire « pays-de-lorient » a 2 chiffres clés sans "
        "année, de sources différentes (« Fiche A », « Fiche B ») : la colonne « source » doit "
        "reprendre exactement l'une d'elles."
    ) in page_text(response)
    assert "confirm_form" not in response.context


def test_two_sources_for_one_year_in_one_file_are_two_records(staff_client, territory):
    rows = [
        ["pays-de-lorient", "2008", "Fiche A", "100", "", "", "", "", "", ""],
        ["pays-de-lorient", "2008", "Fiche B", "200", "", "", "", "", "", ""],
    ]
    import_file(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, rows))

    assert sorted(KeyFigures.objects.values_list("source", "establishments")) == [
        ("Fiche A", 100),
        ("Fiche B", 200),
    ]


BROKEN_ROWS = [
    (
        ["pays-de-nulle-part", "", "Fiche", "", "", "", "", "", "", ""],
        "Ligne 3, colonne « territoire » : Aucun territoire n'a l'identifiant « pays-de-nulle-part ».",
    ),
    (
        ["Pays de Lorient", "2009", "Fiche", "", "", "", "", "", "", ""],
        "Ligne 3, colonne « territoire » : Aucun territoire n'a l'identifiant « Pays de Lorient ». "
        "« Pays de Lorient » est le nom d'un territoire : son identifiant est « pays-de-lorient ».",
    ),
    (
        ["pays-de-lorient", "2009", "Fiche", "beaucoup", "", "", "", "", "", ""],
        "Ligne 3, colonne « établissements employeurs » : « beaucoup » n'est pas un nombre.",
    ),
    (
        ["pays-de-lorient", "2009", "Fiche", "12,5", "", "", "", "", "", ""],
        "Ligne 3, colonne « établissements employeurs » : « 12,5 » n'est pas un nombre entier.",
    ),
    (
        ["pays-de-lorient", "2009", "Fiche", "", "", "150", "", "", "", ""],
        "Ligne 3, colonne « part des emplois salariés du territoire (%) » : "
        "Une part s'exprime entre 0 et 100 % : « 150 » n'en est pas une.",
    ),
    (
        ["pays-de-lorient", "1850", "Fiche", "", "", "", "", "", "", ""],
        "Ligne 3, colonne « année » : « 1850 » n'est pas compris entre 1900 et 2100.",
    ),
    (
        ["pays-de-lorient", "2009", "Fiche", "-3", "", "", "", "", "", ""],
        "Ligne 3, colonne « établissements employeurs » : "
        "Assurez-vous que cette valeur est supérieure ou égale à 0.",
    ),
    (
        ["pays-de-lorient", "2009", "", "", "", "", "", "", "", ""],
        "Ligne 3, colonne « source » : Ce champ ne peut pas être vide.",
    ),
    (
        ["pays-de-lorient", "2009", "Fiche", "", "", "11,55", "", "", "", ""],
        "Ligne 3, colonne « part des emplois salariés du territoire (%) » : "
        "Assurez-vous qu'il n'y a pas plus de 1 chiffre après la virgule.",
    ),
    (
        ["pays-de-lorient", "2009", "Fiche", "100", "", "", "80", "", "30", ""],
        "Ligne 3 : Associations et coopératives ne peuvent pas dépasser ensemble le nombre "
        "d'établissements employeurs de l'ESS.",
    ),
    (
        LORIENT_ROW,
        "Ligne 3 : Les chiffres clés du territoire « pays-de-lorient » sans année "
        f"(source « {LORIENT_SOURCE} ») figure déjà ligne 2.",
    ),
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(("broken", "error"), BROKEN_ROWS, ids=lambda v: str(v)[:30])
def test_a_broken_row_is_named_in_french_and_nothing_is_imported(
    staff_client, territory, broken, error, file_format
):
    uploaded = upload(KEY_FIGURES_HEADERS, [LORIENT_ROW, broken], file_format)

    response = preview(staff_client, KeyFigures, uploaded)

    assert response.status_code == 200
    text = page_text(response)
    assert "Des lignes contiennent des erreurs : rien n'a été importé" in text
    assert error in text
    assert "confirm_form" not in response.context
    assert "Confirmer l'import" not in text
    assert KeyFigures.objects.count() == 0

    # The confirmation the page did not offer, forged: still nothing imported.
    response = confirm_uploaded(staff_client, KeyFigures, response)

    assert KeyFigures.objects.count() == 0
    assert KeyFigures.revisions.count() == 0
    assert "Import terminé" not in [str(m) for m in response.wsgi_request._messages]


def test_lines_are_those_of_the_spreadsheet_blank_rows_included(staff_client, territory):
    rows = [LORIENT_ROW, [""] * 10, ["", "", "", "", "", "", "", "", "", ""], ["x", "", "Fiche"]]
    rows[3] += [""] * 7

    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, rows, "xlsx"))

    assert (
        "Ligne 5, colonne « territoire » : Aucun territoire n'a l'identifiant « x »."
        in page_text(response)
    )


def test_a_file_without_a_key_column_is_refused_in_french(staff_client, territory):
    headers = [h for h in KEY_FIGURES_HEADERS if h != "année"]
    row = [v for i, v in enumerate(LORIENT_ROW) if i != 1]

    response = preview(staff_client, KeyFigures, upload(headers, [row]))

    text = page_text(response)
    assert "Le fichier n'a pas pu être importé : rien n'a été enregistré" in text
    assert (
        "Colonne manquante : « année ». La première ligne du fichier doit nommer ses colonnes"
        in text
    )
    assert "Traceback" not in text
    assert "confirm_form" not in response.context


@pytest.mark.parametrize(
    ("content", "options"),
    [
        ("comma-separated", {"delimiter": ","}),
        ("windows-1252", {"encoding": "cp1252"}),
        ("utf-8 without BOM", {"encoding": "utf-8"}),
    ],
)
def test_csv_files_as_spreadsheets_write_them(staff_client, territory, content, options):
    uploaded = upload(KEY_FIGURES_HEADERS, [LORIENT_ROW], **options)

    import_file(staff_client, KeyFigures, uploaded)

    assert figures_rows() == [LORIENT_RECORD]


def test_headers_are_read_whatever_their_case_and_spaces(staff_client, territory):
    headers = [f"  {header.capitalize()} " for header in KEY_FIGURES_HEADERS]

    import_file(staff_client, KeyFigures, upload(headers, [LORIENT_ROW], "xlsx"))

    assert figures_rows() == [LORIENT_RECORD]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_format_is_told_by_the_extension(staff_client, territory, file_format):
    uploaded = upload(KEY_FIGURES_HEADERS, [LORIENT_ROW], file_format, name="Chiffres.2024")
    uploaded.name = uploaded.name.replace(file_format, file_format.upper())  # « .CSV » too

    response = import_file(staff_client, KeyFigures, uploaded)

    assert response.status_code == 302
    assert figures_rows() == [LORIENT_RECORD]


def test_the_import_page_has_no_format_to_choose(staff_client):
    response = staff_client.get(admin_url(KeyFigures, "import"))

    assert "format" not in response.context["form"].fields
    assert 'name="format"' not in response.content.decode()
    assert 'accept=".csv,.xlsx"' in response.content.decode()


@pytest.mark.parametrize("name", ["chiffres.ods", "chiffres", "chiffres.csv.txt", ".csv"])
def test_a_file_of_another_extension_is_refused_in_french(staff_client, territory, name):
    uploaded = upload(KEY_FIGURES_HEADERS, [LORIENT_ROW])
    uploaded.name = name

    response = preview(staff_client, KeyFigures, uploaded)

    assert "confirm_form" not in response.context
    assert (
        f"« {name} » n'est pas un fichier .csv ou .xlsx : enregistrez-le depuis le tableur au "
        "format CSV ou Excel (.xlsx), puis envoyez-le de nouveau." in page_text(response)
    )
    assert not KeyFigures.objects.exists()


def test_confirming_twice_imports_once(staff_client, territory):
    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [LORIENT_ROW]))
    confirm(staff_client, KeyFigures, response)

    again = confirm(staff_client, KeyFigures, response)

    assert KeyFigures.objects.count() == 1
    assert [str(m) for m in again.wsgi_request._messages][-1].startswith(
        "Le fichier à importer n'est plus disponible"
    )


def test_an_import_warns_when_a_stated_share_disagrees_with_the_counts(staff_client, territory):
    row = ["pays-de-lorient", "2009", "Fiche", "100", "", "", "50", "70", "", ""]

    response = import_file(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [row]))

    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("La part des associations indiquée (70 %) ne correspond pas" in m for m in messages)


def test_uploaded_files_are_not_kept_once_imported_or_refused(staff_client, territory, media):
    def kept():
        return [path for path in media.rglob("*") if path.is_file()]

    response = preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [LORIENT_ROW]))
    assert len(kept()) == 1  # waiting for the confirmation, in the storage
    confirm(staff_client, KeyFigures, response)
    assert kept() == []

    broken = ["pays-de-nulle-part", "", "Fiche", "", "", "", "", "", "", ""]
    preview(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [broken]))
    assert kept() == []


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_french(staff_client, territory, media):
    uploaded = upload(KEY_FIGURES_HEADERS, [LORIENT_ROW], "csv")
    uploaded.name = "chiffres.xlsx"

    response = preview(staff_client, KeyFigures, uploaded)

    assert "pendant la lecture du fichier. Assurez-vous d’avoir choisi le bon format" in page_text(
        response
    )
    assert [path for path in media.rglob("*") if path.is_file()] == []
