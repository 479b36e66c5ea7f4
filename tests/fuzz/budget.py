"""How many examples each fuzz test gets, from the profile's `max_examples` (conftest.py):
all of them where input reaches the database (a list's filters, a converter's value), a
quarter where it mostly meets a 404 or a view that ignores it."""

from hypothesis import settings

from tests.fuzz.inventory import Converter, public_routes


def full():
    return settings(max_examples=settings.default.max_examples)


def quarter():
    return settings(max_examples=max(3, settings.default.max_examples // 4))


def by_filters():
    """(routes with a FilterSet: the lists and their exports, the other routes)."""
    routes = public_routes()
    filtered = [route for route in routes if route.filterset_class is not None]
    return filtered, [route for route in routes if route not in filtered]


def by_converters():
    """(routes with converters: detail pages, downloads, the other routes)."""
    routes = public_routes()
    converted = [
        route for route in routes if any(isinstance(part, Converter) for part in route.parts)
    ]
    return converted, [route for route in routes if route not in converted]


def route_id(route):
    return route.name
