"""Two people edit the same record: the second save is refused, the first person's work kept."""

import datetime
import html
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.db.models import F
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from poles.models import Objective, Pole
from poles.roles import POLE_COORDINATORS
from territories.models import KeyFigures, Territory
from tests.admin.forms import admin_form_data
from tests.factories import (
    ActorFactory,
    KeyFiguresFactory,
    ObjectiveFactory,
    PoleFactory,
    TerritoryFactory,
)
from tests.pages import FRENCH_SPACES, page_text

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
REFUSED = (
    "Vos modifications n'ont pas été enregistrées : ouvrez la version actuelle dans un nouvel "
    "onglet, puis reportez-y vos changements."
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def saved_at_10_05(record):
    """The record's latest revision dated 23 November 2026 at 10:05 (Paris), the others before."""
    latest = record.revisions.first()
    when = datetime.datetime(2026, 11, 23, 10, 5, tzinfo=PARIS)
    record.revisions.exclude(pk=latest.pk).update(history_date=when - datetime.timedelta(days=1))
    record.revisions.filter(pk=latest.pk).update(history_date=when)


def plain(fragment):
    """Text as a reader sees it: no tags, entities decoded, one plain space between words."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(fragment))).translate(FRENCH_SPACES)
    return " ".join(text.split())


def errors_shown(response):
    """The messages of the page's form and inline rows, each checked to be on the page."""
    messages = list(response.context["adminform"].form.non_field_errors())
    for inline in response.context.get("inline_admin_formsets", []):
        for form in inline.formset.forms:
            messages += form.non_field_errors()
    page = plain(page_text(response))
    messages = [plain(message) for message in messages]
    assert all(message in page for message in messages)
    return messages


@pytest.mark.django_db
def test_two_stale_saves_of_a_pole_the_second_is_refused_and_the_first_text_kept(
    marie_client, paul_client
):
    pole = PoleFactory(purpose="Texte des documents sources.")
    url = admin_url(Pole, "change", pole.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))

    maries_page["purpose"] = "Texte de Marie."
    assert marie_client.post(url, maries_page).status_code == 302
    saved_at_10_05(pole)
    pauls_page["purpose"] = "Texte de Paul."
    pauls_page["website"] = "https://paul.example.org"
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert errors_shown(response) == [
        "Cette fiche a été modifiée par Marie Dupont le 23 novembre 2026 à 10 h 05, après que "
        "vous l'avez ouverte. Champs modifiés entre-temps : finalité. " + REFUSED
    ]
    assert response.context["adminform"].form["purpose"].value() == "Texte de Paul."
    pole.refresh_from_db()
    assert pole.purpose == "Texte de Marie."
    assert pole.website == ""


@pytest.mark.django_db
def test_a_normal_save_goes_through_and_moves_the_version_on(marie_client):
    pole = PoleFactory()
    version = pole.version
    url = admin_url(Pole, "change", pole.pk)
    page = admin_form_data(marie_client.get(url))
    page["purpose"] = "Texte de Marie."

    response = marie_client.post(url, page)

    assert response.status_code == 302
    pole.refresh_from_db()
    assert pole.purpose == "Texte de Marie."
    assert pole.version == version + 1
    # Saved again from the page as it now is: the new version is the one it carries.
    page = admin_form_data(marie_client.get(url))
    page["purpose"] = "Texte de Marie, repris."
    assert marie_client.post(url, page).status_code == 302


@pytest.mark.django_db
def test_a_stale_objective_row_on_the_pole_page_is_refused_naming_the_row(
    marie_client, paul_client
):
    pole = PoleFactory(purpose="Texte des documents sources.")
    ObjectiveFactory(pole=pole, title="Fédérer les acteurs", order=1)
    url = admin_url(Pole, "change", pole.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))

    maries_page["objectives-0-title"] = "Fédérer les acteurs du Pays"
    assert marie_client.post(url, maries_page).status_code == 302
    objective = Objective.objects.get()
    saved_at_10_05(objective)
    pauls_page["objectives-0-title"] = "Fédérer les acteurs de l'ESS"
    pauls_page["objectives-TOTAL_FORMS"] = "2"
    pauls_page["objectives-1-title"] = "Un objectif ajouté par Paul"
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert errors_shown(response) == [
        "Objectif « Fédérer les acteurs du Pays » : cette ligne a été modifiée par Marie Dupont "
        "le 23 novembre 2026 à 10 h 05, après que vous avez ouvert la page. Champs modifiés "
        "entre-temps : objectif. " + REFUSED
    ]
    assert 'value="Fédérer les acteurs de l\'ESS"' in page_text(response)  # Paul's input kept
    assert list(Objective.objects.values_list("title", flat=True)) == [
        "Fédérer les acteurs du Pays"
    ]


