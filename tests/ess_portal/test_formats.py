"""French numbers: the fast path for whole numbers writes what Django's number_format writes."""

from decimal import Decimal

import pytest
from django.utils.formats import number_format

from core.formats import euros, number, percent

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    "value", [0, 7, 999, 1000, 7521, 35000, -1234567, 10**12, Decimal("35000.00"), Decimal("1E+3")]
)
def test_whole_numbers_as_django_formats_them(value):
    assert number(value) == number_format(int(value), decimal_pos=0, force_grouping=True)


def test_the_portal_s_numbers():
    assert number(7521) == f"7{NBSP}521"
    assert number(Decimal("4.50")) == "4,5"
    assert number(Decimal("25000.50")) == f"25{NBSP}000,5"
    assert percent(Decimal("11.5")) == f"11,5{NBSP}%"
    assert euros(Decimal("35000.00")) == f"35{NBSP}000{NBSP}€"
    assert euros(Decimal("25000.50")) == f"25{NBSP}000,50{NBSP}€"
    assert euros(Decimal("1234.56")) == f"1{NBSP}234,56{NBSP}€"
    assert euros(None) == "non communiqué"
    assert number(None) == "non communiqué"
