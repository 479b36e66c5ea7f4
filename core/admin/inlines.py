"""The base of every inline of the portal's pages (`PortalInline`) and of their formsets
(`PortalInlineFormSet`): rows that carry their version, choices read once, new rows numbered
after the last one."""

from django.forms.models import BaseInlineFormSet

from core.admin.concurrency import (
    VersionCheckedForm,
    is_versioned,
    record_key,
    version_formfield,
    with_version,
)
from core.admin.queries import (
    BatchedAutocompleteSelect,
    batch_autocomplete_labels,
    forget_labels,
    read_choices_once,
)
from core.versioning import VERSION


def is_version(db_field):
    return db_field.name == VERSION and is_versioned(db_field.model)


class PortalInlineFormSet(BaseInlineFormSet):
    """The formset of every inline.

    - The selected labels of its autocompletes are read in one query (queries.py).
    - A version conflict in a row ticked for deletion refuses the save: Django does not
      validate those rows (concurrency.py).
    - A row sent back as the record now is (nothing changed, not ticked for deletion) writes
      nothing: it is not validated again, as Django leaves the blank extra rows. Its version
      is not checked either: it overwrites nothing (concurrency.py). A record refused during
      the request is always validated, to be answered with its message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        batch_autocomplete_labels(self.forms)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        record = form.instance
        if self.is_bound and i < self.initial_form_count() and record.pk is not None:
            refused = form.fields[VERSION].refused if VERSION in form.fields else ()
            form.empty_permitted = record_key(record) not in refused
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        forget_labels(form)
        return form

    def is_valid(self):
        valid = super().is_valid()
        return valid and not any(form.version_conflict for form in self.forms)

    def clean(self):
        super().clean()
        number_new_rows(self)


def number_new_rows(formset, field=None):
    """Rows whose « ordre » (the inline's `order_field`) is left empty come after the others,
    numbered in the page's order: max + 1, max + 2, … Rows ticked for deletion, and extra
    rows left blank, are not counted."""
    field = field or getattr(formset, "order_field", None)
    rows = [
        form
        for form in formset.forms
        if field in form.fields
        and hasattr(form, "cleaned_data")
        and (form.has_changed() or form.instance.pk is not None)
        and not formset._should_delete_form(form)
    ]
    if not rows:
        return
    # A row sent back unchanged is not cleaned again (PortalInlineFormSet): its number is
    # the record's.
    numbers = [form.cleaned_data.get(field, getattr(form.instance, field)) for form in rows]
    last = max((number for number in numbers if number is not None), default=0)
    for form, number in zip(rows, numbers, strict=True):
        if number is None:
            last += 1
            form.cleaned_data[field] = last
            setattr(form.instance, field, last)


class PortalInline:
    """For every inline of the portal's pages: `class PoleInline(PortalInline, TabularInline)`.

    Its rows carry their version, checked on save (concurrency.py); a plain select's choices
    are read once, autocompletes' labels once a formset (queries.py)."""

    form = VersionCheckedForm
    formset = PortalInlineFormSet
    # Foreign keys to a record of the same parent: {field name: parent lookup}.
    same_parent_fields = {}
    # The field numbering the rows (« ordre »), if any: a new row shows it empty, and an
    # empty one is numbered after the others on save (`number_new_rows`).
    order_field = None

    def get_fieldsets(self, request, obj=None):
        # Rows are saved on their parent's change page, by those who may change both (the
        # admin shows them read-only otherwise); an add page's rows are all new.
        parent = self.admin_site.get_model_admin(self.parent_model)
        editable = (
            obj is not None
            and parent.has_change_permission(request, obj)
            and self.has_change_permission(request, obj)
        )
        return with_version(super().get_fieldsets(request, obj), editable)

    def get_formset(self, request, obj=None, **kwargs):
        request.admin_parent_object = obj
        formset = super().get_formset(request, obj, **kwargs)
        formset.order_field = self.order_field
        return formset

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_version(db_field):
            return version_formfield(db_field, request, row=True)
        if db_field.name == self.order_field:
            kwargs["initial"] = None  # not the model's default: empty means « after the last »
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BatchedAutocompleteSelect(db_field, self.admin_site)
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        lookup = self.same_parent_fields.get(db_field.name)
        if lookup:
            parent = getattr(request, "admin_parent_object", None)
            queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = queryset.filter(**{lookup: parent}) if parent else queryset.none()
        return read_choices_once(super().formfield_for_foreignkey(db_field, request, **kwargs))
