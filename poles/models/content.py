"""What a pole's page tells: objectives, actions, difficulties, strengths, documents, contacts."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify

from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.versioning import Versioned
from core.web_addresses import WebAddressField
from poles.enums import ActionState, DocumentKind, StrengthKind
from poles.uploads import MAX_BYTES, ORIGINAL_NAME_LENGTH, check_upload, shortened

HttpsURLField = WebAddressField  # the name the first migrations give it


class Ordered(Versioned):
    order = models.PositiveSmallIntegerField(
        "ordre",
        default=0,
        blank=True,
        help_text="Laisser vide : placé après les précédents, dans l'ordre de la page.",
    )

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Objective(Ordered):
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="objectives", verbose_name="pôle"
    )
    study = models.ForeignKey(
        "poles.Study",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name="étude de préfiguration",
        help_text="Si c'est un objectif de l'étude plutôt que du pôle.",
    )
    title = models.CharField("objectif", max_length=500)
    details = models.TextField("détail", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.study_id and self.pole_id and self.study.pole_id != self.pole_id:
            raise ValidationError({"study": "Cette étude concerne un autre pôle."})


class Action(FuzzyDatesMixin, Ordered):
    fuzzy_dates = ("date",)

    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="actions", verbose_name="pôle"
    )
    state = models.CharField("état", max_length=10, choices=ActionState.choices)
    title = models.CharField("action", max_length=500)
    details = models.TextField("détail", blank=True)
    date, date_precision = fuzzy_date_fields("date")

    class Meta(Ordered.Meta):
        verbose_name = "action"
        verbose_name_plural = "actions"

    def __str__(self):
        return self.title


class Difficulty(Ordered):
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="difficulties", verbose_name="pôle"
    )
    text = models.TextField("difficulté rencontrée")

    class Meta(Ordered.Meta):
        verbose_name = "difficulté"
        verbose_name_plural = "difficultés"

    def __str__(self):
        return self.text[:80]


class Strength(Ordered):
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="strengths", verbose_name="pôle"
    )
    kind = models.CharField("nature", max_length=10, choices=StrengthKind.choices)
    text = models.TextField("texte")

    class Meta(Ordered.Meta):
        verbose_name = "point fort ou pratique intéressante"
        verbose_name_plural = "points forts et pratiques intéressantes"

    def __str__(self):
        return self.text[:80]


def document_path(instance, filename):
    """Stored under a generated name: the uploader's name never reaches the file system (it
    is kept in `original_name`)."""
    extension = PurePath(filename).suffix.lower()
    return f"documents/{uuid.uuid4().hex}{extension}"


def validate_document(file):
    """A new upload must be an accepted document, its content what its extension says
    (poles/uploads.py); the one check, so that each refusal is said once."""
    if not getattr(file, "_committed", True):
        check_upload(file)


def validate_document_size(file):
    """Named by migrations 0001 to 0005; validate_document checks the size now."""
    if file.size > MAX_BYTES:
        raise ValidationError("Un document ne peut pas dépasser 20 Mo.")


class DocumentFileField(models.FileField):
    """The storage name (generated, short) fits the default 100 characters; the form accepts
    the uploaded file's name up to ORIGINAL_NAME_LENGTH, as Django's uploads keep it."""

    def formfield(self, **kwargs):
        return super().formfield(**{"max_length": ORIGINAL_NAME_LENGTH, **kwargs})


class Document(FuzzyDatesMixin, Versioned):
    """A document attached to a pole (or its study) or to a funding programme.

    The file itself is optional: the seeds name documents whose files we do not have."""

    fuzzy_dates = ("date",)

    pole = models.ForeignKey(
        "poles.Pole",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="pôle",
    )
    study = models.ForeignKey(
        "poles.Study",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="étude de préfiguration",
    )
    programme = models.ForeignKey(
        "funding.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="programme de financement",
    )
    title = models.CharField("titre", max_length=300)
    kind = models.CharField(
        "nature",
        max_length=20,
        choices=DocumentKind.choices,
        default=DocumentKind.OTHER,
        help_text="Les statuts, la convention et le plan d'action comptent dans la fiche annuelle.",
    )
    description = models.TextField("description", blank=True)
    author = models.CharField("auteur", max_length=200, blank=True)
    date, date_precision = fuzzy_date_fields("date")
    licence = models.CharField("licence", max_length=200, blank=True)
    file = DocumentFileField(
        "fichier", upload_to=document_path, blank=True, validators=[validate_document]
    )
    original_name = models.CharField(
        "nom du fichier",
        max_length=ORIGINAL_NAME_LENGTH,
        blank=True,
        editable=False,
        help_text="Le nom du fichier envoyé, donné au téléchargement.",
    )
    url = WebAddressField("adresse en ligne", blank=True)

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = [F("date").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pole__isnull=False) & Q(programme__isnull=True))
                | (Q(pole__isnull=True) & Q(programme__isnull=False) & Q(study__isnull=True)),
                name="document_attached_to_pole_or_programme",
                violation_error_message=(
                    "Un document se rattache soit à un pôle (et éventuellement à son étude), "
                    "soit à un programme de financement."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.study_id and self.pole_id and self.study.pole_id != self.pole_id:
            raise ValidationError({"study": "Cette étude concerne un autre pôle."})

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:  # a new upload, saved under a new name
            self.original_name = shortened(self.file.name)
        elif not self.file:
            self.original_name = ""
        super().save(*args, **kwargs)

    @property
    def file_name(self):
        """The name a download is given: the uploaded file's, or one made of the title for
        files uploaded before the portal kept it."""
        if self.original_name:
            return self.original_name
        extension = PurePath(self.file.name).suffix.lower()
        return f"{slugify(self.title)[:80] or 'document'}{extension}"


class Contact(Versioned):
    """A person to contact about a pole, a programme or the network as a whole."""

    pole = models.ForeignKey(
        "poles.Pole",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="pôle",
    )
    programme = models.ForeignKey(
        "funding.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="programme de financement",
    )
    full_name = models.CharField("nom", max_length=200)
    job_title = models.CharField("fonction", max_length=300, blank=True)
    organisation = models.CharField("organisme", max_length=300, blank=True)
    service = models.CharField("service", max_length=300, blank=True)
    address = models.TextField("adresse postale", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    website = WebAddressField("site internet", blank=True)
    note = models.TextField("précision", blank=True)

    class Meta:
        verbose_name = "contact"
        verbose_name_plural = "contacts"
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pole__isnull=True) | Q(programme__isnull=True),
                name="contact_pole_or_programme",
                violation_error_message="Un contact se rattache à un pôle ou à un programme, "
                "pas aux deux.",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.organisation})" if self.organisation else self.full_name
