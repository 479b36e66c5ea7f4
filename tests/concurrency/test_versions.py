"""Versions: on every record, in the forms of those who may save, never in the history."""

from io import StringIO

import pytest
from concurrency.exceptions import RecordModifiedError
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from poles.models import Pole
from poles.roles import REGION_OFFICERS
from territories.models import Territory
from tests.admin.forms import admin_form_data
from tests.factories import (
    ActorFactory,
    KeyFiguresFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
)
from tests.pages import page_text
from tests.portal_models import domain_models, history_models


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def officer_client(django_user_model):
    user = django_user_model.objects.create_user(
        username="region", password="mot-de-passe-solide-2010", is_staff=True
    )
    user.groups.add(Group.objects.get(name=REGION_OFFICERS))
    client = Client()
    client.force_login(user)
    return client


def test_every_record_has_a_version_and_no_history_keeps_it():
    assert len(domain_models()) == 21
    for model in domain_models():
        assert model._meta.get_field("version").verbose_name == "version", model
    for model in history_models():
        assert "version" not in {field.name for field in model._meta.fields}, model


@pytest.mark.django_db
def test_a_saves_diff_in_the_history_does_not_show_the_version(marie_client):
    pole = PoleFactory(governance_body="Conseil d'administration")
    url = admin_url(Pole, "change", pole.pk)
    page = admin_form_data(marie_client.get(url))
    page["governance_body"] = "Comité de pilotage"
    marie_client.post(url, page)

    latest, created = pole.revisions.all()[:2]

    assert latest.diff_against(created).changed_fields == ["governance_body"]


@pytest.mark.django_db
def test_the_change_page_and_its_rows_carry_the_signed_version_hidden(marie_client):
    pole = PoleFactory()
    objective = ObjectiveFactory(pole=pole)

    response = marie_client.get(admin_url(Pole, "change", pole.pk))

    form = response.context["adminform"].form
    assert form["version"].is_hidden
    signed = form["version"].field.widget.format_value(form["version"].value())
    assert signed.startswith(f"{Pole.objects.get().version}:")
    [row] = next(
        inline.formset.forms
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "objectives"
    )
    assert row.instance == objective
    assert row["version"].is_hidden
    assert f'type="hidden" name="{row.add_prefix("version")}"' in response.content.decode()


@pytest.mark.django_db
def test_the_add_page_has_no_version(marie_client):
    response = marie_client.get(admin_url(Pole, "add"))

    assert response.status_code == 200
    assert "version" not in response.context["adminform"].form.fields


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "build"),
    [
        (Pole, lambda: ObjectiveFactory().pole),
        (Actor, lambda: MembershipFactory().actor),
        (Territory, lambda: KeyFiguresFactory().territory),
    ],
    ids=["pole", "actor", "territory"],
)
def test_a_viewer_sees_no_version(officer_client, model, build):
    """The Region's officers view everything, change nothing: no « version » line or column."""
    record = build()

    response = officer_client.get(admin_url(model, "change", record.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert "version" not in response.context["adminform"].form.fields
    assert 'name="version"' not in content
    assert "-version" not in content
    assert "field-version" not in content
    assert "version" not in page_text(response).lower().replace("versions", "")


@pytest.mark.django_db
def test_a_viewer_sees_no_version_on_a_past_versions_page(officer_client):
    actor = ActorFactory()
    revision = actor.revisions.first()

    response = officer_client.get(
        reverse("admin:actors_actor_simple_history", args=[actor.pk, revision.history_id])
    )

    assert response.status_code == 200
    assert 'name="version"' not in response.content.decode()
    assert "field-version" not in response.content.decode()


@pytest.mark.django_db
def test_the_seed_loads_and_reloads_over_records_edited_in_the_admin(marie_client):
    call_command("load_seed", stdout=StringIO())
    pole = Pole.objects.get(name="C2SOL")
    assert pole.version == 0  # the fixture has no versions
    url = admin_url(Pole, "change", pole.pk)
    opened_before_the_reload = admin_form_data(marie_client.get(url))
    page = admin_form_data(marie_client.get(url))
    page["actors_count"] = "31"
    assert marie_client.post(url, page).status_code == 302

    call_command("load_seed", "--force", stdout=StringIO())

    pole.refresh_from_db()
    assert pole.actors_count == 30
    assert pole.version == 2  # counting on, so that pages opened before are still stale
    opened_before_the_reload["purpose"] = "Texte de Marie."
    assert marie_client.post(url, opened_before_the_reload).status_code == 200
    assert Pole.objects.get(pk=pole.pk).purpose != "Texte de Marie."


@pytest.mark.django_db
def test_rows_shown_read_only_on_a_page_one_may_only_view_have_no_version(django_user_model):
    """A pole's coordinator changes its members but only views an actor's page."""
    user = django_user_model.objects.create_user(username="coordination", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["actors", "poles"],
            codename__in=["view_actor", "view_membership", "change_membership"],
        )
    )
    client = Client()
    client.force_login(user)
    actor = MembershipFactory().actor

    response = client.get(admin_url(Actor, "change", actor.pk))

    assert response.status_code == 200
    assert "-version" not in response.content.decode()
    assert "version" not in page_text(response).lower().replace("versions", "")


@pytest.mark.django_db
def test_a_stale_copy_is_refused_by_the_database_from_version_0_on():
    """What catches a change between the form's check and the save, even on a record never
    saved since the versions came (CONCURRENCY_VERSION_FIELD_REQUIRED, the library's default)."""
    pole = PoleFactory(purpose="Texte d'origine.")
    Pole.objects.filter(pk=pole.pk).update(version=0)
    first, second = Pole.objects.get(pk=pole.pk), Pole.objects.get(pk=pole.pk)
    first.purpose = "Premier enregistrement."
    first.save()
    second.purpose = "Second enregistrement."

    with pytest.raises(RecordModifiedError), transaction.atomic():
        second.save()

    assert Pole.objects.get(pk=pole.pk).purpose == "Premier enregistrement."


@pytest.mark.django_db
def test_dating_a_poles_page_keeps_its_version(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pole = PoleFactory()
    version = Pole.objects.get(pk=pole.pk).version

    with django_capture_on_commit_callbacks(execute=True):
        ObjectiveFactory(pole=pole)

    assert Pole.objects.get(pk=pole.pk).updated_at != pole.updated_at
    assert Pole.objects.get(pk=pole.pk).version == version
