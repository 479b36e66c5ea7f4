from django.db import models
from django.db.models import F, Q

from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.versioning import Versioned
from poles.enums import MembershipRole


class Membership(FuzzyDatesMixin, Versioned):
    """An actor's part in a pole: founder, governance body member, member or partner."""

    fuzzy_dates = ("started_on", "ended_on")

    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="memberships", verbose_name="pôle"
    )
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.PROTECT, related_name="memberships", verbose_name="acteur"
    )
    role = models.CharField("rôle", max_length=20, choices=MembershipRole.choices)
    started_on, started_on_precision = fuzzy_date_fields("depuis")
    ended_on, ended_on_precision = fuzzy_date_fields("jusqu'à")
    note = models.CharField("précision", max_length=300, blank=True)

    class Meta:
        verbose_name = "participation d'un acteur"
        verbose_name_plural = "participations des acteurs"
        ordering = ["pole", "role", "actor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pole", "actor", "role"],
                name="membership_unique_pole_actor_role",
                violation_error_message="Cet acteur a déjà ce rôle dans ce pôle.",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="membership_ends_after_start",
                violation_error_message="La fin d'une participation ne peut précéder son début.",
            ),
        ]

    def __str__(self):
        return f"{self.actor} — {self.get_role_display()} de {self.pole}"
