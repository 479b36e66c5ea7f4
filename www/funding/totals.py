"""What the Region's officers read on /financements/: totals, caps used, the chart's data.

A few SQL queries over the filtered lines, whatever their number (`line_groups`): their
money by budget year (money.py: a line spread over its years, or its schedule), their counts
by funder, programme and state, and the funders' and programmes' names; every total and the
chart are summed here from these groups. Three sums are kept apart and never added together:
committed (granted or paid), requested, refused. With a year filter, the money is that year's.
Lines whose amount is unknown are counted apart, never added as zero; another query gives the
caps used per pole.

Rows are in reading order, the same on every database: names alphabetically, accents and
capitals aside; years in order; what is not known (« hors programme », « année non
communiquée ») last."""

import functools

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from core.slugs import slug_url
from core.sqlite_functions import unaccent
from funding.enums import FundingKind, FundingStatus
from funding.models import Funder, Programme, operating_cap
from poles.models import FundingLine, Pole
from www.funding.money import COMMITTED, committed_by_pole_and_year, yearly_money

UNKNOWN = Count("pk", filter=Q(amount__isnull=True))
CAPS_SHOWN = 50  # rows of the caps table; the filters narrow it down


def lines_of(filtered):
    """The filtered lines without the duplicates a filter on territories may bring (a pole
    in two territories of the region): such filters make the queryset distinct."""
    if filtered.query.distinct:
        return FundingLine.objects.filter(pk__in=filtered.values("pk"))
    return filtered


def names(model, pks):
    """{pk: (name, slug)}."""
    return {
        pk: (name, slug)
        for pk, name, slug in model.objects.filter(pk__in=pks).values_list("pk", "name", "slug")
    }


# The three sums kept apart everywhere, never added together: money committed (granted or
# paid), requested and not decided, refused. A line of unknown state has no amount (a
# constraint of FundingLine): it is only counted, as « listed ».
BUCKETS = {
    **dict.fromkeys(COMMITTED, "committed"),
    FundingStatus.REQUESTED: "requested",
    FundingStatus.REFUSED: "refused",
}


def line_groups(filtered, year=None):
    """The filtered lines' money by budget year and their counts, in four scans whatever
    their number (www/funding/money.py spreads the lines over their years), with the funders'
    and programmes' names: {"money": [...], "counts": [...]}. With `year`, the money of that
    year only (the lines are those that cover it)."""
    lines = lines_of(filtered)
    money = [row for row in yearly_money(lines) if year is None or row["year"] == year]
    counts = [
        dict(zip(("funder", "programme", "status", "lines", "unknown"), row, strict=True))
        for row in lines.values_list("funder", "programme", "status")
        .annotate(lines=Count("pk"), unknown=UNKNOWN)
        .order_by()
    ]
    for field, model in (("funder", Funder), ("programme", Programme)):
        named = names(model, {row[field] for row in counts} - {None})
        for row in (*money, *counts):
            row[f"{field}__name"], row[f"{field}__slug"] = named.get(row[field], (None, None))
    return {"money": money, "counts": counts}


# The same few hundred funder and programme names are sorted on every request.
_unaccented = functools.lru_cache(maxsize=4096)(unaccent)


def reading_order(value):
    """Sort key: unknown last, names alphabetically whatever their accents and capitals."""
    if isinstance(value, str):
        return (False, _unaccented(value), value)
    return (value is None, value or 0)


def empty_total(key=None, label=""):
    return {
        "key": key,
        "label": label,
        "committed": None,
        "requested": None,
        "refused": None,
        "spread": None,
        "lines": 0,
        "listed": 0,
        "unknown": 0,
    }


def _add_money(into, row):
    if row["amount"] is None:
        return
    bucket = BUCKETS[row["status"]]
    into[bucket] = row["amount"] if into[bucket] is None else into[bucket] + row["amount"]
    if row["spread"] is not None:
        into["spread"] = (into["spread"] or 0) + row["spread"]


def _add_count(into, row):
    into["lines"] += row["lines"]
    into["unknown"] += row["unknown"]
    # Lines of unknown state (listed by a programme): counted apart, never with money.
    if row["status"] == FundingStatus.UNKNOWN:
        into["listed"] += row["lines"]


def totals_by(groups, field, label, counted_by_year=False):
    """Rows of a totals table: the money of `groups["money"]` and the lines of
    `groups["counts"]` (or, by year, the lines that cover each year), by `field`."""
    totals = {}

    def total(key):
        if key not in totals:
            totals[key] = empty_total(key, label(key))
        return totals[key]

    for row in groups["money"]:
        _add_money(total(row[field]), row)
    for row in groups["year_counts" if counted_by_year else "counts"]:
        _add_count(total(row[field]), row)
    return [totals[key] for key in sorted(totals, key=reading_order)]


