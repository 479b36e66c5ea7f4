"""Key figures: shares computed from counts, stated shares checked, constraints enforced."""

from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from territories.models import KeyFigures
from tests.factories import KeyFiguresFactory, TerritoryFactory

NBSP = "\N{NO-BREAK SPACE}"
SOURCE = "CRES Bretagne, d'après INSEE CLAP 2006"


def lorient(territory, **fields):
    """The Pays de Lorient's figures of the seeds: 688 establishments, 564 associations."""
    values = {
        "territory": territory,
        "year": 2006,
        "source": SOURCE,
        "establishments": 688,
        "salaried_jobs": 7521,
        "salaried_jobs_share": Decimal("11.5"),
        "associations": 564,
        "cooperatives": 40,
        "associations_share_stated": None,
        "cooperatives_share_stated": None,
    }
    values.update(fields)
    return KeyFiguresFactory.build(**values)


def region_figures(territory, **fields):
    """Pays de la Loire: 11 706 associations of 13 862 establishments, stated 84.4 %."""
    return lorient(
        territory,
        establishments=13862,
        associations=11706,
        cooperatives=None,
        **fields,
    )


# computed and stated shares


def test_shares_are_computed_from_the_counts(territory):
    figures = lorient(territory)

    assert figures.associations_share_computed == Decimal("82.0")
    assert figures.cooperatives_share_computed == Decimal("5.8")
    assert figures.associations_share == Decimal("82.0")
    assert figures.cooperatives_share == Decimal("5.8")


def test_shares_of_the_region(territory):
    assert region_figures(territory).associations_share == Decimal("84.4")


@pytest.mark.parametrize(
    "fields",
    [
        {"establishments": None},
        {"establishments": 0, "associations": 0, "cooperatives": 0},
        {"associations": None, "cooperatives": None},
    ],
    ids=["no establishments", "zero establishments", "no family counts"],
)
def test_no_share_without_both_counts(territory, fields):
    figures = lorient(territory, **fields)

    assert figures.associations_share is None
    assert figures.cooperatives_share is None
    assert figures.share_disagreements() == []


def test_the_stated_share_is_shown_over_the_computed_one(territory):
    figures = lorient(
        territory,
        associations_share_stated=Decimal("90"),
        cooperatives_share_stated=Decimal("6.1"),
    )

    assert figures.associations_share == Decimal("90")
    assert figures.associations_share_computed == Decimal("82.0")
    assert figures.cooperatives_share == Decimal("6.1")
    assert figures.cooperatives_share_computed == Decimal("5.8")


def test_a_stated_share_stands_alone_when_counts_are_missing(territory):
    figures = lorient(territory, establishments=None, associations_share_stated=Decimal("82"))

    assert figures.associations_share == Decimal("82")
    assert figures.share_disagreements() == []


@pytest.mark.parametrize(
    ("build", "stated"),
    [
        (lorient, "82"),
        (region_figures, "84.4"),
        (region_figures, "84"),
    ],
    ids=["564 of 688 stated 82", "11 706 of 13 862 stated 84.4", "11 706 of 13 862 stated 84"],
)
def test_no_disagreement_within_rounding(territory, build, stated):
    figures = build(territory, associations_share_stated=Decimal(stated))
    figures.save()
    figures.refresh_from_db()

    assert figures.share_disagreements() == []


def test_a_stated_share_assigned_as_a_number_is_checked_too(territory):
    figures = KeyFiguresFactory(
        territory=territory, source=SOURCE, establishments=688, associations=564
    )
    figures.associations_share_stated = 82

    assert figures.share_disagreements() == []


@pytest.mark.parametrize(
    ("build", "stated"),
    [
        (lorient, "81"),
        (lorient, "81.5"),
        (lorient, "82.5"),
        (region_figures, "84.3"),
        (region_figures, "84.5"),
        (region_figures, "85"),
    ],
)
def test_disagreement_beyond_rounding(territory, build, stated):
    figures = build(territory, associations_share_stated=Decimal(stated))

    assert len(figures.share_disagreements()) == 1


