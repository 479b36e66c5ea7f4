"""« Importer » and « Exporter » in the admin (django-import-export), for an admin that names
its resource (`resource_classes`, see territories/resources.py and poles/resources.py): every
admin of the portal can (`PortalAdmin`, core/admin/base.py); one without resource has neither
the buttons nor the pages.

- Formats: CSV and XLSX (core/imports/formats.py), told by the file's extension (no format
  to choose); a file must weigh at most 5 Mo; what is read is bounded (core/imports/limits.py), and
  a file past a limit is refused in the form, with the limit.
- Import: the whole file is read first and previewed (added, changed, unchanged rows), nothing
  saved; the confirmation is offered only when no row has an error. The confirmed import runs
  again in one transaction, rolled back if any row then fails (the data may have changed since
  the preview): a file is imported whole or not at all. Meanwhile the file waits in the
  storage (MediaStorage), not on one app server's disk; it is removed once confirmed, when it is
  refused, on « Annuler », or after a day by `manage.py clean_import_files`
  (core/imports/storage.py).
- Template: each import page offers its file to fill in, CSV and XLSX, with the import's
  columns (the resource's `template`: key figures, one row per territory with its identifier;
  actors, their rows as the export writes them).
- Preview: records by their names (a territory's, a pole's), long cells wrapped to the page.
- Permissions: importing adds and changes records, so it needs both (and `import_permissions`);
  exporting needs the view permission (IMPORT_EXPORT_*_PERMISSION_CODE in the settings).
- Export: the changelist's filtered records with the import's columns, so that an exported
  file imports back unchanged; numbers are numbers in XLSX.
"""

from django import forms as djforms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
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
    """The file to import, whose extension (.csv, .xlsx) says its format: there is no format
    to choose, and a file of another extension is refused, in French."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.extensions = {fmt().get_extension(): str(index) for index, fmt in enumerate(formats)}
        del self.fields["format"]
        field = self.fields["import_file"]
        field.label = "Fichier à importer"
        field.help_text = f"Un fichier {self.named_extensions()} de 5 Mo au plus."
        field.widget.attrs = {"accept": ",".join(f".{e}" for e in self.extensions)}

    def named_extensions(self):
        return " ou ".join(f".{extension}" for extension in self.extensions)

    @property
    def media(self):
        # The fields' own, without the library's script that guesses the format.
        return djforms.BaseForm.media.fget(self)

    def clean(self):
        cleaned_data = super().clean()
        uploaded = cleaned_data.get("import_file")
        if uploaded is None:
            return cleaned_data
        name, dot, extension = uploaded.name.rpartition(".")
        index = self.extensions.get(extension.lower()) if dot and name else None
        if index is None:
            self.add_error(
                "import_file",
                f"« {uploaded.name} » n'est pas un fichier {self.named_extensions()} : "
                "enregistrez-le depuis le tableur au format CSV ou Excel (.xlsx), puis "
                "envoyez-le de nouveau.",
            )
            return cleaned_data
        cleaned_data["format"] = index
        try:
            limits.check_size(uploaded.size)
        except limits.FileRefused as error:
            self.add_error("import_file", error.messages)
        return cleaned_data


def template_response(model_admin, request, file_format):
    """The template file of the admin's import (its resource's `template`)."""
    resource = model_admin.get_import_resource_classes(request)[0]()
    content = file_format.export_data(resource.template())
    name = f"modele-{slugify(model_admin.opts.verbose_name_plural)}.{file_format.get_extension()}"
    response = HttpResponse(content, content_type=file_format.get_content_type())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
