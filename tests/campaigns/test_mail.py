"""The campaigns' e-mails (campaigns/mail.py): who is told what and when, as they read it
(Django's test outbox), then through a real SMTP server (tests/campaigns/smtp.py) with
`manage.py send_campaign_reminders`: sent once, and a refused or unreachable send left due
and sent by a later run. Dates are relative to today, never frozen."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import mail, workflow
from campaigns.enums import FicheState
from campaigns.models import Campaign, ChecklistItem, Fiche
from poles.enums import PoleStatus
from poles.roles import CRES
from tests.campaigns.roles import account, coordinator_of, cres_account
from tests.factories import DocumentFactory, PoleFactory

pytestmark = pytest.mark.django_db

SITE = "https://poles.example.org"
CRES_MAILBOX = "CRES Bretagne <fiches@cres-bretagne.example.org>"
MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
COORDINATORS = ["camille@example.org", "yann@example.org"]


def french_date(day):
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


@pytest.fixture(autouse=True)
def site(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast accounts
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Pôles ESS <noreply@poles.example.org>"
    settings.CAMPAIGN_CRES_EMAIL = ""


def open_campaign(deadline_in=30, year=2026, **fields):
    """A campaign opened before today whose submission deadline is `deadline_in` days away."""
    today = timezone.localdate()
    deadline = today + timedelta(days=deadline_in)
    return Campaign.objects.create(
        year=year,
        opens_on=min(today, deadline) - timedelta(days=1),
        submission_deadline=deadline,
        review_deadline=deadline + timedelta(days=14),
        **fields,
    )


def fiche_of(pole, campaign, **fields):
    return Fiche.objects.create(pole=pole, campaign=campaign, **fields)


def opened(**fields):
    """A fiche's fields once its opening mail has left."""
    return {"opening_sent_at": timezone.now(), **fields}


def send_due():
    return mail.send_due(Fiche.objects.all())


def run_command(*args):
    out = StringIO()
    call_command("send_campaign_reminders", *args, stdout=out)
    return out.getvalue()


def mail_logs(caplog, level=logging.ERROR):
    return [
        r.getMessage() for r in caplog.records if r.name == "campaigns.mail" and r.levelno == level
    ]


@pytest.fixture
def c2sol(db):
    return PoleFactory(name="C2SOL", slug="c2sol", status=PoleStatus.OPERATING)


@pytest.fixture
def coordinators(django_user_model, c2sol):
    """C2SOL's two coordinators who are told, and two of its accounts who are not: one
    deactivated, one with no address."""
    told = [coordinator_of(django_user_model, c2sol, name) for name in ("camille", "yann")]
    gone = coordinator_of(django_user_model, c2sol, "ancienne")
    gone.is_active = False
    gone.save()
    mute = coordinator_of(django_user_model, c2sol, "sans-adresse")
    mute.email = ""
    mute.save()
    return told


@pytest.fixture
def cres_user(django_user_model):
    return cres_account(django_user_model)


def pole_page(pole):
    return SITE + reverse("admin:poles_pole_change", args=[pole.pk])


# Opening.


