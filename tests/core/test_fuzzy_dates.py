"""Dates known to the day, the month or the year: written in French, stored truncated."""

import datetime

import pytest

from core.fuzzy_dates import DatePrecision, format_fuzzy_date
from poles.models import Action, Membership
from tests.factories import ActorFactory, MembershipFactory, PoleFactory, StatusChangeFactory

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("value", "precision", "text"),
    [
        (datetime.date(2009, 10, 7), DAY, "7 octobre 2009"),
        (datetime.date(2010, 10, 1), DAY, "1er octobre 2010"),
        (datetime.date(2009, 5, 1), MONTH, "mai 2009"),
        (datetime.date(2009, 5, 17), MONTH, "mai 2009"),
        (datetime.date(2004, 1, 1), YEAR, "2004"),
        (datetime.date(2004, 8, 15), YEAR, "2004"),
        (None, DAY, ""),
        (None, MONTH, ""),
        (None, YEAR, ""),
    ],
)
def test_format_fuzzy_date(value, precision, text):
    assert format_fuzzy_date(value, precision) == text


@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        (DAY, datetime.date(2009, 10, 7)),
        (MONTH, datetime.date(2009, 10, 1)),
        (YEAR, datetime.date(2009, 1, 1)),
    ],
)
def test_clean_truncates_to_the_precision(precision, stored):
    action = Action(date=datetime.date(2009, 10, 7), date_precision=precision)

    action.clean()

    assert action.date == stored


def test_clean_leaves_an_unknown_date_unknown():
    action = Action(date=None, date_precision=MONTH)

    action.clean()

    assert action.date is None


def test_clean_truncates_each_fuzzy_date_to_its_own_precision():
    membership = Membership(
        started_on=datetime.date(2004, 8, 15),
        started_on_precision=YEAR,
        ended_on=datetime.date(2009, 10, 7),
        ended_on_precision=MONTH,
    )

    membership.clean()

    assert membership.started_on == datetime.date(2004, 1, 1)
    assert membership.ended_on == datetime.date(2009, 10, 1)


def test_full_clean_truncates_before_comparing_dates(db):
    """'Since May 2009' entered as 20 May still allows an end on 10 May 2009."""
    membership = MembershipFactory.build(
        pole=PoleFactory(),
        actor=ActorFactory(name="Steredenn"),
        started_on=datetime.date(2009, 5, 20),
        started_on_precision=MONTH,
        ended_on=datetime.date(2009, 5, 10),
        ended_on_precision=DAY,
    )

    membership.full_clean()

    assert membership.started_on == datetime.date(2009, 5, 1)


def test_full_clean_stores_the_truncated_date(db):
    pole = PoleFactory.build(created_on=datetime.date(2009, 5, 20), created_on_precision=MONTH)

    pole.full_clean()
    pole.save()
    pole.refresh_from_db()

    assert pole.created_on == datetime.date(2009, 5, 1)
    assert pole.fuzzy("created_on") == "mai 2009"


def test_a_record_writes_its_fuzzy_dates(db):
    change = StatusChangeFactory(
        pole=PoleFactory(name="ADESS"),
        status="operating",
        changed_on=datetime.date(2004, 1, 1),
        changed_on_precision=YEAR,
    )
    undated = StatusChangeFactory(pole=change.pole, status="informal", changed_on=None)

    assert change.fuzzy("changed_on") == "2004"
    assert str(change) == "ADESS : en fonctionnement (2004)"
    assert str(undated) == "ADESS : collectif informel (date non communiquée)"
