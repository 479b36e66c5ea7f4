"""factory_boy factories for every model of `territories`, `actors`, `funding` and `poles`:
the one way to build test data. Tests make records with a factory (`PoleFactory(...)`),
never with `Model.objects.create(...)`, so each model's required fields and their defaults
are written once, here. Many rows at once: `create_in_bulk(factory, rows)` builds them with
the factory (unsaved) and inserts them in bulk, without signals nor post-generation hooks.

Each factory builds an object that passes `full_clean()` with no argument
(tests/poles/test_constraints.py checks it). Unique fields come from sequences, so
`create_batch(500)` never collides; French text comes from Faker's fr_FR locale.
Optional relations are left empty unless a pole needs them (a pole has one territory
of action); pass them, or use the traits, when a test needs them:

    ProgrammeFactory(region_rules=True)        # the Region's rules as data
    FundingLineFactory(programme=programme)    # funder taken from the programme
    DocumentFactory(for_programme=True)        # attached to a programme, not a pole
    ContactFactory(for_programme=True)

Direct creates remain only where a test is about the model's own save or constraints
(each says why), and in migration tests, which use historical models.
"""

import datetime
from decimal import Decimal

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from actors.enums import ActorKind
from actors.models import Actor
from campaigns.models import Campaign, Fiche
from core.fuzzy_dates import DatePrecision
from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.enums import (
    ActionState,
    MembershipRole,
    NetworkMembershipStatus,
    PoleStatus,
    StrengthKind,
    StudyStatus,
)
from poles.models import (
    Action,
    Contact,
    Difficulty,
    Document,
    Function,
    FundingLine,
    Membership,
    Objective,
    Pole,
    PoleNetwork,
    StatusChange,
    Strength,
    Study,
)
from territories.geo.outlines import geometry
from territories.models import Department, KeyFigures, Region, Territory, TerritoryPart

