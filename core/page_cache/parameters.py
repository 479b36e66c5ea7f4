"""The query parameters a public page reads, and its query string reduced to them.

A page's cache key is its path and this canonical query: the parameters its view reads, each
once, in alphabetical order. Anything else (`?x=<random>`, `utm_source=…`) changes nothing
on the page, so it gets the same entry instead of a render and a new entry per request. The
view then sees the canonical query too: the page stored under the key is the one its key
names, whatever the first visitor added to it.

Who declares what:
- a list built on `FilteredListView`: its FilterSet's fields (each widget's names, e.g.
  `amount_min`) and `not_filters` (`page`, `tri`), read from the classes themselves, so that
  a filter added later is part of the key with no other change;
- a function view: `@reads_query("page")`;
- any other view reads no parameter.

A parameter given several times is read as the view reads it: the last value for a single
field (what `QueryDict.get` gives), every value (sorted, once each) for a multiple one."""

from functools import cache

from django import forms
from django.http import QueryDict
from django.urls import Resolver404, resolve


def reads_query(*names):
    """Declare the query parameters a function view reads (single-valued)."""

    def declare(view):
        view.query_parameters = dict.fromkeys(names, False)
        return view

    return declare


@cache
def known_parameters(view):
    """{name: whether it takes several values} for a view function (as URLs route to)."""
    declared = getattr(view, "query_parameters", None)
    if declared is not None:
        return declared
    view_class = getattr(view, "view_class", None)
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is None:
        return {}
    names = dict.fromkeys(getattr(view_class, "not_filters", ()), False)
    for name, declared_filter in filterset_class.base_filters.items():
        widget = declared_filter.field.widget
        if isinstance(widget, forms.MultiWidget):
            names.update(dict.fromkeys((name + suffix for suffix in widget.widgets_names), False))
        else:
            names[name] = getattr(widget, "allow_multiple_selected", False)
    return names


def canonical_query(request):
    """The query string of the parameters the page's view reads, canonical (see above)."""
    if not request.GET:
        return ""  # most pages: no need to find the view (costly next to a cached page)
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return ""
    known = known_parameters(view)
    query = QueryDict(mutable=True)
    for name in sorted(known.keys() & request.GET.keys()):
        values = request.GET.getlist(name)
        query.setlist(name, sorted(set(values)) if known[name] else values[-1:])
    return query.urlencode()


def use_canonical_query(request):
    """Give the view the canonical query string (and return it)."""
    canonical = canonical_query(request)
    if canonical != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = canonical
        request.GET = QueryDict(canonical, encoding=request.encoding)
    return canonical
