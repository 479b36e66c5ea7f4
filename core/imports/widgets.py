"""How the admin's imports read a cell, and write it back (django-import-export widgets).

A cell is read as a person types it in a French spreadsheet (`7 521`, `11,5`, `11,5 %`, a
choice's label) or as the portal writes it. What cannot be read raises a French ValueError:
django-import-export files it under the cell's column, and the import page shows it with the
line (core/imports/resources.py).

`render` gives native values (int, Decimal, text) when the admin asks for them
(`force_native_type`, see core/admin/imports.py: the formats write the file), and otherwise the
value as the import's preview shows it.
"""

import difflib
from decimal import Decimal, InvalidOperation

from import_export import widgets

from core.formats import number
from core.imports.formats import is_blank
from core.slugs import french_slugify


def normalised(text):
    """For comparing labels: case, spaces and typographic apostrophes ignored."""
    return " ".join(str(text).replace("’", "'").split()).casefold()


def quoted(values):
    return ", ".join(f"« {value} »" for value in values)


def read_number(value, percent=False):
    """A Decimal from 7521, 11.5, '7 521', '11,5' (and '11,5 %' when `percent`)."""
    if isinstance(value, bool):
        raise ValueError(f"« {value} » n'est pas un nombre.")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = "".join(str(value).split())  # every kind of space, French thousands included
    if percent:
        text = text.removesuffix("%")
    try:
        result = Decimal(text.replace(",", "."))
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite():
        raise ValueError(f"« {str(value).strip()} » n'est pas un nombre.")
    return result


class Text(widgets.CharWidget):
    """Text, trimmed; an empty cell is an empty text."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():  # a number typed in a text column
            value = int(value)
        return str(value).strip()


class Integer(widgets.IntegerWidget):
    """A whole number, within `bounds` (lowest, highest) when given; empty is None."""

    def __init__(self, bounds=None, **kwargs):
        self.bounds = bounds
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        result = read_number(value)
        if result != result.to_integral_value():
            raise ValueError(f"« {value} » n'est pas un nombre entier.")
        if self.bounds and not self.bounds[0] <= result <= self.bounds[1]:
            lowest, highest = self.bounds
            raise ValueError(f"« {value} » n'est pas compris entre {lowest} et {highest}.")
        return int(result)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class Share(widgets.DecimalWidget):
    """A percentage, 0 to 100, `11,5` or `11,5 %`; empty is None."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        result = read_number(value, percent=True)
        if not 0 <= result <= 100:
            raise ValueError(f"Une part s'exprime entre 0 et 100 % : « {value} » n'en est pas une.")
        return result

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return number(value, "")


class Choice(widgets.Widget):
    """One of a TextChoices', read from its French label (as the admin shows it) or its code,
    written as its label."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        key = normalised(value)
        for code, label in self.choices.choices:
            if key in (normalised(code), normalised(label)):
                return code
        raise ValueError(
            f"« {str(value).strip()} » n'est pas une valeur possible. "
            f"Valeurs possibles : {quoted(self.choices.labels)}."
        )

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices.choices).get(value, value) if value else ""


class BySlug(widgets.ForeignKeyWidget):
    """A record given by its slug (`pays-de-lorient`): the records are read once per import.

    An unknown slug gets the record whose slug or name is closest (difflib), when one is close
    enough: « Vouliez-vous dire « pays-dauray » ? ». The preview shows the record's name (the
    diff renders with `preview=True`, see core/imports/resources.py); files get its slug."""

    SUGGESTION_CUTOFF = 0.75

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self._records = None

    def records(self):
        """{slug: record} of every record, read at the first row that names one."""
        if self._records is None:
            self._records = {record.slug: record for record in self.get_queryset(None, None)}
        return self._records

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        slug = str(value).strip()
        records = self.records()
        if slug in records:
            return records[slug]
        name = self.model._meta.verbose_name
        message = f"Aucun {name} n'a l'identifiant « {slug} »."
        named = next((r for r in records.values() if normalised(r.name) == normalised(slug)), None)
        if named is not None:
            message += (
                f" « {named.name} » est le nom d'un {name} : son identifiant est « {named.slug} »."
            )
        else:
            close = self.closest(slug)
            if close is not None:
                message += f" Vouliez-vous dire « {close.slug} » ?"
        raise ValueError(message)

    def closest(self, typed):
        """The record whose slug or name is closest to `typed`, if one is close enough."""
        keys = {}
        for record in self.records().values():
            keys.setdefault(record.slug, record)
            keys.setdefault(normalised(record.name), record)
            keys.setdefault(french_slugify(record.name), record)
        best, best_ratio = None, self.SUGGESTION_CUTOFF
        for query in {normalised(typed), french_slugify(typed)} - {""}:
            for key in difflib.get_close_matches(query, keys, n=1, cutoff=best_ratio):
                ratio = difflib.SequenceMatcher(None, query, key).ratio()
                if best is None or ratio > best_ratio:
                    best, best_ratio = keys[key], ratio
        return best

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.name if kwargs.get("preview") else value.slug
