"""The sample files (fixtures/imports/): the seed's key figures and actors, nothing else.
Importing them into the seeded database changes nothing; into a database without them,
creates them; the script rebuilds them; they are what the admin exports from the seed."""

import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from actors.models import Actor
from core.web_addresses import completed
from poles.models import Membership, Pole, PoleNetwork, Study
from territories.models import KeyFigures
from tests.core.imports.admin_steps import confirm, export, preview
from tests.core.imports.spreadsheets import read_csv, read_xlsx
from tests.pages import page_text

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "imports"
KEY_FIGURES_SAMPLE = SAMPLES / "chiffres-cles.csv"
ACTORS_SAMPLE = SAMPLES / "acteurs.xlsx"
SEED = json.loads((Path(settings.BASE_DIR) / "fixtures" / "seed.json").read_text())


def sample(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


def seed_records(model):
    return [record for record in SEED if record["model"] == model]


def key_figures_values():
    fields = ["territory_id", "year", "source", "establishments", "salaried_jobs"]
    fields += ["salaried_jobs_share", "associations", "associations_share_stated"]
    fields += ["cooperatives", "cooperatives_share_stated"]
    return sorted(KeyFigures.objects.values_list(*fields)), fields


def actors_values():
    return sorted(Actor.objects.values_list("name", "slug", "kind", "territory_id", "website"))


def memberships():
    return sorted(Membership.objects.values_list("actor__name", "pole_id", "role"))


@pytest.mark.parametrize(
    ("path", "model", "count"),
    [(KEY_FIGURES_SAMPLE, KeyFigures, 3), (ACTORS_SAMPLE, Actor, 16)],
    ids=["key figures", "actors"],
)
def test_importing_a_sample_into_the_seeded_database_changes_nothing(
    staff_client, seed, path, model, count
):
    before = key_figures_values(), actors_values(), memberships()

    response = preview(staff_client, model, sample(path))
    text = page_text(response)
    assert f"0 ajout, 0 modification, {count} lignes inchangées." in text
    # The preview shows every column as recorded, the poles by their names.
    sample_cell = "Pôle ESS du Pays de Dinan : partenaire" if model is Actor else "13862"
    assert sample_cell in text
    confirm(staff_client, model, response)

    assert (key_figures_values(), actors_values(), memberships()) == before
    assert KeyFigures.revisions.count() == Actor.revisions.count() == 0
    assert Membership.revisions.count() == 0


@pytest.fixture
def seed_without_figures_and_actors(seed):
    """The seed's territories and poles, without key figures, actors and what refers to them."""
    KeyFigures.objects.all().delete()
    Membership.objects.all().delete()
    PoleNetwork.objects.all().delete()
    Pole.objects.update(carrying_structure=None)
    Study.objects.update(carrier=None)
    Actor.objects.all().delete()


def test_the_key_figures_sample_creates_the_seeds_figures(
    staff_client, seed_without_figures_and_actors
):
    response = preview(staff_client, KeyFigures, sample(KEY_FIGURES_SAMPLE))
    assert "3 ajouts, 0 modification, 0 ligne inchangée." in page_text(response)
    confirm(staff_client, KeyFigures, response)

    values, fields = key_figures_values()
    expected = []
    for record in seed_records("territories.keyfigures"):
        seeded = {**record["fields"], "territory_id": record["fields"]["territory"]}
        # The seed writes the shares as text ("11.5").
        shares = {n: Decimal(v) for n, v in seeded.items() if "share" in n and v is not None}
        expected.append(tuple({**seeded, **shares}[name] for name in fields))
    assert values == sorted(expected)


def test_the_actors_sample_creates_the_seeds_actors_and_participations(
    staff_client, seed_without_figures_and_actors
):
    response = preview(staff_client, Actor, sample(ACTORS_SAMPLE))
    assert "16 ajouts, 0 modification, 0 ligne inchangée." in page_text(response)
    confirm(staff_client, Actor, response)

    actors = {record["pk"]: record["fields"] for record in seed_records("actors.actor")}
    assert actors_values() == sorted(
        (a["name"], a["slug"], a["kind"], a["territory"], completed(a.get("website", "")))
        for a in actors.values()
    )
    assert memberships() == sorted(
        (actors[m["fields"]["actor"]]["name"], m["fields"]["pole"], m["fields"]["role"])
        for m in seed_records("poles.membership")
    )


def test_the_samples_are_what_the_admin_exports_from_the_seed(staff_client, seed):
    exported = read_csv(export(staff_client, KeyFigures, "csv").content)
    written = read_csv(KEY_FIGURES_SAMPLE.read_bytes())
    assert exported[0] == written[0]
    assert sorted(exported[1:]) == sorted(written[1:])

    exported = read_xlsx(export(staff_client, Actor, "xlsx").content)
    written = read_xlsx(ACTORS_SAMPLE.read_bytes())
    assert exported[0] == written[0]
    assert sorted(map(str, exported[1:])) == sorted(map(str, written[1:]))


def test_the_script_rebuilds_the_samples(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build_samples.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "KEY_FIGURES", tmp_path / "chiffres-cles.csv")
    monkeypatch.setattr(script, "ACTORS", tmp_path / "acteurs.xlsx")

    script.main()

    assert script.KEY_FIGURES.read_bytes() == KEY_FIGURES_SAMPLE.read_bytes()
    assert read_xlsx(script.ACTORS.read_bytes()) == read_xlsx(ACTORS_SAMPLE.read_bytes())
