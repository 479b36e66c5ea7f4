"""The base of the portal's spreadsheet imports and exports (django-import-export resources).

A resource lists its columns explicitly (nothing else of the model is read or written) with
French headers, and finds the record a row is about by its natural key (`get_instance`).
On top of the library:

- an unchanged row is skipped (no save, no history row) and reported as such, so that
  importing the same file twice changes nothing the second time;
- every error names its column: the widgets' French messages and the model's validation
  (`full_clean`: unique fields, constraints) are filed under the column's header rather than
  the model field's name; what belongs to no column (a constraint between columns, a row
  repeating an earlier one) is shown with the line alone;
- lines are those of the file, the header being line 1 (see core/imports/formats.py); headers are
  matched whatever their case, spaces and apostrophes (« Année » is « année »);
- a file without one of the columns of the natural key is refused whole, in French;
- each import page offers a template to fill in (`template`); a row of it left empty (only its
  `template_fields` given) is ignored;
- the preview names the records (a territory's name, not its slug: `StyleFreeDiff`);
- the history of each record changed says it came from an import of which file.
"""

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.safestring import mark_safe
from import_export import resources

from core.exports import CHUNK_SIZE
from core.imports import limits
from core.imports.formats import is_blank
from core.imports.widgets import normalised, quoted

CHANGE_REASON_LENGTH = 100  # django-simple-history's history_change_reason


class StyleFreeDiff(resources.Diff):
    """The preview's differences, as a person reads them: records by their names rather than
    their identifiers (the widgets render with `preview=True`), and without diff-match-patch's
    inline style attributes, which the Content-Security-Policy refuses: plain <ins> and <del>,
    coloured by css/admin.css."""

    STYLES = (' style="background:#e6ffe6;"', ' style="background:#ffe6e6;"')

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self.shown(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self.shown(resource, instance)

    @staticmethod
    def shown(resource, instance):
        return [field.export(instance, preview=True) for field in resource.get_import_fields()]

    def as_html(self):
        cells = []
        for cell in super().as_html():
            for style in self.STYLES:
                cell = cell.replace(style, "")
            cells.append(mark_safe(cell))  # the library's escaped HTML, less its styles
        return cells


class PortalResource(resources.ModelResource):
    # What the import page says of the file (French, paragraphs separated by a blank line).
    help = ""
    # What the import page says of the template file it offers (`template`).
    template_help = ""
    # The fields whose columns every file must have.
    required_fields = ()
    # The fields the template fills in (`template`): a row with nothing else is a row of the
    # template left empty, and is ignored.
    template_fields = ()
    # Model fields whose errors are shown under another field's column: {"slug": "name"}.
    error_fields = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        chunk_size = CHUNK_SIZE

    def get_diff_class(self):
        return StyleFreeDiff

    def template(self):
        """The file offered to fill in, as a Dataset: the import's columns and, by default,
        the records as the export writes them (no more than an import reads)."""
        dataset = tablib.Dataset(headers=self.get_export_headers())
        for record in self.filter_export(self.get_queryset())[: limits.MAX_ROWS]:
            dataset.append(self.export_resource(record, force_native_type=True))
        return dataset

    # one import

    def before_import(self, dataset, **kwargs):
        self.lines = getattr(dataset, "lines", None)
        self.file_name = kwargs.get("file_name") or "sans nom"
        self.imported = {}  # pk of each record a row of the file was about → the row's number
        # Headers are read as a person writes them: « Année », « part des associations… ».
        columns = {
            normalised(field.column_name): field.column_name for field in self.fields.values()
        }
        headers = [columns.get(normalised(header), header) for header in dataset.headers or []]
        if headers:
            dataset.headers = headers
        missing = [
            self.fields[name].column_name
            for name in self.required_fields
            if self.fields[name].column_name not in headers
        ]
        if missing:
            expected = [field.column_name for field in self.get_import_fields()]
            label = "Colonne manquante" if len(missing) == 1 else "Colonnes manquantes"
            raise ValueError(
                f"{label} : {quoted(missing)}. La première ligne du fichier doit "
                f"nommer ses colonnes : {quoted(expected)}."
            )
        if self.template_fields:
            self.drop_template_rows(dataset)

    def drop_template_rows(self, dataset):
        """Removes the rows that fill in nothing but the template's columns."""
        given = {self.fields[name].column_name for name in self.template_fields}
        others = [index for index, header in enumerate(dataset.headers) if header not in given]
        if not len(dataset):
            return
        for index in reversed(range(len(dataset))):
            if all(is_blank(dataset[index][column]) for column in others):
                del dataset[index]
                if self.lines:
                    del self.lines[index]
        if not len(dataset):
            raise ValueError(
                f"Aucune ligne à importer : chaque ligne ne donne que {quoted(sorted(given))}. "
                "Remplissez les autres colonnes des lignes à importer."
            )

    def line(self, row_number):
        """The line in the file of the dataset's row `row_number` (counted from 1)."""
        if self.lines and 0 < row_number <= len(self.lines):
            return self.lines[row_number - 1]
        return row_number + 1

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.object_id is not None:
            self.imported.setdefault(row_result.object_id, kwargs["row_number"])

    def already_imported(self, record, description):
        """The error of a row about a record an earlier row of the file was already about."""
        if record.pk in self.imported:
            line = self.line(self.imported[record.pk])
            raise ValidationError({NON_FIELD_ERRORS: f"{description} figure déjà ligne {line}."})

    def after_import(self, dataset, result, **kwargs):
        for invalid in result.invalid_rows:
            invalid.number = self.line(invalid.number)
        for row_result in result.rows:
            for error in row_result.errors:
                if error.number is not None:
                    error.number = self.line(error.number)

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = self.change_reason()

    def change_reason(self):
        return f"Import du fichier « {self.file_name} »"[:CHANGE_REASON_LENGTH]

    # errors under their column

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field, message in self.row_errors(instance, row):
            errors = ValidationError({field: message}).update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def row_error(self, field, message):
        """An error of the row under `field`'s column, to raise."""
        return ValidationError({self.fields[field].column_name: message})

    def row_errors(self, instance, row):
        """(field name, French message) pairs of what is wrong with the row as a whole."""
        return []

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            by_column = {}
            for key, messages in error.error_dict.items():
                by_column.setdefault(self.column(key), []).extend(messages)
            raise ValidationError(by_column) from None

    def column(self, key):
        """The header under which an error keyed by a field (or model field) name is shown."""
        key = self.error_fields.get(key, key)
        for name, field in self.fields.items():
            if key in (name, field.attribute, field.column_name):
                return field.column_name
        return NON_FIELD_ERRORS
