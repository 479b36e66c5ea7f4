"""What the Region's officers read on /financements/: totals, caps used, the chart's data.

A few SQL queries over the filtered lines, whatever their number (`line_groups`): the lines
grouped by funder and first year (the overall total, those per funder and per year, and the
chart are summed here from these groups: the pairs that occur), by programme and state (the
totals per programme and per state), and the funders' and programmes' names; another query
gives the caps used per pole. Lines whose amount is unknown are counted apart, never added
as zero.

Rows are in reading order, the same on every database: names alphabetically, accents and
capitals aside; years in order; what is not known (« hors programme », « année non
communiquée ») last."""

import functools

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from core.sqlite_functions import unaccent
from funding.enums import FundingKind, FundingStatus
from funding.models import Funder, Programme, operating_cap
from poles.models import FundingLine

UNKNOWN = Count("pk", filter=Q(amount__isnull=True))
CAPS_SHOWN = 50  # rows of the caps table; the filters narrow it down


def lines_of(filtered):
    """The filtered lines without the duplicates a filter on territories may bring (a pole
    in two territories of the region): such filters make the queryset distinct."""
    if filtered.query.distinct:
        return FundingLine.objects.filter(pk__in=filtered.values("pk"))
    return filtered


def names(model, pks):
    return dict(model.objects.filter(pk__in=pks).values_list("pk", "name"))


def line_groups(filtered):
    """The filtered lines' known total, count and unknown amounts, grouped by `funder` and
    `start_year`, and by `programme` and `status` (two scans of the lines; by identifier,
    the funders' and programmes' names read apart)."""
    lines = lines_of(filtered)

    def grouped(*fields):
        # Tuples made into dicts here: thousands of funder–year pairs at national scale, and
        # `values()` builds each dict more slowly.
        keys = (*fields, "total", "lines", "unknown")
        rows = lines.values_list(*fields).annotate(
            total=Sum("amount"), lines=Count("pk"), unknown=UNKNOWN
        )
        return [dict(zip(keys, row, strict=True)) for row in rows.order_by()]

    by_funder_and_year = grouped("funder", "start_year")
    by_programme_and_status = grouped("programme", "status")
    for rows, model, field in (
        (by_funder_and_year, Funder, "funder"),
        (by_programme_and_status, Programme, "programme"),
    ):
        named = names(model, {row[field] for row in rows} - {None})
        for row in rows:
            row[f"{field}__name"] = named.get(row[field])
    return {"funder_and_year": by_funder_and_year, "programme_and_status": by_programme_and_status}


# The same few hundred funder and programme names are sorted on every request.
_unaccented = functools.lru_cache(maxsize=4096)(unaccent)


def reading_order(value):
    """Sort key: unknown last, names alphabetically whatever their accents and capitals."""
    if isinstance(value, str):
        return (False, _unaccented(value), value)
    return (value is None, value or 0)


def _add(into, row):
    if row["total"] is not None:
        into["total"] = row["total"] if into["total"] is None else into["total"] + row["total"]
    into["lines"] += row["lines"]
    into["unknown"] += row["unknown"]


def totals_by(groups, field, label):
    totals = {}
    for row in groups:
        key = row[field]
        if key not in totals:
            totals[key] = {"key": key, "label": label(key), "total": None, "lines": 0, "unknown": 0}
        _add(totals[key], row)
    return [totals[key] for key in sorted(totals, key=reading_order)]


def all_totals(groups):
    """Overall and per funder, programme, first year and state, from `line_groups()`."""
    by_funder_and_year = groups["funder_and_year"]
    overall = {"total": None, "lines": 0, "unknown": 0}
    for row in by_funder_and_year:
        _add(overall, row)
    return {
        "overall": overall,
        "by_funder": totals_by(
            by_funder_and_year, "funder__name", lambda name: name or "financeur non indiqué"
        ),
        "by_programme": totals_by(
            groups["programme_and_status"],
            "programme__name",
            lambda name: name or "hors programme",
        ),
        "by_year": totals_by(
            by_funder_and_year,
            "start_year",
            lambda year: str(year) if year else "année non communiquée",
        ),
        "by_status": totals_by(
            groups["programme_and_status"], "status", lambda status: FundingStatus(status).label
        ),
    }


def cap_usage(filtered, shown=CAPS_SHOWN):
    """For each pole under a capped programme, what it uses of the programme's caps: the
    first `shown` rows (by pole), and whether there are more."""
    capped = Q(kind=FundingKind.STUDY, programme__study_max_amount__isnull=False) | Q(
        kind=FundingKind.OPERATING, programme__operating_max_years__isnull=False
    )
    rows = (
        lines_of(filtered)
        .filter(capped)
        .exclude(status=FundingStatus.REFUSED)
        .values(
            "pole__name",
            "pole__slug",
            "programme__name",
            "programme__study_max_amount",
            "programme__operating_amount_per_post_year",
            "programme__operating_max_years",
            "programme__operating_max_posts",
            "kind",
        )
        .annotate(
            total=Sum("amount"),
            unknown=UNKNOWN,
            first=Min("start_year"),
            last=Max(Coalesce("end_year", "start_year")),
            posts=Max("posts"),
        )
        .order_by("pole__name", "programme__name", "kind")
    )[: shown + 1]
    usages = [_usage(row) for row in rows]
    return usages[:shown], len(usages) > shown


def _usage(row):
    usage = {
        "pole": row["pole__name"],
        "slug": row["pole__slug"],
        "programme": row["programme__name"],
        "kind": FundingKind(row["kind"]).label,
        "total": row["total"],
        "unknown": row["unknown"],
        "years_used": None,
        "max_years": None,
        "cap": None,
        "kind_is_operating": row["kind"] == FundingKind.OPERATING,
        "posts_known": bool(row["posts"]),
    }
    if row["kind"] == FundingKind.STUDY:
        usage["cap"] = row["programme__study_max_amount"]
    else:
        per_post = row["programme__operating_amount_per_post_year"]
        max_years = row["programme__operating_max_years"]
        posts = row["posts"] or row["programme__operating_max_posts"]
        usage["max_years"] = max_years
        if row["first"] is not None:
            usage["years_used"] = row["last"] - row["first"] + 1
        usage["cap"] = operating_cap(per_post, posts, max_years)
    return usage


def chart_series(groups, top=6):
    """Known amounts per first year, stacked by funder (the `top` largest, then « autres »),
    from `line_groups()`."""
    known = {}
    by_funder = {}
    for row in groups["funder_and_year"]:
        year, name, total = row["start_year"], row["funder__name"], row["total"]
        if year is not None and total is not None:
            known[year, name] = known.get((year, name), 0) + total
            by_funder[name] = by_funder.get(name, 0) + total
    # The largest first; equal totals in reading order.
    rank = {name: index for index, name in enumerate(sorted(by_funder, key=reading_order))}
    kept = sorted(by_funder, key=lambda name: (-by_funder[name], rank[name]))[:top]
    years = sorted({year for year, _name in known})
    series = {name: dict.fromkeys(years, 0) for name in kept}
    if len(by_funder) > top:
        series["autres financeurs"] = dict.fromkeys(years, 0)
    for (year, name), total in known.items():
        series[name if name in kept else "autres financeurs"][year] += total
    return years, series
