"""manage.py generate_demo_data: synthetic data at national scale, marked, and removable.

Small numbers here; the national scale (500 poles, 200 000 actors, 20 000 funding lines) is
timed by hand and by `make bench` (docs/performance.md)."""

import itertools
from io import StringIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import CASCADE, PROTECT, SET_NULL, Count, Q
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from actors.models import Actor
from core.formats import number
from demo.delete import DELETED, PROTECTED, UNLINKED
from funding.enums import FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.enums import MembershipRole, PoleStatus
from poles.models import (
    Action,
    Contact,
    Difficulty,
    FundingLine,
    Membership,
    Objective,
    Pole,
    StatusChange,
    Strength,
    Study,
)
from territories.models import Department, KeyFigures, Region, Territory
from tests.factories import FundingLineFactory, MembershipFactory
from tests.portal_models import domain_models, history_models

SMALL = {"poles": 6, "actors": 400, "funding": 60, "seed": 3}

# What makes a generated record demo data: it is a demo root, or belongs to one.
BELONGS_TO_DEMO = {
    Region: Q(is_demo=True),
    Department: Q(is_demo=True),
    Territory: Q(is_demo=True),
    Territory.departments.through: Q(territory__is_demo=True, department__is_demo=True),
    KeyFigures: Q(territory__is_demo=True),
    Funder: Q(is_demo=True),
    Programme: Q(funder__is_demo=True),
    Actor: Q(is_demo=True),
    Pole: Q(is_demo=True),
    Pole.territories.through: Q(pole__is_demo=True, territory__is_demo=True),
    Membership: Q(pole__is_demo=True, actor__is_demo=True),
    StatusChange: Q(pole__is_demo=True),
    Study: Q(pole__is_demo=True),
    Objective: Q(pole__is_demo=True),
    Action: Q(pole__is_demo=True),
    Difficulty: Q(pole__is_demo=True),
    Strength: Q(pole__is_demo=True),
    Contact: Q(pole__is_demo=True),
    FundingLine: Q(pole__is_demo=True, funder__is_demo=True),
}


def generate(**options):
    out = StringIO()
    call_command("generate_demo_data", **{**SMALL, **options}, stdout=out)
    return out.getvalue()


def delete():
    out = StringIO()
    call_command("generate_demo_data", delete=True, stdout=out)
    return out.getvalue()


def every_table():
    return [*domain_models(), *history_models(), *BELONGS_TO_DEMO]


def counts():
    return {model: model.objects.count() for model in every_table()}


def dump():
    """Every record of the portal (history included), as loaddata would read it."""
    querysets = (model.objects.order_by("pk") for model in [*domain_models(), *history_models()])
    return serializers.serialize("json", itertools.chain.from_iterable(querysets))


def test_writes_what_was_asked_with_the_shapes_of_real_poles(db):
    output = generate(poles=40, actors=1200, funding=300)

    poles = Pole.objects.filter(is_demo=True)
    assert poles.count() == 40
    assert Actor.objects.filter(is_demo=True).count() == 1200
    assert FundingLine.objects.count() == 300
    shapes = {
        Objective: (3, 8),
        Action: (5, 15),
        Difficulty: (2, 5),
        Strength: (2, 5),
        Membership: (10, 60),
        Pole.territories.through: (1, 3),
        StatusChange: (1, 4),
    }
    for model, (low, high) in shapes.items():
        per_pole = dict(model.objects.values_list("pole").annotate(Count("pk")).order_by())
        for pole in poles:
            assert low <= per_pole.get(pole.pk, 0) <= high, (model, pole)
    for pole in poles:
        assert pole.name.startswith("Pôle démo ")
    assert len({pole.status for pole in poles}) >= 4
    # Every state and kind but « non communiqué(e) », which only a document's silence gives
    # (the seed's lines): the demo's lines are decided money of a known kind.
    assert set(FundingLine.objects.values_list("status", flat=True)) == set(FundingStatus) - {
        FundingStatus.UNKNOWN
    }
    assert set(FundingLine.objects.values_list("kind", flat=True)) == set(FundingKind) - {
        FundingKind.UNKNOWN
    }
    years = Territory.objects.annotate(years=Count("key_figures__year", distinct=True))
    assert min(territory.years for territory in years) >= 2
    assert all(" démo " in name for name in Territory.objects.values_list("name", flat=True))
    # The summary, in French.
    assert f"acteurs : {number(1200)}" in output
    assert "pôles : 40" in output
    assert "lignes de financement : 300" in output
    assert "Terminé en " in output


