"""The public URLs, read from the URL conf: a URL added to the portal is fuzzed without
anyone listing it here.

A `Route` is one pattern as a sequence of parts: literal text, or a converter (`<slug:slug>`)
the strategies fill, or a raw regular expression (a `re_path`). Its query parameters are
those its view reads: the filters of its FilterSet, the list's other parameters
(`not_filters`: page, tri), and the usual names a visitor might try."""

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.views.static import serve

from ess_portal.urls import serve_media

PRIVATE_PREFIXES = ("admin/",)
# Django's file server, which ess_portal/urls.py routes under /media/ in debug mode only
# (through serve_media): no page of the portal in production. Its too-long-name case is in
# tests/fuzz/test_regressions.py.
DEBUG_ONLY_VIEWS = (serve, serve_media)
# Names a visitor, a crawler or an old link may put in a query string, whatever the view.
USUAL_PARAMETERS = ("page", "tri", "q", "sort", "ordering", "per_page", "format", "o")
PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Converter:
    parameter: str  # the view's keyword argument, and the field whose values are sampled
    regex: str


@dataclass(frozen=True)
class Raw:
    regex: str  # a re_path's own expression, anchors removed


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the pattern when it has no name
    parts: tuple  # str | Converter | Raw
    callback: object = field(compare=False)
    default_args: dict = field(compare=False, default_factory=dict)

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    @property
    def filterset_class(self):
        return getattr(self.view_class, "filterset_class", None)

    @property
    def is_export(self):
        """A download: a function view given `export_format`, or a class view made with it."""
        initkwargs = getattr(self.callback, "view_initkwargs", {})
        return "export_format" in self.default_args or "export_format" in initkwargs

    def query_parameters(self):
        """What this route's view may read in the query string."""
        names = list(USUAL_PARAMETERS)
        if self.filterset_class is not None:
            names += list(self.filterset_class.base_filters)
        names += list(getattr(self.view_class, "not_filters", ()))
        return sorted(set(names))

    def example(self, values=None):
        """A path of this route, converters filled from `values` ({parameter: value})."""
        values = values or {}
        return "/" + "".join(
            part if isinstance(part, str) else values.get(getattr(part, "parameter", None), "")
            for part in self.parts
        )


def public_routes(patterns=None, prefix=(), namespace=None):
    """Every pattern of the URL conf outside the admin (and debug-only views), in the URL
    conf's order."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    routes = []
    for pattern in patterns:
        parts = (*prefix, *pattern_parts(pattern.pattern))
        if "".join(part for part in parts if isinstance(part, str)).startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            routes += public_routes(pattern.url_patterns, parts, inner)
        elif isinstance(pattern, URLPattern) and pattern.callback not in DEBUG_ONLY_VIEWS:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            routes.append(
                Route(
                    name=name or str(pattern.pattern),
                    parts=parts,
                    callback=pattern.callback,
                    default_args=dict(pattern.default_args),
                )
            )
    return routes


def pattern_parts(pattern):
    """A pattern's own parts: `poles/<slug:slug>/` → ("poles/", Converter("slug", …), "/")."""
    if isinstance(pattern, RoutePattern):
        route, parts, position = str(pattern), [], 0
        for match in PLACEHOLDER.finditer(route):
            parts.append(route[position : match.start()])
            parameter = match["parameter"]
            parts.append(Converter(parameter, pattern.converters[parameter].regex))
            position = match.end()
        parts.append(route[position:])
        return tuple(part for part in parts if part != "")
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        return (Raw(regex),)
    raise TypeError(f"Unknown pattern type: {pattern!r}")
