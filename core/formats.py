"""French numbers for people to read: 7 521, 11,5 %, 35 000 €."""

from decimal import Decimal

from django.utils.formats import number_format

NBSP = "\N{NO-BREAK SPACE}"
UNKNOWN = "non communiqué"


def _decimals(value):
    """The decimals a value really has: 4.50 → 1, 400000.00 → 0."""
    return max(0, -Decimal(str(value)).normalize().as_tuple().exponent)


def number(value, unknown=UNKNOWN):
    """7 521 ; 4,5 ; `unknown` for None."""
    if value is None or value == "":
        return unknown
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, int):
        # Whole numbers, most of them: a national page shows hundreds, and number_format
        # is much slower (French grouping: a no-break space every three digits).
        return f"{value:,}".replace(",", NBSP)
    return number_format(value, decimal_pos=min(_decimals(value), 2), force_grouping=True)


def percent(value, unknown=UNKNOWN):
    """11,5 % ; 82 %."""
    if value is None or value == "":
        return unknown
    return f"{number(value)}{NBSP}%"


def euros(value, unknown=UNKNOWN):
    """35 000 € ; 25 000,50 € (cents, when there are some, as two digits). The one euros
    formatter: pages, charts, admin columns and the programme rules' messages."""
    if value is None or value == "":
        return unknown
    if value != int(value):
        return f"{number_format(value, decimal_pos=2, force_grouping=True)}{NBSP}€"
    return f"{number(value)}{NBSP}€"
