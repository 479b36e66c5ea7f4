"""The e-mails about the campaigns' fiches: who is told what, and when.

`send_due(fiches)` sends every mail due about `fiches`; the workflow calls it once a move is
committed (campaigns/workflow.py), and `manage.py send_campaign_reminders`, run each morning
by cron, for every fiche (`pending_fiches()`). A mail is due while its `…_sent_at` field is
empty; it is recorded once the server has accepted it, so that a second run sends nothing.

- **Opening** (to the pole's coordinators): the campaign is open and `opening_sent_at` is
  empty. The year, the submission deadline, the campaign's message, what the fiche still
  lacks for the pole's stage (the CRES's checklist, campaigns/checks.py), the pole's page in
  the admin.
- **Reminders** (to the coordinators): only while the campaign is open, the fiche still to
  submit (`OPEN_STATES`), and never in the run that sends the fiche's opening mail. With
  days_left = submission deadline − today: 0 ≤ days_left ≤ 1 and `day_reminder_sent_at`
  empty, the 1-day reminder (it also fills `week_reminder_sent_at`, so that no late 7-day
  reminder follows it); 2 ≤ days_left ≤ 7 and `week_reminder_sent_at` empty, the 7-day
  reminder. After the deadline, none.
- **Submission** (to the CRES: the active accounts of its group that have an address, and
  CAMPAIGN_CRES_EMAIL): the fiche is submitted and `submission_sent_at` is empty; links to
  the fiche in the admin.
- **Decision** (to the coordinators): the fiche is « à revoir » or « validée » and
  `decision_sent_at` is empty. « À revoir » quotes the CRES's comment and links to the
  pole's page in the admin; « validée » links to the published fiche of the year.
  Submission and decision mails go whether the campaign is open or closed.

Coordinators are the pole's accounts that are active and have an address; the CRES's
mailbox (CAMPAIGN_CRES_EMAIL) is their Reply-To. A mail with no recipient is logged (warning)
and stays due: it leaves once someone has an address. One message per fiche and kind, every
recipient in `To:`, plain text with an HTML alternative (templates/campaigns/mail/), every
link starting with SITE_URL.

A send that fails (the server refuses a recipient or the message, is down or too slow) is
logged with the fiche and the kind; its field stays empty and the next run retries it; the
other mails go on. A sent mail is recorded with a queryset `update()`, not `save()`: a fiche
is versioned, and a save would make the CRES's form open on it fail on a conflict.
"""

import logging
import smtplib
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import DateTimeField, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from campaigns import checks
from campaigns.enums import OPEN_STATES, FicheState
from campaigns.models import ChecklistItem, Fiche
from core.fuzzy_dates import DatePrecision, format_fuzzy_date
from poles.models import Pole
from poles.roles import CRES

logger = logging.getLogger("campaigns.mail")

# A send that raises one of these leaves the mail due (smtplib's errors are OSErrors too;
# so are refused connections, timeouts and TLS failures).
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Kind:
    code: str  # its templates: templates/campaigns/mail/<code>.txt and .html
    field: str  # the fiche's field recording when it left
    label: str  # as the logs and `--dry-run` name it
    subject: str  # after « Fiche 2026 de C2SOL : », formatted with the mail's context
    to_cres: bool = False


OPENING = Kind("opening", "opening_sent_at", "ouverture de la campagne", "la campagne est ouverte")
WEEK_REMINDER = Kind(
    "week_reminder",
    "week_reminder_sent_at",
    "rappel à 7 jours",
    "rappel, à soumettre d'ici le {deadline}",
)
DAY_REMINDER = Kind(
    "day_reminder", "day_reminder_sent_at", "rappel à 1 jour", "dernier rappel, à soumettre {by}"
)
SUBMISSION = Kind(
    "submission",
    "submission_sent_at",
    "fiche soumise (à la CRES)",
    "soumise, à relire",
    to_cres=True,
)
SENT_BACK = Kind("sent_back", "decision_sent_at", "fiche à revoir", "à revoir")
VALIDATED = Kind("validated", "decision_sent_at", "fiche validée", "validée")


class Outcome(NamedTuple):
    sent: int
    failed: int  # retried by the next run
    unaddressed: int = 0  # no recipient yet: they leave once someone has an address


