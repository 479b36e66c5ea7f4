"""The Region programme's rules, checked by FundingLine.full_clean() as the admin does."""

from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.formats import number_format

from funding.enums import FundingKind
from tests.factories import FunderFactory, FundingLineFactory, PoleFactory, ProgrammeFactory

NBSP = "\N{NO-BREAK SPACE}"
STUDY = FundingKind.STUDY
OPERATING = FundingKind.OPERATING


@pytest.fixture
def pole(territory):
    return PoleFactory(name="Pôle ESS du Pays de Lorient", territories=[territory])


@pytest.fixture
def line(pole, region_programme):
    """A funding line under the Region programme, its funder left for clean() to fill."""

    def build(kind, amount, **fields):
        values = {
            "pole": pole,
            "programme": region_programme,
            "funder": None,
            "kind": kind,
            "amount": None if amount is None else Decimal(amount),
            "start_year": 2009,
            "end_year": None,
            "posts": None,
        }
        values.update(fields)
        return FundingLineFactory.build(**values)

    return build


def refusal(line):
    with pytest.raises(ValidationError) as exc:
        line.full_clean()
    return exc.value.message_dict


def rule(programme, text):
    return f"Règle du programme « {programme.name} » : {text}."


def test_french_amounts_group_thousands_with_a_no_break_space():
    assert number_format(25000, force_grouping=True) == f"25{NBSP}000"


# prefiguration study: at most 25 000 €


def test_study_at_the_cap_accepted(line):
    study_line = line(STUDY, "25000")

    study_line.full_clean()

    assert study_line.amount == Decimal("25000")


def test_study_beyond_the_cap_refused_naming_the_rule(line, region_programme):
    errors = refusal(line(STUDY, "25001"))

    assert list(errors) == ["amount"]
    [message] = errors["amount"]
    assert f"25{NBSP}000{NBSP}€" in message
    assert region_programme.name in message
    assert message == rule(
        region_programme,
        f"une étude de préfiguration est financée à 25{NBSP}000{NBSP}€ au plus "
        f"(montant saisi : 25{NBSP}001{NBSP}€)",
    )


def test_study_a_cent_beyond_the_cap_shows_the_cents(line, region_programme):
    assert refusal(line(STUDY, "25000.50")) == {
        "amount": [
            rule(
                region_programme,
                f"une étude de préfiguration est financée à 25{NBSP}000{NBSP}€ au plus "
                f"(montant saisi : 25{NBSP}000,50{NBSP}€)",
            )
        ]
    }


def test_study_of_unknown_amount_accepted(line):
    line(STUDY, None).full_clean()


# operating aid: 35 000 € a year per post, 1 or 2 posts, 3 years at most


@pytest.mark.parametrize(
    ("posts", "end_year", "amount"),
    [
        (1, None, "35000"),
        (1, 2009, "35000"),
        (2, 2011, "210000"),
        (1, 2011, "105000"),
        (2, None, "1"),
        (1, None, "0"),
    ],
    ids=[
        "1 post 1 year at the cap",
        "1 post, end year = start year",
        "2 posts 3 years at the cap",
        "1 post 3 years at the cap",
        "under the cap",
        "zero",
    ],
)
def test_operating_aid_within_the_rules_accepted(line, posts, end_year, amount):
    operating = line(OPERATING, amount, posts=posts, end_year=end_year)

    operating.full_clean()

    assert operating.amount == Decimal(amount)


@pytest.mark.parametrize(
    ("posts", "end_year", "amount", "cap", "counted"),
    [
        (1, None, "35001", "35 000", "1 poste sur 1 an"),
        (2, 2011, "210001", "210 000", "2 postes sur 3 ans"),
        (1, 2011, "105001", "105 000", "1 poste sur 3 ans"),
        (2, 2010, "140001", "140 000", "2 postes sur 2 ans"),
    ],
)
def test_operating_aid_beyond_the_cap_refused(
    line, region_programme, posts, end_year, amount, cap, counted
):
    errors = refusal(line(OPERATING, amount, posts=posts, end_year=end_year))

    entered = number_format(Decimal(amount), force_grouping=True)
    assert errors == {
        "amount": [
            rule(
                region_programme,
                f"l'aide au fonctionnement est de 35{NBSP}000{NBSP}€ par an et par poste, "
                f"soit {cap.replace(' ', NBSP)}{NBSP}€ au plus pour {counted} "
                f"(montant saisi : {entered}{NBSP}€)",
            )
        ]
    }


@pytest.mark.parametrize("posts", [0, 3])
def test_operating_aid_for_a_number_of_posts_outside_1_or_2_refused(line, region_programme, posts):
    errors = refusal(line(OPERATING, "35000", posts=posts))

    assert errors == {
        "posts": [
            rule(
                region_programme,
                "l'aide au fonctionnement finance 1 ou 2 postes de chargé de mission "
                f"(saisi : {posts})",
            )
        ]
    }


def test_operating_aid_for_4_years_refused(line, region_programme):
    errors = refusal(line(OPERATING, "35000", posts=1, start_year=2010, end_year=2013))

    assert errors == {
        "end_year": [
            rule(
                region_programme,
                "l'aide au fonctionnement dure 3 ans au plus (saisi : 4 ans, de 2010 à 2013)",
            )
        ]
    }


def test_operating_aid_for_3_years_accepted(line):
    line(OPERATING, "35000", posts=1, start_year=2010, end_year=2012).full_clean()


ASK_FOR_POSTS_AND_YEAR = (
    f"l'aide au fonctionnement est de 35{NBSP}000{NBSP}€ par an et par poste ; "
    "indiquez le nombre de postes et la première année pour que le montant "
    "puisse être vérifié"
)


