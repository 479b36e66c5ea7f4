"""Keep admin change pages at a constant number of SQL queries, whatever the inline rows.

Out of the box each inline row's foreign-key <select> re-runs its choices query, and each
autocomplete widget fetches its selected label on its own: 50 rows, 100 queries. Here a
plain select's choices are read once per form class, and the selected labels of every
autocomplete widget of a formset are fetched in one query: every inline of the portal does so
(`PortalInline`, `PortalInlineFormSet`, core/admin/inlines.py).
"""

from django.contrib.admin.widgets import AutocompleteSelect


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


def forget_labels(form):
    """An empty row (the template of the rows added in the page) has no selected label."""
    for field in form.fields.values():
        widget = _inner_widget(field)
        if isinstance(widget, BatchedAutocompleteSelect):
            widget.known_labels = {}


def read_choices_once(field):
    """The select's choices read now, once for every form of the class."""
    if field is not None:
        # Through iter(): list() would first ask the choices their length, a COUNT query.
        field.choices = list(iter(field.choices))
    return field