def test_disagreement_is_explained_in_french(territory):
    figures = lorient(territory, associations_share_stated=Decimal("90"))

    assert figures.share_disagreements() == [
        "La part des associations indiquée (90 %) ne correspond pas aux nombres saisis "
        "(564 sur 688 établissements, soit 82 %)."
    ]


def test_disagreement_writes_french_numbers(territory):
    figures = region_figures(territory, associations_share_stated=Decimal("80.5"))

    assert figures.share_disagreements() == [
        "La part des associations indiquée (80,5 %) ne correspond pas aux nombres saisis "
        f"(11{NBSP}706 sur 13{NBSP}862 établissements, soit 84,4 %)."
    ]


def test_each_disagreeing_family_gets_its_warning(territory):
    figures = lorient(
        territory,
        associations_share_stated=Decimal("90"),
        cooperatives_share_stated=Decimal("10"),
    )

    assert figures.share_disagreements() == [
        "La part des associations indiquée (90 %) ne correspond pas aux nombres saisis "
        "(564 sur 688 établissements, soit 82 %).",
        "La part des coopératives indiquée (10 %) ne correspond pas aux nombres saisis "
        "(40 sur 688 établissements, soit 5,8 %).",
    ]


def test_str(territory):
    assert str(lorient(territory)) == "Pays de Lorient — 2006"
    assert str(lorient(territory, year=None)) == "Pays de Lorient — année non communiquée"


# constraints

SHARE_MESSAGE = "Une part s'exprime entre 0 et 100 %."
FAMILY_MESSAGE = "Une famille ne peut pas compter plus d'établissements que l'ESS entière."


REFUSED = [
    pytest.param(
        {"year": 1899},
        "key_figures_year_plausible",
        "L'année doit être comprise entre 1900 et 2100.",
        id="year 1899",
    ),
    pytest.param(
        {"year": 2101},
        "key_figures_year_plausible",
        "L'année doit être comprise entre 1900 et 2100.",
        id="year 2101",
    ),
    *[
        pytest.param(
            {field: Decimal(value)},
            f"key_figures_{field}_percentage",
            SHARE_MESSAGE,
            id=f"{field} {value}",
        )
        for field in (
            "salaried_jobs_share",
            "associations_share_stated",
            "cooperatives_share_stated",
        )
        for value in ("-0.1", "100.1")
    ],
    pytest.param(
        {"associations": 600, "cooperatives": 89},
        "key_figures_families_within_establishments",
        "Associations et coopératives ne peuvent pas dépasser ensemble le nombre "
        "d'établissements employeurs de l'ESS.",
        id="associations and cooperatives beyond establishments",
    ),
    pytest.param(
        {"associations": 689, "cooperatives": None},
        "key_figures_associations_within_establishments",
        FAMILY_MESSAGE,
        id="associations beyond establishments",
    ),
    pytest.param(
        {"associations": None, "cooperatives": 689},
        "key_figures_cooperatives_within_establishments",
        FAMILY_MESSAGE,
        id="cooperatives beyond establishments",
    ),
]

ACCEPTED = [
    pytest.param({"year": 1900}, id="year 1900"),
    pytest.param({"year": 2100}, id="year 2100"),
    pytest.param({"year": None}, id="no year"),
    *[
        pytest.param({field: Decimal(value)}, id=f"{field} {value}")
        for field in (
            "salaried_jobs_share",
            "associations_share_stated",
            "cooperatives_share_stated",
        )
        for value in ("0", "100")
    ],
    pytest.param({"associations": 600, "cooperatives": 88}, id="families filling establishments"),
    pytest.param({"associations": 688, "cooperatives": None}, id="associations only"),
    pytest.param({"associations": None, "cooperatives": 688}, id="cooperatives only"),
    pytest.param(
        {"establishments": None, "associations": 700, "cooperatives": 100},
        id="no establishment count",
    ),
]


@pytest.mark.parametrize(("fields", "constraint", "message"), REFUSED)
def test_full_clean_refuses(territory, fields, constraint, message):
    figures = lorient(territory, **fields)

    with pytest.raises(ValidationError) as exc:
        figures.full_clean()

    assert exc.value.message_dict == {NON_FIELD_ERRORS: [message]}


