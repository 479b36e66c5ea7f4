"""The stored search documents (poles/search/document.py) follow the texts they are made of.

Through the paths the texts change by: the admin's forms, model saves and deletes, the
management commands. A test's writes are never committed: `committed()` runs what a commit
runs (`transaction.on_commit` callbacks), and `/poles/?q=` is then asked as a visitor asks
it. Without it, a search inside the transaction refreshes what the transaction has written
first (`refresh_pending_documents`), which the last tests check too.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from core.fuzzy_dates import DatePrecision
from core.page_cache.versions import NewVersion
from poles.enums import MembershipRole, StrengthKind
from poles.models import Objective, Pole
from poles.search import document, refresh_search_documents, search_poles
from poles.search.document import PendingRefresh, document_text
from tests.admin.forms import admin_form_data
from tests.factories import (
    ActionFactory,
    ActorFactory,
    DifficultyFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    StrengthFactory,
    StudyFactory,
)

URL = reverse("poles:list")

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed() as callbacks:` the block's writes, then what their commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(client, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    return sorted(pole.name for pole in response.context["poles"])


def stored(pole):
    return Pole.objects.values_list("search_text", flat=True).get(pk=pole.pk)


def refreshes(callbacks):
    """The refreshes due on commit: writes the transaction's new data version runs first."""
    return [
        write
        for callback in callbacks
        if isinstance(callback, NewVersion)
        for write in callback.before
        if isinstance(write, PendingRefresh)
    ]


def test_the_document_is_the_texts_unaccented_and_lowercased(committed):
    with committed():
        carrier = ActorFactory(name="Coopérative Kerfléau", acronym="CK")
        pole = PoleFactory(name="Pôle ESS du Trégor", full_name="", carrying_structure=carrier)
        ObjectiveFactory(pole=pole, title="Mise en réseau", details="")

    assert stored(pole) == "pole ess du tregor cooperative kerfleau ck mise en reseau"
    assert document_text(["Œuvre", None, "", "ÉTÉ"]) == "oeuvre ete"


# the admin's forms


def test_rows_added_in_the_pole_form_make_it_findable_with_one_refresh(
    admin_client, committed, django_capture_on_commit_callbacks
):
    with committed():
        pole = PoleFactory(name="Pôle ESS du Pays de Morlaix")
        actor = ActorFactory(name="Association Zorglubienne", acronym="AZB")
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "objectives-TOTAL_FORMS": "1",
            "objectives-0-order": "1",
            "objectives-0-title": "Créer une monnaie locale bidulienne",
            "strengths-TOTAL_FORMS": "1",
            "strengths-0-order": "1",
            "strengths-0-kind": StrengthKind.PRACTICE,
            "strengths-0-text": "Une pratique trucmuchesque.",
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-actor": str(actor.pk),
            "memberships-0-role": MembershipRole.MEMBER,
            "memberships-0-started_on_precision": DatePrecision.YEAR,
        }
    )
    assert found(admin_client, "bidulienne") == []

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    # The pole and three rows saved: one refresh, when the transaction commits.
    assert len(refreshes(callbacks)) == 1
    for text in ("monnaie bidulienne", "trucmuchesque", "Zorglubienne", "AZB", "Morlaix"):
        assert found(admin_client, text) == [pole.name], text


def test_a_row_deleted_in_the_pole_form_makes_it_unfindable(admin_client, committed):
    with committed():
        pole = PoleFactory()
        ObjectiveFactory(pole=pole, title="Ouvrir une recyclerie", details="")
    assert found(admin_client, "recyclerie") == [pole.name]
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(admin_client.get(url))
    data["objectives-0-DELETE"] = "on"

    with committed():
        response = admin_client.post(url, data)

    assert response.status_code == 302
    assert "recyclerie" not in stored(pole)
    assert found(admin_client, "recyclerie") == []


def test_an_objective_moved_to_another_pole_moves_in_the_search(admin_client, committed):
    with committed():
        first, second = PoleFactory.create_batch(2)
        objective = ObjectiveFactory(pole=first, title="Fonder une ressourcerie", details="")
    url = reverse("admin:poles_objective_change", args=[objective.pk])
    data = admin_form_data(admin_client.get(url))
    data["pole"] = str(second.pk)

    with committed():
        response = admin_client.post(url, data)

    assert response.status_code == 302
    assert "ressourcerie" not in stored(first)
    assert found(admin_client, "ressourcerie") == [second.name]


