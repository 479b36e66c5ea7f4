"""Build the POST data of an admin change form from the page the admin rendered."""

from concurrency.forms import SignedValue
from django.forms import MultiWidget


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, SignedValue):
        # The record's version (core/admin/concurrency.py), signed as the hidden input
        # renders it; version 0 renders, and is sent back, empty.
        return bound_field.field.widget.format_value(value) or ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def widget_data(bound_field, value):
    """{input name: value} for a field's value; a split widget (a date and a time) has one
    input per part."""
    widget = bound_field.field.widget
    name = bound_field.html_name
    if not isinstance(widget, MultiWidget):
        return {name: value}
    parts = widget.decompress(bound_field.value())
    return {
        f"{name}{suffix}": _value_of(part)
        for suffix, part in zip(widget.widgets_names, parts, strict=True)
    }


def _value_of(part):
    return "" if part is None else str(part)


def _form_data(form, data):
    for name in form.fields:
        value = _value(form[name])
        if value == "" and isinstance(form[name].value(), bool):
            continue
        data.update(widget_data(form[name], value))


def admin_form_data(response):
    """What the browser would send back, unchanged, from an admin add/change page (or a past
    version's page, which has no inlines)."""
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _value(management[name])
        for form in formset.forms:
            _form_data(form, data)
    return data
