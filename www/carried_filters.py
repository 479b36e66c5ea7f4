"""The filters /poles/ and /financements/ share, carried from one list to the other (« voir
leurs financements », « voir ces pôles »): the same names, but for the pole's status, which
/financements/ calls `pole_status`."""

from django.http import QueryDict

SHARED = (
    *("region", "department", "territory"),
    *("funder", "programme", "kind", "funding_status", "year", "amount_min", "amount_max"),
)
POLES_TO_FUNDING = {"status": "pole_status"}
FUNDING_TO_POLES = {value: key for key, value in POLES_TO_FUNDING.items()}


def carried(query, renames):
    """The query string of the other list: the shared filters of `query` that have a value
    (the search, the order and the page stay behind)."""
    carried = QueryDict(mutable=True)
    for key in query:
        target = renames.get(key, key if key in SHARED else None)
        values = [value for value in query.getlist(key) if value.strip()]
        if target and values:
            carried.setlist(target, values)
    return carried.urlencode()
