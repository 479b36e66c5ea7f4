"""A whole campaign on the seed, as its people live it in the admin: the CRES opens it, a
coordinator updates their pole and submits, the CRES sends it back, the coordinator fixes and
submits again, the CRES validates; the fiche of the year is frozen. Then what each role may and
may not do (crafted POSTs included), and the checklist's queries."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche, YearlyFiche
from poles.enums import PoleStatus
from poles.models import Pole
from tests.admin.forms import admin_form_data
from tests.campaigns.roles import coordinator_of, cres_account, officer_account
from tests.factories import ObjectiveFactory, PoleFactory, create_in_bulk

pytestmark = pytest.mark.django_db

ADD = reverse("admin:campaigns_campaign_add")


def opening_data(client, year, **dates):
    """The campaign's add form as the admin renders it (every pole not stopped chosen), filled."""
    data = admin_form_data(client.get(ADD))
    today = timezone.localdate()
    data.update(
        year=str(year),
        opens_on=str(dates.get("opens_on", today)),
        submission_deadline=str(dates.get("submission_deadline", today + timedelta(days=30))),
        review_deadline=str(dates.get("review_deadline", today + timedelta(days=60))),
        message="Merci de relire votre fiche avant la fin du mois.",
    )
    return data


def open_campaign(client, year=2026):
    response = client.post(ADD, opening_data(client, year))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Campaign.objects.get(year=year)


def move(client, fiche, name, **data):
    return client.post(reverse(f"admin:campaigns_fiche_{name}", args=[fiche.pk]), data)


def pole_page(client, pole):
    return client.get(reverse("admin:poles_pole_change", args=[pole.pk]))


def save_pole_page(client, pole, **changes):
    response = pole_page(client, pole)
    data = admin_form_data(response)
    data.update(changes)
    response = client.post(reverse("admin:poles_pole_change", args=[pole.pk]), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    return response


def add_objective(client, pole, title):
    """An objective added on its own admin page, as a coordinator does."""
    url = reverse("admin:poles_objective_add")
    data = admin_form_data(client.get(url))
    data.update(pole=str(pole.pk), title=title)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")


@pytest.fixture
def cres_user(django_user_model):
    return cres_account(django_user_model)


@pytest.fixture
def officer(django_user_model):
    return officer_account(django_user_model)


@pytest.fixture
def c2sol(seed):
    return Pole.objects.get(slug="c2sol")


@pytest.fixture
def coordinator(django_user_model, c2sol):
    return coordinator_of(django_user_model, c2sol)


def test_a_whole_campaign_on_the_seed(
    client, cres_user, coordinator, c2sol, mailoutbox, django_capture_on_commit_callbacks
):
    # The CRES opens the campaign: every pole not stopped gets its fiche « à faire ».
    client.force_login(cres_user)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = open_campaign(client)
    covered = set(campaign.fiches.values_list("pole__slug", flat=True))
    assert covered == set(
        Pole.objects.exclude(status=PoleStatus.STOPPED).values_list("slug", flat=True)
    )
    assert set(campaign.fiches.values_list("state", flat=True)) == {FicheState.TODO}
    fiche = campaign.fiches.get(pole=c2sol)
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]  # C2SOL's coordinator

    # The coordinator's home leads to their pole; its page says what is missing.
    client.force_login(coordinator)
    home = client.get(reverse("admin:index")).content.decode()
    assert "Fiche 2026 de C2SOL : à faire" in home
    page = pole_page(client, c2sol).content.decode()
    assert "Fiche 2026 : à faire" in page
    assert c2sol.status == PoleStatus.PREFIGURATION
    assert "L&#x27;étude de préfiguration, avec sa structure porteuse" in page

    # They update the page: the fiche is « en cours », logged with their name.
    with django_capture_on_commit_callbacks(execute=True):
        add_objective(client, c2sol, "Réunir les acteurs de l'ESS du Pays de Lorient")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.IN_PROGRESS
    assert fiche.events.get().by == coordinator

    # They submit; the CRES is told.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = move(client, fiche, "submit")
    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.state == FicheState.SUBMITTED
    assert [mail.to for mail in mailoutbox] == [[cres_user.email]]

    # The CRES sends it back: a comment is required, and the coordinator reads it.
    client.force_login(cres_user)
    response = move(client, fiche, "send_back", comment="  ")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.SUBMITTED
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "Dites au coordinateur ce qu'il faut revoir (commentaire)."
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(client, fiche, "send_back", comment="Ajoutez la date de lancement de l'étude.")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.TO_REVISE
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]
    assert "Ajoutez la date de lancement de l'étude." in mailoutbox[0].body

    client.force_login(coordinator)
    page = pole_page(client, c2sol).content.decode()
    assert "Fiche 2026 : à revoir" in page
    assert "Ajoutez la date de lancement de l&#x27;étude." in page
    save_pole_page(client, c2sol)
    add_objective(client, c2sol, "Présenter l'étude aux élus du Pays")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.TO_REVISE  # still to revise until submitted again
    with django_capture_on_commit_callbacks(execute=True):
        move(client, fiche, "submit")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.SUBMITTED

    # The CRES validates: the fiche of the year is frozen, and published.
    client.force_login(cres_user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(client, fiche, "validate")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.VALIDATED
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]
    yearly = YearlyFiche.objects.get(pole=c2sol, period="2026")
    assert "Présenter l&#x27;étude aux élus du Pays" in yearly.html
    frozen = yearly.html
    assert [(e.from_state, e.to_state, e.by.username) for e in fiche.events.all()] == [
        ("todo", "in_progress", "coordinatrice"),
        ("in_progress", "submitted", "coordinatrice"),
        ("submitted", "to_revise", "cres-staff"),
        ("to_revise", "submitted", "coordinatrice"),
        ("submitted", "validated", "cres-staff"),
    ]

    # An edit after validation changes the pole's page, not its fiche of the year.
    client.force_login(coordinator)
    add_objective(client, c2sol, "Ouvrir un lieu ressource")
    yearly.refresh_from_db()
    assert yearly.html == frozen
    client.logout()
    public = client.get("/poles/c2sol/fiches/2026/").content.decode()
    assert "Présenter l&#x27;étude aux élus du Pays" in public
    assert "Ouvrir un lieu ressource" not in public
    assert "Ajoutez la date de lancement" not in public  # the CRES's comment is not public
    assert "Ouvrir un lieu ressource" in client.get("/poles/c2sol/").content.decode()

    # Every e-mail went when its move was committed: the reminders' run has nothing to send.
    mailoutbox.clear()
    call_command("send_campaign_reminders", verbosity=0)
    assert [m.subject for m in mailoutbox if "C2SOL" in m.subject] == []