def test_the_opening_mail_says_the_deadline_the_message_what_is_missing_and_links_to_act(
    c2sol, coordinators, mailoutbox
):
    ChecklistItem.objects.filter(stage=PoleStatus.OPERATING).delete()
    for position, item in enumerate(["objectives", "statutes", "means", "contact"]):
        ChecklistItem.objects.create(stage=PoleStatus.OPERATING, item=item, position=position)
    ChecklistItem.objects.get_or_create(stage=PoleStatus.INFORMAL, item="members")
    DocumentFactory(pole=c2sol, kind="statutes")  # budget and staff: the factory's
    campaign = open_campaign(message="Pensez aux chiffres de 2025.\nMerci !")
    fiche = fiche_of(c2sol, campaign)

    assert send_due() == (1, 0, 0)

    [message] = mailoutbox
    assert message.subject == "Fiche 2026 de C2SOL : la campagne est ouverte"
    assert message.to == COORDINATORS
    assert message.from_email == "Pôles ESS <noreply@poles.example.org>"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    deadline = french_date(campaign.submission_deadline)
    assert message.body.startswith(
        "Bonjour,\n\nLa campagne 2026 des fiches des pôles ESS est ouverte : la CRES vous "
        "invite à mettre à jour la fiche de C2SOL et à la soumettre d'ici le "
        f"{deadline}.\n\nLe mot de la CRES :\n\nPensez aux chiffres de 2025.\nMerci !\n\n"
        "Il manque encore à la fiche :\n- au moins un objectif\n- un contact\n\n"
        f"Mettre à jour et soumettre la fiche :\n{pole_page(c2sol)}\n"
    )
    assert "statuts" not in message.body and "budget" not in message.body
    assert "membre" not in message.body  # expected of informal poles, not of C2SOL
    assert "&#x27;" not in message.body  # plain text, not escaped

    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert f'<a href="{pole_page(c2sol)}">Mettre à jour et soumettre la fiche</a>' in html
    assert "<p>Pensez aux chiffres de 2025.<br>Merci !</p>" in html
    assert "<li>au moins un objectif</li>" in html
    assert f"<strong>{deadline}</strong>" in html

    fiche.refresh_from_db()
    assert fiche.opening_sent_at is not None
    mailoutbox.clear()
    assert send_due() == (0, 0, 0)
    assert mailoutbox == []


def test_a_fiche_that_lacks_nothing_is_told_so(c2sol, coordinators, mailoutbox):
    ChecklistItem.objects.all().delete()
    fiche_of(c2sol, open_campaign())

    send_due()

    [message] = mailoutbox
    assert "La fiche contient déjà ce que la CRES attend d'un pôle à ce stade" in message.body
    assert "Il manque" not in message.body


def test_a_sent_mail_is_recorded_without_saving_the_fiche(c2sol, coordinators, settings):
    """A form open on the fiche (its version) is not made to fail by a mail."""
    settings.CAMPAIGN_CRES_EMAIL = CRES_MAILBOX
    fiche = fiche_of(c2sol, open_campaign())
    version = Fiche.objects.get(pk=fiche.pk).version

    assert send_due() == (1, 0, 0)

    fiche.refresh_from_db()
    assert fiche.version == version
    assert fiche.opening_sent_at is not None


def test_the_coordinators_reply_to_the_cres_mailbox(c2sol, coordinators, settings, mailoutbox):
    settings.CAMPAIGN_CRES_EMAIL = CRES_MAILBOX
    fiche_of(c2sol, open_campaign())

    send_due()

    assert mailoutbox[0].reply_to == [CRES_MAILBOX]


def test_a_closed_or_future_campaign_has_no_opening_nor_reminder(c2sol, coordinators, mailoutbox):
    today = timezone.localdate()
    closed = open_campaign(deadline_in=3, closed_on=today)
    future = Campaign.objects.create(
        year=2027,
        opens_on=today + timedelta(days=1),
        submission_deadline=today + timedelta(days=5),
        review_deadline=today + timedelta(days=10),
    )
    fiche_of(c2sol, closed)
    fiche_of(c2sol, future)

    assert send_due() == (0, 0, 0)
    assert mailoutbox == []


# Reminders.

WEEK = "Fiche 2026 de C2SOL : rappel, à soumettre d'ici le {deadline}"


@pytest.mark.parametrize(
    ("deadline_in", "subject"),
    [
        (9, None),
        (8, None),
        (7, WEEK),
        (4, WEEK),
        (2, WEEK),
        (1, "Fiche 2026 de C2SOL : dernier rappel, à soumettre demain"),
        (0, "Fiche 2026 de C2SOL : dernier rappel, à soumettre aujourd'hui"),
        (-1, None),
        (-10, None),
    ],
)
def test_reminders_seven_days_and_one_day_before_the_deadline_none_after(
    c2sol, coordinators, mailoutbox, deadline_in, subject
):
    campaign = open_campaign(deadline_in)
    fiche_of(c2sol, campaign, **opened(state=FicheState.IN_PROGRESS))

    send_due()

    deadline = french_date(campaign.submission_deadline)
    expected = [] if subject is None else [subject.format(deadline=deadline)]
    assert [message.subject for message in mailoutbox] == expected
    assert all(message.to == COORDINATORS for message in mailoutbox)
    mailoutbox.clear()
    assert send_due() == (0, 0, 0)


