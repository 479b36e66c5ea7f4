"""The seed fixture: it loads on an empty database, reloads without duplicates, and is valid."""

import importlib.util
import json
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from campaigns.models import YearlyFiche
from core.slugs import french_slugify
from funding.enums import FundingKind, FundingStatus
from funding.models import Programme
from poles.enums import PoleStatus
from poles.models import FundingLine, Pole, StatusChange
from territories.models import Region, Territory
from tests.portal_models import domain_models

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"
SEED_JSON = FIXTURES_DIR / "seed.json"

PROGRAMME_NAME = (
    "Soutien à la création de pôles de développement de l'économie sociale et solidaire "
    "dans les Pays"
)

PAYS_OF_BRETAGNE = {
    "Pays de Brest": {"29"},
    "Pays de Morlaix": {"29"},
    "Pays de Cornouaille": {"29"},
    "Pays du Centre-Ouest Bretagne": {"22", "29", "56"},
    "Pays de Dinan": {"22"},
    "Pays de Saint-Brieuc": {"22"},
    "Pays de Guingamp": {"22"},
    "Pays du Trégor-Goëlo": {"22"},
    "Pays du Centre Bretagne": {"22", "56"},
    "Pays de Lorient": {"56"},
    "Pays d'Auray": {"56"},
    "Pays de Vannes": {"56"},
    "Pays de Pontivy": {"56"},
    "Pays de Ploërmel – Cœur de Bretagne": {"56"},
    "Pays de Redon et Vilaine": {"35", "56", "44"},
    "Pays de Rennes": {"35"},
    "Pays de Saint-Malo": {"35"},
    "Pays de Fougères": {"35"},
    "Pays de Vitré – Porte de Bretagne": {"35"},
    "Pays de Brocéliande": {"35"},
    "Pays des Vallons de Vilaine": {"35"},
}

# « Impacts / évaluation » of the Region's fiche, October 2010.
OPERATING_POLES = {
    "CADES": "Pays de Redon et Vilaine",
    "Réso solidaire": "Pays de Rennes",
    "ADESS Pays de Brest": "Pays de Brest",
    "ADESS Pays de Morlaix": "Pays de Morlaix",
    "BRAS": "Pays de Brocéliande",
    "Horizons solidaires": "Pays de Saint-Malo",
    "Vallons solidaires": "Pays des Vallons de Vilaine",
    "E2S": "Pays de Vannes",
}
PREFIGURATION_POLES = {
    "Pôle ESS du Pays de Dinan": "Pays de Dinan",
    "Pôle ESS du Pays de Fougères": "Pays de Fougères",
    "Pôle ESS du Pays de Saint-Brieuc": "Pays de Saint-Brieuc",
    "Pôle ESS du Pays de Cornouaille": "Pays de Cornouaille",
    "C2SOL": "Pays de Lorient",
    "Pôle ESS du Pays du Trégor-Goëlo": "Pays du Trégor-Goëlo",
}


def seeded_models():
    # The seed's fiches 2009–2010 too (campaigns.YearlyFiche).
    return [*domain_models(), YearlyFiche]


def counts():
    """Rows of every model of both apps, and of their many-to-many tables."""
    result = {}
    for model in seeded_models():
        result[model._meta.label] = model.objects.count()
        for field in model._meta.many_to_many:
            result[field.remote_field.through._meta.label] = (
                field.remote_field.through.objects.count()
            )
    return result


def load_seed():
    call_command("loaddata", "seed", verbosity=0)


@pytest.mark.django_db
def test_seed_loads_on_an_empty_database():
    assert all(count == 0 for count in counts().values())

    load_seed()

    expected = Counter(record["model"] for record in json.loads(SEED_JSON.read_text("utf-8")))
    for model in seeded_models():
        label = model._meta.label_lower
        assert expected[label] > 0, f"no {label} in the seed"
        assert model.objects.count() == expected[label], label


@pytest.mark.django_db
def test_loading_the_seed_twice_duplicates_nothing():
    load_seed()
    first = counts()

    load_seed()

    assert counts() == first
    assert first["territories.Territory_departments"] > 0
    assert first["poles.Pole_territories"] > 0
    assert first["poles.Pole_functions"] == 4


@pytest.mark.django_db
def test_load_seed_command_loads_once_and_never_overwrites_staff_edits():
    """What `make run` does at every start."""
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "Données initiales chargées." in out.getvalue()
    first = counts()
    Pole.objects.filter(name="C2SOL").update(actors_count=31)  # a CRES edit

    out = StringIO()
    call_command("load_seed", stdout=out)

    assert "déjà présentes" in out.getvalue()
    assert counts() == first
    assert Pole.objects.get(name="C2SOL").actors_count == 31


