"""Spreadsheet files as a person sends them to the admin, and as the admin sends them back."""

import csv
import io
import zipfile
from xml.sax.saxutils import escape

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


def sheet_row(values):
    """A row of a sheet's XML, its text inline (no shared strings), each cell after the last."""
    cells = "".join(
        f'<c t="inlineStr"><is><t>{escape(str(value))}</t></is></c>' for value in values
    )
    return f"<row>{cells}</row>".encode()


def crafted_xlsx(headers, rows=(), repeat=b"", times=0, dimension=None):
    """An XLSX whose sheet's XML is written here, as a hostile file would be: the header line,
    `rows`, then `repeat` (rows' XML) written `times` times, streamed into the zip — a pattern
    that compresses well makes a file small to send and huge to read. `dimension`: the size the
    sheet declares (« A1:J1048576 »), true or not."""
    source = io.BytesIO(xlsx_bytes([], []))
    stream = io.BytesIO()
    with (
        zipfile.ZipFile(source) as template,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for member in template.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member, template.read(member))
                continue
            with archive.open(member.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                if dimension:
                    sheet.write(f'<dimension ref="{dimension}"/>'.encode())
                sheet.write(b"<sheetData>" + sheet_row(headers))
                for row in rows:
                    sheet.write(sheet_row(row))
                batch = max(1, 1024 * 1024 // max(len(repeat), 1))
                for start in range(0, times, batch):
                    sheet.write(repeat * min(batch, times - start))
                sheet.write(b"</sheetData></worksheet>")
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