@pytest.mark.django_db
def test_a_page_sent_back_with_the_old_text_of_a_row_is_refused_even_if_untouched(
    marie_client, paul_client
):
    """Paul did not touch the objective, but saving his page would put its old title back."""
    pole = PoleFactory(purpose="Texte d'origine.")
    ObjectiveFactory(pole=pole, title="Fédérer les acteurs")
    url = admin_url(Pole, "change", pole.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))
    maries_page["objectives-0-title"] = "Fédérer les acteurs du Pays"
    marie_client.post(url, maries_page)
    saved_at_10_05(pole)

    pauls_page["purpose"] = "Texte de Paul."
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    # Marie's page changed none of the pole's own fields: the pole was not saved again, so
    # only the row is refused (and with it the whole page: nothing of Paul's is saved).
    assert [message.split(" : ")[0] for message in errors_shown(response)] == [
        "Objectif « Fédérer les acteurs du Pays »",
    ]
    assert Objective.objects.get().title == "Fédérer les acteurs du Pays"
    assert Pole.objects.get().purpose == "Texte d'origine."


@pytest.mark.django_db
def test_a_page_saved_unchanged_by_another_does_not_block_yours(marie_client, paul_client):
    """Marie saves the pole's page as it is (its version moves on): Paul's edit of an objective
    overwrites nothing of hers and goes through."""
    pole = PoleFactory()
    ObjectiveFactory(pole=pole, title="Fédérer les acteurs")
    url = admin_url(Pole, "change", pole.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))
    assert marie_client.post(url, maries_page).status_code == 302

    pauls_page["objectives-0-title"] = "Fédérer les acteurs de l'ESS"
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 302
    assert Objective.objects.get().title == "Fédérer les acteurs de l'ESS"


@pytest.mark.django_db
def test_a_coordinator_updating_objectives_is_not_refused_for_the_cres_editing_the_pole(
    marie_client, django_user_model
):
    """The coordinator's page shows the pole's own fields read-only: Marie's edit of them is
    no conflict with the coordinator's objectives, both are saved."""
    pole = PoleFactory(purpose="Texte d'origine.")
    ObjectiveFactory(pole=pole, title="Fédérer les acteurs")
    coordinator = django_user_model.objects.create_user(username="coordinatrice", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=POLE_COORDINATORS))
    pole.coordinators.add(coordinator)
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    url = admin_url(Pole, "change", pole.pk)
    coordinators_page = admin_form_data(coordinator_client.get(url))
    maries_page = admin_form_data(marie_client.get(url))
    maries_page["purpose"] = "Texte de Marie."
    assert marie_client.post(url, maries_page).status_code == 302

    coordinators_page["objectives-0-title"] = "Fédérer les acteurs du Pays"
    response = coordinator_client.post(url, coordinators_page)

    assert response.status_code == 302
    pole.refresh_from_db()
    assert pole.purpose == "Texte de Marie."
    assert Objective.objects.get().title == "Fédérer les acteurs du Pays"


@pytest.mark.django_db
def test_deleting_a_row_changed_meanwhile_is_refused(marie_client, paul_client):
    pole = PoleFactory()
    ObjectiveFactory(pole=pole, title="Fédérer les acteurs")
    url = admin_url(Pole, "change", pole.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))
    maries_page["objectives-0-title"] = "Fédérer les acteurs du Pays"
    marie_client.post(url, maries_page)

    pauls_page["objectives-0-DELETE"] = "on"
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert "cette ligne a été modifiée par Marie Dupont" in errors_shown(response)[0]
    assert Objective.objects.get().title == "Fédérer les acteurs du Pays"


@pytest.mark.django_db
def test_two_stale_saves_of_an_actor_the_second_is_refused(marie_client, paul_client):
    actor = ActorFactory(description="Association d'origine.")
    url = admin_url(Actor, "change", actor.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))

    maries_page["description"] = "Description de Marie."
    assert marie_client.post(url, maries_page).status_code == 302
    saved_at_10_05(actor)
    pauls_page["description"] = "Description de Paul."
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert errors_shown(response) == [
        "Cette fiche a été modifiée par Marie Dupont le 23 novembre 2026 à 10 h 05, après que "
        "vous l'avez ouverte. Champs modifiés entre-temps : présentation. " + REFUSED
    ]
    actor.refresh_from_db()
    assert actor.description == "Description de Marie."


@pytest.mark.django_db
def test_two_stale_saves_of_key_figures_the_second_is_refused(marie_client, paul_client):
    figures = KeyFiguresFactory(source="Observatoire")
    url = admin_url(KeyFigures, "change", figures.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))

    maries_page["source"] = "Observatoire régional, corrigé par Marie"
    assert marie_client.post(url, maries_page).status_code == 302
    pauls_page["source"] = "Observatoire régional, corrigé par Paul"
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert "Cette fiche a été modifiée par Marie Dupont" in errors_shown(response)[0]
    figures.refresh_from_db()
    assert figures.source == "Observatoire régional, corrigé par Marie"


@pytest.mark.django_db
def test_a_stale_key_figures_row_on_the_territory_page_is_refused(marie_client, paul_client):
    territory = TerritoryFactory()
    KeyFiguresFactory(territory=territory, source="Observatoire")
    url = admin_url(Territory, "change", territory.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))
    prefix = next(key for key in maries_page if key.endswith("-0-source")).removesuffix("source")

    maries_page[f"{prefix}source"] = "Corrigé par Marie"
    assert marie_client.post(url, maries_page).status_code == 302
    pauls_page[f"{prefix}source"] = "Corrigé par Paul"
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert "cette ligne a été modifiée par Marie Dupont" in errors_shown(response)[0]
    assert KeyFigures.objects.get().source == "Corrigé par Marie"


