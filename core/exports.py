"""Downloads of the public lists: CSV for French spreadsheets, and XLSX.

A list describes its columns once and gets both formats:

    columns = [
        Column("Nom", lambda pole: pole.name),
        Column("Emplois salariés", lambda pole: pole.jobs, INTEGER),
        Column("Montant", lambda line: line.amount, EUROS),
    ]
    csv_response("poles.csv", columns, rows)    # streamed row by row
    xlsx_response("poles.xlsx", columns, rows)  # write-only workbook in a spooled file

- CSV: UTF-8 with a BOM and `;` between cells, as French spreadsheets expect; numbers are
  written `7521` and `11,5` (no thousands separator, so that they are read as numbers).
- XLSX: numbers are numbers and dates are dates, shown with the number formats below, which
  Excel and LibreOffice display with the reader's own separators (`7 521`, `11,5`).
- Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
  carriage return) gets a leading `'` in both formats.
- `None` is an empty cell.

For a `FilteredListView`, `ExportMixin` makes the download of exactly what the page lists
(same FilterSet, same filters and sort, every page); `export_urls()` gives its two routes.
"""

import csv
import datetime
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# XLSX number formats.
INTEGER = "#,##0"
DECIMAL = "#,##0.0"
EUROS = '#,##0 "€"'
DATE = "DD/MM/YYYY"
DATETIME = "DD/MM/YYYY HH:MM"

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000  # rows fetched (and prefetched) at a time
CSV_BUFFER = 64 * 1024  # characters sent at a time
SPOOL_SIZE = 8 * 1024 * 1024  # an XLSX file bigger than this goes to a temporary file on disk


@dataclass(frozen=True)
class Column:
    """A column of an export: its French header and how to get a row's value
    (str, int, Decimal, date or None); `number_format` for the XLSX (INTEGER, DECIMAL, EUROS)."""

    header: str
    value: Callable[[object], object]
    number_format: str | None = None
    width: int | None = None  # XLSX column width in characters; from the header by default


def neutralise(value):
    """Text a spreadsheet would run as a formula gets a leading quote: '=1+1' → "'=1+1"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _local(value):
    """A datetime as a reader in France reads it, without a time zone (XLSX cannot hold one)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _plain_decimal(value):
    """'11,5' and '12000' (not '12000,00'), never '1.15E+1'."""
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return format(value, "f").replace(".", ",")


def csv_cell(value):
    """A value as a French spreadsheet reads it from a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _plain_decimal(value)
    if isinstance(value, float):
        return _plain_decimal(Decimal(repr(value)))
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return neutralise(str(value))


def in_chunks(rows, size=CHUNK_SIZE):
    """Lists of `size` rows at most, read as `rows` come: for what a chunk's rows share
    (one query for the chunk rather than one per row)."""
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


class _Echo:
    """A pseudo-buffer: csv.writer's `writerow` returns the line instead of storing it."""

    def write(self, value):
        return value


def csv_lines(columns, rows):
    """The BOM and the header, then the rows, in chunks of about CSV_BUFFER characters."""
    writer = csv.writer(_Echo(), delimiter=";")
    chunk = ["\ufeff", writer.writerow([neutralise(column.header) for column in columns])]
    size = 0
    for row in rows:
        line = writer.writerow([csv_cell(column.value(row)) for column in columns])
        chunk.append(line)
        size += len(line)
        if size >= CSV_BUFFER:
            yield "".join(chunk)
            chunk, size = [], 0
    yield "".join(chunk)


def csv_response(filename, columns, rows):
    """A CSV download streamed as `rows` are read: memory stays flat whatever their number."""
    response = StreamingHttpResponse(csv_lines(columns, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _xlsx_cell(sheet, value, number_format):
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | Decimal | float):
        if not number_format:
            return value
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = number_format
        return cell
    if isinstance(value, datetime.date):
        is_datetime = isinstance(value, datetime.datetime)
        cell = WriteOnlyCell(sheet, _local(value) if is_datetime else value)
        cell.number_format = DATETIME if is_datetime else DATE
        return cell
    # Characters XML cannot hold (control characters pasted from elsewhere) are dropped.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _sheet_title(filename):
    title = filename.rsplit(".", 1)[0]
    return "".join(" " if char in "[]:*?/\\" else char for char in title)[:31] or "Export"


def _write_sheet(workbook, title, columns, rows):
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        width = column.width or max(12, min(len(column.header) + 4, 50))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, neutralise(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(
            [_xlsx_cell(sheet, column.value(row), column.number_format) for column in columns]
        )


def xlsx_response(filename, columns, rows, sheet_title=None, more_sheets=()):
    """An XLSX download from a write-only workbook: rows go to a temporary file as they are
    read, then the file is sent in chunks (FileResponse). `more_sheets`: (title, columns,
    rows) of further sheets (the totals of a table, say)."""
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, sheet_title or _sheet_title(filename), columns, rows)
    for title, more_columns, more_rows in more_sheets:
        _write_sheet(workbook, title, more_columns, more_rows)
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE)
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def export_response(export_format, filename, columns, rows, sheet_title=None, more_sheets=()):
    """`csv_response` or `xlsx_response`; `filename` without its extension. A CSV file has one
    table: `more_sheets` go to the XLSX only."""
    if export_format == "xlsx":
        return xlsx_response(f"{filename}.xlsx", columns, rows, sheet_title, more_sheets)
    if export_format == "csv":
        return csv_response(f"{filename}.csv", columns, rows)
    raise ValueError(f"Unknown export format: {export_format!r}")


class ExportMixin:
    """The download of a FilteredListView: put it before the list view's class,

        class PoleExport(ExportMixin, PoleListView):
            export_filename = "poles"

            def get_export_columns(self):
                return [Column("Nom", lambda pole: pole.name), …]

    and route it with `export_urls(PoleExport)`. The rows are the page's: the same FilterSet
    over the same `get_queryset()` (override it to prefetch what the columns need), the same
    sort, every page, read CHUNK_SIZE at a time. An unknown filter value gets the page's own
    400 (the list with its error message), never a file."""

    export_format = None  # "csv" or "xlsx", given by export_urls()
    export_filename = "export"  # without extension
    export_sheet_title = None

    def get_export_columns(self):
        raise NotImplementedError("An export lists its columns.")

    def get_export_rows(self, queryset):
        """The objects handed to the columns; override to add what they share."""
        return queryset.iterator(chunk_size=CHUNK_SIZE)

    def get_export_more_sheets(self, queryset):
        """Further sheets of the XLSX download: (title, columns, rows), none by default."""
        return ()

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return super().get(request, *args, **kwargs)
        queryset = self.filterset.qs
        return export_response(
            self.export_format,
            self.export_filename,
            self.get_export_columns(),
            self.get_export_rows(queryset),
            self.export_sheet_title,
            self.get_export_more_sheets(queryset) if self.export_format == "xlsx" else (),
        )


def export_urls(view):
    """The two download routes of a list, named `export_csv` and `export_xlsx`: `export.csv`
    and `export.xlsx`, to list before a `<slug:slug>/` route. `view` is an ExportMixin class,
    or a function view taking an `export_format` argument."""
    routes = []
    for export_format in FORMATS:
        if isinstance(view, type):
            route = (view.as_view(export_format=export_format),)
        else:
            route = (view, {"export_format": export_format})
        routes.append(path(f"export.{export_format}", *route, name=f"export_{export_format}"))
    return routes
