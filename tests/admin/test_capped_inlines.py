"""A pole's page keeps the latest rows of its growing lists (`max_rows`, core/admin/inlines.py):
the others are counted and reached through their list, and nothing is lost on save."""

import pytest
from django.urls import reverse

from core.fuzzy_dates import DatePrecision
from poles.enums import ActionState
from poles.models import Action, FundingLine
from tests.admin.forms import admin_form_data
from tests.factories import ActionFactory, FunderFactory, FundingLineFactory, PoleFactory


def funding_formset(response):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is FundingLine
    )


@pytest.fixture
def pole_with_15_lines():
    pole = PoleFactory(name="Pôle aux quinze lignes")
    funder = FunderFactory()
    for year in range(2000, 2015):
        FundingLineFactory(pole=pole, funder=funder, start_year=year, amount=1000 + year)
    return pole


@pytest.mark.django_db
def test_the_latest_ten_lines_are_editable_and_the_others_are_in_their_list(
    staff_client, pole_with_15_lines
):
    pole = pole_with_15_lines
    response = staff_client.get(reverse("admin:poles_pole_change", args=[pole.pk]))

    formset = funding_formset(response)
    years = sorted(form.instance.start_year for form in formset.initial_forms)
    assert years == list(range(2005, 2015))
    page = response.content.decode()
    assert "Cette page en montre 10 sur 15, celles des années les plus récentes" in page
    url = f"{reverse('admin:poles_fundingline_changelist')}?pole__id__exact={pole.pk}"
    assert f'href="{url.replace("&", "&amp;")}"' in page

    listing = staff_client.get(url)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 15


@pytest.mark.django_db
def test_a_pole_with_few_rows_shows_them_all_without_a_note(staff_client):
    pole = PoleFactory()
    FundingLineFactory.create_batch(3, pole=pole)
    response = staff_client.get(reverse("admin:poles_pole_change", args=[pole.pk]))

    assert len(funding_formset(response).initial_forms) == 3
    assert "Cette page en montre" not in response.content.decode()


@pytest.mark.django_db
def test_a_save_keeps_its_rows_when_newer_ones_were_added_meanwhile(
    staff_client, pole_with_15_lines
):
    pole = pole_with_15_lines
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))
    oldest_on_page = FundingLine.objects.get(pole=pole, start_year=2005)
    key = next(
        name.removesuffix("-id")
        for name, value in data.items()
        if name.endswith("-id") and value == str(oldest_on_page.pk)
    )
    data[f"{key}-amount"] = "4321"
    # Meanwhile, someone adds a newer line: the page's oldest row is no longer in the latest ten.
    FundingLineFactory(pole=pole, funder=oldest_on_page.funder, start_year=2020)

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    oldest_on_page.refresh_from_db()
    assert oldest_on_page.amount == 4321
    assert FundingLine.objects.filter(pole=pole).count() == 16


@pytest.mark.django_db
def test_a_new_row_is_numbered_after_the_rows_not_on_the_page(staff_client):
    pole = PoleFactory()
    # The first 5 actions created (left out of the page: the latest 30 are shown) have the
    # highest numbers.
    for index in range(35):
        ActionFactory(pole=pole, order=100 - index)
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))
    assert data["actions-INITIAL_FORMS"] == "30"
    data.update(
        {
            "actions-TOTAL_FORMS": "31",
            "actions-30-title": "Une action de plus",
            "actions-30-state": ActionState.PLANNED,
            "actions-30-date_precision": DatePrecision.DAY,
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Action.objects.get(pole=pole, title="Une action de plus").order == 101


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["abc", "99999999999999999999999", "-1"])
def test_a_tampered_row_key_gets_an_answer_not_a_server_error(
    staff_client, pole_with_15_lines, key
):
    url = reverse("admin:poles_pole_change", args=[pole_with_15_lines.pk])
    data = admin_form_data(staff_client.get(url))
    first = next(
        name for name in data if name.startswith("funding_lines-") and name.endswith("-id")
    )
    data[first] = key

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert FundingLine.objects.filter(pole=pole_with_15_lines).count() == 15
