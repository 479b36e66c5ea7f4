from django.db import models
from django.db.models import F, Q

from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.slugs import SlugFromNameMixin, slug_url
from core.versioning import Versioned
from core.web_addresses import WebAddressField
from poles.enums import ActorKind, MembershipRole

ESS_KINDS = {
    ActorKind.ASSOCIATION,
    ActorKind.COOPERATIVE,
    ActorKind.SCOP,
    ActorKind.SCIC,
    ActorKind.MUTUAL,
    ActorKind.FOUNDATION,
    ActorKind.SOCIAL_ENTERPRISE,
    ActorKind.COLLECTIVE,
}


class Actor(FuzzyDatesMixin, SlugFromNameMixin, Versioned):
    """An ESS organisation or a partner (local authority, bank, school, network …)."""

    fuzzy_dates = ("founded_on",)

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=200, unique=True)
    acronym = models.CharField("sigle", max_length=50, blank=True)
    kind = models.CharField("nature", max_length=20, choices=ActorKind.choices)
    description = models.TextField("présentation", blank=True)
    website = WebAddressField("site internet", blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actors",
        verbose_name="territoire",
    )
    founded_on, founded_on_precision = fuzzy_date_fields("date de création")
    is_demo = models.BooleanField(
        "donnée de démonstration",
        default=False,
        editable=False,
        help_text="Créée par « manage.py generate_demo_data », supprimée par son option --delete.",
    )

    class Meta:
        verbose_name = "acteur"
        verbose_name_plural = "acteurs"
        ordering = ["name"]
        indexes = [
            # /acteurs/?kind=… in name order: the first page is read in order, no sort.
            # (/acteurs/?q=… has trigram indexes on PostgreSQL: migration 0010.)
            models.Index(fields=["kind", "name"], name="actor_kind_name"),
            # Only the demo rows (none in production): generate_demo_data --delete, admin filter.
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="actor_is_demo"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("actors:detail", self.slug)

    @property
    def is_ess(self):
        return self.kind in ESS_KINDS


class Membership(FuzzyDatesMixin, Versioned):
    """An actor's part in a pole: founder, governance body member, member or partner."""

    fuzzy_dates = ("started_on", "ended_on")

    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="memberships", verbose_name="pôle"
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="memberships", verbose_name="acteur"
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
