"""The pole's change page as a person reads it: its sections' contents at the top, and links
to add its study, a funding line or a document with the pole filled in, for who may add them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from poles.roles import CRES, POLE_COORDINATORS
from tests.admin.forms import admin_form_data
from tests.factories import DocumentFactory, PoleFactory
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
    for section in ("identite", "contenu-de-la-fiche", "membres", "financement", "documents"):
        assert f'href="#section-{section}"' in content
        assert f'id="section-{section}"' in content
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


def section_tag(response, slug):
    content = response.content.decode()
    start = content.index(f'<details class="page-section" id="section-{slug}"')
    return content[start : content.index(">", start) + 1]


@pytest.mark.django_db
def test_a_section_is_closed_while_empty_and_opens_with_its_first_row(client, django_user_model):
    pole = PoleFactory()
    client = logged_in(client, django_user_model, CRES)
    url = reverse("admin:poles_pole_change", args=[pole.pk])

    response = client.get(url)
    assert " open" not in section_tag(response, "documents")
    assert " open" in section_tag(response, "identite")
    empty = '<a href="#section-documents">Documents</a> <span class="section-empty">(vide)</span>'
    assert empty in response.content.decode()

    DocumentFactory(pole=pole)
    assert " open" in section_tag(client.get(url), "documents")


@pytest.mark.django_db
def test_a_closed_section_opens_when_it_holds_an_error(client, django_user_model):
    pole = PoleFactory()
    client = logged_in(client, django_user_model, CRES)
    url = reverse("admin:poles_pole_change", args=[pole.pk])
    data = admin_form_data(client.get(url))
    # A first document, its title forgotten: the section still holds no saved row.
    data.update({"documents-TOTAL_FORMS": "1", "documents-0-author": "Amandine Piron"})

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"] and response.context["errors"]
    assert " open" in section_tag(response, "documents")


@pytest.mark.django_db
def test_every_section_is_open_on_the_add_page(client, django_user_model):
    client = logged_in(client, django_user_model, CRES)
    response = client.get(reverse("admin:poles_pole_add"))
    for section in response.context["page_sections"]:
        if section.title:
            assert " open" in section_tag(response, section.slug)
