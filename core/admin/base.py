"""The bases of the portal's admin: `PortalAdmin` for every ModelAdmin, `PortalInline` for every
inline of their pages, `PortalInlineFormSet` for the inlines' formsets.

They are declared once; nothing is built per request but what Django itself builds (the
ModelForm and the formsets of a page). What a page needs of its request reaches its forms
through the fields Django asks the admin for (`formfield_for_dbfield`), as any field does.
An admin adds at most one portal mixin of its own (`CoordinatorScopeMixin`); the other
options are declared attributes (`resource_classes`, `same_parent_fields`, …).

What each part does is told, with the helpers, in its module:
- inlines.py: `PortalInline` and `PortalInlineFormSet`, the bases of the inlines;
- sections.py: a change page in sections, closed where empty (`sections`);
- history.py: the « Historique » page, its permissions and its queries;
- concurrency.py: no edit lost to another (the record's version in every form);
- queries.py: a constant number of queries whatever an inline's rows;
- imports.py: « Importer » and « Exporter », for an admin that names its `resource_classes`.
"""

from django.contrib import messages
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from import_export import forms as import_forms
from import_export.admin import ImportExportMixin
from import_export.tmp_storages import MediaStorage
from simple_history.admin import SimpleHistoryAdmin

from core.admin import history
from core.admin.concurrency import (
    VersionCheckedForm,
    is_versioned,
    saving_without_conflict,
    version_formfield,
    with_version,
)
from core.admin.imports import ImportForm, import_errors_response, summary, template_response
from core.admin.inlines import PortalInline, PortalInlineFormSet, is_version
from core.admin.sections import build_sections
from core.admin.site import log_import
from core.imports import limits, storage
from core.imports.formats import FORMATS

# The pages django-import-export adds to an admin.
IMPORT_EXPORT_VIEWS = ("import", "process_import", "export")


class PortalAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """The base of every admin of the portal: the history of each record (history.py), no
    edit lost to another (concurrency.py), and, when it names its `resource_classes`, spreadsheet
    imports and exports (imports.py). Its inlines are `PortalInline`s (checked at start-up)."""

    form = VersionCheckedForm
    import_formats = export_formats = FORMATS
    import_form_class = ImportForm
    export_form_class = import_forms.ExportForm  # every column: the file imports back
    import_template_name = "admin/import_export/portal_import.html"
    tmp_storage_class = MediaStorage
    import_permissions = ()  # others an import needs: ("poles.add_membership",)
    # The change page in sections, as a person reads the record (sections.py); None: Django's.
    sections = None

    def check(self, **kwargs):
        return [*super().check(**kwargs), *self._check_declared_bases()]

    def _check_declared_bases(self):
        errors = []
        name = type(self).__qualname__
        if not issubclass(self.form, VersionCheckedForm):
            errors.append(
                checks.Error(
                    f"{name}.form must derive from VersionCheckedForm.",
                    obj=type(self),
                    id="portal.E001",
                )
            )
        for inline in self.inlines:
            if not (
                issubclass(inline, PortalInline)
                and issubclass(inline.form, VersionCheckedForm)
                and issubclass(inline.formset, PortalInlineFormSet)
            ):
                errors.append(
                    checks.Error(
                        f"{name}'s inline {inline.__qualname__} must derive from PortalInline, "
                        "its form from VersionCheckedForm, its formset from PortalInlineFormSet.",
                        obj=inline,
                        id="portal.E002",
                    )
                )
        return errors

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.sections and "adminform" in context:
            context["page_sections"] = build_sections(
                self.sections, context["adminform"], context["inline_admin_formsets"], add
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # ----- history (history.py)

    def history_view(self, request, object_id, extra_context=None):
        history.check_current_record(self, request, object_id, self.has_view_or_change_permission)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Upstream asks for the permission on the past version only, and saves a POST without
        # asking for the change permission at all. A past version is checked, and so is the
        # record as it is now: whoever could reach a record once (a coordinator, before the
        # CRES moved it to another pole) neither reads it through an old version nor pulls
        # it back by saving that version.
        allowed = (
            self.has_change_permission
            if request.method == "POST"
            else self.has_view_or_change_permission
        )
        history.check_current_record(self, request, object_id, allowed)
        version = history.past_version(self.model, object_id, version_id)
        if not allowed(request, version.instance):
            raise PermissionDenied
        # A past version is saved over the record as it is now: the form carries the version
        # the record had when the page was opened (simple-history reads the fields it does not
        # keep, the version among them, from the record), checked like a change page's.
        view = super().history_form_view
        return saving_without_conflict(
            request, self.model, view, object_id, version.history_id, extra_context
        )

    def save_model(self, request, obj, form, change):
        if not history.writes_nothing(request, form, change):
            super().save_model(request, obj, form, change)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return history.history_queryset(history_manager, pk_name, object_id)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        history.name_records_as_they_were(historical_records)
        super().set_history_delta_changes(request, historical_records, **kwargs)

    # ----- versions (concurrency.py)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_versioned(self.model):
            return fieldsets
        return with_version(fieldsets, obj is not None and self.has_change_permission(request, obj))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_version(db_field):
            return version_formfield(db_field, request)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view
        return saving_without_conflict(
            request, self.model, view, object_id, form_url, extra_context
        )

    # ----- imports and exports (imports.py)

    def init_change_list_template(self):
        # Without resource, the changelist keeps the admin's template: no import/export buttons.
        template = self.change_list_template
        super().init_change_list_template()
        if not self.resource_classes:
            self.change_list_template = template

    def get_urls(self):
        urls = super().get_urls()
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        if not self.resource_classes:
            names = {f"{info}_{view}" for view in IMPORT_EXPORT_VIEWS}
            return [url for url in urls if getattr(url, "name", None) not in names]
        cancel = path(
            "import/annuler/",
            self.admin_site.admin_view(self.cancel_import),
            name=f"{info}_cancel_import",
        )
        template = path(
            "import/modele.<str:extension>",
            self.admin_site.admin_view(self.import_template),
            name=f"{info}_import_template",
        )
        return [cancel, template, *urls]

    def has_import_permission(self, request):
        return (
            bool(self.resource_classes)
            and super().has_import_permission(request)
            and self.has_add_permission(request)
            and request.user.has_perms(self.import_permissions)
        )

    def has_export_permission(self, request):
        return bool(self.resource_classes) and super().has_export_permission(request)

    def get_import_context_data(self, **kwargs):
        resource = self.resource_classes[0]
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_import_template"
        templates = [
            (fmt().get_extension().upper(), reverse(name, args=[fmt().get_extension()]))
            for fmt in self.get_import_formats()
        ]
        return {
            **super().get_import_context_data(**kwargs),
            "import_help": resource.help,
            "import_templates": templates,
            "import_template_help": resource.template_help,
        }

    def import_template(self, request, extension):
        """The file to fill in, with the import's columns (imports.template_response)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        for file_format in self.get_import_formats():
            if file_format().get_extension() == extension:
                return template_response(self, request, file_format())
        raise Http404

    def get_import_data_kwargs(self, **kwargs):
        # Validation errors roll the whole file back, as the other errors do.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

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
            return import_errors_response(self, request, result)
        return super().process_result(result, request)

    def generate_log_entries(self, result, request):
        # One entry of the admin's log for the import, not one per row (site.py).
        log_import(self, request, result)

    def add_success_message(self, result, request):
        messages.success(
            request, f"Import terminé ({self.opts.verbose_name_plural}) : {summary(result)}."
        )

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        # Native values (numbers stay numbers): the formats write them (core/imports/formats.py).
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        return file_format.export_data(data)

    def get_export_filename(self, request, queryset, file_format):
        name = slugify(self.opts.verbose_name_plural)
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"