@pytest.mark.django_db
def test_a_record_never_saved_since_the_versions_came_is_protected_from_its_first_edit(
    marie_client, paul_client
):
    """Records that existed before the versions, or loaded from the seed, are at version 0."""
    pole = PoleFactory(purpose="Texte des documents sources.")
    Pole.objects.filter(pk=pole.pk).update(version=0)
    url = admin_url(Pole, "change", pole.pk)
    maries_page = admin_form_data(marie_client.get(url))
    pauls_page = admin_form_data(paul_client.get(url))
    assert maries_page["version"] == ""  # what the browser sends for version 0

    maries_page["purpose"] = "Texte de Marie."
    assert marie_client.post(url, maries_page).status_code == 302
    pauls_page["purpose"] = "Texte de Paul."
    response = paul_client.post(url, pauls_page)

    assert response.status_code == 200
    assert "Cette fiche a été modifiée par Marie Dupont" in errors_shown(response)[0]
    assert Pole.objects.get().purpose == "Texte de Marie."


@pytest.mark.django_db
def test_an_edit_of_what_the_pole_page_shows_does_not_make_the_pole_stale(
    marie_client, django_capture_on_commit_callbacks
):
    """A record of the page changed dates the page (poles/signals.py): not an edit of the pole."""
    with django_capture_on_commit_callbacks(execute=True):
        pole = PoleFactory()
    url = admin_url(Pole, "change", pole.pk)
    page = admin_form_data(marie_client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        ObjectiveFactory(pole=pole)
    assert Pole.objects.get().updated_at != pole.updated_at

    page["purpose"] = "Texte de Marie."
    response = marie_client.post(url, page)

    assert response.status_code == 302
    assert Pole.objects.get().purpose == "Texte de Marie."


@pytest.mark.django_db
def test_a_record_changed_between_the_check_and_the_save_is_refused_with_nothing_saved(
    marie_client, paul
):
    """Another save commits after the page was checked and before its rows are saved: the
    database refuses the row's save (RecordModifiedError); the whole page is rolled back and
    answered with the message, never a server error."""
    pole = PoleFactory(purpose="Texte des documents sources.")
    ObjectiveFactory(pole=pole, title="Fédérer les acteurs")
    url = admin_url(Pole, "change", pole.pk)
    page = admin_form_data(marie_client.get(url))
    page["purpose"] = "Texte de Marie."
    page["objectives-0-title"] = "Fédérer les acteurs du Pays"
    raced = []

    def another_save_commits(sender, instance, raw=False, **kwargs):
        if not raced:
            raced.append(instance)
            Objective.objects.filter(pk=instance.pk).update(version=F("version") + 1)

    pre_save.connect(another_save_commits, sender=Objective)
    try:
        response = marie_client.post(url, page)
    finally:
        pre_save.disconnect(another_save_commits, sender=Objective)

    assert raced
    assert response.status_code == 200
    [message] = errors_shown(response)
    assert message.startswith("Objectif « Fédérer les acteurs » : cette ligne a été modifiée")
    assert message.endswith(REFUSED)
    pole.refresh_from_db()
    assert pole.purpose == "Texte des documents sources."  # saved before the row: rolled back
    assert Objective.objects.get().title == "Fédérer les acteurs"


@pytest.mark.django_db
def test_reverting_to_a_past_version_over_a_newer_edit_is_refused(marie_client, paul_client):
    pole = PoleFactory(purpose="Première version.")
    url = admin_url(Pole, "change", pole.pk)
    page = admin_form_data(marie_client.get(url))
    page["purpose"] = "Deuxième version."
    marie_client.post(url, page)
    first = pole.revisions.last()
    revert_url = reverse("admin:poles_pole_simple_history", args=[pole.pk, first.history_id])
    pauls_page = admin_form_data(paul_client.get(revert_url))
    page = admin_form_data(marie_client.get(url))
    page["purpose"] = "Troisième version."
    marie_client.post(url, page)

    response = paul_client.post(revert_url, pauls_page)

    assert response.status_code == 200
    assert "Cette fiche a été modifiée par Marie Dupont" in errors_shown(response)[0]
    assert Pole.objects.get().purpose == "Troisième version."
    # Reopened, the past version is put back.
    response = paul_client.post(revert_url, admin_form_data(paul_client.get(revert_url)))
    assert response.status_code == 302
    assert Pole.objects.get().purpose == "Première version."


@pytest.mark.django_db
def test_a_tampered_version_is_a_bad_request(marie_client):
    pole = PoleFactory()
    url = admin_url(Pole, "change", pole.pk)
    page = admin_form_data(marie_client.get(url))
    page["version"] = "1"  # unsigned

    assert marie_client.post(url, page).status_code == 400