@pytest.mark.django_db
def test_load_seed_force_reloads_the_seeded_values_without_duplicates():
    call_command("load_seed", stdout=StringIO())
    first = counts()
    Pole.objects.filter(name="C2SOL").update(actors_count=31)

    call_command("load_seed", "--force", stdout=StringIO())

    assert counts() == first
    assert Pole.objects.get(name="C2SOL").actors_count == 30


def test_every_seeded_model_is_in_the_build_order():
    spec = importlib.util.spec_from_file_location("build_seed", FIXTURES_DIR / "build_seed.py")
    build_seed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_seed)

    assert sorted(build_seed.MODEL_ORDER) == sorted(m._meta.label_lower for m in seeded_models())


@pytest.mark.django_db
def test_every_seeded_record_is_valid(seed):
    checked = 0
    for model in seeded_models():
        for obj in model.objects.all():
            obj.full_clean()
            checked += 1
    assert checked == len(json.loads(SEED_JSON.read_text("utf-8")))


@pytest.mark.django_db
def test_clean_does_not_move_any_seeded_date(seed):
    """Dates known to the month or year are already stored on the 1st (what clean() does)."""
    for model in seeded_models():
        fuzzy_dates = getattr(model, "fuzzy_dates", ())
        for obj in model.objects.all():
            before = {name: getattr(obj, name) for name in fuzzy_dates}
            obj.clean()
            assert {name: getattr(obj, name) for name in fuzzy_dates} == before


@pytest.mark.django_db
def test_slugs_are_what_the_admin_would_generate(seed):
    for model in seeded_models():
        if not any(field.name == "slug" for field in model._meta.fields):
            continue
        for obj in model.objects.all():
            assert obj.slug == french_slugify(obj.name)[:200], obj


@pytest.mark.django_db
def test_regions_and_departments(seed):
    bretagne = Region.objects.get(code="53")
    pays_de_la_loire = Region.objects.get(code="52")
    assert (bretagne.name, bretagne.slug) == ("Bretagne", "bretagne")
    assert (pays_de_la_loire.name, pays_de_la_loire.slug) == (
        "Pays de la Loire",
        "pays-de-la-loire",
    )
    assert {d.code: d.name for d in bretagne.departments.all()} == {
        "22": "Côtes-d'Armor",
        "29": "Finistère",
        "35": "Ille-et-Vilaine",
        "56": "Morbihan",
    }
    assert {d.code: d.name for d in pays_de_la_loire.departments.all()} == {
        "44": "Loire-Atlantique"
    }


@pytest.mark.django_db
def test_the_21_pays_of_bretagne_exist(seed):
    pays = Territory.objects.filter(kind=Territory.Kind.PAYS).prefetch_related("departments")

    assert {p.name: {d.code for d in p.departments.all()} for p in pays} == PAYS_OF_BRETAGNE
    assert {p.region.code for p in pays} == {"53"}
    assert Territory.objects.get(name="Pays de Lorient").slug == "pays-de-lorient"
    # A Pays can span several departments, even across regions (Redon: 35, 56 and 44).
    redon = Territory.objects.get(name="Pays de Redon et Vilaine")
    assert redon in Territory.objects.filter(departments__code="44")


@pytest.mark.django_db
def test_the_14_poles_of_october_2010_exist(seed):
    programme = Programme.objects.get(name=PROGRAMME_NAME)
    october_2010 = StatusChange.objects.filter(changed_on=date(2010, 10, 1))

    assert october_2010.count() == 14
    assert {c.pole.name for c in october_2010.filter(status=PoleStatus.OPERATING)} == set(
        OPERATING_POLES
    )
    assert {c.pole.name for c in october_2010.filter(status=PoleStatus.PREFIGURATION)} == set(
        PREFIGURATION_POLES
    )
    for name, pays in {**OPERATING_POLES, **PREFIGURATION_POLES}.items():
        pole = Pole.objects.get(name=name)
        assert [t.name for t in pole.territories.all()] == [pays]
        (line,) = FundingLine.objects.filter(pole=pole, programme=programme)
        assert line.funder == programme.funder
        # listed by the programme: state and kind « non communiqué(e) »
        assert (line.status, line.kind) == (FundingStatus.UNKNOWN, FundingKind.UNKNOWN)
        assert (line.amount, line.start_year, line.posts, line.study) == (None, None, None, None)
        if name in OPERATING_POLES:
            assert pole.status == PoleStatus.OPERATING
        else:
            assert pole.status == PoleStatus.PREFIGURATION


@pytest.mark.django_db
def test_with_les_ecosolies_there_are_15_poles(seed):
    assert Pole.objects.count() == 15
    assert Pole.objects.filter(status=PoleStatus.OPERATING).count() == 9


@pytest.mark.django_db
def test_each_pole_status_is_its_latest_status_change(seed):
    for pole in Pole.objects.prefetch_related("status_changes"):
        history = list(pole.status_changes.all())  # oldest first, undated first
        assert history, pole
        assert history[-1].status == pole.status, pole
