"""Spreadsheet files as a person sends them to the admin, and as the admin sends them back."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

KEY_FIGURES_HEADERS = [
    "territoire",
    "année",
    "source",
    "établissements employeurs",
    "emplois salariés",
    "part des emplois salariés du territoire (%)",
    "associations",
    "part des associations indiquée (%)",
    "coopératives",
    "part des coopératives indiquée (%)",
]
ACTORS_HEADERS = ["nom", "nature", "territoire", "site internet", "participations"]


def csv_bytes(headers, rows, delimiter=";", encoding="utf-8-sig"):
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return stream.getvalue().encode(encoding)


def xlsx_bytes(headers, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def upload(headers, rows, file_format="csv", name="import", **csv_options):
    content = (
        xlsx_bytes(headers, rows)
        if file_format == "xlsx"
        else csv_bytes(headers, rows, **csv_options)
    )
    return SimpleUploadedFile(f"{name}.{file_format}", content)


def read_csv(content):
    """The rows of an exported CSV (UTF-8 with a BOM, `;`), header first."""
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def read_xlsx(content):
    """The values of an exported XLSX's first sheet, header first."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]
