"""A stacked bar chart drawn as SVG by the template: no JavaScript, no image file."""

from decimal import Decimal

from core.formats import euros

# Distinguishable colours (also for colour-blind readers); each bar also has a <title>.
PALETTE = ["#0b5c6b", "#e07b39", "#5b8c2a", "#8e5ea2", "#c9a227", "#3b7dd8", "#7a7a7a"]
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 90, 20, 20, 40


def nice_ceiling(value):
    """The round number a scale ends on: 87 000 → 100 000, 210 000 → 250 000."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def stacked_bars(years, series):
    """Geometry of the bars, axis ticks and legend for `series` {name: {year: amount}}."""
    if not years:
        return None
    totals = {year: sum(values[year] for values in series.values()) for year in years}
    top = nice_ceiling(max(totals.values()))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(years)
    bar_width = min(slot * 0.6, 80)

    def y_of(amount):
        return TOP + plot_height - float(amount / top) * plot_height

    bars = []
    for index, year in enumerate(years):
        x = LEFT + index * slot + (slot - bar_width) / 2
        base = Decimal(0)
        for colour, (name, values) in zip(PALETTE, series.items(), strict=False):
            amount = values[year]
            if amount:
                bars.append(
                    {
                        "x": round(x, 1),
                        "y": round(y_of(base + amount), 1),
                        "width": round(bar_width, 1),
                        "height": round(y_of(base) - y_of(base + amount), 1),
                        "colour": colour,
                        "title": f"{year}, {name} : {euros(amount)}",
                    }
                )
            base += amount
    ticks = [
        {"y": round(y_of(top * step / 4), 1), "label": euros(top * step / 4)} for step in range(5)
    ]
    labels = [
        {"x": round(LEFT + index * slot + slot / 2, 1), "label": str(year)}
        for index, year in enumerate(years)
    ]
    legend = [
        {"name": name, "colour": colour} for colour, name in zip(PALETTE, series, strict=False)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": TOP + plot_height,
        "bars": bars,
        "ticks": ticks,
        "labels": labels,
        "legend": legend,
        "table": [
            {
                "year": year,
                "amounts": [series[name][year] for name in series],
                "total": totals[year],
            }
            for year in years
        ],
        "names": list(series),
    }
