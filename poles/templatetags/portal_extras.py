"""French formatting for the public pages: 7 521, 11,5 %, 35 000 €, 7 octobre 2009."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from poles.enums import PoleStatus
from poles.fuzzy_dates import format_fuzzy_date

register = template.Library()

NBSP = "\N{NO-BREAK SPACE}"
UNKNOWN = "non communiqué"


def _decimals(value):
    """The decimals a value really has: 4.50 → 1, 400000.00 → 0."""
    return max(0, -Decimal(str(value)).normalize().as_tuple().exponent)


@register.filter
def number(value, unknown=UNKNOWN):
    """7 521 ; 4,5 ; 'non communiqué' for None."""
    if value is None or value == "":
        return unknown
    return number_format(value, decimal_pos=min(_decimals(value), 2), force_grouping=True)


@register.filter
def percent(value, unknown=UNKNOWN):
    """11,5 % ; 82 %."""
    if value is None or value == "":
        return unknown
    return f"{number(value)}{NBSP}%"


@register.filter
def euros(value, unknown=UNKNOWN):
    """35 000 € ; 25 000,50 €."""
    if value is None or value == "":
        return unknown
    return f"{number(value)}{NBSP}€"


@register.simple_tag
def fuzzy(record, name):
    """{% fuzzy pole "created_on" %} → '7 octobre 2009', 'mai 2009', '2004' or ''."""
    return format_fuzzy_date(getattr(record, name), getattr(record, f"{name}_precision"))


@register.inclusion_tag("_status_badge.html")
def status_badge(status):
    return {"status": status, "label": PoleStatus(status).label}


@register.filter
def year(value, unknown="non communiquée"):
    """2009, never '2 009' (numbers get a thousands separator, years must not)."""
    if value is None or value == "":
        return unknown
    return str(value)


@register.filter
def years(line):
    """A funding line's years: '2010', '2010–2012' or 'non communiquées'."""
    if line.start_year is None:
        return "non communiquées"
    if line.end_year and line.end_year != line.start_year:
        return f"{line.start_year}–{line.end_year}"
    return str(line.start_year)