def test_an_actor_renamed_in_the_admin_is_found_under_its_new_name_in_its_poles_only(
    admin_client, committed, django_capture_on_commit_callbacks
):
    with committed():
        actor = ActorFactory(name="Association Ancienne", acronym="")
        member_of, carried, studied, elsewhere = PoleFactory.create_batch(4)
        MembershipFactory(pole=member_of, actor=actor)
        carried.carrying_structure = actor
        carried.save()
        StudyFactory(pole=studied, carrier=actor)
        MembershipFactory(pole=elsewhere)
    untouched = stored(elsewhere)
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = admin_form_data(admin_client.get(url))
    data["name"] = "Association Nouvelle Fleurdelysée"

    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(url, data)
    assert response.status_code == 302
    (refresh,) = refreshes(callbacks)
    assert refresh.pole_ids == {member_of.pk, carried.pk, studied.pk}
    refresh()

    poles = sorted(pole.name for pole in (member_of, carried, studied))
    assert found(admin_client, "Fleurdelysée") == poles
    assert found(admin_client, "Ancienne") == []
    assert stored(elsewhere) == untouched


def test_an_actor_edit_that_keeps_its_name_refreshes_nothing(
    admin_client, committed, django_capture_on_commit_callbacks
):
    with committed():
        actor = MembershipFactory().actor
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = admin_form_data(admin_client.get(url))
    data["description"] = "Une autre présentation."

    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(url, data)

    assert response.status_code == 302
    assert refreshes(callbacks) == []


# model saves and deletes


@pytest.mark.parametrize(
    "add",
    [
        lambda pole: ObjectiveFactory(pole=pole, title="Objectif zorglubesque"),
        lambda pole: ActionFactory(pole=pole, details="Une action zorglubesque."),
        lambda pole: DifficultyFactory(pole=pole, text="Une difficulté zorglubesque."),
        lambda pole: StrengthFactory(pole=pole, text="Un atout zorglubesque."),
        lambda pole: MembershipFactory(pole=pole, actor__name="Collectif Zorglubesque"),
        lambda pole: StudyFactory(pole=pole, carrier=ActorFactory(acronym="ZORGLUBESQUE")),
    ],
    ids=["objective", "action", "difficulty", "strength", "membership", "study"],
)
def test_a_row_saved_makes_its_pole_findable_and_deleted_unfindable(client, committed, add):
    with committed():
        pole, other = PoleFactory.create_batch(2)
    assert found(client, "zorglubesque") == []

    with committed():
        row = add(pole)
    assert "zorglubesque" in stored(pole)
    assert found(client, "zorglubesque") == [pole.name]

    with committed():
        row.delete()
    assert "zorglubesque" not in stored(pole)
    assert found(client, "zorglubesque") == []


def test_a_pole_renamed_is_found_under_its_new_name(client, committed):
    with committed():
        pole = PoleFactory(name="Pôle ESS de Landerneau")
    with committed():
        pole.name = "Pôle ESS de Plougastel"
        pole.save()

    assert found(client, "Plougastel") == [pole.name]
    assert found(client, "Landerneau") == []


def test_a_deleted_carrying_structure_leaves_the_documents(client, committed):
    with committed():
        carrier = ActorFactory(name="Fondation Disparue")
        pole = PoleFactory(carrying_structure=carrier)
        studied = StudyFactory(carrier=carrier).pole

    with committed():
        carrier.delete()

    assert "disparue" not in stored(pole)
    assert "disparue" not in stored(studied)
    assert found(client, "Disparue") == []


def test_rows_saved_in_a_rolled_back_savepoint_leave_no_refresh(committed):
    with committed():
        pole = PoleFactory()

    with committed() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            ObjectiveFactory(pole=pole)
            raise RuntimeError("annulé")

    assert refreshes(callbacks) == []


def test_a_search_inside_the_transaction_finds_what_it_has_written(client):
    pole = PoleFactory()
    ObjectiveFactory(pole=pole, title="Une conciergerie solidaire", details="")

    # Nothing committed: the search refreshes the transaction's poles first.
    assert [p.pk for p in search_poles(Pole.objects.all(), "conciergerie")] == [pole.pk]
    assert found(client, "conciergerie") == [pole.name]


# the refresh itself


def poles_with_rows(count):
    poles = PoleFactory.create_batch(count)
    for pole in poles:
        ObjectiveFactory.create_batch(2, pole=pole)
        ActionFactory(pole=pole)
        DifficultyFactory(pole=pole)
        StrengthFactory(pole=pole)
        MembershipFactory.create_batch(2, pole=pole)
        StudyFactory(pole=pole, carrier=ActorFactory())
    return poles


def queries_of(refresh):
    with CaptureQueriesContext(connection) as queries:
        changed = refresh()
    return len(queries), changed


def test_the_refresh_runs_the_same_few_queries_for_3_poles_as_for_60(committed):
    with committed():
        few = poles_with_rows(3)
        many = poles_with_rows(60)
    Pole.objects.update(search_text="")  # no signal: every document is stale

    few_queries, changed = queries_of(lambda: refresh_search_documents([p.pk for p in few]))
    assert changed == 3
    many_queries, changed = queries_of(lambda: refresh_search_documents([p.pk for p in many]))
    assert changed == 60
    # Read the poles, read each of the six related models, write the changed documents.
    assert few_queries == many_queries <= 8
    # Documents already up to date are read, not written.
    unchanged_queries, changed = queries_of(refresh_search_documents)
    assert changed == 0
    assert unchanged_queries <= 7


