"""Change history (django-simple-history): who changed what and when, in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from poles.models import Pole
from poles.roles import REGION_OFFICERS
from tests.admin.conftest import FACTORIES
from tests.admin.forms import admin_form_data
from tests.factories import ActorFactory, PoleFactory
from tests.pages import count_queries, page_text


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
def test_editing_a_pole_in_the_admin_records_who_changed_what(staff_client, staff_user):
    pole = PoleFactory(governance_body="Conseil d'administration")
    url = admin_url(Pole, "change", pole.pk)
    data = admin_form_data(staff_client.get(url))
    data["governance_body"] = "Comité de pilotage"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    latest, created = pole.revisions.all()[:2]
    assert latest.history_type == "~"
    assert latest.history_user == staff_user
    assert created.history_type == "+"
    assert created.history_user is None  # made by the factory, outside any request
    changes = {
        change.field: (change.old, change.new) for change in latest.diff_against(created).changes
    }
    assert changes == {"governance_body": ("Conseil d'administration", "Comité de pilotage")}


@pytest.mark.django_db
def test_the_history_page_shows_the_user_and_the_old_and_new_values(staff_client):
    pole = PoleFactory(governance_body="Conseil d'administration")
    url = admin_url(Pole, "change", pole.pk)
    data = admin_form_data(staff_client.get(url))
    data["governance_body"] = "Comité de pilotage"
    staff_client.post(url, data)

    response = staff_client.get(admin_url(Pole, "history", pole.pk))

    assert response.status_code == 200
    text = page_text(response)
    assert "Historique" in text
    assert "cres" in text  # the staff member's username
    assert (
        "<strong>Instance de gouvernance:</strong> Conseil d'administration → Comité de pilotage"
        in " ".join(text.split())
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_every_history_page_answers_staff(staff_client, model_name):
    record = FACTORIES[model_name]()
    record.save()

    response = staff_client.get(admin_url(type(record), "history", record.pk))

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_a_history_address_without_a_valid_identifier_is_a_404(staff_client, model_name):
    """« /admin/poles/pole/3/change/history/ » reads the identifier « 3/change »."""
    record = FACTORIES[model_name]()
    change_url = admin_url(type(record), "change", record.pk)

    response = staff_client.get(f"{change_url}history/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_deleted_record_keeps_its_history(staff_client, staff_user):
    pole = PoleFactory()
    pk = pole.pk

    response = staff_client.post(admin_url(Pole, "delete", pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Pole.objects.filter(pk=pk).exists()
    deleted, created = Pole.revisions.filter(id=pk)
    assert (deleted.history_type, deleted.history_user) == ("-", staff_user)
    assert deleted.name == created.name == pole.name
    response = staff_client.get(admin_url(Pole, "history", pk))
    assert response.status_code == 200
    assert pole.name in page_text(response)


@pytest.mark.django_db
def test_a_region_officer_views_the_history_and_cannot_revert(client, django_user_model):
    officer = django_user_model.objects.create_user(username="region", is_staff=True)
    officer.groups.add(Group.objects.get(name=REGION_OFFICERS))
    client.force_login(officer)
    pole = PoleFactory()
    record = pole.revisions.get()

    assert client.get(admin_url(Pole, "history", pole.pk)).status_code == 200
    version = reverse("admin:poles_pole_simple_history", args=[pole.pk, record.pk])
    assert client.get(version).status_code == 200
    assert client.post(version, {"name": "Autre nom"}).status_code == 403
    assert pole.revisions.count() == 1


def saved(record, times, user):
    for _ in range(times):
        record._history_user = user
        record.save()


@pytest.mark.django_db
def test_the_pole_history_page_runs_a_constant_number_of_queries(staff_client, staff_user):
    def history_with(rows):
        actors = ActorFactory.create_batch(2)
        pole = PoleFactory()
        for n in range(rows - 1):
            pole.carrying_structure = actors[n % 2]
            pole.governance_body = f"Comité {n}"
            saved(pole, 1, staff_user)
        assert pole.revisions.count() == rows
        return count_queries(staff_client, admin_url(Pole, "history", pole.pk))

    assert history_with(50) == history_with(2)


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", sorted(FACTORIES))
def test_every_history_page_runs_a_constant_number_of_queries(staff_client, staff_user, model_name):
    # Many rows name a related record (« Pôle — Action … »): none is fetched row by row.
    few, many = FACTORIES[model_name](), FACTORIES[model_name]()
    saved(few, 1, staff_user)
    saved(many, 49, staff_user)
    model = type(few)

    assert count_queries(staff_client, admin_url(model, "history", many.pk)) == count_queries(
        staff_client, admin_url(model, "history", few.pk)
    )
