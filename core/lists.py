"""The public lists: django-filter filters from the query string, pagination, clear errors.

A filter value that does not exist (an old bookmark, a typo) gets a 400 page that says
which filter is wrong and shows the form; an unknown page number gets a 404."""

import html
import re
import string

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField, ModelChoiceIterator
from django_filters.views import FilterView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.pagination import query_without_page

PAGE_SIZE = 20
# A valid floating-point number of HTML: the only value an <input type="number"> may hold.
HTML_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


class FilteredListView(FilterView):
    paginate_by = PAGE_SIZE
    strict = True
    # Query parameters that do not narrow the list.
    not_filters = ("page", "tri")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context["filter_errors"] = [
            f"« {form.fields[name].label} » : {' '.join(errors)}"
            for name, errors in form.errors.items()
            if name in form.fields
        ]
        context["query_without_page"] = query_without_page(self.request)
        context["has_filters"] = any(
            value for key, value in self.request.GET.items() if key not in self.not_filters
        )
        return context


class QuickSelect(forms.Select):
    """Django's <select>, written out in Python: Django renders each option through its own
    template, too slow for the hundreds of territories or funders of a filter. The same HTML (`html.escape` is what Django's `escape` calls), without the
    blank lines between options."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            option_value = str(option_value)
            selected = " selected" if option_value in chosen else ""
            if selected:
                chosen = set()  # one option selected, as Django's select does
            options.append(
                f'\n  <option value="{html.escape(option_value)}"{selected}>'
                f"{html.escape(str(label))}</option>"
            )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{html.escape(name)}"{attrs}>{"".join(options)}\n</select>')


class NumberInput(forms.NumberInput):
    """Django's number input, without a value that is no number (`?year=abc`): it would make
    the page invalid HTML, and a browser empties such a field anyway. The error shown above
    the form says what is expected."""

    def format_value(self, value):
        value = super().format_value(value)
        return value if value is None or HTML_NUMBER.fullmatch(value) else None


def format_names(template):
    """The names a format string reads: « {name} ({code}) » → name, code."""
    return [name for _text, name, _spec, _conversion in string.Formatter().parse(template) if name]


class _ReadOnceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key, label = self.field.key_name(), self.field.label_format
        for row in self.field.records():
            yield (row[key], label.format_map(row))

    def __len__(self):
        return len(self.field.records()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.records())


class ReadOnceModelChoiceField(ModelChoiceField):
    """A select of records read from the database once per form: its options and the
    record a visitor chose come from the same query (Django's field runs one for each).
    The records are read as rows of the few columns the select shows, `label_format` over
    them (« {name} » unless told): hundreds of model instances cost more than the query.
    Only the record chosen becomes an instance, with those columns loaded."""

    iterator = _ReadOnceIterator
    widget = QuickSelect
    _records = None

    def __init__(self, queryset, *, label_format="{name}", **kwargs):
        self.label_format = label_format
        super().__init__(queryset, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._records = None  # each form reads the records afresh
        return result

    def key_name(self):
        return self.to_field_name or self.queryset.model._meta.pk.attname

    def records(self):
        if self._records is None:
            columns = dict.fromkeys(
                [
                    self.queryset.model._meta.pk.attname,
                    self.key_name(),
                    *format_names(self.label_format),
                ]
            )
            self._records = list(self.queryset.values(*columns))
        return self._records

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.key_name()
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for row in self.records():
            if str(row[key]) == str(value):
                model = self.queryset.model
                return model.from_db(self.queryset.db, list(row), list(row.values()))
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


# A record is named in the URL by its slug or code: a string, in the API's schema too (some
# filters reach their record through another model, which drf-spectacular cannot follow).
@extend_schema_field(OpenApiTypes.STR)
class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's ModelChoiceFilter, reading its records once per request."""

    field_class = ReadOnceModelChoiceField
