"""A fiche's way through its campaign, and who may move it.

    à faire ──(the pole's page saved)──> en cours ──(submit)──> soumise ──(validate)──> validée
       └─────────────────(submit)───────────────────┘    └──(send back)──> à revoir ──(submit)──┘

Each move is logged (`FicheEvent`: from, to, who, when, comment) and makes the e-mail it
calls for due (campaigns/mail.py sends it once the move is committed, or the next
`send_campaign_reminders` does). Validation freezes the pole's public fiche (`YearlyFiche`).

Who: the CRES (and superusers) opens, closes, reviews and validates; a pole's coordinator
submits their poles' fiches (the CRES may too, for a pole without a coordinator); the
Region's officers only read.
"""

from django.db import transaction
from django.utils import timezone

from campaigns import freeze, mail
from campaigns.enums import OPEN_STATES, FicheState
from campaigns.models import Fiche, FicheEvent, YearlyFiche
from core.versioning import VERSION
from poles.enums import PoleStatus
from poles.models import Pole
from poles.roles import CRES


class TransitionError(Exception):
    """A move the fiche's state, its campaign or the user does not allow; the message is
    French, for the person who asked."""


def is_cres(user):
    return user.is_active and (
        user.is_superuser or any(group.name == CRES for group in user.groups.all())
    )


def coordinates(user, pole):
    return pole.coordinators.filter(pk=user.pk).exists()


def may_submit(user, pole):
    """The user's role lets them submit the pole's fiches (whatever their state)."""
    return is_cres(user) or coordinates(user, pole)


def may_review(user, pole=None):
    return is_cres(user)


def can_submit(user, fiche):
    return fiche.state in OPEN_STATES and may_submit(user, fiche.pole)


def can_review(user, fiche):
    return fiche.state == FicheState.SUBMITTED and may_review(user)


def default_poles():
    """The poles a new campaign covers unless the CRES chooses: every pole not stopped."""
    return Pole.objects.exclude(status=PoleStatus.STOPPED)


def cover(campaign, poles):
    """Give each pole of `poles` its fiche in `campaign` (those it has are kept)."""
    have = set(campaign.fiches.values_list("pole_id", flat=True))
    Fiche.objects.bulk_create(
        [Fiche(campaign=campaign, pole=pole) for pole in poles if pole.pk not in have]
    )


def close(campaign, user):
    if not is_cres(user):
        raise TransitionError("Seule la CRES clôture une campagne.")
    if campaign.closed_on:
        raise TransitionError(f"La campagne {campaign.year} est déjà clôturée.")
    campaign.closed_on = timezone.localdate()
    campaign.save()


def _move(fiche, to_state, user, note="", **fields):
    """Record the move (`note`: its comment in the log) and the fields it sets; the e-mails it
    makes due leave after commit. Only these fields are written: a mail's `…_sent_at`
    recorded meanwhile by `send_campaign_reminders` is kept."""
    event = FicheEvent.objects.create(
        fiche=fiche, from_state=fiche.state, to_state=to_state, by=user, comment=note
    )
    fiche.state = to_state
    for name, value in fields.items():
        setattr(fiche, name, value)
    fiche.save(update_fields=["state", VERSION, *fields])
    transaction.on_commit(lambda: mail.send_due(Fiche.objects.filter(pk=fiche.pk)))
    return event


def started(user, pole_id):
    """The pole's page was saved: its fiche « à faire » in an open campaign is « en cours »."""
    today = timezone.localdate()
    for fiche in Fiche.objects.filter(
        pole_id=pole_id,
        state=FicheState.TODO,
        campaign__closed_on=None,
        campaign__opens_on__lte=today,
    ).select_related("campaign"):
        _move(fiche, FicheState.IN_PROGRESS, user)


def _check_open(fiche):
    if not fiche.campaign.is_open:
        what = "clôturée" if fiche.campaign.closed_on else "pas encore ouverte"
        raise TransitionError(f"La campagne {fiche.campaign.year} est {what}.")


@transaction.atomic
def submit(fiche, user):
    _check_open(fiche)
    if fiche.state not in OPEN_STATES:
        raise TransitionError(
            f"La fiche est « {fiche.get_state_display()} » : elle ne peut être soumise."
        )
    if not may_submit(user, fiche.pole):
        raise TransitionError("Seuls les coordinateurs du pôle et la CRES soumettent sa fiche.")
    return _move(
        fiche,
        FicheState.SUBMITTED,
        user,
        submitted_at=timezone.now(),
        submission_sent_at=None,
    )


def _check_review(fiche, user):
    _check_open(fiche)
    if fiche.state != FicheState.SUBMITTED:
        raise TransitionError(
            f"La fiche est « {fiche.get_state_display()} » : seule une fiche soumise se relit."
        )
    if not is_cres(user):
        raise TransitionError("Seule la CRES relit et valide les fiches.")


@transaction.atomic
def send_back(fiche, user, comment):
    _check_review(fiche, user)
    comment = (comment or "").strip()
    if not comment:
        raise TransitionError("Dites au coordinateur ce qu'il faut revoir (commentaire).")
    return _move(fiche, FicheState.TO_REVISE, user, comment, comment=comment, decision_sent_at=None)


@transaction.atomic
def validate(fiche, user, comment=""):
    """Validate the fiche and freeze the pole's public fiche as it stands now."""
    _check_review(fiche, user)
    now = timezone.now()
    event = _move(
        fiche,
        FicheState.VALIDATED,
        user,
        (comment or "").strip(),
        validated_at=now,
        decision_sent_at=None,
    )
    YearlyFiche.objects.update_or_create(
        pole=fiche.pole,
        period=str(fiche.campaign.year),
        defaults={
            "fiche": fiche,
            "label": str(fiche.campaign.year),
            "dated_on": timezone.localdate(now),
            "date_note": "",
            "html": freeze.render(fiche.pole),
            "frozen_at": now,
        },
    )
    return event
