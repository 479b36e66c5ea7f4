"""What the Region's officers read on /financements/: totals, caps used, the chart's data.

Every total is one SQL query over the filtered lines, whatever their number. Lines whose
amount is unknown are counted apart, never added as zero."""

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from poles.enums import FundingKind, FundingStatus
from poles.models import FundingLine

UNKNOWN = Count("pk", filter=Q(amount__isnull=True))


def lines_of(filtered):
    """The filtered lines without the duplicates a territory join may bring."""
    return FundingLine.objects.filter(pk__in=filtered.values("pk"))


def totals_by(filtered, field, label=None):
    rows = (
        lines_of(filtered)
        .values(field)
        .annotate(total=Sum("amount"), lines=Count("pk"), unknown=UNKNOWN)
        .order_by(field)
    )
    return [
        {
            "key": row[field],
            "label": label(row[field]) if label else row[field],
            "total": row["total"],
            "lines": row["lines"],
            "unknown": row["unknown"],
        }
        for row in rows
    ]


def all_totals(filtered):
    overall = lines_of(filtered).aggregate(total=Sum("amount"), lines=Count("pk"), unknown=UNKNOWN)
    return {
        "overall": overall,
        "by_funder": totals_by(
            filtered, "funder__name", lambda name: name or "financeur non indiqué"
        ),
        "by_programme": totals_by(
            filtered, "programme__name", lambda name: name or "hors programme"
        ),
        "by_year": totals_by(
            filtered, "start_year", lambda year: str(year) if year else "année non communiquée"
        ),
        "by_status": totals_by(filtered, "status", lambda status: FundingStatus(status).label),
    }


def cap_usage(filtered):
    """For each pole under a capped programme, what it uses of the programme's caps."""
    rows = (
        lines_of(filtered)
        .filter(programme__isnull=False, kind__in=[FundingKind.STUDY, FundingKind.OPERATING])
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
    )
    return [usage for row in rows if (usage := _usage(row))]


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
        if per_post is not None and posts and max_years:
            usage["cap"] = per_post * posts * max_years
    if usage["cap"] is None and usage["max_years"] is None:
        return None
    return usage


def chart_series(filtered, top=6):
    """Known amounts per first year, stacked by funder (the `top` largest, then « autres »)."""
    rows = (
        lines_of(filtered)
        .filter(amount__isnull=False, start_year__isnull=False)
        .values("start_year", "funder__name")
        .annotate(total=Sum("amount"))
        .order_by("start_year", "funder__name")
    )
    rows = list(rows)
    by_funder = {}
    for row in rows:
        by_funder[row["funder__name"]] = by_funder.get(row["funder__name"], 0) + row["total"]
    kept = sorted(by_funder, key=lambda name: -by_funder[name])[:top]
    years = sorted({row["start_year"] for row in rows})
    series = {name: dict.fromkeys(years, 0) for name in kept}
    if len(by_funder) > top:
        series["autres financeurs"] = dict.fromkeys(years, 0)
    for row in rows:
        name = row["funder__name"] if row["funder__name"] in kept else "autres financeurs"
        series[name][row["start_year"]] += row["total"]
    return years, series
