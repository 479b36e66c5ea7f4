import pytest
from django.contrib.auth.models import Group

from poles.roles import REGION_OFFICERS
from tests.admin.conftest import staff_client, staff_user  # noqa: F401


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The uploaded files wait for their confirmation in the storage: here, a temporary one."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def officer_client(client, django_user_model):
    """A Region officer: views and exports everything, changes nothing."""
    user = django_user_model.objects.create_user(
        username="region", password="mot-de-passe-solide-2010", is_staff=True
    )
    user.groups.add(Group.objects.get(name=REGION_OFFICERS))
    client.force_login(user)
    return client
