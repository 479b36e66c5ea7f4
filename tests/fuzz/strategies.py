"""hypothesis strategies for what a visitor (or a crawler, or an attacker) may put in a URL.

Values are text as it arrives in a query string or a path segment, before Django decodes it:
real values from the data, then anything — NUL bytes, unicode, invalid UTF-8, huge or
negative or float numbers, dates in odd formats, very long strings."""

import string
from urllib.parse import quote, quote_from_bytes

import django_filters
from hypothesis import strategies as st

from tests.fuzz.inventory import Converter, Raw

# Values that broke, or could break, a parser somewhere.
TRICKY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-0",
    "-1",
    "1.5",
    "1,5",
    "1e3",
    "1e308",
    "1e999999",
    "-1e999999",
    "1e-999999",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "9" * 30,
    "9" * 5000,
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "٣",  # an Arabic-Indic digit: int() reads it
    "１２",  # fullwidth digits
    "2010-02-31",
    "31/12/2010",
    "2010-13-01",
    "0000-00-00",
    "99999-01-01",
    "2010-01-01T25:61:61",
    "last",
    "true",
    "None",
    "null",
    "[]",
    "{}",
    "../../etc/passwd",
    "%00",
    "%",
    "%zz",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e\u200b\ufeff",
    "🙂" * 50,
    "é" * 300,
    "x" * 10_000,
]

# Text without lone surrogates (they have no UTF-8 form a client could send).
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def long_text():
    """Long strings: a short text repeated up to thousands of times."""
    return st.builds(
        lambda piece, times: piece * times,
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=4),
        st.integers(min_value=50, max_value=3000),
    )


def numbers():
    integers = st.integers(min_value=-(10**40), max_value=10**40).map(str)
    floats = st.floats(allow_nan=True, allow_infinity=True).map(repr)
    decimals = st.decimals(allow_nan=True, allow_infinity=True).map(str)
    # Scientific notation with any exponent: tiny or huge values no column can hold.
    exponents = st.builds("{}e{}".format, st.integers(-99, 99), st.integers(-(10**6), 10**6))
    return st.one_of(integers, floats, decimals, exponents)


def dates():
    """Dates a form might be given, valid or not, in the formats people type."""
    parts = st.tuples(st.integers(-1, 100_000), st.integers(-1, 14), st.integers(-1, 33))
    return parts.flatmap(
        lambda ymd: st.sampled_from(
            [
                "{0:04}-{1:02}-{2:02}",
                "{2:02}/{1:02}/{0:04}",
                "{2}.{1}.{0}",
                "{0}{1:02}{2:02}",
                "{0}-{1}",
                "{0}",
            ]
        ).map(lambda template: template.format(*ymd))
    )


def any_value():
    """Any value, as text (its encoding is chosen apart); the known tricky ones often."""
    tricky = st.sampled_from(TRICKY)
    return st.one_of(tricky, numbers(), tricky, unicode_text, dates(), long_text())


def encoded(value):
    """`value` as it travels in a URL: percent-encoded UTF-8, or raw (Django gets the UTF-8
    bytes), or as arbitrary bytes (invalid UTF-8 included)."""
    return st.one_of(
        st.just(quote(value, safe="")),
        st.just(value.replace("&", "%26").replace("#", "%23").replace("?", "%3F")),
        st.binary(max_size=20).map(lambda raw: quote_from_bytes(raw, safe="")),
    )


def value_for(name, real_values):
    """A value for parameter `name`: one from `real_values[name]` (the data's, or a
    filter's choices) half the time when there are some, else anything."""
    candidates = real_values.get(name)
    anything = any_value()
    if candidates:
        return st.one_of(st.sampled_from(candidates), anything)
    return anything


def query_strings(names, real_values, max_size=6):
    """A query string over `names` (known parameters) and unknown ones; a name may repeat.
    One known parameter gets any value (the one most likely to break something); the
    others, real values or anything."""
    known = st.sampled_from(names) if names else st.nothing()
    unknown = st.one_of(
        st.text(string.ascii_letters + "_[]", min_size=1, max_size=12), unicode_text
    )

    def pair(name, value):
        return st.tuples(st.just(name), value.flatmap(encoded), st.booleans())

    focused = known.flatmap(lambda name: pair(name, any_value()))
    other = st.one_of(known, known, unknown).flatmap(
        lambda name: pair(name, value_for(name, real_values))
    )
    pairs = st.tuples(focused, st.lists(other, max_size=max_size)).flatmap(
        lambda drawn: st.integers(0, len(drawn[1])).map(
            lambda at: [*drawn[1][:at], drawn[0], *drawn[1][at:]]
        )
    )
    return pairs.map(
        lambda pairs: "&".join(
            f"{quote(name, safe='')}={value}" if with_equals else quote(name, safe="")
            for name, value, with_equals in pairs
        )
    )


def converter_values(part, real_values):
    """What fills a converter: its own regex, a value from the data, or any text."""
    anything = any_value().flatmap(encoded)
    own = st.from_regex(part.regex, fullmatch=True)
    candidates = real_values.get(part.parameter)
    if candidates:
        return st.one_of(st.sampled_from(candidates), own, anything)
    return st.one_of(own, anything)


def paths(route, real_values):
    """Paths of `route`, from its literal parts and its filled converters, sometimes with
    text added after (a path that no longer matches must be a 404); always, for a route
    without converters (its own path is the query fuzzer's)."""
    pieces = []
    for part in route.parts:
        if isinstance(part, str):
            pieces.append(st.just(part))
        elif isinstance(part, Converter):
            pieces.append(converter_values(part, real_values))
        elif isinstance(part, Raw):
            pieces.append(st.from_regex(part.regex, fullmatch=True).map(quote))
    suffix = any_value().filter(bool).flatmap(encoded)
    if any(isinstance(part, Converter | Raw) for part in route.parts):
        suffix = st.one_of(st.just(""), st.just(""), suffix)
    return st.tuples(*pieces, suffix).map(lambda texts: "/" + "".join(texts))


def real_paths(route, samples):
    """The route's path, its converters filled with the data's slugs or pks (any model's: a
    record's page, or a 404 when the value is another model's)."""
    converters = [part for part in route.parts if isinstance(part, Converter)]
    return st.fixed_dictionaries(
        {
            part.parameter: st.sampled_from(samples[part.parameter])
            if samples.get(part.parameter)
            else st.from_regex(part.regex, fullmatch=True)
            for part in converters
        }
    ).map(route.example)


def filter_values(filterset_class, samples):
    """{parameter: values} a FilterSet's filters accept, read from the filters themselves:
    a choice filter's keys, a related filter's slugs or codes (from its own queryset), a
    number filter's bounds and their neighbours."""
    values = {}
    for name, filter_ in filterset_class.base_filters.items():
        extra = filter_.extra
        if isinstance(filter_, django_filters.ChoiceFilter):
            values[name] = [str(key) for key, _label in filter_.field.choices if key != ""]
        elif "queryset" in extra:
            key = extra.get("to_field_name") or "pk"
            values[name] = sorted(
                str(value) for value in extra["queryset"].values_list(key, flat=True)
            )
        elif isinstance(filter_, django_filters.NumberFilter):
            bounds = [extra.get("min_value"), extra.get("max_value")]
            values[name] = [
                str(bound + shift) for bound in bounds if bound is not None for shift in (-1, 0, 1)
            ] + ["0", "2010", "35000"]
    return {**samples, **{name: found for name, found in values.items() if found}}
