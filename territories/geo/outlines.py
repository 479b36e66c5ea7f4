"""Outlines of unions of communes, as SVG paths, from `communes.json` (scripts/geo/build.py).

The communes were simplified as one coverage: two neighbours share the very same border,
point for point. The outline of a set of communes is then the segments that belong to an odd
number of them (a border between two communes of the set cancels out), chained into rings
and drawn with the even-odd rule. No GIS library: a few milliseconds for a Pays."""

import functools
import json
from collections import Counter, defaultdict
from pathlib import Path

FILE = Path(__file__).with_name("communes.json")


@functools.cache
def geometry():
    """The file, read once per process: communes by INSEE code, and their indexes."""
    data = json.loads(FILE.read_text(encoding="utf-8"))
    communes = {
        code: {"name": name, "department": department, "epci": epci, "rings": rings}
        for code, name, department, epci, rings in data.pop("communes")
    }
    by_epci, by_department = defaultdict(list), defaultdict(list)
    for code, commune in communes.items():
        if commune["epci"]:
            by_epci[commune["epci"]].append(code)
        by_department[commune["department"]].append(code)
    return {**data, "communes": communes, "by_epci": by_epci, "by_department": by_department}


def segments(codes):
    """The segments of the union's outline: those of an odd number of the communes."""
    communes = geometry()["communes"]
    count = Counter()
    for code in sorted(codes):  # the same path, whatever the set's order (hash seed)
        for ring in communes[code]["rings"]:
            for index, start in enumerate(ring):
                end = ring[index - 1]
                count[
                    (tuple(start), tuple(end)) if start < end else (tuple(end), tuple(start))
                ] += 1
    return [segment for segment, times in count.items() if times % 2]


def rings(codes):
    """The outline's segments chained into closed rings of points."""
    neighbours = defaultdict(list)
    for start, end in segments(codes):
        neighbours[start].append(end)
        neighbours[end].append(start)
    outlines = []
    for first in sorted(neighbours):
        while neighbours[first]:
            ring, point = [first], first
            while True:
                following = neighbours[point].pop()
                neighbours[following].remove(point)
                if following == first:
                    break
                ring.append(following)
                point = following
            outlines.append(ring)
    return outlines


def path(codes):
    """SVG path data of the union of communes, relative moves (« M x y l dx dy … z »)."""
    parts = []
    for ring in rings(codes):
        x, y = ring[0]
        steps = []
        for point_x, point_y in ring[1:]:
            steps.append(f"{point_x - x} {point_y - y}")
            x, y = point_x, point_y
        parts.append(f"M{ring[0][0]} {ring[0][1]}l{' '.join(steps)}z")
    return "".join(parts).replace(" -", "-")


# ----- a territory's pieces (territories.models.TerritoryPart): kind and code

COVERED = "la Bretagne et la Loire-Atlantique"


def part_name(kind, code):
    """The name of an EPCI, a commune or a département in the map's data, or None."""
    data = geometry()
    if kind == "epci":
        return data["epcis"].get(code)
    if kind == "department":
        return data["departments"].get(code)
    commune = data["communes"].get(code)
    return commune["name"] if commune else None


def unknown_part(kind, code):
    """A French message when the map's data does not know the piece, else None."""
    if part_name(kind, code) is not None:
        return None
    what = {
        "epci": f"Aucune intercommunalité de SIREN « {code} »",
        "department": f"Aucun département « {code} »",
    }.get(kind, f"Aucune commune de code INSEE « {code} »")
    return f"{what} dans le fond de carte, qui couvre {COVERED}."


def communes_of(parts):
    """The INSEE codes of the communes that (kind, code) pieces make up: EPCIs and
    départements, plus the communes added, less the communes removed."""
    data = geometry()
    codes = set()
    for kind, code in parts:
        if kind == "epci":
            codes.update(data["by_epci"].get(code, ()))
        elif kind == "department":
            codes.update(data["by_department"].get(code, ()))
        elif kind == "commune_added" and code in data["communes"]:
            codes.add(code)
    return codes - {code for kind, code in parts if kind == "commune_removed"}