FR = "fr_FR"
CODE_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def code(n):
    """Three characters, unique for 46 656 objects, never equal to a real two-digit code."""
    return "".join(CODE_DIGITS[n // 36**power % 36] for power in (2, 1, 0))


def slug_of(name_field="name"):
    return factory.LazyAttribute(lambda o: slugify(getattr(o, name_field)))


def numbered(template):
    """A unique name from a Faker word and the sequence number: 'Pays de Guingamp 12'."""
    return factory.LazyAttributeSequence(lambda o, n: template.format(word=o.word, n=n))


BATCH_SIZE = 2000


def create_in_bulk(factory, rows, *, one_build=False):
    """Builds one unsaved object per dict of `rows` with `factory`, then inserts them all
    with `bulk_create`; returns them, with their primary keys.

    Pass related objects explicitly: a SubFactory left to its default would build a related
    object per row. Post-generation hooks (a pole's territories) do not run on `build()`;
    the caller inserts such many-to-many rows itself.

    `one_build=True`, for tens of thousands of rows: the factory builds the first row only,
    the others take its field values and their own. Sequences, Faker values and lazy
    attributes are then the first row's, so each row must give its unique fields."""
    rows = iter(rows)
    model = factory._meta.model
    first = next(rows, None)
    if first is None:
        return []
    objects = [factory.build(**first)]
    if one_build:
        defaults = {
            field.attname: getattr(objects[0], field.attname)
            for field in model._meta.concrete_fields
            if not field.primary_key
        }
        attname = {field.name: field.attname for field in model._meta.concrete_fields}
        for row in rows:
            values = defaults.copy()
            for name in row:
                values.pop(attname.get(name, name), None)
            objects.append(model(**values, **row))
    else:
        objects.extend(factory.build(**row) for row in rows)
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


# territories


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    class Params:
        word = factory.Faker("region", locale=FR)

    name = numbered("{word} {n}")
    code = factory.Sequence(code)
    slug = slug_of()


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    class Params:
        word = factory.Faker("department_name", locale=FR)

    name = numbered("{word} {n}")
    code = factory.Sequence(code)
    slug = slug_of()
    region = factory.SubFactory(RegionFactory)


class TerritoryFactory(DjangoModelFactory):
    """A Pays in one department of its region; `departments=[…]` to choose them."""

    class Meta:
        model = Territory
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    class Params:
        word = factory.Faker("city", locale=FR)

    name = numbered("Pays de {word} {n}")
    slug = slug_of()
    kind = Territory.Kind.PAYS
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            self.departments.set(extracted)
        elif not self.departments.exists():  # a territory found by name keeps its own
            self.departments.add(DepartmentFactory(region=self.region))


class TerritoryPartFactory(DjangoModelFactory):
    """An intercommunalité of the map's data in a territory (territories/geo/)."""

    class Meta:
        model = TerritoryPart

    territory = factory.SubFactory(TerritoryFactory)
    kind = TerritoryPart.Kind.EPCI
    code = factory.Sequence(lambda n: sorted(geometry()["epcis"])[n % len(geometry()["epcis"])])


class KeyFiguresFactory(DjangoModelFactory):
    """Counts that hold together (associations + cooperatives ≤ establishments)."""

    class Meta:
        model = KeyFigures

    territory = factory.SubFactory(TerritoryFactory)
    year = 2008
    source = factory.Sequence(lambda n: f"Observatoire régional de l'ESS, CRES (fiche {n})")
    establishments = factory.Faker("random_int", min=200, max=2000, locale=FR)
    salaried_jobs = factory.Faker("random_int", min=2000, max=20000, locale=FR)
    salaried_jobs_share = Decimal("11.5")
    associations = factory.LazyAttribute(lambda o: o.establishments * 4 // 5)
    cooperatives = factory.LazyAttribute(lambda o: o.establishments // 20)


# poles


class FunctionFactory(DjangoModelFactory):
    class Meta:
        model = Function
        django_get_or_create = ("name",)

    class Params:
        word = factory.Faker("catch_phrase", locale=FR)

    name = numbered("{word} ({n})")


class ActorFactory(DjangoModelFactory):
    """An association, with no territory unless given one."""

    class Meta:
        model = Actor

    class Params:
        word = factory.Faker("company", locale=FR)
        founded_year = factory.Faker("random_int", min=1970, max=2008, locale=FR)

    name = numbered("Association {word} {n}")
    slug = slug_of()
    kind = ActorKind.ASSOCIATION
    description = factory.Faker("paragraph", locale=FR)
    website = factory.Faker("url", locale=FR)
    founded_on = factory.LazyAttribute(lambda o: datetime.date(o.founded_year, 1, 1))
    founded_on_precision = DatePrecision.YEAR
    territory = None


class PoleFactory(DjangoModelFactory):
    """An operating pole acting on one new territory; `territories=[…]` to choose them."""

    class Meta:
        model = Pole
        skip_postgeneration_save = True

    class Params:
        word = factory.Faker("city", locale=FR)

    name = numbered("Pôle ESS de {word} {n}")
    slug = slug_of()
    status = PoleStatus.OPERATING
    created_on = datetime.date(2009, 5, 1)
    created_on_precision = DatePrecision.MONTH
    purpose = factory.Faker("paragraph", locale=FR)
    motivations = factory.Faker("paragraph", locale=FR)
    actors_count = factory.Faker("random_int", min=20, max=120, locale=FR)
    governance_actors_count = factory.LazyAttribute(
        lambda o: None if o.actors_count is None else min(o.actors_count, 12)
    )
    governance_body = "Conseil d'administration"
    staff_count = 1
    staff_fte = Decimal("1.00")
    budget = Decimal("60000.00")
    subsidy_share = Decimal("75.0")
    size_score = 3
    structuration_score = 3

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        if not create:
            return
        self.territories.set(extracted if extracted is not None else [TerritoryFactory()])

    @factory.post_generation
    def functions(self, create, extracted, **kwargs):
        if create and extracted:
            self.functions.set(extracted)


class StatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = StatusChange

    pole = factory.SubFactory(PoleFactory)
    status = PoleStatus.PREFIGURATION
    changed_on = datetime.date(2008, 1, 1)
    changed_on_precision = DatePrecision.YEAR
    source = "Fiche CRES"


class PoleNetworkFactory(DjangoModelFactory):
    class Meta:
        model = PoleNetwork

    pole = factory.SubFactory(PoleFactory)
    network = factory.SubFactory(ActorFactory, kind=ActorKind.NETWORK)
    status = NetworkMembershipStatus.MEMBER


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    pole = factory.SubFactory(PoleFactory)
    actor = factory.SubFactory(ActorFactory)
    role = MembershipRole.MEMBER
    started_on = datetime.date(2009, 1, 1)
    started_on_precision = DatePrecision.YEAR


class StudyFactory(DjangoModelFactory):
    class Meta:
        model = Study

    pole = factory.SubFactory(PoleFactory)
    title = factory.LazyAttribute(lambda o: f"Étude de préfiguration du {o.pole.name}")
    status = StudyStatus.FINISHED
    launched_on = datetime.date(2008, 10, 1)
    launched_on_precision = DatePrecision.MONTH
    ended_on = datetime.date(2009, 6, 1)
    ended_on_precision = DatePrecision.MONTH
    methodology = factory.Faker("paragraph", locale=FR)


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    pole = factory.SubFactory(PoleFactory)
    study = None
    title = factory.Faker("sentence", locale=FR)
    order = factory.Sequence(lambda n: n % 100)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    pole = factory.SubFactory(PoleFactory)
    state = ActionState.DONE
    title = factory.Faker("sentence", locale=FR)
    details = factory.Faker("paragraph", locale=FR)
    date = datetime.date(2009, 10, 7)
    date_precision = DatePrecision.DAY
    order = factory.Sequence(lambda n: n % 100)


class DifficultyFactory(DjangoModelFactory):
    class Meta:
        model = Difficulty

    pole = factory.SubFactory(PoleFactory)
    text = factory.Faker("paragraph", locale=FR)
    order = factory.Sequence(lambda n: n % 100)


class StrengthFactory(DjangoModelFactory):
    class Meta:
        model = Strength

    pole = factory.SubFactory(PoleFactory)
    kind = StrengthKind.STRENGTH
    text = factory.Faker("paragraph", locale=FR)
    order = factory.Sequence(lambda n: n % 100)


class FunderFactory(DjangoModelFactory):
    """A regional council."""

    class Meta:
        model = Funder
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Conseil régional {n}")
    slug = slug_of()
    kind = FunderKind.REGION
    region = factory.SubFactory(RegionFactory)
    website = factory.Faker("url", locale=FR)


class ProgrammeFactory(DjangoModelFactory):
    """A programme with no rules; `region_rules=True` for the Region's (25 000 € …)."""

    class Meta:
        model = Programme
        django_get_or_create = ("name",)

    class Params:
        region_rules = factory.Trait(
            study_max_amount=Decimal("25000"),
            operating_amount_per_post_year=Decimal("35000"),
            operating_max_years=3,
            operating_min_posts=1,
            operating_max_posts=2,
        )

    funder = factory.SubFactory(FunderFactory)
    name = factory.Sequence(lambda n: f"Soutien aux pôles de développement de l'ESS n° {n}")
    slug = slug_of()
    action = factory.Faker("sentence", locale=FR)
    objectives = factory.Faker("paragraph", locale=FR)
    targets = factory.Faker("sentence", locale=FR)


class DocumentFactory(DjangoModelFactory):
    """A pole's document with no file; `for_programme=True` to attach it to a programme."""

    class Meta:
        model = Document

    class Params:
        for_programme = factory.Trait(pole=None, programme=factory.SubFactory(ProgrammeFactory))

    pole = factory.SubFactory(PoleFactory)
    study = None
    programme = None
    title = factory.Faker("sentence", locale=FR)
    author = factory.Faker("name", locale=FR)
    date = datetime.date(2010, 10, 1)
    date_precision = DatePrecision.MONTH


class ContactFactory(DjangoModelFactory):
    """A pole's contact; `for_programme=True` for a programme's."""

    class Meta:
        model = Contact

    class Params:
        for_programme = factory.Trait(pole=None, programme=factory.SubFactory(ProgrammeFactory))

    pole = factory.SubFactory(PoleFactory)
    programme = None
    full_name = factory.Faker("name", locale=FR)
    job_title = factory.Faker("job", locale=FR)
    organisation = factory.Faker("company", locale=FR)
    phone = factory.Faker("phone_number", locale=FR)
    email = factory.Faker("email", locale=FR)


class FundingLineFactory(DjangoModelFactory):
    """A requested project grant from a funder; with `programme=…` the funder is its funder."""

    class Meta:
        model = FundingLine

    pole = factory.SubFactory(PoleFactory)
    study = None
    programme = None
    funder = factory.Maybe(
        "programme",
        yes_declaration=factory.SelfAttribute("programme.funder"),
        no_declaration=factory.SubFactory(FunderFactory),
    )
    kind = FundingKind.PROJECT
    status = FundingStatus.REQUESTED
    amount = Decimal("10000.00")
    start_year = 2009
    end_year = None
    posts = None


class CampaignFactory(DjangoModelFactory):
    """A campaign open since today, for a year of its own (2031, 2032 … 2100, then again)."""

    class Meta:
        model = Campaign

    year = factory.Sequence(lambda n: 2031 + n % 70)
    opens_on = factory.LazyFunction(datetime.date.today)
    submission_deadline = factory.LazyAttribute(
        lambda campaign: campaign.opens_on + datetime.timedelta(days=30)
    )
    review_deadline = factory.LazyAttribute(
        lambda campaign: campaign.submission_deadline + datetime.timedelta(days=30)
    )


class FicheFactory(DjangoModelFactory):
    class Meta:
        model = Fiche

    campaign = factory.SubFactory(CampaignFactory)
    pole = factory.SubFactory(PoleFactory)


def give_seed_lines_amounts():
    """An amount, a year and a known state and kind on the seed's first four funding lines:
    the seed knows no amount (its programme lines are of unknown state and kind), and
    /financements/ draws its chart (an SVG) and its caps table from known amounts only."""
    lines = list(FundingLine.objects.order_by("pk")[:4])
    for line, (amount, year) in zip(
        lines, [(35000, 2009), (35000, 2010), (12000, 2010), (25000, 2011)], strict=True
    ):
        line.amount, line.start_year = Decimal(amount), year
        line.status, line.kind = FundingStatus.GRANTED, FundingKind.OPERATING
    FundingLine.objects.bulk_update(lines, ["amount", "start_year", "status", "kind"])