def test_a_campaign_s_dates_are_checked_in_order_with_french_messages(client, cres_user, seed):
    client.force_login(cres_user)
    today = timezone.localdate()
    response = client.post(
        ADD, opening_data(client, 2027, submission_deadline=today - timedelta(days=1))
    )
    assert response.status_code == 200
    assert "La date limite de soumission doit suivre la date d&#x27;ouverture." in (
        response.content.decode()
    )
    response = client.post(
        ADD,
        opening_data(
            client,
            2027,
            submission_deadline=today + timedelta(days=10),
            review_deadline=today + timedelta(days=5),
        ),
    )
    assert "La date limite de validation ne peut précéder" in response.content.decode()
    open_campaign(client, 2027)
    response = client.post(ADD, opening_data(client, 2027))
    assert "Une campagne existe déjà pour cette année." in response.content.decode()
    assert Campaign.objects.count() == 1


def test_the_cres_chooses_the_poles_and_closes_the_campaign(client, cres_user, seed):
    client.force_login(cres_user)
    data = opening_data(client, 2026)
    chosen = list(Pole.objects.order_by("name").values_list("pk", flat=True)[:3])
    data["poles"] = [str(pk) for pk in chosen]
    client.post(ADD, data)
    campaign = Campaign.objects.get(year=2026)
    assert sorted(campaign.fiches.values_list("pole_id", flat=True)) == sorted(chosen)
    response = client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "close_campaigns", "_selected_action": [campaign.pk]},
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.closed_on == timezone.localdate()
    # A closed campaign takes no submission.
    fiche = campaign.fiches.first()
    response = move(client, fiche, "submit")
    fiche.refresh_from_db()
    assert fiche.state == FicheState.TODO
    assert [str(m) for m in response.wsgi_request._messages][-1] == "La campagne 2026 est clôturée."


# ----- roles


@pytest.fixture
def campaign_with_two_poles(db, django_user_model):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        year=2026,
        opens_on=today,
        submission_deadline=today + timedelta(days=20),
        review_deadline=today + timedelta(days=40),
    )
    ours, theirs = PoleFactory(name="Pôle A"), PoleFactory(name="Pôle B")
    coordinator = coordinator_of(django_user_model, ours)
    return (
        campaign,
        Fiche.objects.create(campaign=campaign, pole=ours),
        Fiche.objects.create(campaign=campaign, pole=theirs),
        coordinator,
    )


