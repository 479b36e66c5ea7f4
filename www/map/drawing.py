"""The map of the network, drawn by the server as SVG (templates/map/): each territory the
union of the communes of its pieces (territories/geo/), coloured by its pole's stage, with a
pattern beside the colour (never colour alone), and the départements' outlines.

The outlines depend on the map's data and the territories' composition only: they are kept
per process for a given composition (`territory_path`), so a page draws from memory."""

import functools
from dataclasses import dataclass, field

from poles.enums import PoleStatus
from territories.geo import outlines
from territories.models import Territory, TerritoryPart

# The stages a territory is drawn by, the most advanced first: its most advanced pole's.
STAGES = {
    "operating": "pôle en fonctionnement",
    "prefiguration": "pôle en préfiguration",
    "informal": "collectif informel",
    "paused": "pôle en pause",
    "none": "pas de pôle",
}
# A solid colour for the pole at work; a pattern for the others (templates/map/_patterns.html).
FILLS = {
    "operating": "#1f6f4a",
    "prefiguration": "url(#motif-prefiguration)",
    "informal": "url(#motif-informal)",
    "paused": "url(#motif-paused)",
    "none": "#eef0f2",
}
RANK = {
    PoleStatus.OPERATING: "operating",
    PoleStatus.PREFIGURATION: "prefiguration",
    PoleStatus.INFORMAL: "informal",
    PoleStatus.PAUSED: "paused",
}
# Drawn first, under the others: a département under its Pays and its metropole.
LAYERS = [Territory.Kind.DEPARTMENT, Territory.Kind.PAYS, Territory.Kind.METROPOLE]


@dataclass
class Shape:
    territory: Territory
    stage: str
    poles: list = field(default_factory=list)
    path: str = ""

    @property
    def stage_label(self):
        return STAGES[self.stage]

    @property
    def fill(self):
        return FILLS[self.stage]

    @property
    def drawn(self):
        return bool(self.path)


def legend():
    return [(label, FILLS[stage]) for stage, label in STAGES.items()]


def stage_of(statuses):
    for stage in ("operating", "prefiguration", "informal", "paused"):
        if any(RANK.get(status) == stage for status in statuses):
            return stage
    return "none"


@functools.lru_cache(maxsize=512)
def territory_path(parts):
    """SVG path of a composition, a tuple of (kind, code): '' when it makes no commune."""
    return outlines.path(outlines.communes_of(parts))


def outline_of(pieces):
    """SVG path of a territory's pieces, (kind, code) pairs in any order: '' when they make
    no commune."""
    parts = tuple(sorted(tuple(piece) for piece in pieces))
    return territory_path(parts) if parts else ""


@functools.cache
def department_paths():
    data = outlines.geometry()
    return [
        (code, data["departments"][code], outlines.path(communes))
        for code, communes in sorted(data["by_department"].items())
    ]


@functools.cache
def view_box(margin=4):
    xs, ys = [], []
    for commune in outlines.geometry()["communes"].values():
        for ring in commune["rings"]:
            xs.extend(point[0] for point in ring)
            ys.extend(point[1] for point in ring)
    left, top = min(xs) - margin, min(ys) - margin
    return f"{left} {top} {max(xs) + margin - left} {max(ys) + margin - top}"


def pieces_of(territories):
    """{territory id: [(kind, code)…]} of these territories, in one query (rows, not records:
    a national map reads them on every uncached page)."""
    pieces = {}
    rows = TerritoryPart.objects.filter(territory__in=[t.pk for t in territories])
    for territory, kind, code in rows.values_list("territory_id", "kind", "code"):
        pieces.setdefault(territory, []).append((kind, code))
    return pieces


def shapes(territories, poles_by_territory, pieces):
    """A Shape per territory, in drawing order, from its pieces (`pieces_of`)."""
    result = []
    for territory in sorted(territories, key=lambda t: (LAYERS.index(t.kind), t.name)):
        poles = poles_by_territory.get(territory.pk, [])
        path = outline_of(pieces.get(territory.pk, ()))
        result.append(Shape(territory, stage_of([pole.status for pole in poles]), poles, path))
    return result


def drawable():
    """The territories a map may draw: those of the kinds it layers, in the régions whose
    départements the map's data covers."""
    return Territory.objects.filter(
        kind__in=LAYERS, region__departments__code__in=list(outlines.geometry()["departments"])
    ).distinct()


def locator(territories, pieces):
    """A small map of where `territories` lie: the départements' outlines and the territories
    filled; None when none can be drawn. Their pieces: {territory id: [(kind, code)…]}."""
    paths = [outline_of(pieces.get(territory.pk, ())) for territory in territories]
    paths = [path for path in paths if path]
    if not paths:
        return None
    names = [territory.name for territory in territories]
    return {
        "paths": paths,
        "departments": department_paths(),
        "view_box": view_box(),
        "label": f"Situation de {' et '.join(names)} en Bretagne et Loire-Atlantique",
    }
