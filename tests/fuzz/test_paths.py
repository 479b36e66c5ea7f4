"""Every public URL pattern, its converters filled by hypothesis: never a 5xx."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import budget
from tests.fuzz.strategies import paths
from tests.fuzz.visit import visit

pytestmark = pytest.mark.django_db

METHODS = st.sampled_from(["GET", "HEAD"])
# Through the page cache too, as in production: its key reads the path and query string.
PAGE_CACHE = st.booleans()
CONVERTED, PLAIN = budget.by_converters()


def request_any_path(route, fuzz_data, fuzz_client, data):
    path = data.draw(paths(route, fuzz_data.samples), label="path")
    method = data.draw(METHODS, label="method")
    visit(fuzz_client, method, path, page_cache=data.draw(PAGE_CACHE, label="page cache"))


@pytest.mark.parametrize("route", CONVERTED, ids=budget.route_id)
@budget.full()
@given(data=st.data())
def test_no_converter_value_is_a_server_error(route, fuzz_data, fuzz_client, data):
    request_any_path(route, fuzz_data, fuzz_client, data)


@pytest.mark.parametrize("route", PLAIN, ids=budget.route_id)
@budget.quarter()
@given(data=st.data())
def test_no_path_below_a_page_is_a_server_error(route, fuzz_data, fuzz_client, data):
    request_any_path(route, fuzz_data, fuzz_client, data)