@dataclass
class Mail:
    fiche: Fiche
    kind: Kind
    recipients: list
    context: dict

    def message(self, connection=None):
        fiche, kind = self.fiche, self.kind
        subject = f"Fiche {fiche.campaign.year} de {fiche.pole.name} : "
        subject += kind.subject.format(**self.context)
        context = {"fiche": fiche, "pole": fiche.pole, "subject": subject, **self.context}
        text = render_to_string(f"campaigns/mail/{kind.code}.txt", context)
        cres_mailbox = settings.CAMPAIGN_CRES_EMAIL
        message = EmailMultiAlternatives(
            subject,
            text.rstrip() + "\n",
            to=self.recipients,
            # The coordinators' replies reach the CRES, not the sender's « noreply ».
            reply_to=[cres_mailbox] if cres_mailbox and not kind.to_cres else None,
            headers={"Auto-Submitted": "auto-generated"},  # RFC 3834: no auto-reply
            connection=connection,
        )
        html = render_to_string(f"campaigns/mail/{kind.code}.html", context)
        message.attach_alternative(html, "text/html")
        return message

    def record(self, now):
        """The mail left: fill its field (and the 7-day one with the 1-day reminder)."""
        fiche = self.fiche
        values = {self.kind.field: now}
        if self.kind is DAY_REMINDER:
            values["week_reminder_sent_at"] = Coalesce(
                "week_reminder_sent_at", Value(now, output_field=DateTimeField())
            )
        rows = Fiche.objects.filter(pk=fiche.pk)
        if self.kind in (SENT_BACK, VALIDATED):
            # Sent back, resubmitted and validated meanwhile: the new decision is still due.
            rows = rows.filter(state=fiche.state)
        rows.update(**values)

    def __str__(self):
        return f"« {self.kind.label} » de la fiche {self.fiche} (n° {self.fiche.pk})"


def send_due(fiches):
    """Send the mails due about `fiches` (a queryset of `Fiche`); never raises for a send
    that fails. Returns the counts (sent, failed, unaddressed)."""
    return send(due(fiches))


def pending_fiches():
    """The fiches that may have a mail due: those of the open campaigns, and those whose
    submission or decision has not been told, whatever their campaign."""
    return Fiche.objects.filter(
        Q(campaign__closed_on=None, campaign__opens_on__lte=timezone.localdate())
        | Q(state=FicheState.SUBMITTED, submission_sent_at=None)
        | Q(state__in=[FicheState.TO_REVISE, FicheState.VALIDATED], decision_sent_at=None)
    )


def due_kinds(fiche, today):
    """The kinds of mail due about `fiche` today (the rules of the module's docstring)."""
    kinds = []
    campaign = fiche.campaign
    if campaign.is_open:
        if fiche.opening_sent_at is None:
            kinds.append(OPENING)
        elif fiche.state in OPEN_STATES:
            days_left = (campaign.submission_deadline - today).days
            if 0 <= days_left <= 1 and fiche.day_reminder_sent_at is None:
                kinds.append(DAY_REMINDER)
            elif 2 <= days_left <= 7 and fiche.week_reminder_sent_at is None:
                kinds.append(WEEK_REMINDER)
    if fiche.state == FicheState.SUBMITTED and fiche.submission_sent_at is None:
        kinds.append(SUBMISSION)
    if fiche.decision_sent_at is None:
        if fiche.state == FicheState.TO_REVISE:
            kinds.append(SENT_BACK)
        elif fiche.state == FicheState.VALIDATED:
            kinds.append(VALIDATED)
    return kinds


def due(fiches):
    """The mails due about `fiches`, with their recipients and what they say, in a number
    of queries that does not grow with the fiches."""
    today = timezone.localdate()
    fiches = fiches.select_related("campaign", "pole").prefetch_related(
        Prefetch(
            "pole__coordinators",
            queryset=addressable(get_user_model().objects.order_by("pk")),
            to_attr="mail_recipients",
        )
    )
    wanted = [(fiche, kind) for fiche in fiches for kind in due_kinds(fiche, today)]
    lacking = missing_items([fiche for fiche, kind in wanted if kind is OPENING])
    cres = cres_recipients() if any(kind.to_cres for _, kind in wanted) else []
    mails = []
    for fiche, kind in wanted:
        recipients = cres if kind.to_cres else unique(u.email for u in fiche.pole.mail_recipients)
        context = context_of(fiche, kind, today)
        if kind is OPENING:
            context["missing"] = lacking.get(fiche.pk, [])
        mails.append(Mail(fiche, kind, recipients, context))
    return mails


