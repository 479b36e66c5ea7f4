"""A funding line's schedule (« échéancier ») typed in the admin: each year's amount, adding
up to the line's amount, with French messages when it does not (issue 16, point 3)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.enums import FundingKind, FundingStatus
from poles.models import FundingLine
from tests.admin.forms import admin_form_data
from tests.factories import FundingLineFactory, PoleFactory
from tests.pages import page_text


@pytest.fixture
def line(region_programme):
    return FundingLineFactory(
        pole=PoleFactory(),
        programme=region_programme,
        kind=FundingKind.OPERATING,
        posts=2,
        amount=210000,
        start_year=2024,
        end_year=2026,
        status=FundingStatus.GRANTED,
    )


def save_line(client, line, schedule, **changes):
    url = reverse("admin:poles_fundingline_change", args=[line.pk])
    data = admin_form_data(client.get(url))
    data.update({"schedule": schedule, **changes})
    return client.post(url, data)


@pytest.mark.django_db
def test_a_schedule_typed_in_french_is_saved_year_by_year(staff_client, line):
    response = save_line(staff_client, line, "2024 : 35 000\n2025 : 105 000 €\n2026 : 70 000,00")

    assert response.status_code == 302
    line.refresh_from_db()
    assert line.schedule == {"2024": "35000.00", "2025": "105000.00", "2026": "70000.00"}
    # Shown again as it was typed, in French figures.
    page = page_text(staff_client.get(reverse("admin:poles_fundingline_change", args=[line.pk])))
    assert "2024 : 35 000\n2025 : 105 000\n2026 : 70 000" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        (
            "2024 : 70 000\n2025 : 70 000",
            "Les années de l'échéancier totalisent 140 000 € ; le montant de la ligne est de "
            "210 000 €. Corrigez l'un ou l'autre.",
        ),
        (
            "2023 : 10 000\n2024 : 200 000",
            "L'échéancier ne peut compter que les années de la ligne (2024–2026) : 2023 n'en "
            "fait pas partie.",
        ),
        ("en 2024, 70 000", "« en 2024, 70 000 » : écrivez l'année puis le montant"),
        ("2024 : 70 000\n2024 : 140 000", "L'année 2024 figure deux fois."),
        ("2024 : -5", "« 2024 : -5 » : écrivez l'année puis le montant"),
    ],
)
def test_a_wrong_schedule_is_refused_with_a_french_message(staff_client, line, schedule, message):
    response = save_line(staff_client, line, schedule)

    assert response.status_code == 200
    assert message in page_text(response)
    line.refresh_from_db()
    assert line.schedule == {}


@pytest.mark.django_db
def test_the_pole_page_checks_a_changed_amount_against_the_schedule(staff_client, line):
    line.schedule = {"2024": "70000.00", "2025": "70000.00", "2026": "70000.00"}
    line.save()
    url = reverse("admin:poles_pole_change", args=[line.pole.pk])
    data = admin_form_data(staff_client.get(url))
    key = next(k for k, v in data.items() if k.startswith("funding_lines-") and k.endswith("-id"))
    data[key.removesuffix("-id") + "-amount"] = "200000"

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Les années de l'échéancier totalisent 210 000 €" in page_text(response)
    assert FundingLine.objects.get(pk=line.pk).amount == Decimal(210000)


@pytest.mark.django_db
def test_an_empty_schedule_leaves_the_line_spread_evenly(staff_client, line):
    response = save_line(staff_client, line, "")
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.schedule == {}
