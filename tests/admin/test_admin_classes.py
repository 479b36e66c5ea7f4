"""The admin's classes are declared once, in at most three levels of the portal's own bases.

- Levels: for every ModelAdmin and every inline registered on the admin site, the classes of
  its MRO defined in the portal's packages number at most three, the class itself included
  (`PoleAdmin → CoordinatorScopeMixin → PortalAdmin`).
- Nothing built per request: two requests of the same change page get the same classes, but
  for those Django's own factories build (modelform_factory, formset_factory, the inlines'
  DeleteProtectedModelForm); the inlines are the declared classes themselves.
- What used to be added to each inline at run time is declared: the system checks refuse an
  inline of a portal page that is no PortalInline, and a page's form that checks no version."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from core.admin.base import PortalAdmin
from core.admin.inlines import PortalInline
from poles.models import Objective, Pole
from poles.roles import POLE_COORDINATORS
from tests.factories import (
    ActorFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    StudyFactory,
)

PORTAL_PACKAGES = ("core.", "poles.", "actors.", "funding.", "territories.")
MAX_LEVELS = 3


def portal_classes(cls):
    return [klass for klass in cls.__mro__ if klass.__module__.startswith(PORTAL_PACKAGES)]


def registered_classes():
    """Each registered ModelAdmin's class and its inlines, once each."""
    classes = {}
    for model_admin in admin.site._registry.values():
        for cls in [type(model_admin), *model_admin.inlines]:
            classes[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return sorted(classes.items())


@pytest.mark.parametrize(("name", "cls"), registered_classes(), ids=lambda value: value)
def test_an_admin_class_has_at_most_three_levels_of_portal_bases(name, cls):
    levels = portal_classes(cls)
    assert len(levels) <= MAX_LEVELS, [klass.__qualname__ for klass in levels]


def test_the_registered_admins_pass_the_checks():
    errors = [
        error for model_admin in admin.site._registry.values() for error in model_admin.check()
    ]
    assert errors == []


def test_an_inline_or_a_form_that_checks_no_version_fails_the_checks():
    class PlainInline(admin.TabularInline):
        model = Objective

    class CheckedInline(PortalInline, admin.TabularInline):
        model = Objective

    class UncheckedForm(forms.ModelForm):
        class Meta:
            model = Pole
            fields = ["name"]

    class PlainPageAdmin(PortalAdmin):
        form = UncheckedForm
        inlines = [PlainInline, CheckedInline]

    errors = PlainPageAdmin(Pole, admin.AdminSite()).check()

    assert [(error.id, error.obj) for error in errors] == [
        ("portal.E001", PlainPageAdmin),
        ("portal.E002", PlainInline),
    ]


def test_only_the_admins_naming_their_resources_import_and_export():
    """Every PortalAdmin can; one without resource keeps the admin's changelist, no button, and
    has no import or export page."""
    importing = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, PortalAdmin):
            continue
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        pages = {
            f"{info}_{view}" for view in ("import", "process_import", "cancel_import", "export")
        }
        names = {url.name for url in model_admin.get_urls()}
        if model_admin.resource_classes:
            importing.append(model._meta.label)
            assert pages <= names
        else:
            assert not pages & names, model._meta.label
            assert model_admin.change_list_template is None

    assert sorted(importing) == [
        "actors.Actor",
        "territories.KeyFigures",
        "territories.TerritoryPart",
    ]


def test_the_pole_admin_is_three_levels_deep():
    pole_admin = type(admin.site.get_model_admin(Pole))
    assert [klass.__name__ for klass in portal_classes(pole_admin)] == [
        "PoleAdmin",
        "CoordinatorScopeMixin",
        "PortalAdmin",
    ]


# ----- nothing built per request

# The classes Django builds on each request, first in the MRO: the page's form (ModelAdmin.get_form's
# class for the read-only fields, then modelform_factory's), an inline's formset
# (formset_factory's) and its rows' form (modelform_factory's over the inline's
# DeleteProtectedModelForm).
BUILT_BY_DJANGO = {"form": 2, "formsets": 1, "rows": 2}


def page_classes(client, url):
    response = client.get(url)
    assert response.status_code == 200
    inlines = response.context["inline_admin_formsets"]
    assert inlines
    return {
        "form": [type(response.context["adminform"].form)],
        "inlines": [type(inline.opts) for inline in inlines],
        "formsets": [type(inline.formset) for inline in inlines],
        "rows": [inline.formset.form for inline in inlines],
    }


def declared(kind, classes):
    """What the portal declares of each class: its MRO past the classes Django builds."""
    return [cls.__mro__[BUILT_BY_DJANGO[kind] :] for cls in classes]


def assert_nothing_built_per_request(client, model, record):
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
    )
    first, second = page_classes(client, url), page_classes(client, url)
    model_admin = admin.site.get_model_admin(model)

    assert first["inlines"] == second["inlines"]
    assert all(inline in model_admin.inlines for inline in first["inlines"])
    for kind in BUILT_BY_DJANGO:
        assert declared(kind, first[kind]) == declared(kind, second[kind]), kind
    [form] = declared("form", first["form"])
    assert form[0] is model_admin.form
    inlines = first["inlines"]
    assert [mro[0] for mro in declared("formsets", first["formsets"])] == [
        inline.formset for inline in inlines
    ]
    assert [mro[0] for mro in declared("rows", first["rows"])] == [
        inline.form for inline in inlines
    ]


@pytest.fixture
def pole():
    pole = PoleFactory()
    ObjectiveFactory(pole=pole)
    StudyFactory(pole=pole)
    MembershipFactory(pole=pole)
    return pole


@pytest.mark.django_db
def test_the_pole_page_as_the_cres_is_built_of_declared_classes(staff_client, pole):
    assert_nothing_built_per_request(staff_client, Pole, pole)


@pytest.mark.django_db
def test_the_pole_page_as_its_coordinator_is_built_of_declared_classes(django_user_model, pole):
    coordinator = django_user_model.objects.create_user(username="coordinatrice", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    pole.coordinators.add(coordinator)
    client = Client()
    client.force_login(coordinator)

    assert_nothing_built_per_request(client, Pole, pole)


@pytest.mark.django_db
def test_the_actor_page_is_built_of_declared_classes(staff_client, pole):
    actor = ActorFactory()
    MembershipFactory(actor=actor, pole=pole)
    assert_nothing_built_per_request(staff_client, Actor, actor)