@pytest.mark.parametrize(("fields", "constraint", "message"), REFUSED)
def test_database_refuses(territory, fields, constraint, message):
    figures = lorient(territory, **fields)

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        KeyFigures.objects.bulk_create([figures])

    assert not KeyFigures.objects.exists()


@pytest.mark.parametrize("fields", ACCEPTED)
def test_accepted_at_the_limits(territory, fields):
    figures = lorient(territory, **fields)

    figures.full_clean()
    figures.save()

    assert KeyFigures.objects.get().pk == figures.pk


# uniqueness

SAME_YEAR_MESSAGE = "Ce territoire a déjà des chiffres clés pour cette année et cette source."
NO_YEAR_MESSAGE = "Ce territoire a déjà des chiffres clés sans année pour cette source."


@pytest.mark.parametrize(
    ("year", "message"),
    [(2006, SAME_YEAR_MESSAGE), (None, NO_YEAR_MESSAGE)],
    ids=["same year", "both without year"],
)
def test_full_clean_refuses_the_same_territory_year_and_source(territory, year, message):
    KeyFiguresFactory(territory=territory, year=year, source=SOURCE)
    duplicate = lorient(territory, year=year)

    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()

    assert exc.value.message_dict == {NON_FIELD_ERRORS: [message]}


@pytest.mark.parametrize(
    ("year", "constraint"),
    [
        (2006, "key_figures_unique_territory_year_source"),
        (None, "key_figures_unique_territory_source_without_year"),
    ],
    ids=["same year", "both without year"],
)
def test_database_refuses_the_same_territory_year_and_source(territory, year, constraint):
    KeyFiguresFactory(territory=territory, year=year, source=SOURCE)

    # The insert under test goes straight to the manager: the database, not full_clean(),
    # must refuse it. PostgreSQL names the constraint, SQLite the columns of its index.
    with pytest.raises(IntegrityError, match=f"{constraint}|UNIQUE constraint failed"):
        with transaction.atomic():
            KeyFigures.objects.create(territory=territory, year=year, source=SOURCE)

    assert KeyFigures.objects.count() == 1


@pytest.mark.parametrize("year", [2006, None], ids=["same year", "both without year"])
def test_database_refuses_duplicates_in_one_bulk_create(territory, year):
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigures.objects.bulk_create(
            [lorient(territory, year=year), lorient(territory, year=year)]
        )

    assert not KeyFigures.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"year": 2008},
        {"source": "Observatoire régional de l'ESS"},
        {"year": None},
    ],
    ids=["another year", "another source", "same source without year"],
)
def test_other_year_source_or_territory_accepted(territory, fields):
    KeyFiguresFactory(territory=territory, year=2006, source=SOURCE)
    other = lorient(territory, **fields)
    elsewhere = lorient(TerritoryFactory(), year=2006)

    for figures in (other, elsewhere):
        figures.full_clean()
        figures.save()

    assert KeyFigures.objects.count() == 3


def test_without_year_another_source_accepted(territory):
    KeyFiguresFactory(territory=territory, year=None, source=SOURCE)
    other = lorient(territory, year=None, source="Observatoire régional de l'ESS")

    other.full_clean()
    other.save()

    assert KeyFigures.objects.filter(year__isnull=True).count() == 2


# ordering


def test_latest_first_puts_unknown_years_last(territory):
    older = KeyFiguresFactory(territory=territory, year=2006)
    undated = KeyFiguresFactory(territory=territory, year=None)
    latest = KeyFiguresFactory(territory=territory, year=2010)
    same_year_entered_later = KeyFiguresFactory(territory=territory, year=2006)

    assert list(KeyFigures.objects.latest_first()) == [
        latest,
        same_year_entered_later,
        older,
        undated,
    ]


def test_default_ordering_by_territory_then_latest_year(territory):
    other = TerritoryFactory(name="Pays d'Auray", region=territory.region)
    lorient_undated = KeyFiguresFactory(territory=territory, year=None)
    lorient_2010 = KeyFiguresFactory(territory=territory, year=2010)
    auray_2006 = KeyFiguresFactory(territory=other, year=2006)

    assert list(KeyFigures.objects.all()) == [auray_2006, lorient_2010, lorient_undated]