def test_the_week_reminder_says_how_many_days_are_left(c2sol, coordinators, mailoutbox):
    campaign = open_campaign(5)
    fiche_of(c2sol, campaign, **opened())

    send_due()

    [message] = mailoutbox
    deadline = french_date(campaign.submission_deadline)
    assert (
        f"La fiche 2026 de C2SOL est à soumettre d'ici le {deadline}, dans 5 jours. "
        "Elle est pour l'instant « à faire »."
    ) in message.body
    assert pole_page(c2sol) in message.body
    assert f'href="{pole_page(c2sol)}"' in message.alternatives[0][0]


def test_the_day_reminder_leaves_no_late_week_reminder_behind(c2sol, coordinators, mailoutbox):
    fiche = fiche_of(c2sol, open_campaign(1), **opened())

    assert send_due() == (1, 0, 0)

    fiche.refresh_from_db()
    assert fiche.day_reminder_sent_at is not None
    assert fiche.week_reminder_sent_at == fiche.day_reminder_sent_at
    assert "au plus tard demain, " in mailoutbox[0].body


def test_the_day_reminder_keeps_the_week_reminder_s_date(c2sol, coordinators):
    week_ago = timezone.now() - timedelta(days=6)
    fiche = fiche_of(c2sol, open_campaign(0), **opened(week_reminder_sent_at=week_ago))

    assert send_due() == (1, 0, 0)

    fiche.refresh_from_db()
    assert fiche.week_reminder_sent_at == week_ago
    assert fiche.day_reminder_sent_at > week_ago


def test_no_reminder_in_the_run_that_sends_the_opening_mail(c2sol, coordinators, mailoutbox):
    fiche_of(c2sol, open_campaign(3))

    send_due()
    send_due()
    send_due()

    assert [message.subject.split(" : ")[1] for message in mailoutbox] == [
        "la campagne est ouverte",
        f"rappel, à soumettre d'ici le {french_date(timezone.localdate() + timedelta(3))}",
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"state": FicheState.SUBMITTED, "submission_sent_at": timezone.now()},
        {"state": FicheState.VALIDATED, "decision_sent_at": timezone.now()},
    ],
    ids=["submitted", "validated"],
)
def test_no_reminder_for_a_fiche_already_submitted_or_validated(
    c2sol, coordinators, mailoutbox, fields
):
    fiche_of(c2sol, open_campaign(1), **opened(**fields))

    assert send_due() == (0, 0, 0)
    assert mailoutbox == []


def test_a_fiche_to_revise_is_reminded_of_the_cres_comment(c2sol, coordinators, mailoutbox):
    fields = {"comment": "Ajoutez la convention signée.", "decision_sent_at": timezone.now()}
    fiche_of(c2sol, open_campaign(1), **opened(state=FicheState.TO_REVISE, **fields))

    send_due()

    [message] = mailoutbox
    assert "Elle est pour l'instant « à revoir »." in message.body
    assert "La CRES vous a demandé de revoir :\n\nAjoutez la convention signée." in message.body


# Submission and decision.


