"""Every public URL with a fuzzed query string: its view's filters (from its FilterSet),
page, sort and unknown parameters, with any value. Never a 5xx; the exports are read to
their last row."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.inventory import public_routes
from tests.fuzz.strategies import query_strings, real_paths
from tests.fuzz.visit import visit

pytestmark = pytest.mark.django_db

METHODS = st.sampled_from(["GET", "HEAD"])


@pytest.mark.parametrize("route", public_routes(), ids=lambda route: route.name)
@given(data=st.data())
def test_no_query_string_is_a_server_error(route, fuzz_data, fuzz_client, data):
    values = fuzz_data.values_for(route)
    path = data.draw(real_paths(route, fuzz_data.samples), label="path")
    query = data.draw(query_strings(route.query_parameters(), values), label="query")
    visit(fuzz_client, data.draw(METHODS, label="method"), f"{path}?{query}")
