"""Every public URL with a fuzzed query string: its view's filters (from its FilterSet),
page, sort and unknown parameters, with any value. Never a 5xx; the exports are read to
their last row."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import budget
from tests.fuzz.strategies import query_strings, real_paths
from tests.fuzz.visit import visit

pytestmark = pytest.mark.django_db

METHODS = st.sampled_from(["GET", "HEAD"])
# Through the page cache too, as in production: its key reads the path and query string.
PAGE_CACHE = st.booleans()
FILTERED, UNFILTERED = budget.by_filters()


def request_any_query(route, fuzz_data, fuzz_client, data):
    path = data.draw(real_paths(route, fuzz_data.samples), label="path")
    query = data.draw(
        query_strings(route.query_parameters(), fuzz_data.values_for(route)), label="query"
    )
    method = data.draw(METHODS, label="method")
    page_cache = data.draw(PAGE_CACHE, label="page cache")
    visit(fuzz_client, method, f"{path}?{query}", page_cache=page_cache)


@pytest.mark.parametrize("route", FILTERED, ids=budget.route_id)
@budget.full()
@given(data=st.data())
def test_no_filter_value_is_a_server_error(route, fuzz_data, fuzz_client, data):
    request_any_query(route, fuzz_data, fuzz_client, data)


@pytest.mark.parametrize("route", UNFILTERED, ids=budget.route_id)
@budget.quarter()
@given(data=st.data())
def test_no_query_string_is_a_server_error(route, fuzz_data, fuzz_client, data):
    request_any_query(route, fuzz_data, fuzz_client, data)