def test_the_cres_is_told_of_a_submitted_fiche(
    c2sol, coordinators, cres_user, django_user_model, settings, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.CAMPAIGN_CRES_EMAIL = CRES_MAILBOX
    account(django_user_model, "cres-partie", CRES, "partie@example.org").groups.clear()
    former = account(django_user_model, "cres-ancien", CRES, "ancien@example.org")
    former.is_active = False
    former.save()
    campaign = open_campaign()
    fiche = fiche_of(c2sol, campaign, **opened(state=FicheState.IN_PROGRESS))

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(fiche, coordinators[0])

    [message] = mailoutbox
    assert message.subject == "Fiche 2026 de C2SOL : soumise, à relire"
    assert message.to == ["cres@example.org", CRES_MAILBOX]
    assert message.reply_to == []
    link = SITE + reverse("admin:campaigns_fiche_change", args=[fiche.pk])
    today, review = french_date(timezone.localdate()), french_date(campaign.review_deadline)
    assert (
        f"C2SOL a soumis sa fiche 2026 le {today}. Elle attend votre relecture d'ici le "
        f"{review} : validez-la (elle sera publiée telle quelle) ou renvoyez-la avec ce qu'il "
        f"faut revoir.\n\nRelire la fiche :\n{link}\n"
    ) in message.body
    assert f'<a href="{link}">Relire la fiche</a>' in message.alternatives[0][0]
    fiche.refresh_from_db()
    assert fiche.submission_sent_at is not None


def test_the_cres_mailbox_is_not_told_twice(c2sol, cres_user, settings, mailoutbox):
    settings.CAMPAIGN_CRES_EMAIL = "CRES@example.org"
    fiche_of(c2sol, open_campaign(), **opened(state=FicheState.SUBMITTED))

    send_due()

    assert mailoutbox[0].to == ["cres@example.org"]


def test_a_fiche_sent_back_quotes_the_cres_comment_to_the_coordinators(
    c2sol, coordinators, cres_user, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CAMPAIGN_CRES_EMAIL = CRES_MAILBOX
    fiche = fiche_of(
        c2sol,
        open_campaign(),
        **opened(state=FicheState.SUBMITTED, submission_sent_at=timezone.now()),
    )
    comment = "Ajoutez le budget 2026.\nEt la convention avec la Région <signée>."

    with django_capture_on_commit_callbacks(execute=True):
        workflow.send_back(fiche, cres_user, comment)

    [message] = mailoutbox
    assert message.subject == "Fiche 2026 de C2SOL : à revoir"
    assert message.to == COORDINATORS
    assert message.reply_to == [CRES_MAILBOX]
    assert (
        "La CRES a relu la fiche 2026 de C2SOL et vous demande de la revoir :\n\n"
        f"{comment}\n\nUne fois la fiche corrigée, soumettez-la de nouveau (date limite : "
    ) in message.body
    assert f"Corriger et soumettre la fiche :\n{pole_page(c2sol)}\n" in message.body
    html = message.alternatives[0][0]
    assert (
        "<blockquote><p>Ajoutez le budget 2026.<br>Et la convention avec la Région "
        "&lt;signée&gt;.</p></blockquote>"
    ) in html
    fiche.refresh_from_db()
    assert fiche.decision_sent_at is not None


def test_a_validated_fiche_links_to_its_published_page(c2sol, coordinators, mailoutbox):
    fiche = fiche_of(c2sol, open_campaign(), **opened(submission_sent_at=timezone.now()))
    Fiche.objects.filter(pk=fiche.pk).update(
        state=FicheState.VALIDATED, validated_at=timezone.now()
    )

    assert send_due() == (1, 0, 0)

    [message] = mailoutbox
    assert message.subject == "Fiche 2026 de C2SOL : validée"
    assert message.to == COORDINATORS
    link = f"{SITE}/poles/c2sol/fiches/2026/"
    assert f"Voir la fiche 2026 publiée :\n{link}\n" in message.body
    assert f'<a href="{link}">Voir la fiche 2026 publiée</a>' in message.alternatives[0][0]


def test_submission_and_decision_mails_go_after_the_campaign_is_closed(
    c2sol, coordinators, cres_user, mailoutbox
):
    campaign = open_campaign(closed_on=timezone.localdate())
    fiche_of(c2sol, campaign, **opened(state=FicheState.VALIDATED))
    other = PoleFactory(name="ADESS")
    fiche_of(other, campaign, **opened(state=FicheState.SUBMITTED))

    assert run_command() == "2 courriels envoyés.\n"

    assert sorted(message.subject for message in mailoutbox) == [
        "Fiche 2026 de ADESS : soumise, à relire",
        "Fiche 2026 de C2SOL : validée",
    ]


def test_a_decision_changed_while_its_mail_was_sent_stays_due(c2sol, coordinators, mailoutbox):
    """Sent back, resubmitted and validated meanwhile: the « à revoir » mail does not count
    for the validation."""
    fiche = fiche_of(
        c2sol, open_campaign(), **opened(state=FicheState.TO_REVISE, comment="À revoir.")
    )
    mails = mail.due(Fiche.objects.all())
    Fiche.objects.filter(pk=fiche.pk).update(state=FicheState.VALIDATED)

    assert mail.send(mails) == (1, 0, 0)
    fiche.refresh_from_db()
    assert fiche.decision_sent_at is None

    assert send_due() == (1, 0, 0)
    assert [message.subject for message in mailoutbox] == [
        "Fiche 2026 de C2SOL : à revoir",
        "Fiche 2026 de C2SOL : validée",
    ]


# No recipient.


def test_a_mail_without_recipient_waits_for_an_address(
    c2sol, django_user_model, caplog, mailoutbox
):
    fiche = fiche_of(c2sol, open_campaign())

    assert send_due() == (0, 0, 1)

    assert mailoutbox == []
    [warning] = mail_logs(caplog, logging.WARNING)
    assert warning == (
        f"Courriel « ouverture de la campagne » de la fiche C2SOL — fiche 2026 (n° {fiche.pk}) "
        "sans destinataire (aucun coordinateur actif avec une adresse) : il partira dès "
        "qu'une adresse sera renseignée."
    )
    fiche.refresh_from_db()
    assert fiche.opening_sent_at is None

    coordinator_of(django_user_model, c2sol, "camille")
    assert send_due() == (1, 0, 0)
    assert mailoutbox[0].to == ["camille@example.org"]


def test_a_submission_without_anyone_at_the_cres_waits(c2sol, caplog, mailoutbox):
    fiche_of(c2sol, open_campaign(), **opened(state=FicheState.SUBMITTED))

    assert run_command() == (
        "0 courriel envoyé, 1 sans destinataire (il partira dès qu'une adresse sera renseignée).\n"
    )
    [warning] = mail_logs(caplog, logging.WARNING)
    assert "aucun compte actif de la CRES avec une adresse, ni CAMPAIGN_CRES_EMAIL" in warning


# Queries.


def test_the_queries_do_not_grow_with_the_fiches(django_user_model):
    campaign = open_campaign(5)

    def queries_for(first, count):
        for number in range(first, first + count):
            pole = PoleFactory()
            coordinator_of(django_user_model, pole, f"coordinateur-{number}")
            state = FicheState.SUBMITTED if number % 2 else FicheState.TODO
            fiche_of(pole, campaign, state=state)
            fiche_of(PoleFactory(), campaign, **opened())  # a week reminder, no recipient
        with CaptureQueriesContext(connection) as queries:
            messages = [due.message() for due in mail.due(Fiche.objects.all())]
        return len(queries), len(messages)

    cres_account(django_user_model)
    few = queries_for(0, 2)
    many = queries_for(2, 6)

    assert many[1] > few[1]
    assert many[0] == few[0]


# Through a real SMTP server, with the command cron runs.


@pytest.fixture
def two_mails_due(c2sol, coordinators, cres_user):
    """C2SOL's opening mail to its coordinators, ADESS's submission to the CRES."""
    campaign = open_campaign()
    adess = PoleFactory(name="ADESS")
    return fiche_of(c2sol, campaign), fiche_of(adess, campaign, **opened(state="submitted"))


def test_the_command_sends_through_smtp_and_a_second_run_sends_nothing(
    smtp_server, two_mails_due, c2sol
):
    assert run_command() == "2 courriels envoyés.\n"

    received = {message["Subject"]: message for message in smtp_server.messages}
    assert set(received) == {
        "Fiche 2026 de C2SOL : la campagne est ouverte",
        "Fiche 2026 de ADESS : soumise, à relire",
    }
    opening = received["Fiche 2026 de C2SOL : la campagne est ouverte"]
    assert opening.envelope_recipients == COORDINATORS
    assert opening["To"] == "camille@example.org, yann@example.org"
    assert opening["From"] == "Pôles ESS <noreply@poles.example.org>"
    assert opening.get_content_type() == "multipart/alternative"
    text = opening.get_body(("plain",)).get_content()
    html = opening.get_body(("html",)).get_content()
    assert "La campagne 2026 des fiches des pôles ESS est ouverte" in text
    assert pole_page(c2sol) in text and f'href="{pole_page(c2sol)}"' in html
    submission = received["Fiche 2026 de ADESS : soumise, à relire"]
    assert submission.envelope_recipients == ["cres@example.org"]

    assert run_command() == "0 courriel envoyé.\n"
    assert len(smtp_server.messages) == 2


def test_a_refused_message_stays_due_and_leaves_on_a_later_run(smtp_server, two_mails_due, caplog):
    opening, submission = two_mails_due
    smtp_server.refusing = True

    out = StringIO()
    with pytest.raises(CommandError, match="^2 courriels en échec : voir le journal ci-dessus."):
        call_command("send_campaign_reminders", stdout=out)

    assert out.getvalue() == (
        "0 courriel envoyé, 2 en échec (ils repartiront au prochain passage).\n"
    )
    assert smtp_server.messages == []
    errors = mail_logs(caplog)
    assert errors == [
        f"Courriel « {kind} » de la fiche {fiche} (n° {fiche.pk}) non envoyé : il repartira "
        "au prochain passage."
        for kind, fiche in [
            ("fiche soumise (à la CRES)", submission),  # the fiches' order: ADESS, C2SOL
            ("ouverture de la campagne", opening),
        ]
    ]
    assert "SMTPDataError: (550, b'5.7.1 Message refused by the test server')" in caplog.text
    opening.refresh_from_db()
    submission.refresh_from_db()
    assert opening.opening_sent_at is None and submission.submission_sent_at is None

    smtp_server.refusing = False
    assert run_command() == "2 courriels envoyés.\n"
    assert len(smtp_server.messages) == 2
    assert run_command() == "0 courriel envoyé.\n"


def test_a_refused_recipient_fails_its_mail_and_the_others_go_on(
    smtp_server, two_mails_due, caplog
):
    opening, submission = two_mails_due
    smtp_server.unknown.update(COORDINATORS)

    out = StringIO()
    with pytest.raises(CommandError, match="^1 courriel en échec"):
        call_command("send_campaign_reminders", stdout=out)

    assert out.getvalue() == ("1 courriel envoyé, 1 en échec (il repartira au prochain passage).\n")

    assert [message["Subject"] for message in smtp_server.messages] == [
        "Fiche 2026 de ADESS : soumise, à relire"
    ]
    [error] = mail_logs(caplog)
    assert "« ouverture de la campagne » de la fiche C2SOL — fiche 2026" in error
    assert "(550, b'5.1.1 No such user here')" in caplog.text  # smtplib's refused recipients
    opening.refresh_from_db()
    assert opening.opening_sent_at is None

    smtp_server.unknown.clear()
    assert run_command() == "1 courriel envoyé.\n"


def test_an_unreachable_server_leaves_every_mail_due(smtp_down, two_mails_due, caplog):
    opening, submission = two_mails_due
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("send_campaign_reminders", stdout=out)

    assert out.getvalue() == (
        "0 courriel envoyé, 2 en échec (ils repartiront au prochain passage).\n"
    )
    assert "Le serveur d'envoi ne répond pas (127.0.0.1)." in mail_logs(caplog)
    assert "Connection refused" in caplog.text or "ConnectionRefusedError" in caplog.text
    assert len(mail_logs(caplog)) == 3  # the server, then each mail
    opening.refresh_from_db()
    submission.refresh_from_db()
    assert opening.opening_sent_at is None and submission.submission_sent_at is None


def test_a_move_is_kept_when_its_mail_cannot_leave(
    smtp_down, c2sol, coordinators, cres_user, django_capture_on_commit_callbacks
):
    fiche = fiche_of(c2sol, open_campaign(), **opened(state=FicheState.IN_PROGRESS))

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(fiche, coordinators[0])

    fiche.refresh_from_db()
    assert fiche.state == FicheState.SUBMITTED
    assert fiche.submission_sent_at is None  # the next run sends it


def test_dry_run_lists_the_mails_due_and_sends_nothing(two_mails_due, mailoutbox):
    opening, submission = two_mails_due

    assert run_command("--dry-run") == (
        "ADESS — fiche 2026 : fiche soumise (à la CRES) → cres@example.org\n"
        "C2SOL — fiche 2026 : ouverture de la campagne → camille@example.org, yann@example.org\n"
        "2 courriels dus ; rien n'a été envoyé (--dry-run).\n"
    )
    assert mailoutbox == []
    opening.refresh_from_db()
    assert opening.opening_sent_at is None
