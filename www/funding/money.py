"""Money by budget year (issue 16, point 3).

A funding line covering several years is read year by year:
- with a schedule (`FundingLine.schedule`, entered in the admin, adding up to the line's
  amount), each year has its own amount: it is known;
- without one, its amount is spread evenly over its years: derived (`spread`), and said so on
  the page. An even split is the one reading that assumes nothing the documents do not say; a
  line of one year is not spread.
A line whose amount is not known has no money in any year: it is counted apart. A line
without a first year has its money under « année non communiquée » (year None).

One scan whatever the number of lines: the lines grouped by funder, programme, state, years
and schedule (lines of the same years are spread together: the split of their sum is the sum
of their splits; lines of the same schedule have each its amounts)."""

from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Q, Sum

from funding.enums import FundingStatus
from poles.models.funding_line import yearly_amounts

CENT = Decimal("0.01")
GROUP = ("funder", "programme", "status")


def spread(total, years):
    """`total` over `years` in even shares to the cent, the remainder on the last year."""
    if len(years) == 1:
        return {years[0]: total}
    share = (total / len(years)).quantize(CENT, rounding=ROUND_DOWN)
    shares = [share] * len(years)
    shares[-1] += total - share * len(years)
    return dict(zip(years, shares, strict=True))


def _plus(a, b):
    return b if a is None else a if b is None else a + b


def yearly_money(lines):
    """Rows {funder, programme, status, year, amount, spread, lines, unknown}: the money of
    `lines` (a queryset) in each budget year (`spread`: the part of it spread evenly, None if
    none), and the lines that cover that year; one row per funder, programme, state and year."""
    rows = {}

    def add(key, amount, spread_part, count, unknown):
        row = rows.get(key)
        if row is None:
            funder, programme, status, year = key
            row = rows[key] = {
                "funder": funder,
                "programme": programme,
                "status": status,
                "year": year,
                "amount": None,
                "spread": None,
                "lines": 0,
                "unknown": 0,
            }
        row["amount"] = _plus(row["amount"], amount)
        row["spread"] = _plus(row["spread"], spread_part)
        row["lines"] += count
        row["unknown"] += unknown

    # One scan: lines of the same funder, programme, state, years and schedule together (a
    # schedule is a JSON value: equal schedules group, each line's money is its share).
    groups = (
        lines.values_list(*GROUP, "start_year", "end_year", "schedule")
        .annotate(
            total=Sum("amount"), count=Count("pk"), unknown=Count("pk", filter=Q(amount=None))
        )
        .order_by()
    )
    for funder, programme, status, first, last, schedule, total, count, unknown in groups:
        if schedule:
            for year, amount in yearly_amounts(schedule).items():
                add((funder, programme, status, year), amount * count, None, count, 0)
            continue
        years = [None] if first is None else list(range(first, (last or first) + 1))
        shares = spread(total, years) if total is not None else dict.fromkeys(years)
        spread_out = len(years) > 1
        for year, share in shares.items():
            add(
                (funder, programme, status, year),
                share,
                share if spread_out else None,
                count,
                unknown,
            )
    return list(rows.values())


# Money committed: granted or paid (the other states are counted apart, never added to it).
COMMITTED = (FundingStatus.GRANTED, FundingStatus.PAID)


def committed_by_pole_and_year(lines):
    """{pole id: {year: committed amount}}: each line's money spread over its years, or its
    schedule; lines without a first year under None. One scan."""
    table = {}
    groups = (
        lines.filter(status__in=COMMITTED, amount__isnull=False)
        .values_list("pole", "start_year", "end_year", "schedule")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    for pole, first, last, schedule, total, count in groups:
        if schedule:
            shares = {year: amount * count for year, amount in yearly_amounts(schedule).items()}
        else:
            years = [None] if first is None else list(range(first, (last or first) + 1))
            shares = spread(total, years)
        row = table.setdefault(pole, {})
        for year, amount in shares.items():
            row[year] = row.get(year, 0) + amount
    return table
