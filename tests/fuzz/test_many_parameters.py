"""Query strings with as many parameters as Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS)
and more: up to the limit, the page answers as usual; beyond, the lists say « Requête
incorrecte » (a 400), never a 500. With the page cache on (as in production), whose key
reads the query string of every public page, and off."""

import pytest
from django.conf import settings
from django.test import override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.fuzz.inventory import public_routes
from tests.fuzz.strategies import real_paths
from tests.fuzz.visit import BAD_REQUEST_PAGE, visit

pytestmark = pytest.mark.django_db

EXAMPLES = max(3, hypothesis_settings.default.max_examples // 8)


def counts():
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return st.one_of(st.integers(limit - 2, limit + 2), st.sampled_from([limit * 3]))


@pytest.mark.parametrize("page_cache", [False, True], ids=["sans-cache", "cache"])
@pytest.mark.parametrize("route", public_routes(), ids=lambda route: route.name)
@hypothesis_settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_too_many_parameters_are_a_400_never_a_500(route, page_cache, fuzz_data, fuzz_client, data):
    count = data.draw(counts(), label="count")
    names = data.draw(
        st.lists(st.sampled_from(route.query_parameters()), min_size=1, max_size=5),
        label="names",
    )
    query = "&".join(f"{names[n % len(names)]}={n}" for n in range(count))
    path = data.draw(real_paths(route, fuzz_data.samples), label="path")
    method = data.draw(st.sampled_from(["GET", "HEAD"]), label="method")

    with override_settings(PAGE_CACHE=page_cache):
        response, body = visit(fuzz_client, method, f"{path}?{query}")

    too_many = count > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if too_many and route.filterset_class is not None:
        assert response.status_code == 400
        if method == "GET":
            assert BAD_REQUEST_PAGE in body.decode()
