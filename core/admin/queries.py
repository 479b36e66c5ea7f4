"""Keep admin change pages at a constant number of SQL queries, whatever the inline rows.

Out of the box each inline row's foreign-key <select> re-runs its choices query, and each
autocomplete widget fetches its selected label on its own: 50 rows, 100 queries. Here a
plain select's choices are read once per form class, and the selected labels of every
autocomplete widget of a formset are fetched in one query.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet


class BatchedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that takes its selected labels from `known_labels` when given."""

    known_labels = None

    def optgroups(self, name, value, attr=None):
        if self.known_labels is None:
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        for pk in value:
            label = self.known_labels.get(str(pk))
            if label is not None:
                option = self.create_option(name, pk, label, True, len(default[1]))
                default[1].append(option)
        return [default]


def _inner_widget(field):
    return getattr(field.widget, "widget", field.widget)


def batch_autocomplete_labels(forms):
    """One query per autocomplete field for all the forms, instead of one per form."""
    if not forms:
        return
    for name, field in forms[0].fields.items():
        if not isinstance(_inner_widget(field), BatchedAutocompleteSelect):
            continue
        ids = {str(form[name].value()) for form in forms} - {"", "None"}
        ids = {pk for pk in ids if pk.isdigit()}
        objects = field.queryset.filter(pk__in=ids) if ids else []
        labels = {str(obj.pk): field.label_from_instance(obj) for obj in objects}
        for form in forms:
            _inner_widget(form.fields[name]).known_labels = labels


class BatchedInlineFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        batch_autocomplete_labels(self.forms)

    @property
    def empty_form(self):
        form = super().empty_form
        for field in form.fields.values():
            widget = _inner_widget(field)
            if isinstance(widget, BatchedAutocompleteSelect):
                widget.known_labels = {}
        return form


class ConstantQueriesInlineMixin:
    """For inlines: shared select choices, batched autocomplete labels, parent on request."""

    formset = BatchedInlineFormSet
    # Foreign keys to a record of the same parent: {field name: parent lookup}.
    same_parent_fields = {}

    def get_formset(self, request, obj=None, **kwargs):
        request.admin_parent_object = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BatchedAutocompleteSelect(db_field, self.admin_site)
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        lookup = self.same_parent_fields.get(db_field.name)
        if lookup:
            parent = getattr(request, "admin_parent_object", None)
            queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = queryset.filter(**{lookup: parent}) if parent else queryset.none()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None:
            field.choices = list(field.choices)
        return field
