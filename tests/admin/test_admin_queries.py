"""Nothing in the admin runs a query per row ("Intended to prevent an n+1 issue")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.enums import FundingKind
from poles.models import StatusChange
from tests.admin.conftest import FACTORIES
from tests.admin.forms import admin_form_data
from tests.factories import (
    ActionFactory,
    ActorFactory,
    ContactFactory,
    DifficultyFactory,
    DocumentFactory,
    FundingLineFactory,
    KeyFiguresFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    PoleNetworkFactory,
    ProgrammeFactory,
    StatusChangeFactory,
    StrengthFactory,
    StudyFactory,
    TerritoryFactory,
)
from tests.pages import count_queries

MAX_POLE_PAGE_QUERIES = 35


def pole_with_rows(rows, programme):
    pole = PoleFactory()
    study = StudyFactory(pole=pole)
    for factory in (
        StatusChangeFactory,
        ActionFactory,
        DifficultyFactory,
        StrengthFactory,
        MembershipFactory,
        PoleNetworkFactory,
        ContactFactory,
    ):
        factory.create_batch(rows, pole=pole)
    ObjectiveFactory.create_batch(rows, pole=pole, study=study)
    DocumentFactory.create_batch(rows, pole=pole, study=study)
    FundingLineFactory.create_batch(
        rows, pole=pole, study=study, programme=programme, funder=None, kind=FundingKind.STUDY
    )
    return pole


@pytest.mark.django_db
def test_pole_change_page_with_50_rows_per_inline_runs_a_constant_number_of_queries(
    staff_client, region_programme, django_assert_max_num_queries
):
    small = pole_with_rows(1, region_programme)
    large = pole_with_rows(50, region_programme)
    change = "admin:poles_pole_change"

    small_count = count_queries(staff_client, reverse(change, args=[small.pk]))
    with django_assert_max_num_queries(MAX_POLE_PAGE_QUERIES):
        response = staff_client.get(reverse(change, args=[large.pk]))

    assert response.status_code == 200
    # Each list: its latest 10 rows on the page (the others in their list).
    statuses = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is StatusChange
    )
    assert statuses.total_form_count() == 10
    assert count_queries(staff_client, reverse(change, args=[large.pk])) == small_count


@pytest.mark.django_db
def test_study_change_page_is_constant_too(staff_client, region_programme):
    small = pole_with_rows(1, region_programme).studies.get()
    large = pole_with_rows(50, region_programme).studies.get()
    change = "admin:poles_study_change"
    small_count = count_queries(staff_client, reverse(change, args=[small.pk]))

    assert count_queries(staff_client, reverse(change, args=[large.pk])) == small_count


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_changelists_run_a_constant_number_of_queries(staff_client, model_name):
    factory = FACTORIES[model_name]
    app = factory._meta.model._meta.app_label
    url = reverse(f"admin:{app}_{model_name}_changelist")
    factory.create_batch(2)
    few = count_queries(staff_client, url)

    factory.create_batch(60)

    assert count_queries(staff_client, url) == few


def territory_with_figures(rows):
    territory = TerritoryFactory()
    for year in range(2000, 2000 + rows):
        KeyFiguresFactory(territory=territory, year=year)
    return territory


def actor_with_memberships(rows):
    actor = ActorFactory()
    MembershipFactory.create_batch(rows, actor=actor)
    return actor


def programme_with_parts(rows):
    programme = ProgrammeFactory()
    ContactFactory.create_batch(rows, pole=None, programme=programme)
    DocumentFactory.create_batch(rows, pole=None, programme=programme)
    return programme


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "view"),
    [
        (territory_with_figures, "admin:territories_territory_change"),
        (actor_with_memberships, "admin:actors_actor_change"),
        (programme_with_parts, "admin:funding_programme_change"),
    ],
    ids=["territory", "actor", "programme"],
)
def test_other_change_pages_with_inlines_are_constant(staff_client, build, view):
    small, large = build(1), build(50)
    small_count = count_queries(staff_client, reverse(view, args=[small.pk]))

    assert count_queries(staff_client, reverse(view, args=[large.pk])) == small_count


def count_save_queries(client, url, **changes):
    """Queries of saving the change page as rendered, with `changes` to its data."""
    data = {**admin_form_data(client.get(url)), **changes}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return len(queries)


@pytest.mark.django_db
def test_saving_a_pole_page_costs_no_query_per_row_left_unchanged(staff_client, region_programme):
    """Rows sent back as they are write nothing and are not validated again."""
    counts = []
    for rows in (1, 50):
        pole = pole_with_rows(rows, region_programme)
        url = reverse("admin:poles_pole_change", args=[pole.pk])
        title = {"objectives-0-title": "Un objectif reformulé"}
        counts.append(count_save_queries(staff_client, url, **title))
        assert pole.objectives.filter(title="Un objectif reformulé").count() == 1

    assert counts[0] == counts[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "view"),
    [
        (territory_with_figures, "admin:territories_territory_change"),
        (actor_with_memberships, "admin:actors_actor_change"),
        (programme_with_parts, "admin:funding_programme_change"),
    ],
    ids=["territory", "actor", "programme"],
)
def test_saving_other_pages_unchanged_is_constant(staff_client, build, view):
    small, large = build(1), build(50)
    small_count = count_save_queries(staff_client, reverse(view, args=[small.pk]))

    assert count_save_queries(staff_client, reverse(view, args=[large.pk])) == small_count