@pytest.mark.parametrize(
    "fields",
    [{"posts": None}, {"posts": 1, "start_year": None}, {"posts": None, "start_year": None}],
    ids=["no posts", "no start year", "neither"],
)
def test_operating_amount_without_posts_or_start_year_refused(line, region_programme, fields):
    errors = refusal(line(OPERATING, "35000", **fields))

    assert errors == {"amount": [rule(region_programme, ASK_FOR_POSTS_AND_YEAR)]}


@pytest.mark.parametrize(
    "fields",
    [{"posts": None, "start_year": None}, {"posts": 2, "start_year": 2009, "end_year": 2011}],
    ids=["nothing known", "posts and years known"],
)
def test_operating_aid_of_unknown_amount_accepted(line, fields):
    line(OPERATING, None, **fields).full_clean()


def test_years_in_the_wrong_order_only_get_the_constraint_message(line):
    errors = refusal(line(OPERATING, "35000", posts=1, start_year=2011, end_year=2009))

    assert errors == {NON_FIELD_ERRORS: ["La dernière année suit la première (et la suppose)."]}


@pytest.mark.parametrize("kind", [FundingKind.PROJECT, FundingKind.INVESTMENT, FundingKind.OTHER])
def test_other_kinds_are_not_capped(line, kind):
    line(kind, "1000000", posts=5, start_year=2005, end_year=2015).full_clean()


def test_the_study_cap_does_not_apply_to_operating_aid(line):
    line(OPERATING, "70000", posts=2).full_clean()


def test_operating_rules_do_not_apply_to_a_study(line):
    line(STUDY, "25000", posts=3, start_year=2008, end_year=2012).full_clean()


# which lines the rules apply to


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (STUDY, {}),
        (OPERATING, {"posts": 5, "start_year": 2005, "end_year": 2015}),
        (OPERATING, {"posts": None, "start_year": None}),
    ],
    ids=["study", "operating, 5 posts 11 years", "operating, nothing known"],
)
def test_a_line_from_a_funder_without_programme_has_no_rules(line, region_funder, kind, fields):
    funded = line(kind, "1000000", programme=None, funder=region_funder, **fields)

    funded.full_clean()

    assert funded.funder == region_funder


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (STUDY, {}),
        (OPERATING, {"posts": 9, "start_year": 2005, "end_year": 2015}),
        (OPERATING, {"posts": None, "start_year": None}),
    ],
    ids=["study", "operating, 9 posts 11 years", "operating, nothing known"],
)
def test_a_programme_without_rules_accepts_any_amount(pole, kind, fields):
    programme = ProgrammeFactory()
    assert programme.study_max_amount is None
    assert programme.operating_amount_per_post_year is None
    assert programme.operating_max_years is None
    assert programme.operating_min_posts is None
    assert programme.operating_max_posts is None

    FundingLineFactory.build(
        pole=pole, programme=programme, kind=kind, amount=Decimal("1000000"), **fields
    ).full_clean()


# other shapes of the rules


@pytest.mark.parametrize(
    ("low", "high", "posts", "allowed"),
    [
        (None, 2, 3, "au plus 2 postes"),
        (None, 1, 2, "au plus 1 poste"),
        (1, None, 0, "au moins 1 poste"),
        (2, None, 1, "au moins 2 postes"),
        (1, 1, 2, "1 poste"),
        (1, 3, 4, "de 1 à 3 postes"),
    ],
)
def test_posts_rule_is_written_as_the_programme_states_it(pole, low, high, posts, allowed):
    programme = ProgrammeFactory(operating_min_posts=low, operating_max_posts=high)
    funded = FundingLineFactory.build(
        pole=pole, programme=programme, kind=OPERATING, amount=None, posts=posts
    )

    assert refusal(funded) == {
        "posts": [
            rule(
                programme,
                f"l'aide au fonctionnement finance {allowed} de chargé de mission "
                f"(saisi : {posts})",
            )
        ]
    }


def test_a_one_year_rule_is_written_in_the_singular(pole):
    programme = ProgrammeFactory(operating_max_years=1)
    funded = FundingLineFactory.build(
        pole=pole, programme=programme, kind=OPERATING, start_year=2009, end_year=2010
    )

    assert refusal(funded) == {
        "end_year": [
            rule(
                programme,
                "l'aide au fonctionnement dure 1 an au plus (saisi : 2 ans, de 2009 à 2010)",
            )
        ]
    }


# the funder follows the programme


def test_clean_fills_the_funder_from_the_programme(line, region_funder):
    study_line = line(STUDY, "20000")
    assert study_line.funder_id is None

    study_line.full_clean()

    assert study_line.funder == region_funder


def test_save_fills_the_funder_from_the_programme(pole, region_programme, region_funder):
    created = FundingLineFactory(
        pole=pole, programme=region_programme, funder=None, kind=STUDY, status="granted"
    )

    created.refresh_from_db()
    assert created.funder == region_funder


def test_a_funder_other_than_the_programmes_refused(line, region_programme):
    department = FunderFactory(name="Conseil général du Morbihan", kind="department", region=None)

    errors = refusal(line(STUDY, "20000", funder=department))

    assert errors == {
        "funder": [
            "Le programme « Soutien à la création de pôles de développement de l'économie "
            "sociale et solidaire dans les Pays » relève de « Conseil régional de Bretagne »."
        ]
    }


def test_the_programmes_own_funder_accepted(line, region_funder):
    line(STUDY, "20000", funder=region_funder).full_clean()


def test_a_wrong_funder_and_a_broken_rule_are_both_reported(line):
    department = FunderFactory(kind="department", region=None)

    errors = refusal(line(STUDY, "30000", funder=department))

    assert sorted(errors) == ["amount", "funder"]
