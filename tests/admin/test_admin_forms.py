"""What CRES staff see when they save through the admin's forms."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.enums import FundingKind, FundingStatus
from poles.enums import PoleStatus
from poles.models import FundingLine, Objective, StatusChange
from territories.models import KeyFigures
from tests.admin.forms import admin_form_data
from tests.factories import (
    KeyFiguresFactory,
    ObjectiveFactory,
    PoleFactory,
    StudyFactory,
    TerritoryFactory,
)
from tests.pages import page_text

NBSP = "\N{NO-BREAK SPACE}"


def funding_line_data(pole, programme, **overrides):
    data = {
        "pole": pole.pk,
        "study": "",
        "programme": programme.pk,
        "funder": "",
        "kind": FundingKind.OPERATING,
        "amount": "",
        "start_year": "2010",
        "end_year": "",
        "posts": "1",
        "status": FundingStatus.GRANTED,
        "note": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"kind": FundingKind.STUDY, "posts": "", "amount": "25001"}, "amount", "25 000 €"),
        ({"amount": "35001"}, "amount", "35 000 € par an et par poste"),
        ({"posts": "3"}, "posts", "1 ou 2 postes"),
        ({"end_year": "2013"}, "end_year", "3 ans au plus"),
    ],
)
def test_a_funding_line_breaking_a_rule_is_refused_naming_the_rule(
    staff_client, region_programme, overrides, field, fragment
):
    pole = PoleFactory()
    url = reverse("admin:poles_fundingline_add")

    response = staff_client.post(url, funding_line_data(pole, region_programme, **overrides))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert len(errors) == 1
    message = errors[0].replace(NBSP, " ").replace("\N{NARROW NO-BREAK SPACE}", " ")
    assert f"Règle du programme « {region_programme.name} »" in message
    assert fragment in message
    assert not FundingLine.objects.exists()


@pytest.mark.django_db
def test_a_funding_line_at_the_cap_is_saved_with_the_programme_funder(
    staff_client, region_programme
):
    pole = PoleFactory()
    data = funding_line_data(pole, region_programme, amount="210000", posts="2", end_year="2012")

    response = staff_client.post(reverse("admin:poles_fundingline_add"), data)

    assert response.status_code == 302
    line = FundingLine.objects.get()
    assert line.amount == Decimal("210000")
    assert line.funder == region_programme.funder


@pytest.mark.django_db
def test_a_pole_page_saved_unchanged_keeps_everything(staff_client, region_programme):
    pole = PoleFactory(status=PoleStatus.PREFIGURATION)
    StudyFactory(pole=pole)
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not StatusChange.objects.filter(pole=pole).exists()


@pytest.mark.django_db
def test_changing_a_pole_status_adds_a_dated_line_to_its_history(staff_client):
    pole = PoleFactory(status=PoleStatus.PREFIGURATION)
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))
    data["status"] = PoleStatus.OPERATING

    response = staff_client.post(url, data)

    assert response.status_code == 302
    change = StatusChange.objects.get(pole=pole)
    assert change.status == PoleStatus.OPERATING
    assert change.changed_on is not None
    assert change.source == "CRES"  # the history is public: no account name


@pytest.mark.django_db
def test_a_study_objective_added_on_the_study_page_belongs_to_its_pole(staff_client):
    study = StudyFactory()
    url = reverse("admin:poles_study_change", args=[study.pk])
    data = admin_form_data(staff_client.get(url))
    prefix = "objectives"
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data[f"{prefix}-0-order"] = "1"
    data[f"{prefix}-0-title"] = "Se connaître, se faire connaître"
    data[f"{prefix}-0-details"] = "S'informer : l'ESS, c'est quoi ?"

    response = staff_client.post(url, data)

    assert response.status_code == 302
    objective = Objective.objects.get()
    assert (objective.study, objective.pole) == (study, study.pole)


@pytest.mark.django_db
def test_a_stated_share_that_disagrees_with_the_counts_is_saved_with_a_warning(
    staff_client, territory
):
    data = {
        "territory": territory.pk,
        "year": "",
        "source": "Fiche du pôle C2SOL",
        "establishments": "688",
        "salaried_jobs": "7521",
        "salaried_jobs_share": "11.5",
        "associations": "564",
        "associations_share_stated": "90",
        "cooperatives": "90",
        "cooperatives_share_stated": "13",
    }

    response = staff_client.post(reverse("admin:territories_keyfigures_add"), data, follow=True)

    assert response.status_code == 200
    assert KeyFigures.objects.get().associations_share == Decimal("90")
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "La part des associations indiquée (90 %)" in warnings[0]


@pytest.mark.django_db
def test_a_stated_share_within_rounding_gets_no_warning(staff_client, territory):
    data = {
        "territory": territory.pk,
        "year": "2008",
        "source": "Fiche du pôle C2SOL",
        "establishments": "688",
        "salaried_jobs": "",
        "salaried_jobs_share": "",
        "associations": "564",
        "associations_share_stated": "82",
        "cooperatives": "90",
        "cooperatives_share_stated": "13",
    }

    response = staff_client.post(reverse("admin:territories_keyfigures_add"), data, follow=True)

    assert KeyFigures.objects.count() == 1
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


@pytest.mark.django_db
def test_a_share_above_100_is_refused_with_a_french_message(staff_client, territory):
    data = {"territory": territory.pk, "source": "Essai", "associations_share_stated": "120"}

    response = staff_client.post(reverse("admin:territories_keyfigures_add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == ["Une part s'exprime entre 0 et 100 %."]
    assert not KeyFigures.objects.exists()


@pytest.mark.django_db
def test_key_figures_list_reads_in_french(staff_client, territory):
    KeyFiguresFactory(
        territory=territory,
        establishments=13862,
        salaried_jobs=139223,
        associations=11706,
        associations_share_stated=Decimal("84.4"),
        cooperatives=1775,
        cooperatives_share_stated=None,
    )

    response = staff_client.get(reverse("admin:territories_keyfigures_changelist"))

    content = response.content.decode().replace(NBSP, " ")
    assert "13 862" in content
    assert "139 223" in content
    assert "11 706 (84,4 %)" in content
    assert "1 775 (12,8 %)" in content  # computed from the counts


@pytest.mark.django_db
def test_a_status_change_records_its_date_and_reason(staff_client):
    pole = PoleFactory(status=PoleStatus.PREFIGURATION)
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))
    data.update(
        status=PoleStatus.OPERATING,
        status_changed_on="2011-01-15",
        status_reason="Étude de préfiguration validée par les acteurs",
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    change = StatusChange.objects.get(pole=pole)
    assert change.fuzzy("changed_on") == "15 janvier 2011"
    assert change.note == "Étude de préfiguration validée par les acteurs"


@pytest.mark.django_db
def test_a_status_change_cannot_be_dated_in_the_future(staff_client):
    pole = PoleFactory(status=PoleStatus.PREFIGURATION)
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))
    data.update(status=PoleStatus.OPERATING, status_changed_on="2999-01-01")

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status_changed_on"]
    assert not StatusChange.objects.exists()


@pytest.mark.django_db
def test_pole_list_sorts_by_territory_and_last_change(staff_client):
    PoleFactory(name="Zèbre", territories=[TerritoryFactory(name="Pays A")])
    PoleFactory(name="Alpha", territories=[TerritoryFactory(name="Pays B")])
    changelist = reverse("admin:poles_pole_changelist")
    headers = page_text(staff_client.get(changelist))
    assert "Dernière mise à jour" in headers

    by_territory = staff_client.get(changelist, {"o": "3"}).context["cl"].result_list
    assert [pole.name for pole in by_territory] == ["Zèbre", "Alpha"]
    by_update = staff_client.get(changelist, {"o": "-6"}).context["cl"].result_list
    assert [pole.name for pole in by_update] == ["Alpha", "Zèbre"]


@pytest.mark.django_db
def test_rows_left_without_an_order_come_after_the_last_in_the_page_order(staff_client):
    pole = PoleFactory()
    ObjectiveFactory(pole=pole, order=4, title="Déjà là")
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    page = staff_client.get(url)
    assert 'name="objectives-__prefix__-order"' in page.content.decode()
    assert page.context["inline_admin_formsets"][1].formset.empty_form["order"].value() is None
    data = admin_form_data(page)
    prefix = "objectives"
    titles = ["Se connaître", "Mutualiser un emploi", "Ouvrir un tiers-lieu"]
    data[f"{prefix}-TOTAL_FORMS"] = str(1 + len(titles))
    for number, title in enumerate(titles, start=1):
        data[f"{prefix}-{number}-order"] = ""
        data[f"{prefix}-{number}-title"] = title
    data[f"{prefix}-2-order"] = "9"  # a number typed is kept

    response = staff_client.post(url, data)

    assert response.status_code == 302
    orders = dict(Objective.objects.filter(pole=pole).values_list("title", "order"))
    assert orders == {
        "Déjà là": 4,
        "Se connaître": 10,
        "Mutualiser un emploi": 9,
        "Ouvrir un tiers-lieu": 11,
    }


@pytest.mark.django_db
def test_an_invalid_save_lists_each_error_with_a_link_to_its_field(staff_client):
    pole = PoleFactory()
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(staff_client.get(url))
    data["name"] = ""
    data["actions-TOTAL_FORMS"] = "2"
    data["actions-1-details"] = "Un forum, sans intitulé"

    response = staff_client.post(url, data)

    assert response.status_code == 200
    text = page_text(response)
    assert "À corriger avant d'enregistrer" in text
    assert "Nom : Ce champ est obligatoire." in text
    assert "Action 2 — Action : Ce champ est obligatoire." in text
    content = response.content.decode()
    assert '<a href="#id_name">' in content
    assert '<a href="#id_actions-1-title">' in content