def test_the_refresh_reads_the_poles_in_batches(committed, monkeypatch):
    with committed():
        poles = poles_with_rows(25)
    Pole.objects.update(search_text="")
    monkeypatch.setattr(document, "BATCH_SIZE", 10)

    queries, changed = queries_of(refresh_search_documents)

    assert changed == 25
    assert queries <= 3 * 8 + 1  # three batches, and the read that finds no more poles
    assert all(stored(pole) for pole in poles)


# the management commands


def test_generated_demo_data_is_searchable(client):
    call_command("generate_demo_data", poles=6, actors=300, funding=10, seed=3, stdout=StringIO())

    demo = Pole.objects.filter(is_demo=True)
    assert demo.count() == 6
    assert all(text for text in demo.values_list("search_text", flat=True))
    assert refresh_search_documents() == 0  # every document is what its texts make
    member = Actor.objects.filter(is_demo=True, memberships__isnull=False).first()
    named = Q(memberships__actor=member) | Q(carrying_structure=member) | Q(studies__carrier=member)
    expected = sorted(set(demo.filter(named).values_list("name", flat=True)))
    assert found(client, f'"{member.name}"') == expected


def test_deleting_demo_data_refreshes_the_real_poles_it_carried(client, committed):
    call_command("generate_demo_data", poles=2, actors=50, funding=0, seed=3, stdout=StringIO())
    carrier = Actor.objects.filter(is_demo=True).earliest("name")
    with committed():
        real = PoleFactory(carrying_structure=carrier)
    assert real.name in found(client, f'"{carrier.name}"')

    call_command("generate_demo_data", delete=True, stdout=StringIO())

    assert document_text([carrier.name]) not in stored(real)
    assert found(client, f'"{carrier.name}"') == []


def test_load_seed_fills_the_documents(client, committed):
    with committed():
        call_command("load_seed", stdout=StringIO())

    assert not Pole.objects.filter(search_text="").exists()
    assert found(client, "Steredenn") == ["Pôle ESS du Pays de Dinan"]


def test_load_seed_force_refreshes_a_pole_a_seeded_row_is_moved_back_from(client, committed):
    with committed():
        call_command("load_seed", stdout=StringIO())
    objective = Objective.objects.get(details__contains="Se constituer en réseau")
    elsewhere = Pole.objects.exclude(pk=objective.pole_id).earliest("name")
    with committed():
        objective.pole = elsewhere
        objective.save()
    assert "constituer en reseau" in stored(elsewhere)

    with committed():
        call_command("load_seed", "--force", stdout=StringIO())

    assert "constituer en reseau" not in stored(elsewhere)
    assert found(client, '"constituer en réseau"') == ["Pôle ESS du Pays de Dinan"]


# the migration


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_documents_of_existing_poles():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate([("poles", "0010_actor_name_trigram_indexes")])
    apps = executor.loader.project_state([("poles", "0010_actor_name_trigram_indexes")]).apps
    actor = apps.get_model("poles", "Actor").objects.create(
        name="Société Coopérative Ancrée", slug="scop-ancree", kind="scop"
    )
    pole = apps.get_model("poles", "Pole").objects.create(
        name="Pôle ESS d'Avant", slug="pole-avant", carrying_structure=actor
    )
    apps.get_model("poles", "Action").objects.create(
        pole=pole, state="done", title="Épicerie éphémère", order=1
    )

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    assert Pole.objects.get(pk=pole.pk).search_text == (
        "pole ess d'avant societe cooperative ancree epicerie ephemere"
    )
    assert [p.pk for p in search_poles(Pole.objects.all(), "épiceries coopératives")] == [pole.pk]


# PostgreSQL's vector


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL seul a la colonne.")
def test_postgresql_keeps_the_vector_with_the_text_and_searches_it_through_its_index(committed):
    with committed():
        pole = PoleFactory(name="Pôle ESS des Abers")
    Pole.objects.filter(pk=pole.pk).update(search_text="ecolieux")  # no signal, no refresh

    assert [p.pk for p in search_poles(Pole.objects.all(), "Écolieux")] == [pole.pk]
    queryset = search_poles(Pole.objects.all(), "écolieux")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A few rows: a sequential or primary-key scan is cheaper; priced out, the GIN index
        # (a bitmap scan) is what remains.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "pole_search_vector" in plan, plan


def test_the_search_document_is_not_copied_into_the_pole_s_history():
    """Derived text: a history row would copy kilobytes per save and list « texte de
    recherche » among the fields changed by someone else."""
    assert "search_text" not in {field.name for field in Pole.revisions.model._meta.fields}
