"""The CRES's yearly campaign: every pole covered updates its fiche, the CRES reviews it, the
network publishes it (campaigns/workflow.py moves a fiche from one state to the next).

- `Campaign`: a year, its opening, submission and review dates, and its closing.
- `ChecklistItem`: what a fiche should hold at each stage of a pole, kept by the CRES; each
  item names a check read from the data (campaigns/checks.py).
- `Fiche`: a pole's fiche of the year in a campaign, its state, the CRES's comment back, and
  when each e-mail about it left (campaigns/mail.py).
- `FicheEvent`: the dated log of a fiche's transitions, who and with which comment.
- `YearlyFiche`: the published copy of a pole's public fiche as it stood when validated, kept
  read-only (the seed's « fiche 2009–2010 » too).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from campaigns import checks
from campaigns.enums import OPEN_STATES, FicheState
from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.history import track
from core.versioning import Versioned
from poles.enums import PoleStatus


class Campaign(Versioned):
    year = models.PositiveSmallIntegerField(
        "année",
        unique=True,
        error_messages={"unique": "Une campagne existe déjà pour cette année."},
    )
    opens_on = models.DateField("ouverture")
    submission_deadline = models.DateField(
        "date limite de soumission", help_text="Les coordinateurs soumettent leur fiche avant."
    )
    review_deadline = models.DateField(
        "date limite de validation", help_text="La CRES valide les fiches soumises avant."
    )
    message = models.TextField(
        "message aux coordinateurs",
        blank=True,
        help_text="Ajouté au courriel d'ouverture de la campagne.",
    )
    closed_on = models.DateField("clôturée le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "campagne annuelle"
        verbose_name_plural = "campagnes annuelles"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="campaign_year_plausible",
                violation_error_message="L'année d'une campagne va de 2000 à 2100.",
            ),
            models.CheckConstraint(
                condition=Q(submission_deadline__gt=F("opens_on")),
                name="campaign_submission_after_opening",
                violation_error_message=(
                    "La date limite de soumission doit suivre la date d'ouverture."
                ),
            ),
            models.CheckConstraint(
                condition=Q(review_deadline__gte=F("submission_deadline")),
                name="campaign_review_after_submission",
                violation_error_message=(
                    "La date limite de validation ne peut précéder la date limite de soumission."
                ),
            ),
        ]

    def __str__(self):
        return f"Campagne {self.year}"

    @property
    def is_open(self):
        """Opened and not closed: coordinators submit, the CRES reviews."""
        return self.closed_on is None and self.opens_on <= timezone.localdate()

    @property
    def state_label(self):
        if self.closed_on:
            return "clôturée"
        return "ouverte" if self.is_open else "à venir"


class ChecklistItem(Versioned):
    stage = models.CharField("statut du pôle", max_length=20, choices=PoleStatus.choices)
    item = models.CharField("élément attendu", max_length=30, choices=checks.CHOICES)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "élément attendu d'une fiche"
        verbose_name_plural = "éléments attendus des fiches (par statut)"
        ordering = ["stage", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "item"],
                name="checklist_item_unique",
                violation_error_message="Cet élément est déjà attendu à ce statut.",
            )
        ]

    def __str__(self):
        return f"{self.get_stage_display()} : {self.get_item_display()}"


class Fiche(Versioned):
    """A pole's fiche of the year: its state in the campaign and the e-mails sent about it."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="fiches", verbose_name="campagne"
    )
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="fiches", verbose_name="pôle"
    )
    state = models.CharField(
        "état", max_length=20, choices=FicheState.choices, default=FicheState.TODO
    )
    comment = models.TextField(
        "commentaire de la CRES",
        blank=True,
        help_text="Ce que la CRES demande de revoir : le coordinateur le lit, pas le public.",
    )
    submitted_at = models.DateTimeField("soumise le", null=True, blank=True)
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    # When each e-mail about the fiche left (campaigns/mail.py): None while it is due, so that
    # `send_campaign_reminders` sends it, and sends it once.
    opening_sent_at = models.DateTimeField(
        "courriel d'ouverture envoyé le", null=True, blank=True, editable=False
    )
    week_reminder_sent_at = models.DateTimeField(
        "rappel à 7 jours envoyé le", null=True, blank=True, editable=False
    )
    day_reminder_sent_at = models.DateTimeField(
        "rappel à 1 jour envoyé le", null=True, blank=True, editable=False
    )
    submission_sent_at = models.DateTimeField(
        "avis de soumission envoyé le", null=True, blank=True, editable=False
    )
    decision_sent_at = models.DateTimeField(
        "avis de décision envoyé le", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "fiche de l'année"
        verbose_name_plural = "fiches de l'année"
        ordering = ["-campaign__year", "pole__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "pole"],
                name="fiche_one_per_pole_and_campaign",
                violation_error_message="Ce pôle a déjà sa fiche dans cette campagne.",
            )
        ]
        indexes = [models.Index(fields=["campaign", "state"], name="fiche_campaign_state")]

    def __str__(self):
        return f"{self.pole} — fiche {self.campaign.year}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES


class FicheEvent(models.Model):
    """One transition of a fiche: from which state to which, who, when, and why."""

    fiche = models.ForeignKey(
        Fiche, on_delete=models.CASCADE, related_name="events", verbose_name="fiche"
    )
    from_state = models.CharField("de l'état", max_length=20, choices=FicheState.choices)
    to_state = models.CharField("à l'état", max_length=20, choices=FicheState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )
    at = models.DateTimeField("le", default=timezone.now)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "étape d'une fiche"
        verbose_name_plural = "journal des fiches"
        ordering = ["fiche", "at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class YearlyFiche(FuzzyDatesMixin, models.Model):
    """The pole's public fiche as it stood when validated: its HTML, read-only, kept forever
    (campaigns/freeze.py writes it; /poles/<slug>/fiches/<period>/ shows it)."""

    fuzzy_dates = ("dated_on",)

    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="yearly_fiches", verbose_name="pôle"
    )
    fiche = models.OneToOneField(
        Fiche,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published",
        verbose_name="fiche de la campagne",
    )
    # In the address: « 2026 », or « 2009-2010 » for the seed's documents.
    period = models.SlugField("période (dans l'adresse)", max_length=20)
    label = models.CharField("période", max_length=20)
    dated_on, dated_on_precision = fuzzy_date_fields("date")
    date_note = models.CharField("précision sur la date", max_length=300, blank=True)
    html = models.TextField("fiche figée (HTML)", blank=True, editable=False)
    frozen_at = models.DateTimeField("figée le", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "fiche annuelle publiée"
        verbose_name_plural = "fiches annuelles publiées"
        ordering = ["pole", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["pole", "period"],
                name="yearly_fiche_one_per_period",
                violation_error_message="Ce pôle a déjà une fiche publiée pour cette période.",
            )
        ]

    def __str__(self):
        return f"{self.pole} — fiche {self.label}"


# Who changed a campaign, the checklist or a fiche, and when (the « Historique » pages); a
# fiche's moves are also in its own log (`FicheEvent`).
for _model in (Campaign, ChecklistItem, Fiche):
    track(_model)
