"""« Exporter la sélection (CSV) »: an admin action that anyone who may view the records can run
(the Region's officers have view permissions only, see poles/roles.py).

The file has the columns of the changelist (`list_display`) with the same headers (the model
fields' verbose_name, the display methods' description) and the same values: choice labels,
`str()` of related records, what the display methods return. It is written by
`core.exports.csv_response` (UTF-8 with a BOM, `;`, formulas neutralised, numbers and
dates as a French spreadsheet reads them, rows streamed), like the public lists' downloads.
"""

from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field
from django.db import models
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.text import capfirst, slugify

from core.exports import CHUNK_SIZE, Column, csv_response


def cell(field, attr, value):
    """A changelist value for exports.csv_cell: text, number, date, bool or None."""
    if value is None:
        return None
    if field is None:  # a display method, a property or a callable
        if getattr(attr, "boolean", False):
            return bool(value)
        return strip_tags(value) if isinstance(value, SafeData) else value
    if field.flatchoices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignObject):
        return str(value)
    return value


def changelist_columns(model_admin, request):
    """The columns of the admin's changelist, headers as its column titles."""
    columns = []
    for name in model_admin.get_list_display(request):
        if name == "action_checkbox":
            continue
        header = capfirst(str(label_for_field(name, model_admin.model, model_admin)))

        def value(obj, name=name):
            return cell(*lookup_field(name, obj, model_admin))

        columns.append(Column(header, value))
    return columns


@admin.action(description="Exporter la sélection (CSV)", permissions=("view",))
def export_selection_csv(model_admin, request, queryset):
    """The selected records, in the changelist's order, with its columns."""
    filename = f"{slugify(model_admin.model._meta.verbose_name_plural)}.csv"
    rows = queryset.iterator(chunk_size=CHUNK_SIZE)
    return csv_response(filename, changelist_columns(model_admin, request), rows)
