"""Every known tricky value (strategies.TRICKY: NUL bytes, huge, tiny and float numbers,
odd dates, very long text…) in every free-text or number parameter of every list, one
parameter at a time, so that the others never reject the query first: what the random
examples of test_queries.py may take long to meet, met on every run. (A choice or a related
filter checks its value against a fixed list in Python; the random examples cover them.)"""

from urllib.parse import urlencode

import django_filters
import pytest

from tests.fuzz import budget
from tests.fuzz.strategies import TRICKY
from tests.fuzz.visit import visit

pytestmark = pytest.mark.django_db

CHECKED_IN_PYTHON = (django_filters.ChoiceFilter, django_filters.ModelChoiceFilter)


def free_parameters():
    """(list route, parameter) for the parameters whose value may reach the database."""
    lists = [route for route in budget.by_filters()[0] if not route.is_export]
    return [
        (route, name)
        for route in lists
        for name, filter_ in [*route.filterset_class.base_filters.items(), ("page", None)]
        if not isinstance(filter_, CHECKED_IN_PYTHON)
    ]


@pytest.mark.parametrize(
    "route, parameter",
    free_parameters(),
    ids=[f"{route.name}-{name}" for route, name in free_parameters()],
)
def test_tricky_values_are_never_a_server_error(route, parameter, fuzz_data, fuzz_client):
    path = route.example()
    for value in TRICKY:
        visit(fuzz_client, "GET", f"{path}?{urlencode({parameter: value})}")
