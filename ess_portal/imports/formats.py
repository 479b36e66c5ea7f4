"""The files of the admin's imports and exports (django-import-export): CSV as French
spreadsheets write it, and XLSX.

- CSV, read: UTF-8 (with or without a BOM) or Windows-1252, which is what Excel's
  « CSV (séparateur : point-virgule) » writes; cells separated by `;` or `,` (as the header
  line has them). Written like the portal's other downloads (ess_portal/exports.py): UTF-8
  with a BOM, `;`, numbers as `7521` and `11,5`.
- XLSX, read: the first sheet's values (a formula gives its result). Written: numbers are
  numbers (the admin hands the formats native values, see ess_portal/admin/imports.py).
- Both: headers are trimmed; blank rows are dropped (a spreadsheet often ends with formatted
  empty rows) and each kept row remembers its line in the file (`dataset.lines`, the header
  being line 1), so that an error names the line a person sees in their spreadsheet. Text that
  a spreadsheet would run as a formula is written with a leading `'` (exports.neutralise), and
  that quote is taken off when the file comes back.
"""

import csv
import io

import tablib
from import_export.formats import base_formats
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ess_portal.exports import CSV_CONTENT_TYPE, FORMULA_STARTS, csv_cell, neutralise

ENCODINGS = ("utf-8-sig", "cp1252")


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def unneutralise(value):
    """ "'=1+1" → "=1+1": the quote the exports put before what would be a formula."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def dataset_from_rows(rows):
    """A Dataset from the file's rows (the first one holds the headers), without blank rows;
    `dataset.lines[i]` is the line in the file of the dataset's row i."""
    rows = iter(rows)
    headers = ["" if header is None else str(header).strip() for header in next(rows, [])]
    dataset = tablib.Dataset(headers=headers)
    dataset.lines = []
    width = len(headers)
    for line, row in enumerate(rows, start=2):
        row = [unneutralise(value) for value in row][:width]
        if all(is_blank(value) for value in row):
            continue
        dataset.append(row + [None] * (width - len(row)))
        dataset.lines.append(line)
    return dataset


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
        return dataset_from_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    def export_data(self, dataset, **kwargs):
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter=";")
        writer.writerow([neutralise(header) for header in dataset.headers])
        writer.writerows([csv_cell(value) for value in row] for row in dataset)
        return ("\ufeff" + stream.getvalue()).encode()


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        import openpyxl  # as the library does: only when an XLSX file is read

        workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            return dataset_from_rows(workbook.active.iter_rows(values_only=True))
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
