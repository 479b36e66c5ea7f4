"""Nothing in the admin runs a query per row ("Intended to prevent an n+1 issue")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from poles.enums import FundingKind
from tests.admin.conftest import FACTORIES
from tests.factories import (
    ActionFactory,
    ContactFactory,
    DifficultyFactory,
    DocumentFactory,
    FundingLineFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    PoleNetworkFactory,
    StatusChangeFactory,
    StrengthFactory,
    StudyFactory,
)

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


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


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
    assert response.context["inline_admin_formsets"][0].formset.total_form_count() == 50
    assert count_queries(staff_client, reverse(change, args=[large.pk])) == small_count


@pytest.mark.django_db
def test_study_change_page_is_constant_too(staff_client, region_programme):
    small = pole_with_rows(1, region_programme).studies.get()
    large = pole_with_rows(50, region_programme).studies.get()
    change = "admin:poles_study_change"

    assert count_queries(staff_client, reverse(change, args=[large.pk])) == count_queries(
        staff_client, reverse(change, args=[small.pk])
    )


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
