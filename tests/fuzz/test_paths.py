"""Every public URL pattern, its converters filled by hypothesis: never a 5xx."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.inventory import public_routes
from tests.fuzz.strategies import paths
from tests.fuzz.visit import visit

pytestmark = pytest.mark.django_db

METHODS = st.sampled_from(["GET", "HEAD"])


@pytest.mark.parametrize("route", public_routes(), ids=lambda route: route.name)
@given(data=st.data())
def test_no_path_is_a_server_error(route, fuzz_data, fuzz_client, data):
    path = data.draw(paths(route, fuzz_data.samples), label="path")
    visit(fuzz_client, data.draw(METHODS, label="method"), path)