def snapshot():
    """The generated data by names, ids aside."""
    return {
        "poles": list(
            Pole.objects.order_by("name").values_list(
                "name", "status", "created_on", "carrying_structure__name", "budget", "size_score"
            )
        ),
        "territories": list(
            Pole.territories.through.objects.order_by("pole__name", "territory__name").values_list(
                "pole__name", "territory__name"
            )
        ),
        "actors": list(
            Actor.objects.order_by("name").values_list("name", "kind", "territory__name")
        ),
        "members": list(
            Membership.objects.order_by("pole__name", "actor__name").values_list(
                "pole__name", "actor__name", "role", "started_on"
            )
        ),
        "actions": list(
            Action.objects.order_by("pole__name", "order").values_list(
                "pole__name", "title", "state", "date"
            )
        ),
        "figures": list(
            KeyFigures.objects.order_by("territory__name", "year").values_list(
                "territory__name", "year", "establishments", "associations"
            )
        ),
        "funding": sorted(
            FundingLine.objects.values_list(
                "pole__name",
                "funder__name",
                "programme__name",
                "kind",
                "amount",
                "start_year",
                "end_year",
                "status",
            ),
            key=repr,
        ),
    }


def test_the_same_seed_gives_the_same_data_another_seed_other_data(db):
    generate(seed=5)
    first = snapshot()
    delete()
    generate(seed=5)
    assert snapshot() == first
    delete()
    generate(seed=6)
    other = snapshot()
    assert other["poles"] != first["poles"]
    assert other["funding"] != first["funding"]


def test_every_generated_record_belongs_to_a_demo_root_and_goes_with_delete(seed):
    before, seed_dump = counts(), dump()

    generate()

    after = counts()
    for model in every_table():
        generated = after[model] - before[model]
        if model in BELONGS_TO_DEMO:
            assert generated > 0, model
            assert model.objects.filter(BELONGS_TO_DEMO[model]).count() == generated, model
        else:
            assert generated == 0, model  # documents, functions, networks, history
    output = delete()
    assert counts() == before
    assert dump() == seed_dump
    connection.check_constraints()  # the foreign keys hold (checked at commit otherwise)
    assert f"acteurs : {number(SMALL['actors'])}" in output
    assert "Supprimé :" in output


def test_real_records_linked_to_demo_ones_only_lose_the_link(seed):
    generate()
    demo_territory = Territory.objects.filter(is_demo=True).earliest("name")
    demo_actor = Actor.objects.filter(is_demo=True).earliest("name")
    actor = Actor.objects.filter(is_demo=False).earliest("name")
    pole = Pole.objects.filter(is_demo=False).earliest("name")
    territories = set(pole.territories.all())
    actor.territory = demo_territory
    actor.save()
    pole.carrying_structure, pole.figures_territory = demo_actor, demo_territory
    pole.save()
    pole.territories.add(demo_territory)

    delete()

    actor.refresh_from_db()
    pole.refresh_from_db()
    assert actor.territory is None
    assert (pole.carrying_structure, pole.figures_territory) == (None, None)
    assert set(pole.territories.all()) == territories
    connection.check_constraints()


def demo_member_of_real_pole():
    MembershipFactory(
        pole=Pole.objects.filter(is_demo=False).earliest("name"),
        actor=Actor.objects.filter(is_demo=True).earliest("name"),
        role=MembershipRole.MEMBER,
    )
    return "1 participation(s) d'un acteur de démonstration à un pôle réel"


def real_pole_funded_by_demo_funder():
    FundingLineFactory(
        pole=Pole.objects.filter(is_demo=False).earliest("name"),
        funder=Funder.objects.filter(is_demo=True).earliest("name"),
        kind=FundingKind.PROJECT,
        status=FundingStatus.REQUESTED,
        amount=None,
        start_year=None,
    )
    return "1 ligne(s) de financement d'un pôle réel par un financeur de démonstration"


@pytest.mark.parametrize("link", [demo_member_of_real_pole, real_pole_funded_by_demo_funder])
def test_delete_is_refused_while_a_real_record_needs_a_demo_one(seed, link):
    generate()
    problem = link()
    before = counts()

    with pytest.raises(CommandError) as error:
        delete()

    message = str(error.value)
    assert message.startswith("Suppression refusée : des fiches qui ne sont pas des données")
    assert f"- {problem} (par exemple « " in message
    assert counts() == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"poles": -1}, "--poles ne peut pas être négatif (reçu : -1)."),
        ({"actors": "beaucoup"}, "--actors attend un nombre entier (reçu : « beaucoup »)."),
        ({"seed": "1.5"}, "--seed attend un nombre entier (reçu : « 1.5 »)."),
        (
            {"actors": 2_000_000},
            f"--actors : {number(1_000_000)} au plus (reçu : {number(2_000_000)}).",
        ),
        (
            {"poles": 0, "funding": 10},
            "Une ligne de financement se rattache à un pôle : --funding demande --poles "
            "supérieur à 0.",
        ),
    ],
)
def test_bad_arguments_get_a_french_message_and_nothing_is_written(db, options, message):
    with pytest.raises(CommandError) as error:
        generate(**options)
    assert str(error.value) == message
    assert not Region.objects.exists()


def test_bad_arguments_on_the_command_line_too(db):
    with pytest.raises(CommandError) as error:
        call_command("generate_demo_data", "--funding=-20", stdout=StringIO())
    assert str(error.value) == "--funding ne peut pas être négatif (reçu : -20)."


