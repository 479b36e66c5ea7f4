"""The base of every inline of the portal's pages (`PortalInline`) and of their formsets
(`PortalInlineFormSet`): rows that carry their version, choices read once, new rows numbered
after the last one."""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Count, Max, Q, Subquery
from django.forms.models import BaseInlineFormSet
from django.urls import reverse

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
      the request is always validated, to be answered with its message.
    - At most `max_rows` rows (the inline's), the latest by `latest_first`: the others are
      counted (`rows_left_out`) and reached through their list (`rows_left_out_url`). A row
      sent back is kept, even if others were added since the page was opened."""

    max_rows = None
    latest_first = ("-pk",)

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

    def get_queryset(self):
        if hasattr(self, "_queryset") or self.max_rows is None or self.instance.pk is None:
            return super().get_queryset()
        queryset = super().get_queryset()
        # One query still: the latest rows and those sent back, each with the parent's count.
        latest = queryset.order_by(*self.latest_first).values("pk")[: self.max_rows]
        shown = Q(pk__in=latest) | Q(pk__in=self._keys_sent_back())
        total = queryset.order_by().values(self.fk.name).annotate(rows=Count("pk")).values("rows")
        self._queryset = queryset.filter(shown).annotate(portal_rows_total=Subquery(total))
        return self._queryset

    def _keys_sent_back(self):
        if not self.is_bound:
            return []
        name = self.model._meta.pk.name
        sent = (
            self.data.get(f"{self.add_prefix(i)}-{name}") for i in range(self.initial_form_count())
        )
        return [
            int(key) for key in sent if isinstance(key, str) and key.isdigit() and len(key) < 19
        ]

    @property
    def rows_total(self):
        rows = self.get_queryset()
        return next((row.portal_rows_total for row in rows), 0) if self.max_rows else len(rows)

    @property
    def rows_left_out(self):
        if self.max_rows is None or self.instance.pk is None:
            return 0
        return self.rows_total - len(self.get_queryset())

    def rows_left_out_url(self):
        """The list of every row of this parent (« voir les 61 autres »)."""
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{self.fk.name}__{self.fk.target_field.attname}__exact={self.instance.pk}"

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
    if getattr(formset, "rows_left_out", 0) and None in numbers:
        # Rows not on the page count too.
        last = max(last, formset.queryset.aggregate(last=Max(field))["last"] or 0)
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
    # At most this many rows on the parent's page, the latest by `latest_first`; the others
    # are counted, with a link to their list filtered on the parent (None: every row). The
    # page's weight and time stay bounded whatever the parent's rows.
    max_rows = 30
    latest_first = ("-pk",)
    latest_label = "les dernières saisies"

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
        formset.max_rows = self.max_rows
        formset.latest_first = self.latest_first
        return formset

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_version(db_field):
            return version_formfield(db_field, request, row=True)
        if db_field.name == self.order_field:
            kwargs["initial"] = None  # not the model's default: empty means « after the last »
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            # A row keeps « add another » only: changing or deleting the record it points to
            # (a programme, an actor) is done on that record's page, not from each row, and
            # those three links weighed 3 Ko a row.
            widget.can_change_related = widget.can_delete_related = False
            widget.can_view_related = False
        return formfield

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
