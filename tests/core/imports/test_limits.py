"""What an import reads is bounded (core/imports/limits.py): a file built to exhaust a
worker is refused before it is read, or as soon as it passes a limit, quickly, with a French
message naming the limit; NUL characters are refused as the admin's forms refuse them."""

import resource
import time
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actors.models import Actor
from core.imports import formats, limits
from territories.models import KeyFigures
from tests.core.imports.admin_steps import preview
from tests.core.imports.spreadsheets import (
    ACTORS_HEADERS,
    KEY_FIGURES_HEADERS,
    crafted_xlsx,
    csv_bytes,
    sheet_row,
    upload,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024
ROW = ["pays-de-lorient", "2009", "Fiche", "100", "", "", "", "", "", ""]


def sent(content, name="hostile.xlsx"):
    return SimpleUploadedFile(name, content)


def peak_memory():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives Ko


@contextmanager
def quickly(seconds=5, megabytes=100):
    """The block runs in `seconds` and raises the process's peak memory by less than
    `megabytes` (generous bounds: a file read whole would take minutes, or Go)."""
    memory, start = peak_memory(), time.perf_counter()
    yield
    assert time.perf_counter() - start < seconds
    assert peak_memory() - memory < megabytes * MEGABYTE


def refused(response, message, media):
    text = page_text(response)
    assert response.status_code == 200
    assert message in text, text[text.find("errorlist") - 200 :][:1500]
    assert "confirm_form" not in response.context
    assert "Aperçu" not in text
    assert [path for path in media.rglob("*") if path.is_file()] == []  # not kept


def test_an_xlsx_that_unzips_past_the_limit_is_refused_before_its_sheet_is_read(
    staff_client, territory, media
):
    # 300 Mo of blank rows in a zip of less than 1 Mo; the sheet declares 3 lines.
    content = crafted_xlsx(KEY_FIGURES_HEADERS, [ROW], b"<row/>", 50 * MEGABYTE, "A1:J3")
    assert len(content) < limits.MAX_SIZE

    with quickly():
        response = preview(staff_client, KeyFigures, sent(content))

    refused(
        response,
        "Une fois décompressé, ce fichier XLSX occupe 301 Mo : un import en lit 20 Mo au plus.",
        media,
    )


def test_an_xlsx_declaring_more_lines_than_the_limit_is_refused_before_its_sheet_is_read(
    staff_client, territory, media
):
    content = crafted_xlsx(KEY_FIGURES_HEADERS, [ROW], dimension="A1:J1048576")

    with quickly():
        response = preview(staff_client, KeyFigures, sent(content))

    refused(
        response,
        "La feuille déclare 1 048 576 lignes : un import en lit 50 000 au plus, lignes vides "
        "comprises. Supprimez les lignes vides en fin de feuille, ou découpez le fichier.",
        media,
    )


@pytest.mark.parametrize("dimension", [None, "A1:J2"], ids=["undeclared", "understated"])
def test_blank_lines_are_counted_as_they_are_read(staff_client, territory, media, dimension):
    # 60 000 blank rows, then a row of data: a declared size cannot hide them.
    blank = b'<row><c t="inlineStr"><is><t> </t></is></c></row>'
    content = crafted_xlsx(KEY_FIGURES_HEADERS, [ROW], blank, 60_000, dimension)

    with quickly():
        response = preview(staff_client, KeyFigures, sent(content))

    refused(
        response,
        "Le fichier a plus de 50 000 lignes, lignes vides comprises : un import en lit 50 000 "
        "au plus.",
        media,
    )


def test_an_xlsx_past_the_row_limit_is_refused_as_soon_as_it_passes_it(
    staff_client, territory, media
):
    content = crafted_xlsx(KEY_FIGURES_HEADERS, [], sheet_row(ROW), 50_000, "A1:J2")

    with quickly():
        response = preview(staff_client, KeyFigures, sent(content))

    refused(
        response,
        "Le fichier a plus de 2 000 lignes de données : un import en accepte 2 000 au plus. "
        "Découpez-le en plusieurs fichiers.",
        media,
    )


@pytest.mark.parametrize("model", [KeyFigures, Actor], ids=["key figures", "actors"])
def test_a_csv_of_81_000_rows_is_refused_quickly(staff_client, territory, media, model):
    headers = KEY_FIGURES_HEADERS if model is KeyFigures else ACTORS_HEADERS
    rows = (
        [ROW] * 81_000
        if model is KeyFigures
        else ([f"Acteur {n}", "association", "", "", ""] for n in range(81_000))
    )
    content = csv_bytes(headers, rows)
    assert len(content) < limits.MAX_SIZE

    with quickly():
        response = preview(staff_client, model, sent(content, "acteurs.csv"))

    refused(
        response,
        "Le fichier a plus de 2 000 lignes de données : un import en accepte 2 000 au plus.",
        media,
    )
    assert model.objects.count() == 0


def test_a_header_line_past_the_column_limit_is_refused(staff_client, territory, media):
    headers = KEY_FIGURES_HEADERS + [f"note {n}" for n in range(200)]

    response = preview(staff_client, KeyFigures, upload(headers, [ROW]))

    refused(response, "La première ligne a 210 colonnes : un import en lit 100 au plus.", media)


def test_a_file_at_the_limits_is_read():
    """2 000 rows of data, blank lines up to 50 000 lines in all (as a sheet ending with
    formatted blank rows), 100 columns: read whole."""
    headers = KEY_FIGURES_HEADERS + [f"note {n}" for n in range(90)]
    rows = [ROW] * 2_000 + [[""]] * (50_000 - 2_001)
    content = csv_bytes(headers, rows)

    dataset = formats.CSV().create_dataset(content)

    assert len(dataset) == 2_000
    assert dataset.width == 100
    assert dataset.lines[-1] == 2_001

    xlsx = crafted_xlsx(headers, [ROW] * 2_000, b"<row/>", 50_000 - 2_001, "A1:CV50000")
    assert len(formats.XLSX().create_dataset(xlsx)) == 2_000


def test_nul_characters_are_refused_with_their_line_and_column(staff_client, territory, media):
    # CSV only: an XLSX cannot hold one (XML refuses it, and openpyxl reads « _x0000_ » as text).
    rows = [
        ["C2SOL", "association", "pays-de-lorient", "", ""],
        ["C2\x00SOL", "association", "pays-de-lorient", "", ""],
        ["AEES", "association", "", "", "c2sol\x00 : membre"],
    ]

    response = preview(staff_client, Actor, upload(ACTORS_HEADERS, rows))

    refused(response, "Ligne 3, colonne « nom » : Le caractère nul n’est pas autorisé.", media)
    assert (
        "Ligne 4, colonne « participations » : Le caractère nul n’est pas autorisé."
        in page_text(response)
    )
    assert Actor.objects.count() == 0