def all_totals(groups):
    """Overall and per funder, programme, budget year and state, from `line_groups()`."""
    overall = empty_total()
    for row in groups["money"]:
        _add_money(overall, row)
    for row in groups["counts"]:
        _add_count(overall, row)
    groups = {**groups, "year_counts": year_counts(groups["money"])}
    by_funder = totals_by(groups, "funder__name", lambda name: name or "financeur non indiqué")
    slugs = {row["funder__name"]: row["funder__slug"] for row in groups["counts"]}
    for row in by_funder:
        if slugs.get(row["key"]):
            row["url"] = slug_url("funding:funder", slugs[row["key"]])
    return {
        "overall": overall,
        "by_funder": by_funder,
        "by_programme": totals_by(groups, "programme__name", lambda name: name or "hors programme"),
        "by_year": totals_by(
            groups,
            "year",
            lambda year: str(year) if year else "année non communiquée",
            counted_by_year=True,
        ),
        "by_status": totals_by(groups, "status", lambda status: FundingStatus(status).label),
    }


def year_counts(money):
    """The lines counted under each year they cover (from the money rows, which carry them)."""
    return [{key: row[key] for key in ("year", "status", "lines", "unknown")} for row in money]


CAPPED = Q(kind=FundingKind.STUDY, programme__study_max_amount__isnull=False) | Q(
    kind=FundingKind.OPERATING, programme__operating_max_years__isnull=False
)


def cap_rows(filtered):
    """Per pole, programme and kind of aid under a capped programme: the amounts used (all
    but refused), the years and posts, and the programme's caps."""
    capped = CAPPED
    return (
        lines_of(filtered)
        .filter(capped)
        .exclude(status=FundingStatus.REFUSED)
        .values(
            "pole",
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
    )


def cap_usage(filtered, shown=CAPS_SHOWN):
    """For each pole under a capped programme, what it uses of the programme's caps: the
    first `shown` rows (by pole), and whether there are more."""
    usages = [_usage(row) for row in cap_rows(filtered)[: shown + 1]]
    return usages[:shown], len(usages) > shown


def pole_year_table(filtered, year=None, limit=None):
    """The pole × year table: each pole with committed money or a capped programme's line,
    its committed money per budget year (money.py), its total, its programmes' caps and what
    is left of them (caps less the amounts used, as the caps table counts them). Poles by
    name; with `limit`, the first `limit` of them only, read alone (a national page shows 50
    of 500). (years, rows, whether there are more). A few scans whatever the lines."""
    lines = lines_of(filtered)
    committed = Q(status__in=COMMITTED, amount__isnull=False)
    in_table = lines.filter(committed | (CAPPED & ~Q(status=FundingStatus.REFUSED)))
    poles = Pole.objects.filter(pk__in=in_table.values("pole")).order_by("name")
    named = list((poles[: limit + 1] if limit else poles).values_list("pk", "name", "slug"))
    more = bool(limit) and len(named) > limit
    if limit:
        named = named[:limit]
        lines = lines.filter(pole__in=[pk for pk, _name, _slug in named])
    money = committed_by_pole_and_year(lines)
    if year is not None:
        money = {pole: {year: row[year]} for pole, row in money.items() if year in row}
    caps = {}
    for row in cap_rows(lines):
        usage = _usage(row)
        if usage["cap"] is not None:
            cap, used = caps.get(row["pole"], (0, 0))
            caps[row["pole"]] = (cap + usage["cap"], used + (usage["total"] or 0))
    years = sorted({y for row in money.values() for y in row}, key=reading_order)
    rows = []
    for pk, name, slug in named:
        amounts = money.get(pk, {})
        cap, used = caps.get(pk, (None, None))
        rows.append(
            {
                "pole": name,
                "slug": slug,
                "amounts": [amounts.get(y) for y in years],
                "total": sum(amounts.values()) if amounts else None,
                "cap": cap,
                "left": cap - used if cap is not None else None,
            }
        )
    rows.sort(key=lambda row: reading_order(row["pole"]))
    return years, rows, more


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
    """Money committed (granted or paid) per budget year, stacked by funder (the `top`
    largest, then « autres »), from `line_groups()`."""
    known = {}
    by_funder = {}
    for row in groups["money"]:
        year, name, amount = row["year"], row["funder__name"], row["amount"]
        if year is not None and amount is not None and BUCKETS[row["status"]] == "committed":
            known[year, name] = known.get((year, name), 0) + amount
            by_funder[name] = by_funder.get(name, 0) + amount
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
