"""The pole's change page as a person reads it: its sections' contents at the top, and links
to add its study, a funding line or a document with the pole filled in, for who may add them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from poles.roles import CRES, POLE_COORDINATORS
from tests.factories import PoleFactory
from tests.pages import page_text


def logged_in(client, django_user_model, role, pole=None):
    user = django_user_model.objects.create_user(username=role[:10], is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if pole:
        pole.coordinators.add(user)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_cres_reads_the_contents_and_adds_the_poles_parts_from_its_page(
    client, django_user_model
):
    pole = PoleFactory()
    client = logged_in(client, django_user_model, CRES)
    response = client.get(reverse("admin:poles_pole_change", args=[pole.pk]))
    content = response.content.decode()
    assert 'href="#fieldset-0-0-heading">Identité</a>' in content
    assert 'href="#actions-group">Actions</a>' in content
    assert 'href="#funding_lines-group">Lignes de financement</a>' in content
    for name in ("study", "fundingline", "document"):
        assert f'href="{reverse(f"admin:poles_{name}_add")}?pole={pole.pk}"' in content

    study_page = client.get(f"{reverse('admin:poles_study_add')}?pole={pole.pk}")
    assert study_page.context["adminform"].form.initial["pole"] == str(pole.pk)


@pytest.mark.django_db
def test_a_coordinator_gets_only_the_links_to_what_they_may_add(client, django_user_model):
    pole = PoleFactory()
    client = logged_in(client, django_user_model, POLE_COORDINATORS, pole)
    response = client.get(reverse("admin:poles_pole_change", args=[pole.pk]))
    text = page_text(response)
    assert "Sur cette page" in text
    assert "Ajouter un document" in text
    assert "Ajouter son étude de préfiguration" not in text
    assert reverse("admin:poles_study_add") not in response.content.decode()
