"""« Importer » and « Exporter » in the admin (django-import-export), for an admin that names
its resource (`resource_classes`, see territories/resources.py and poles/resources.py).

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

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from import_export import forms
from import_export.admin import ImportExportMixin
from import_export.tmp_storages import MediaStorage

from core.imports import limits, storage
from core.imports.formats import FORMATS


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


class ImportExportAdmin(ImportExportMixin):
    """Put it before HistoryAdmin: `class ActorAdmin(ImportExportAdmin, HistoryAdmin)`."""

    import_formats = export_formats = FORMATS
    import_form_class = ImportForm
    export_form_class = forms.ExportForm  # every column: the file imports back
    import_template_name = "admin/import_export/portal_import.html"
    tmp_storage_class = MediaStorage
    import_permissions = ()  # others an import needs: ("poles.add_membership",)

    def has_import_permission(self, request):
        return (
            super().has_import_permission(request)
            and self.has_add_permission(request)
            and request.user.has_perms(self.import_permissions)
        )

    # import

    def get_import_context_data(self, **kwargs):
        help_text = self.resource_classes[0].help
        return {**super().get_import_context_data(**kwargs), "import_help": help_text}

    def get_import_data_kwargs(self, **kwargs):
        # Validation errors roll the whole file back, as the other errors do.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_urls(self):
        cancel = path(
            "import/annuler/",
            self.admin_site.admin_view(self.cancel_import),
            name=f"{self.opts.app_label}_{self.opts.model_name}_cancel_import",
        )
        return [cancel, *super().get_urls()]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, limits.FileRefused):
            form.add_error("import_file", ValidationError(e.messages))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if "result" in context:
            context["summary"] = summary(context["result"])
        if name and "confirm_form" not in context:
            # The file cannot be confirmed (unreadable, or rows in error): it is not kept.
            storage.remove(name)
        return response

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied  # before the file is removed below
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            messages.error(
                request,
                "Le fichier à importer n'est plus disponible (son import a peut-être déjà été "
                "confirmé) : envoyez-le de nouveau.",
            )
        except limits.FileRefused as error:  # a file the preview did not read
            messages.error(request, str(error))
        finally:
            # Imported or not, the file is not kept (the library removes it only on success).
            storage.remove(request.POST.get("import_file_name"))
        return redirect(self.import_url())

    def cancel_import(self, request):
        """« Annuler » on the preview: the file sent is removed, nothing is imported."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            storage.remove(request.POST.get("import_file_name"))
            messages.info(request, "Import annulé : rien n'a été enregistré.")
        return redirect(self.import_url())

    def import_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The transaction was rolled back: show why, as the preview does.
            return self.import_errors_response(request, result)
        return super().process_result(result, request)

    def import_errors_response(self, request, result):
        form_class = self.get_import_form_class(request)
        form = form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        resources = [
            resource_class() for resource_class in self.get_import_resource_classes(request)
        ]
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": "Importer",
            "form": form,
            "opts": self.opts,
            "media": self.media + form.media,
            "result": result,
            "fields_list": [
                (
                    resource.get_display_name(),
                    [field.column_name for field in resource.get_user_visible_fields()],
                )
                for resource in resources
            ],
            "import_error_display": self.import_error_display,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        messages.success(
            request, f"Import terminé ({self.opts.verbose_name_plural}) : {summary(result)}."
        )

    # export

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        # Native values (numbers stay numbers): the formats write them (core/imports/formats.py).
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        return file_format.export_data(data)

    def get_export_filename(self, request, queryset, file_format):
        name = slugify(self.opts.verbose_name_plural)
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"