def send(mails):
    """Send `mails` over one connection; a failed send is logged and left due."""
    unaddressed = [mail for mail in mails if not mail.recipients]
    for mail in unaddressed:
        logger.warning(
            "Courriel %s sans destinataire (%s) : il partira dès qu'une adresse sera renseignée.",
            mail,
            "aucun compte actif de la CRES avec une adresse, ni CAMPAIGN_CRES_EMAIL"
            if mail.kind.to_cres
            else "aucun coordinateur actif avec une adresse",
        )
    mails = [mail for mail in mails if mail.recipients]
    if not mails:
        return Outcome(0, 0, len(unaddressed))
    connection = get_connection()
    try:
        connection.open()
    except SEND_ERRORS:
        logger.exception("Le serveur d'envoi ne répond pas (%s).", settings.EMAIL_HOST)
        for mail in mails:
            logger.error("Courriel %s non envoyé : il repartira au prochain passage.", mail)
        return Outcome(0, len(mails), len(unaddressed))
    sent = failed = 0
    try:
        for mail in mails:
            try:
                mail.message(connection).send()
            except SEND_ERRORS:
                logger.exception("Courriel %s non envoyé : il repartira au prochain passage.", mail)
                failed += 1
                close(connection)  # the next send opens a new one
                continue
            mail.record(timezone.now())
            sent += 1
    finally:
        close(connection)
    return Outcome(sent, failed, len(unaddressed))


def close(connection):
    try:
        connection.close()
    except SEND_ERRORS:
        pass  # a connection already broken: the next send opens a new one


def addressable(users):
    return users.filter(is_active=True).exclude(email="")


def unique(addresses):
    """Each address once (whatever its case), in order, empty ones left out."""
    seen = {}
    for address in addresses:
        address = (address or "").strip()
        if address and address.lower() not in seen:
            seen[address.lower()] = address
    return list(seen.values())


def cres_recipients():
    users = addressable(get_user_model().objects.filter(groups__name=CRES)).order_by("pk")
    return unique([*users.values_list("email", flat=True), settings.CAMPAIGN_CRES_EMAIL])


def missing_items(fiches):
    """{fiche id: labels of what the CRES's checklist expects at its pole's stage and the
    pole lacks}: one query for the checklist, one per campaign year for the checks."""
    if not fiches:
        return {}
    expected = {}
    stages = {fiche.pole.status for fiche in fiches}
    for stage, code in ChecklistItem.objects.filter(stage__in=stages).values_list("stage", "item"):
        expected.setdefault(stage, []).append(code)
    by_year = {}
    for fiche in fiches:
        by_year.setdefault(fiche.campaign.year, []).append(fiche)
    lacking = {}
    for year, group in by_year.items():
        codes = sorted({code for fiche in group for code in expected.get(fiche.pole.status, [])})
        if not codes:
            continue
        poles = Pole.objects.filter(pk__in=[fiche.pole_id for fiche in group]).only("pk")
        annotated = {pole.pk: pole for pole in checks.annotate_checks(poles, year, codes)}
        for fiche in group:
            stage_codes = expected.get(fiche.pole.status, [])
            lacking[fiche.pk] = [
                check.label for check in checks.missing(annotated[fiche.pole_id], stage_codes)
            ]
    return lacking


def context_of(fiche, kind, today):
    campaign = fiche.campaign
    days_left = (campaign.submission_deadline - today).days
    context = {
        "campaign": campaign,
        "year": str(campaign.year),  # « 2026 », not the localized « 2 026 »
        "deadline": long_date(campaign.submission_deadline),
        "days_left": days_left,
        "by": "aujourd'hui" if days_left <= 0 else "demain" if days_left == 1 else "",
        "review_deadline": long_date(campaign.review_deadline),
        "site_url": settings.SITE_URL,
    }
    if kind is SUBMISSION:
        context["link"] = fiche_admin_url(fiche)
        submitted = fiche.submitted_at
        context["submitted_on"] = long_date(timezone.localdate(submitted) if submitted else today)
    elif kind is VALIDATED:
        context["link"] = yearly_fiche_url(fiche)
    else:
        context["link"] = pole_admin_url(fiche.pole)
    return context


def long_date(day):
    """« 7 octobre 2026 », « 1er octobre 2026 »."""
    return format_fuzzy_date(day, DatePrecision.DAY)


def pole_admin_url(pole):
    return settings.SITE_URL + reverse("admin:poles_pole_change", args=[pole.pk])


def fiche_admin_url(fiche):
    try:
        path = reverse("admin:campaigns_fiche_change", args=[fiche.pk])
    except NoReverseMatch:  # the fiche's admin page is not registered yet
        path = reverse("admin:index")
    return settings.SITE_URL + path


def yearly_fiche_url(fiche):
    slug, period = fiche.pole.slug, str(fiche.campaign.year)
    try:
        path = reverse("poles:yearly_fiche", args=[slug, period])
    except NoReverseMatch:  # the public page of the yearly fiches is not there yet
        path = f"/poles/{slug}/fiches/{period}/"
    return settings.SITE_URL + path
