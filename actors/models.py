"""ESS organisations and partners: the actors poles are made of."""

from django.db import models
from django.db.models import Q

from actors.enums import ActorKind
from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.history import track
from core.slugs import SlugFromNameMixin, slug_url
from core.versioning import Versioned
from core.web_addresses import WebAddressField

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
        db_table = "poles_actor"  # the table the model had in poles (issue 14: no data moved)
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


track(Actor, table_name="poles_historicalactor")
