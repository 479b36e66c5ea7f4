"""Every named constraint of the poles models, through full_clean() and at the database,
and the cross-record checks of clean()."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from actors.enums import ActorKind
from core.fuzzy_dates import DatePrecision
from poles.enums import MembershipRole
from tests import factories
from tests.factories import (
    ActorFactory,
    ContactFactory,
    DocumentFactory,
    FunderFactory,
    FundingLineFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    PoleNetworkFactory,
    ProgrammeFactory,
    StudyFactory,
)


@pytest.fixture
def world(db):
    """Saved records the instances under test point to."""
    pole = PoleFactory()
    network = ActorFactory(kind=ActorKind.NETWORK)
    member = ActorFactory()
    return SimpleNamespace(
        pole=pole,
        other_pole=PoleFactory(),
        member=member,
        membership=MembershipFactory(pole=pole, actor=member, role=MembershipRole.MEMBER),
        network=network,
        pole_network=PoleNetworkFactory(pole=pole, network=network),
        study=StudyFactory(pole=pole),
        funder=FunderFactory(),
        programme=ProgrammeFactory(),
    )


def column_values(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }


# The inserts under test: the instances come from the factories, these two paths are what
# each constraint must hold against, so they call the manager directly.
def insert_with_create(instance):
    type(instance).objects.create(**column_values(instance))


def insert_with_bulk_create(instance):
    type(instance).objects.bulk_create([instance])


INSERTS = [
    pytest.param(insert_with_create, id="create"),
    pytest.param(insert_with_bulk_create, id="bulk_create"),
]


def pole(**fields):
    return lambda w: PoleFactory.build(**fields)


def membership(**fields):
    return lambda w: MembershipFactory.build(pole=w.pole, actor=ActorFactory(), **fields)


def same_membership(**fields):
    return lambda w: MembershipFactory.build(pole=w.pole, actor=w.member, **fields)


def pole_network(network):
    return lambda w: PoleNetworkFactory.build(
        pole=w.pole, network=w.network if network == "same" else ActorFactory(kind="network")
    )


def programme(**fields):
    return lambda w: ProgrammeFactory.build(funder=w.funder, **fields)


def contact(pole, programme):
    return lambda w: ContactFactory.build(
        pole=w.pole if pole else None, programme=w.programme if programme else None
    )


def study(launched, ended):
    return lambda w: StudyFactory.build(
        pole=w.pole,
        launched_on=launched,
        launched_on_precision=DatePrecision.DAY,
        ended_on=ended,
        ended_on_precision=DatePrecision.DAY,
    )


def funding_line(**fields):
    def build(w):
        values = {"pole": w.pole, "funder": w.funder, "programme": None}
        values.update(fields)
        return FundingLineFactory.build(**values)

    return build


def document(pole, study, programme):
    return lambda w: DocumentFactory.build(
        pole=w.pole if pole else None,
        study=w.study if study else None,
        programme=w.programme if programme else None,
    )


SCORE = "Une note va de 1 à 5."
FTE = "Un équivalent temps plein ne peut pas être négatif."
SUBSIDY = "La part des subventions s'exprime entre 0 et 100 %."
GOVERNANCE = "L'instance de gouvernance ne peut compter plus d'acteurs que le pôle."
MEMBERSHIP_DATES = "La fin d'une participation ne peut précéder son début."
POSTS_RANGE = "Le nombre maximal de postes ne peut être inférieur au nombre minimal."
CONTACT = "Un contact se rattache à un pôle ou à un programme, pas aux deux."
STUDY_DATES = "Une étude ne peut pas finir avant d'être lancée."
AMOUNT = "Un montant ne peut pas être négatif."
START_YEAR = "La première année doit être comprise entre 1990 et 2100."
END_YEAR = "La dernière année suit la première (et la suppose)."
DOCUMENT = (
    "Un document se rattache soit à un pôle (et éventuellement à son étude), "
    "soit à un programme de financement."
)
MAY_1 = datetime.date(2009, 5, 1)
MAY_2 = datetime.date(2009, 5, 2)


# (what to build, the constraint it breaks, its message)
REFUSED = [
    *[
        pytest.param(pole(**{field: score}), f"pole_{field}_1_to_5", SCORE, id=f"{field} {score}")
        for field in ("size_score", "structuration_score")
        for score in (0, 6)
    ],
    pytest.param(
        pole(budget=Decimal("-0.01")),
        "pole_budget_non_negative",
        "Le budget ne peut pas être négatif.",
        id="negative budget",
    ),
    pytest.param(
        pole(staff_fte=Decimal("-0.5")), "pole_staff_fte_non_negative", FTE, id="negative staff fte"
    ),
    pytest.param(
        pole(facilitators_fte=Decimal("-0.5")),
        "pole_facilitators_fte_non_negative",
        FTE,
        id="negative facilitators fte",
    ),
    pytest.param(
        pole(subsidy_share=Decimal("-0.1")),
        "pole_subsidy_share_percentage",
        SUBSIDY,
        id="subsidy share -0.1",
    ),
    pytest.param(
        pole(subsidy_share=Decimal("100.1")),
        "pole_subsidy_share_percentage",
        SUBSIDY,
        id="subsidy share 100.1",
    ),
    pytest.param(
        pole(actors_count=10, governance_actors_count=11),
        "pole_governance_within_actors",
        GOVERNANCE,
        id="governance beyond actors",
    ),
    pytest.param(
        same_membership(role=MembershipRole.MEMBER),
        "membership_unique_pole_actor_role",
        "Cet acteur a déjà ce rôle dans ce pôle.",
        id="same membership twice",
    ),
    pytest.param(
        membership(
            started_on=MAY_2,
            started_on_precision=DatePrecision.DAY,
            ended_on=MAY_1,
            ended_on_precision=DatePrecision.DAY,
        ),
        "membership_ends_after_start",
        MEMBERSHIP_DATES,
        id="membership ends before it starts",
    ),
    pytest.param(
        pole_network("same"),
        "pole_network_unique",
        "Ce réseau est déjà indiqué pour ce pôle.",
        id="same network twice",
    ),
    pytest.param(
        programme(operating_min_posts=2, operating_max_posts=1),
        "programme_posts_range_ordered",
        POSTS_RANGE,
        id="posts range reversed",
    ),
    pytest.param(
        programme(study_max_amount=Decimal("-1")),
        "programme_study_max_amount_non_negative",
        "Un plafond ne peut pas être négatif.",
        id="negative study cap",
    ),
    pytest.param(
        programme(operating_amount_per_post_year=Decimal("-1")),
        "programme_operating_amount_per_post_year_non_negative",
        AMOUNT,
        id="negative operating amount",
    ),
    pytest.param(
        contact(pole=True, programme=True),
        "contact_pole_or_programme",
        CONTACT,
        id="contact of a pole and a programme",
    ),
    pytest.param(
        study(launched=MAY_2, ended=MAY_1),
        "study_ends_after_launch",
        STUDY_DATES,
        id="study ends before launch",
    ),
    pytest.param(
        funding_line(funder=None),
        "funding_line_has_funder_or_programme",
        "Indiquez un programme ou un financeur.",
        id="funding line without funder nor programme",
    ),
    pytest.param(
        funding_line(amount=Decimal("-0.01")),
        "funding_line_amount_non_negative",
        AMOUNT,
        id="negative amount",
    ),
    pytest.param(
        funding_line(status="unknown", amount=Decimal("35000")),
        "funding_line_unknown_state_has_no_amount",
        "Une ligne à l'état non communiqué n'a pas de montant : si le montant est connu, "
        "indiquez aussi l'état (demandé, accordé, versé ou refusé).",
        id="amount of a line of unknown state",
    ),
    pytest.param(
        funding_line(start_year=1989),
        "funding_line_start_year_plausible",
        START_YEAR,
        id="start year 1989",
    ),
    pytest.param(
        funding_line(start_year=2101),
        "funding_line_start_year_plausible",
        START_YEAR,
        id="start year 2101",
    ),
    pytest.param(
        funding_line(start_year=None, end_year=2010),
        "funding_line_end_after_start",
        END_YEAR,
        id="end year without start year",
    ),
    pytest.param(
        funding_line(start_year=2010, end_year=2009),
        "funding_line_end_after_start",
        END_YEAR,
        id="end year before start year",
    ),
    pytest.param(
        document(pole=True, study=False, programme=True),
        "document_attached_to_pole_or_programme",
        DOCUMENT,
        id="document of a pole and a programme",
    ),
    pytest.param(
        document(pole=False, study=False, programme=False),
        "document_attached_to_pole_or_programme",
        DOCUMENT,
        id="document attached to nothing",
    ),
    pytest.param(
        document(pole=False, study=True, programme=True),
        "document_attached_to_pole_or_programme",
        DOCUMENT,
        id="study document of a programme",
    ),
    pytest.param(
        document(pole=False, study=True, programme=False),
        "document_attached_to_pole_or_programme",
        DOCUMENT,
        id="study document without its pole",
    ),
]

ACCEPTED = [
    *[
        pytest.param(pole(**{field: score}), id=f"{field} {score}")
        for field in ("size_score", "structuration_score")
        for score in (1, 5, None)
    ],
    pytest.param(pole(budget=Decimal("0")), id="zero budget"),
    pytest.param(pole(staff_fte=Decimal("0"), facilitators_fte=Decimal("0")), id="zero fte"),
    pytest.param(pole(subsidy_share=Decimal("0")), id="subsidy share 0"),
    pytest.param(pole(subsidy_share=Decimal("100")), id="subsidy share 100"),
    pytest.param(pole(actors_count=10, governance_actors_count=10), id="governance of all actors"),
    pytest.param(
        pole(actors_count=None, governance_actors_count=11), id="governance, actors unknown"
    ),
    pytest.param(same_membership(role=MembershipRole.FOUNDER), id="same actor, another role"),
    pytest.param(
        membership(
            started_on=MAY_1,
            started_on_precision=DatePrecision.DAY,
            ended_on=MAY_1,
            ended_on_precision=DatePrecision.DAY,
        ),
        id="membership of one day",
    ),
    pytest.param(membership(started_on=None, ended_on=MAY_1), id="membership, start unknown"),
    pytest.param(pole_network("another"), id="another network"),
    pytest.param(programme(operating_min_posts=2, operating_max_posts=2), id="posts range 2-2"),
    pytest.param(programme(operating_min_posts=None, operating_max_posts=2), id="posts at most 2"),
    pytest.param(
        programme(study_max_amount=Decimal("0"), operating_amount_per_post_year=Decimal("0")),
        id="zero amounts",
    ),
    pytest.param(contact(pole=True, programme=False), id="contact of a pole"),
    pytest.param(contact(pole=False, programme=True), id="contact of a programme"),
    pytest.param(contact(pole=False, programme=False), id="contact of the network"),
    pytest.param(study(launched=MAY_1, ended=MAY_1), id="study of one day"),
    pytest.param(study(launched=MAY_1, ended=None), id="study not ended"),
    pytest.param(funding_line(), id="funding line of a funder"),
    pytest.param(funding_line(amount=Decimal("0")), id="zero amount"),
    pytest.param(funding_line(amount=None), id="unknown amount"),
    pytest.param(funding_line(status="unknown", amount=None), id="unknown state, no amount"),
    pytest.param(funding_line(start_year=1990), id="start year 1990"),
    pytest.param(funding_line(start_year=2100), id="start year 2100"),
    pytest.param(funding_line(start_year=None), id="years unknown"),
    pytest.param(funding_line(start_year=2010, end_year=2010), id="end year = start year"),
    pytest.param(document(pole=True, study=False, programme=False), id="document of a pole"),
    pytest.param(document(pole=True, study=True, programme=False), id="document of a study"),
    pytest.param(document(pole=False, study=False, programme=True), id="document of a programme"),
]


@pytest.mark.parametrize(("build", "constraint", "message"), REFUSED)
def test_full_clean_refuses(world, build, constraint, message):
    instance = build(world)

    with pytest.raises(ValidationError) as exc:
        instance.full_clean()

    assert exc.value.message_dict == {NON_FIELD_ERRORS: [message]}


@pytest.mark.parametrize("insert", INSERTS)
@pytest.mark.parametrize(("build", "constraint", "message"), REFUSED)
def test_database_refuses(world, build, constraint, message, insert):
    instance = build(world)
    model = type(instance)
    count = model.objects.count()

    # PostgreSQL names every constraint; SQLite names a check constraint but gives
    # the columns of a unique one.
    unique = "unique" in constraint
    pattern = f"{constraint}|UNIQUE constraint failed" if unique else constraint
    with pytest.raises(IntegrityError, match=pattern), transaction.atomic():
        insert(instance)

    assert model.objects.count() == count


@pytest.mark.parametrize("insert", INSERTS)
@pytest.mark.parametrize("build", ACCEPTED)
def test_accepted(world, build, insert):
    instance = build(world)
    model = type(instance)
    count = model.objects.count()

    instance.full_clean()
    insert(instance)

    assert model.objects.count() == count + 1


# cross-record checks of clean()

OTHER_POLE_STUDY = {"study": ["Cette étude concerne un autre pôle."]}


STUDY_HOLDERS = [
    pytest.param(lambda w, **fields: ObjectiveFactory.build(**fields), id="objective"),
    pytest.param(lambda w, **fields: DocumentFactory.build(**fields), id="document"),
    pytest.param(
        lambda w, **fields: FundingLineFactory.build(funder=w.funder, **fields), id="funding line"
    ),
]


@pytest.mark.parametrize("build", STUDY_HOLDERS)
def test_study_of_another_pole_refused(world, build):
    instance = build(world, pole=world.other_pole, study=world.study)

    with pytest.raises(ValidationError) as exc:
        instance.full_clean()

    assert exc.value.message_dict == OTHER_POLE_STUDY


@pytest.mark.parametrize("build", STUDY_HOLDERS)
def test_study_of_the_pole_accepted(world, build):
    instance = build(world, pole=world.pole, study=world.study)

    instance.full_clean()

    assert instance.study.pole == instance.pole


def test_funding_line_of_another_poles_study_under_a_programme_refused(world, region_programme):
    line = FundingLineFactory.build(
        pole=world.other_pole, study=world.study, programme=region_programme, kind="study"
    )

    with pytest.raises(ValidationError) as exc:
        line.full_clean()

    assert exc.value.message_dict == OTHER_POLE_STUDY


# the factories others build on


@pytest.mark.parametrize(
    "factory",
    [
        getattr(factories, name)
        for name in sorted(dir(factories))
        if name.endswith("Factory") and name != "DjangoModelFactory"
    ],
)
def test_every_factory_makes_a_valid_record(db, factory):
    instance = factory()

    instance.full_clean()
    assert type(instance).objects.filter(pk=instance.pk).exists()


@pytest.mark.parametrize("factory", [DocumentFactory, ContactFactory])
def test_programme_traits_make_valid_records(db, factory):
    instance = factory(for_programme=True)

    instance.full_clean()
    assert instance.pole is None
    assert instance.programme is not None


def test_funding_line_factory_takes_the_funder_of_its_programme(db):
    programme = ProgrammeFactory(region_rules=True)

    line = FundingLineFactory(programme=programme, kind="study", amount=Decimal("25000"))

    line.full_clean()
    assert line.funder == programme.funder
    assert programme.study_max_amount == Decimal("25000")


def test_factories_make_unique_records_in_bulk(db):
    poles = PoleFactory.create_batch(30)
    lines = FundingLineFactory.create_batch(30)

    assert len({pole.slug for pole in poles}) == 30
    assert len({line.funder_id for line in lines}) == 30
    assert all(pole.territories.count() == 1 for pole in poles)


def test_a_territory_found_by_name_keeps_its_departments(territory, department):
    found = factories.TerritoryFactory(name="Pays de Lorient")

    assert found == territory
    assert list(found.departments.all()) == [department]
