"""« Importer » and « Exporter » in the admin (django-import-export), for an admin that names
its resource (`resource_classes`, see territories/resources.py and poles/resources.py): every
admin of the portal can (`PortalAdmin`, core/admin/base.py); one without resource has neither
the buttons nor the pages.

- Formats: CSV and XLSX (core/imports/formats.py); an uploaded file must have the extension of the
  chosen format and weigh at most 5 Mo; what is read is bounded (core/imports/limits.py), and
  a file past a limit is refused in the form, with the limit.
- Import: the whole file is read first and previewed (added, changed, unchanged rows), nothing
  saved; the confirmation is offered only when no row has an error. The confirmed import runs
  again in one transaction, rolled back if any row then fails (the data may have changed since
  the preview): a file is imported whole or not at all. Meanwhile the file waits in the
  storage (MediaStorage), not on one app server's disk; it is removed once confirmed, when it is
  refused, on « Annuler », or after a day by `manage.py clean_import_files`
  (core/imports/storage.py).
- Permissions: importing adds and changes records, so it needs both (and `import_permissions`);
  exporting needs the view permission (IMPORT_EXPORT_*_PERMISSION_CODE in the settings).
- Export: the changelist's filtered records with the import's columns, so that an exported
  file imports back unchanged; numbers are numbers in XLSX.
"""

from django.template.response import TemplateResponse
from import_export import forms

from core.imports import limits


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count <= 1 else plural_form or singular + 's'}"


def summary(result):
    """« 2 ajouts, 1 modification, 0 ligne inchangée »."""
    totals = result.totals
    return (
        f"{plural(totals['new'], 'ajout')}, {plural(totals['update'], 'modification')}, "
        f"{plural(totals['skip'], 'ligne inchangée', 'lignes inchangées')}"
    )


class ImportForm(forms.ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["import_file"].help_text = "Un fichier CSV ou XLSX de 5 Mo au plus."

    def clean(self):
        cleaned_data = super().clean()
        uploaded, index = cleaned_data.get("import_file"), cleaned_data.get("format")
        if uploaded is None or not index:
            return cleaned_data
        extension = self.formats[int(index)]().get_extension()
        if not uploaded.name.lower().endswith(f".{extension}"):
            self.add_error(
                "import_file",
                f"« {uploaded.name} » n'est pas un fichier .{extension} : choisissez le "
                "format du fichier.",
            )
        else:
            try:
                limits.check_size(uploaded.size)
            except limits.FileRefused as error:
                self.add_error("import_file", error.messages)
        return cleaned_data


def import_errors_response(model_admin, request, result):
    """The import page with the rows in error of an import rolled back, as the preview shows
    them."""
    form_class = model_admin.get_import_form_class(request)
    resource_classes = model_admin.get_import_resource_classes(request)
    form = form_class(model_admin.get_import_formats(), resource_classes)
    resources = [resource_class() for resource_class in resource_classes]
    context = {
        **model_admin.get_import_context_data(),
        **model_admin.admin_site.each_context(request),
        "title": "Importer",
        "form": form,
        "opts": model_admin.opts,
        "media": model_admin.media + form.media,
        "result": result,
        "fields_list": [
            (
                resource.get_display_name(),
                [field.column_name for field in resource.get_user_visible_fields()],
            )
            for resource in resources
        ],
        "import_error_display": model_admin.import_error_display,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, [model_admin.import_template_name], context)
