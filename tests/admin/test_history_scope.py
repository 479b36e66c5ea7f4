"""A coordinator's reach through the history pages: the record as it is now, and the version.

The regression: once the CRES had moved a document to another pole, its coordinator got 403 on
its change page, but the page of a version from when it was theirs answered 200, and posting
that form moved the document back to their pole. Every model a coordinator reaches is walked:
history list, version page, and a crafted POST of the version's form."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from poles.roles import COORDINATOR_EDITS, COORDINATOR_VIEWS, CRES, POLE_COORDINATORS
from tests.admin.conftest import FACTORIES
from tests.admin.forms import admin_form_data
from tests.factories import PoleFactory

# The records of a pole a coordinator edits or sees (the pole itself is tested apart: it never
# moves, and a coordinator never reverts it, tests/admin/test_roles.py).
POLE_PARTS = [
    name for name in COORDINATOR_EDITS + COORDINATOR_VIEWS if name not in ("pole", "actor")
]


def admin_url(model, view, *args):
    name = model._meta.model_name
    return reverse(f"admin:{model._meta.app_label}_{name}_{view}", args=args)


@pytest.fixture
def pole_a(db):
    return PoleFactory(name="Pôle A", slug="pole-a")


@pytest.fixture
def pole_b(db):
    return PoleFactory(name="Pôle B", slug="pole-b")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(django_user_model, pole_a):
    user = django_user_model.objects.create_user(username="coordinatrice", is_staff=True)
    user.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    pole_a.coordinators.add(user)
    return logged_in(user)


@pytest.fixture
def cres(django_user_model):
    user = django_user_model.objects.create_user(username="cres-staff", is_staff=True)
    user.groups.add(Group.objects.get(name=CRES))
    return logged_in(user)


def move(record, pole):
    """The CRES moves a record to another pole (a study of the old pole stays behind)."""
    if hasattr(record, "study_id"):
        record.study = None
    record.pole = pole
    record.save()


def version_page(record):
    return admin_url(type(record), "simple_history", record.pk, record.revisions.earliest().pk)


def crafted_post(cres, coordinator, record, pole):
    """The version's form as the admin renders it, naming the coordinator's pole, posted by
    the coordinator."""
    data = admin_form_data(cres.get(version_page(record)))
    data["pole"] = str(pole.pk)
    return coordinator.post(version_page(record), data)


@pytest.mark.django_db
@pytest.mark.parametrize("name", POLE_PARTS)
def test_a_record_moved_to_another_pole_is_out_of_reach_through_its_history(
    cres, coordinator, pole_a, pole_b, name
):
    record = FACTORIES[name](pole=pole_a)
    model = type(record)
    move(record, pole_b)

    assert coordinator.get(admin_url(model, "history", record.pk)).status_code == 403
    assert coordinator.get(version_page(record)).status_code == 403
    assert crafted_post(cres, coordinator, record, pole_a).status_code == 403

    record.refresh_from_db()
    assert record.pole == pole_b
    assert record.revisions.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", POLE_PARTS)
def test_a_version_from_another_pole_is_out_of_reach(cres, coordinator, pole_a, pole_b, name):
    record = FACTORIES[name](pole=pole_b)
    move(record, pole_a)  # theirs now; its first version was another pole's

    assert coordinator.get(version_page(record)).status_code == 403
    assert crafted_post(cres, coordinator, record, pole_a).status_code == 403

    record.refresh_from_db()
    assert record.revisions.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", POLE_PARTS)
def test_a_coordinator_reverts_their_own_records_only_where_they_may_change_them(
    cres, coordinator, pole_a, name
):
    record = FACTORIES[name](pole=pole_a)
    record.save()
    model = type(record)

    assert coordinator.get(admin_url(model, "history", record.pk)).status_code == 200
    assert coordinator.get(version_page(record)).status_code == 200
    response = crafted_post(cres, coordinator, record, pole_a)

    if name in COORDINATOR_EDITS:
        assert response.status_code == 302
        assert record.revisions.count() == 3
    else:
        assert response.status_code == 403
        assert record.revisions.count() == 2


@pytest.mark.django_db
def test_a_version_address_that_names_no_version_is_a_404(cres, pole_a):
    record = FACTORIES["objective"](pole=pole_a)

    url = admin_url(type(record), "simple_history", record.pk, 1)
    for bad in (url.replace("/1/", "/x/"), url.replace(f"/{record.pk}/", "/x/")):
        assert cres.get(bad).status_code == 404, bad
        assert cres.post(bad, {}).status_code == 404, bad
