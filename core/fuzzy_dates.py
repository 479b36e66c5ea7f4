"""Dates known to the day, the month or only the year ("mai 2009", "2004").

A fuzzy date is two fields: a DateField holding the first day of what is known
(2009-05-01 for "mai 2009") and its precision. Models list their fuzzy dates in
`fuzzy_dates`; `FuzzyDatesMixin.clean()` moves a date to the start of its month or
year so that sorting and comparing stay honest; `format_fuzzy_date` writes it in French.
"""

from django.db import models
from django.utils.formats import date_format


class DatePrecision(models.TextChoices):
    DAY = "day", "jour"
    MONTH = "month", "mois"
    YEAR = "year", "année"


def fuzzy_date_fields(label):
    """The date field and its precision field, to unpack in a model body."""
    return (
        models.DateField(label, null=True, blank=True),
        models.CharField(
            f"{label} : précision",
            max_length=5,
            choices=DatePrecision.choices,
            default=DatePrecision.DAY,
            help_text="Pour « mai 2009 », saisir le 01/05/2009 et la précision « mois ».",
        ),
    )


def truncate(value, precision):
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def format_fuzzy_date(value, precision):
    """'7 octobre 2009', 'mai 2009' or '2004'; '' when unknown."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "F Y").lower()
    if value.day == 1:
        return date_format(value, "1\\e\\r F Y")  # « 1er octobre 2009 »
    return date_format(value, "j F Y")


class FuzzyDatesMixin:
    fuzzy_dates = ()

    def clean(self):
        super().clean()
        for name in self.fuzzy_dates:
            precision = getattr(self, f"{name}_precision")
            setattr(self, name, truncate(getattr(self, name), precision))

    def fuzzy(self, name):
        return format_fuzzy_date(getattr(self, name), getattr(self, f"{name}_precision"))
