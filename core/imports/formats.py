"""The files of the admin's imports and exports (django-import-export): CSV as French
spreadsheets write it, and XLSX.

- CSV, read: UTF-8 (with or without a BOM) or Windows-1252, which is what Excel's
  « CSV (séparateur : point-virgule) » writes; cells separated by `;` or `,` (as the header
  line has them). Written like the portal's other downloads (core/exports.py): UTF-8
  with a BOM, `;`, numbers as `7521` and `11,5`.
- XLSX, read: the first sheet's values (a formula gives its result). Written: numbers are
  numbers (the admin hands the formats native values, see core/admin/imports.py).
- Both: headers are trimmed; blank rows are dropped (a spreadsheet often ends with formatted
  empty rows) and each kept row remembers its line in the file (`dataset.lines`, the header
  being line 1), so that an error names the line a person sees in their spreadsheet. Text that
  a spreadsheet would run as a formula is written with a leading `'` (exports.neutralise), and
  that quote is taken off when the file comes back.
- Both are read as a stream and bounded (core/imports/limits.py): an XLSX's unzipped size
  and declared size are checked before its sheet is read, then lines, columns and rows are
  counted as they come, and reading stops at the first limit passed. A text cell holding a NUL
  character refuses the file, as the admin's forms refuse it, naming its line and column.
"""

import csv
import io
import zipfile

import tablib
from django.core.validators import ProhibitNullCharactersValidator
from import_export.formats import base_formats
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.exports import CSV_CONTENT_TYPE, FORMULA_STARTS, csv_cell, neutralise
from core.imports import limits

ENCODINGS = ("utf-8-sig", "cp1252")
NUL_MESSAGE = ProhibitNullCharactersValidator.message
NUL_CELLS_SHOWN = 10


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def unneutralise(value):
    """ "'=1+1" → "=1+1": the quote the exports put before what would be a formula."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def headers_from(row):
    """The header line's cells, trimmed, up to its last non-blank one."""
    headers = ["" if header is None else str(header).strip() for header in row or ()]
    while headers and not headers[-1]:
        headers.pop()
    limits.check_columns(len(headers))
    return headers


def dataset_from_rows(headers, rows):
    """A Dataset of the file's `rows` (those after the header line), without blank rows;
    `dataset.lines[i]` is the line in the file of the dataset's row i."""
    nul_cells = list(nul_characters(headers, 1, []))
    dataset = tablib.Dataset(headers=headers)
    dataset.lines = []
    width = len(headers)
    for line, row in enumerate(rows, start=2):
        limits.check_lines(line)
        row = [unneutralise(value) for value in row[:width]]
        if all(is_blank(value) for value in row):
            continue
        nul_cells.extend(nul_characters(row, line, headers))
        dataset.append(row + [None] * (width - len(row)))
        dataset.lines.append(line)
        limits.check_rows(len(dataset.lines))
    if nul_cells:
        shown = nul_cells[:NUL_CELLS_SHOWN]
        if len(nul_cells) > len(shown):
            shown.append(f"Et {len(nul_cells) - len(shown)} autres cellules.")
        raise limits.FileRefused(*shown)
    return dataset


def nul_characters(row, line, headers):
    """The errors of the row's text cells holding a NUL character, with the admin forms'
    message (Django's ProhibitNullCharactersValidator)."""
    for index, value in enumerate(row):
        if isinstance(value, str) and "\x00" in value:
            header = headers[index] if index < len(headers) else ""
            column = f"colonne « {header} »" if header else f"colonne {index + 1}"
            yield f"Ligne {line}, {column} : {NUL_MESSAGE}"


def decode(data):
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("Le fichier CSV n'est ni en UTF-8 ni en Windows-1252.")


class CSV(base_formats.CSV):
    # Read as bytes (the admin then decodes nothing): the encoding is guessed here.
    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_content_type(self):
        return CSV_CONTENT_TYPE

    def create_dataset(self, in_stream, **kwargs):
        text = decode(in_stream) if isinstance(in_stream, bytes) else in_stream
        header = text.split("\n", 1)[0]
        delimiter = ";" if header.count(";") >= header.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return dataset_from_rows(headers_from(next(reader, [])), reader)

    def export_data(self, dataset, **kwargs):
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter=";")
        writer.writerow([neutralise(header) for header in dataset.headers])
        writer.writerows([csv_cell(value) for value in row] for row in dataset)
        return ("\ufeff" + stream.getvalue()).encode()


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        import openpyxl  # as the library does: only when an XLSX file is read

        stream = io.BytesIO(in_stream)
        with zipfile.ZipFile(stream) as archive:
            limits.check_unzipped_size(archive)
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        try:
            sheet = workbook.active
            limits.check_declared_lines(sheet.max_row)
            # Then the size the sheet declares is forgotten: its rows are counted as read.
            sheet.reset_dimensions()
            headers = headers_from(next(sheet.iter_rows(max_row=1, values_only=True), ()))
            rows = sheet.iter_rows(min_row=2, max_col=max(len(headers), 1), values_only=True)
            return dataset_from_rows(headers, rows)
        finally:
            workbook.close()

    def export_data(self, dataset, **kwargs):
        cells = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            cells.append([_xlsx_value(value) for value in row])
        return super().export_data(cells, **kwargs)


def _xlsx_value(value):
    if isinstance(value, str):
        # Characters XML cannot hold (control characters pasted from elsewhere) are dropped.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


FORMATS = [CSV, XLSX]
