from django.db import models
from django.db.models import F, Q

from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.versioning import Versioned
from poles.enums import StudyStatus


class Study(FuzzyDatesMixin, Versioned):
    """A prefiguration (feasibility) study for one pole."""

    fuzzy_dates = ("launched_on", "ended_on")

    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="studies", verbose_name="pôle"
    )
    title = models.CharField("intitulé", max_length=300)
    carrier = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_studies",
        verbose_name="structure porteuse",
    )
    status = models.CharField("état", max_length=20, choices=StudyStatus.choices)
    launched_on, launched_on_precision = fuzzy_date_fields("lancement")
    ended_on, ended_on_precision = fuzzy_date_fields("fin")
    methodology = models.TextField("méthodologie", blank=True)
    note = models.TextField("précisions", blank=True)

    class Meta:
        verbose_name = "étude de préfiguration"
        verbose_name_plural = "études de préfiguration"
        ordering = ["pole__name", "launched_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(launched_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("launched_on")),
                name="study_ends_after_launch",
                violation_error_message="Une étude ne peut pas finir avant d'être lancée.",
            )
        ]

    def __str__(self):
        return self.title
