"""Two CRES staff members editing the same records at the same time, each in their browser."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.portal_models import APP_LABELS


def staff_member(django_user_model, username, first_name, last_name):
    user = django_user_model.objects.create_user(
        username=username,
        password="mot-de-passe-solide-2010",
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=APP_LABELS))
    return user


@pytest.fixture
def marie(django_user_model):
    return staff_member(django_user_model, "marie", "Marie", "Dupont")


@pytest.fixture
def paul(django_user_model):
    return staff_member(django_user_model, "paul", "Paul", "Le Goff")


@pytest.fixture
def marie_client(marie):
    client = Client()
    client.force_login(marie)
    return client


@pytest.fixture
def paul_client(paul):
    client = Client()
    client.force_login(paul)
    return client