def test_a_coordinator_submits_their_own_fiche_only(client, campaign_with_two_poles):
    campaign, ours, theirs, coordinator = campaign_with_two_poles
    client.force_login(coordinator)
    changelist = client.get(reverse("admin:campaigns_fiche_changelist")).content.decode()
    assert "Pôle A" in changelist and "Pôle B" not in changelist
    assert client.get(reverse("admin:campaigns_fiche_change", args=[theirs.pk])).status_code == 403
    assert move(client, theirs, "submit").status_code == 403
    assert move(client, ours, "validate").status_code == 403
    assert move(client, ours, "send_back", comment="non").status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"year": "2027"}).status_code == 403
    client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "close_campaigns", "_selected_action": [campaign.pk]},
    )
    campaign.refresh_from_db()
    assert campaign.closed_on is None
    for fiche in (ours, theirs):
        fiche.refresh_from_db()
        assert fiche.state == FicheState.TODO
    assert move(client, ours, "submit").status_code == 302
    ours.refresh_from_db()
    assert ours.state == FicheState.SUBMITTED


def test_the_region_reads_the_campaigns_and_moves_nothing(client, officer, campaign_with_two_poles):
    campaign, ours, theirs, coordinator = campaign_with_two_poles
    client.force_login(officer)
    assert client.get(reverse("admin:campaigns_campaign_changelist")).status_code == 200
    page = client.get(reverse("admin:campaigns_fiche_changelist")).content.decode()
    assert "Pôle A" in page and "Pôle B" in page
    assert client.get(reverse("admin:campaigns_fiche_change", args=[ours.pk])).status_code == 200
    assert client.get(ADD).status_code == 403
    assert move(client, ours, "submit").status_code == 403
    Fiche.objects.filter(pk=ours.pk).update(state=FicheState.SUBMITTED)
    assert move(client, ours, "validate").status_code == 403
    assert move(client, ours, "send_back", comment="non").status_code == 403
    client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "close_campaigns", "_selected_action": [campaign.pk]},
    )
    campaign.refresh_from_db()
    assert campaign.closed_on is None
    ours.refresh_from_db()
    assert ours.state == FicheState.SUBMITTED
    home = client.get(reverse("admin:index")).content.decode()
    assert "Campagne 2026 (ouverte)" in home
    assert "1 soumise" in home


def test_nobody_edits_a_fiche_by_hand(client, cres_user, campaign_with_two_poles):
    campaign, ours, theirs, coordinator = campaign_with_two_poles
    client.force_login(cres_user)
    url = reverse("admin:campaigns_fiche_change", args=[ours.pk])
    client.post(url, {"state": FicheState.VALIDATED, "campaign": campaign.pk, "pole": ours.pole_id})
    ours.refresh_from_db()
    assert ours.state == FicheState.TODO
    assert client.get(reverse("admin:campaigns_fiche_add")).status_code == 403


# ----- the checklist


def test_the_list_filters_by_what_is_missing(client, cres_user, campaign_with_two_poles):
    campaign, ours, theirs, coordinator = campaign_with_two_poles
    Pole.objects.filter(pk__in=[ours.pole_id, theirs.pole_id]).update(status=PoleStatus.INFORMAL)
    ObjectiveFactory(pole=ours.pole)
    client.force_login(cres_user)
    url = reverse("admin:campaigns_fiche_changelist")
    page = client.get(url, {"manque": "objectives"}).content.decode()
    assert "Pôle B" in page and "Pôle A" not in page
    page = client.get(url).content.decode()
    assert "1 / 2" in page and "0 / 2" in page


def add_fiches(campaign, first, count):
    statuses = [PoleStatus.INFORMAL, PoleStatus.PREFIGURATION, PoleStatus.OPERATING]
    rows = (
        {"name": f"Pôle {n:04}", "slug": f"pole-{n}", "status": statuses[n % 3]}
        for n in range(first, first + count)
    )
    poles = create_in_bulk(PoleFactory, rows)
    Fiche.objects.bulk_create(Fiche(campaign=campaign, pole=pole) for pole in poles)
    ObjectiveFactory(pole=poles[0])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_checklist_is_read_in_a_constant_number_of_queries(client, cres_user):
    """The fiches' list (100 a page) and the CRES's home: as many queries for 500 poles as for
    5."""
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        year=2026,
        opens_on=today,
        submission_deadline=today + timedelta(days=20),
        review_deadline=today + timedelta(days=40),
    )
    add_fiches(campaign, 0, 5)
    client.force_login(cres_user)
    pages = [reverse("admin:campaigns_fiche_changelist"), reverse("admin:index")]
    few = [queries(client, url) for url in pages]
    add_fiches(campaign, 5, 495)
    many = [queries(client, url) for url in pages]
    assert many == few
    page = client.get(pages[0]).content.decode()
    assert "500 fiches de l’année" in page or "500 fiches de l&#x27;année" in page