def test_delete_takes_no_numbers(db):
    with pytest.raises(CommandError) as error:
        call_command("generate_demo_data", "--delete", "--poles", "3", "--seed", "2")
    assert str(error.value) == (
        "--delete ne prend pas --poles, --seed : il supprime toutes les données de démonstration."
    )


def test_a_second_run_is_refused_until_the_demo_data_is_deleted(db):
    generate()
    before = counts()
    with pytest.raises(CommandError) as error:
        generate(seed=4)
    message = str(error.value)
    assert message.startswith("La base contient déjà des données de démonstration (")
    assert "territoires, 400 acteurs, 6 pôles, " in message
    assert message.endswith(
        "). Supprimez-les d'abord : python manage.py generate_demo_data --delete"
    )
    assert counts() == before
    delete()
    generate(seed=4)


def test_nothing_asked_nothing_written(db):
    output = generate(poles=0, actors=0, funding=0)
    assert "Ni pôle ni acteur demandé : rien à générer." in output
    assert not Region.objects.exists()
    assert "0 pôle, 1 acteur, 0 ligne de financement…" in generate(poles=0, actors=1, funding=0)


def test_dry_run_writes_nothing(db):
    output = generate(dry_run=True)
    assert " ; rien n'a été enregistré (--dry-run)." in output
    assert "pôles : 6" in output
    assert not Pole.objects.exists()


def test_generated_records_pass_the_models_validation_unchanged(db):
    """full_clean(): fields, constraints, programme rules (FundingLine.clean), fuzzy dates
    already at the start of their month or year (clean() would move them)."""
    generate(poles=10, actors=300, funding=150)
    problems = []
    for model in [model for model in BELONGS_TO_DEMO if not model._meta.auto_created]:
        fields = [field.attname for field in model._meta.concrete_fields]
        for record in model.objects.all():
            values = [getattr(record, name) for name in fields]
            try:
                record.full_clean()
            except ValidationError as error:
                problems.append(f"{model.__name__} {record.pk} : {error}")
            if [getattr(record, name) for name in fields] != values:
                problems.append(f"{model.__name__} {record.pk} : changé par clean()")
    assert problems == []
    # Lines under a regional programme use its rules up to their caps, never beyond.
    assert FundingLine.objects.filter(programme__study_max_amount__isnull=False).exists()


def test_pages_show_demo_data_and_the_admin_filters_it(client, admin_client, seed):
    generate()
    pole = Pole.objects.filter(is_demo=True, status=PoleStatus.OPERATING).earliest("name")
    actor = Actor.objects.filter(is_demo=True).earliest("name")
    assertContains(client.get(pole.get_absolute_url()), pole.name)
    assertContains(client.get(actor.get_absolute_url()), actor.name)
    assertContains(client.get(reverse("poles:list"), {"status": PoleStatus.OPERATING}), pole.name)

    for changelist, model in (
        ("admin:poles_pole_changelist", Pole),
        ("admin:actors_actor_changelist", Actor),
    ):
        response = admin_client.get(reverse(changelist), {"is_demo__exact": "1"})
        assertContains(response, "Par donnée de démonstration")
        assert response.context["cl"].result_count == model.objects.filter(is_demo=True).count()
        response = admin_client.get(reverse(changelist), {"is_demo__exact": "0"})
        assert response.context["cl"].result_count == model.objects.filter(is_demo=False).count()


def test_cached_pages_show_the_demo_data_once_generated(
    client, settings, db, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    assertNotContains(client.get(reverse("poles:list")), "Pôle démo 0001")
    with django_capture_on_commit_callbacks(execute=True):
        generate()
    assertContains(client.get(reverse("poles:list")), "Pôle démo 0001")
    with django_capture_on_commit_callbacks(execute=True):
        delete()
    assertNotContains(client.get(reverse("poles:list")), "Pôle démo 0001")


def test_delete_follows_every_relation_to_what_it_deletes():
    """A foreign key added later to a deleted model must be taken care of in
    demo/delete.py, as its on_delete says; the database would refuse otherwise."""
    deleted = {model for model, _ in DELETED}
    protected = {model for model, _, _ in PROTECTED}
    unlinked = {(model, field) for model, _, field in UNLINKED}
    # Their keys to the records are not constraints.
    history = {*history_models(), *apps.get_app_config("campaigns").get_models()}
    history = {model for model in history if model._meta.model_name.startswith("historical")}
    for model in deleted:
        for relation in model._meta.get_fields(include_hidden=True):
            if not relation.auto_created or relation.concrete or not relation.is_relation:
                continue  # not a relation from another model to this one
            if relation.related_model in history:
                continue
            if relation.many_to_many:
                assert relation.through in deleted, relation
            elif relation.on_delete is CASCADE:
                assert relation.related_model in deleted, relation
            elif relation.on_delete is PROTECT:
                assert relation.related_model in protected | deleted, relation
            else:
                assert relation.on_delete is SET_NULL, relation
                assert (relation.related_model, relation.field.name) in unlinked, relation
