"""The fuzzer's inventory is the URL conf: every public pattern is in it, and the paths it
makes for a pattern reach that pattern's view (not only 404s)."""

from django.urls import get_resolver, resolve
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.inventory import PRIVATE_PREFIXES, Converter, public_routes


def named_patterns():
    """The public URL names, as Django's own reverse tables list them (an enumeration
    independent of the inventory's walk)."""
    names = set()
    stack = [(get_resolver(), "")]
    while stack:
        resolver, namespace = stack.pop()
        names |= {f"{namespace}{key}" for key in resolver.reverse_dict if isinstance(key, str)}
        for name, (prefix, inner) in resolver.namespace_dict.items():
            if not prefix.removeprefix("^").startswith(PRIVATE_PREFIXES):
                stack.append((inner, f"{namespace}{name}:"))
    return names


def test_every_public_pattern_is_fuzzed():
    routes = public_routes()

    assert {route.name for route in routes} >= named_patterns()
    assert not any(route.name.startswith("admin:") for route in routes)
    # The lists and their downloads, whose filters the query fuzzer reads.
    filtered = {route.name for route in routes if route.filterset_class is not None}
    assert {"poles:list", "actors:list", "funding:list", "poles:export_csv"} <= filtered


def test_a_list_s_query_parameters_are_its_filters_and_its_own():
    route = next(route for route in public_routes() if route.name == "poles:list")

    parameters = route.query_parameters()

    assert set(route.filterset_class.base_filters) <= set(parameters)
    assert {"page", "tri", "q", "amount_min", "region"} <= set(parameters)


@settings(max_examples=20)
@given(data=st.data())
def test_a_route_s_paths_reach_its_view(data):
    for route in public_routes():
        values = {
            part.parameter: data.draw(st.from_regex(part.regex, fullmatch=True), label=route.name)
            for part in route.parts
            if isinstance(part, Converter)
        }
        if not all(isinstance(part, str | Converter) for part in route.parts):
            continue  # a re_path: drawn from its own regex by the strategies
        match = resolve(route.example(values))
        assert match.func is route.callback, route.name
        assert set(match.kwargs) >= set(values), route.name


def test_the_downloads_are_told_from_the_pages():
    """export_urls() names the downloads export_csv and export_xlsx, in each section (the
    pole × year table: export_pole_years_csv and _xlsx)."""
    routes = public_routes()
    exports = {route.name for route in routes if route.is_export}

    assert exports == {route.name for route in routes if ":export_" in route.name}
    assert len(exports) == 10  # a list each, and the pole × year table of /financements/
