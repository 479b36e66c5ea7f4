"""Every model's admin pages answer a CRES staff member."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from poles.models import POLE_PARTS
from tests.admin.conftest import FACTORIES
from tests.portal_models import domain_models

PORTAL_MODELS = domain_models()


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_portal_is_in_the_admin():
    assert PORTAL_MODELS
    assert [m for m in PORTAL_MODELS if not admin.site.is_registered(m)] == []
    # … and the campaigns' (the checklist's rows come with the migrations).
    campaigns = ["campaign", "fiche"]
    assert sorted(FACTORIES) == sorted([*(m._meta.model_name for m in PORTAL_MODELS), *campaigns])


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_answer_staff(staff_client, model):
    record = FACTORIES[model._meta.model_name]()

    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", record.pk),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_search_answers(staff_client, model):
    FACTORIES[model._meta.model_name]()

    response = staff_client.get(admin_url(model, "changelist"), {"q": "Lorient"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_a_pole_s_change_page_lists_each_of_its_parts_in_a_section(staff_client):
    pole = FACTORIES["pole"]()

    response = staff_client.get(admin_url(type(pole), "change", pole.pk))

    in_sections = [
        part.opts.model
        for section in response.context["page_sections"]
        if section.title
        for kind, part, _ in section.parts
        if kind == "inline"
    ]
    assert sorted(in_sections, key=str) == sorted(POLE_PARTS, key=str)


@pytest.mark.django_db
def test_admin_speaks_french(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr"' in content
    assert "Pôles ESS" in content or "pôles" in content
    assert "Déconnexion" in content or "déconnexion" in content.lower()


@pytest.mark.django_db
def test_a_visitor_is_sent_to_the_login_page(client):
    url = reverse("admin:poles_pole_changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_staff_without_permission_gets_403(client, django_user_model):
    user = django_user_model.objects.create_user(username="x", password="p", is_staff=True)
    client.force_login(user)

    assert client.get(reverse("admin:poles_pole_changelist")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_view_on_site_never_fails(staff_client, model):
    """The admin's « Voir sur le site » link leads to a page or answers 404, never a 500."""
    record = FACTORIES[model._meta.model_name]()
    content_type = ContentType.objects.get_for_model(model)

    response = staff_client.get(reverse("admin:view_on_site", args=[content_type.pk, record.pk]))

    assert response.status_code in (302, 404)
