"""Query strings with as many parameters as Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS)
and more: up to the limit, the page answers as usual; beyond, whatever reads the query
string gets « Requête incorrecte » (a 400), never a 500: the lists and their downloads, and
every public page when the page cache is on (as in production: its key reads the query
string). A page that never reads it (a pole's, with the cache off) may answer as usual."""

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.page_cache.middleware import is_public_page
from tests.fuzz import budget
from tests.fuzz.inventory import public_routes
from tests.fuzz.strategies import real_paths
from tests.fuzz.visit import BAD_REQUEST_PAGE, visit

pytestmark = pytest.mark.django_db

# Each example sends thousands of parameters: a few per route.
EXAMPLES = max(3, hypothesis_settings.default.max_examples // 8)


def counts():
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return st.one_of(st.integers(limit - 1, limit + 1), st.just(limit * 3))


@pytest.mark.parametrize("route", public_routes(), ids=budget.route_id)
@hypothesis_settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_too_many_parameters_are_a_400_never_a_500(route, fuzz_data, fuzz_client, data):
    count = data.draw(counts(), label="count")
    names = data.draw(
        st.lists(st.sampled_from(route.query_parameters()), min_size=1, max_size=5),
        label="names",
    )
    query = "&".join(f"{names[n % len(names)]}={n}" for n in range(count))
    path = data.draw(real_paths(route, fuzz_data.samples), label="path")
    method = data.draw(st.sampled_from(["GET", "HEAD"]), label="method")
    page_cache = data.draw(st.booleans(), label="page cache")

    response, body = visit(fuzz_client, method, f"{path}?{query}", page_cache=page_cache)

    reads_query = route.filterset_class is not None or (page_cache and is_public_page(path))
    if count > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS and reads_query:
        assert response.status_code == 400
        if method == "GET":
            assert BAD_REQUEST_PAGE in body.decode()
