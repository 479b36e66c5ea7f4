from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.fuzzy_dates import FuzzyDatesMixin, fuzzy_date_fields
from core.slugs import SlugFromNameMixin, slug_url
from core.versioning import Versioned
from core.web_addresses import WebAddressField
from poles.enums import NetworkMembershipStatus, PoleStatus


class Function(Versioned):
    """What a pole does: "Centre ressource", "Réflexion-Action" …"""

    name = models.CharField("intitulé", max_length=200, unique=True)

    class Meta:
        verbose_name = "fonction"
        verbose_name_plural = "fonctions"
        ordering = ["name"]

    def __str__(self):
        return self.name


def score_constraint(field):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"pole_{field}_1_to_5",
        violation_error_message="Une note va de 1 à 5.",
    )


def non_negative(field, message):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"pole_{field}_non_negative",
        violation_error_message=message,
    )


class Pole(FuzzyDatesMixin, SlugFromNameMixin, Versioned):
    """A pôle de développement de l'ESS, from informal collective to operating pole."""

    fuzzy_dates = ("created_on",)

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=200, unique=True)
    full_name = models.CharField(
        "nom développé", max_length=300, blank=True, help_text="Quand le nom est un sigle."
    )
    # A pole the documents list by its territory only (« Pays de Dinan ») gets a name that
    # describes it; the public pages say so, so that no reader takes it for the pole's own.
    name_is_descriptive = models.BooleanField(
        "nom descriptif",
        default=False,
        help_text=(
            "Cochez si le pôle n'a pas de nom connu et que celui-ci le décrit : les pages "
            "publiques le disent."
        ),
    )
    status = models.CharField(
        "statut", max_length=20, choices=PoleStatus.choices, default=PoleStatus.INFORMAL
    )
    territories = models.ManyToManyField(
        "territories.Territory", related_name="poles", verbose_name="territoires d'action"
    )
    figures_territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="territoire des chiffres clés",
        help_text="Si les chiffres clés présentés sont ceux d'un autre territoire "
        "(la région, par exemple). Sinon, ceux du premier territoire d'action.",
    )
    created_on, created_on_precision = fuzzy_date_fields("date de création")
    created_on_note = models.CharField(
        "précision sur la création",
        max_length=200,
        blank=True,
        help_text=(
            "Ce que la date désigne quand ce n'est pas la création du pôle lui-même, par "
            "exemple « création de l'association porteuse ; le pôle est en préfiguration »."
        ),
    )
    carrying_structure = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_poles",
        verbose_name="structure porteuse",
    )
    purpose = models.TextField("finalité", blank=True)
    history = models.TextField("historique", blank=True)
    motivations = models.TextField("motivations de départ", blank=True)
    actors_count = models.PositiveIntegerField("nombre d'acteurs impliqués", null=True, blank=True)
    actors_count_is_approximate = models.BooleanField(
        "nombre d'acteurs approximatif", default=False, help_text="« une centaine d'acteurs »"
    )
    governance_actors_count = models.PositiveIntegerField(
        "acteurs dans l'instance de gouvernance", null=True, blank=True
    )
    governance_body = models.CharField("instance de gouvernance", max_length=200, blank=True)
    member_structures_count = models.PositiveIntegerField(
        "structures adhérentes", null=True, blank=True
    )
    individual_members_count = models.PositiveIntegerField(
        "adhésions individuelles", null=True, blank=True
    )
    staff_count = models.PositiveIntegerField("salariés", null=True, blank=True)
    staff_fte = models.DecimalField(
        "salariés en équivalent temps plein", max_digits=5, decimal_places=2, null=True, blank=True
    )
    facilitators_count = models.PositiveIntegerField(
        "animateurs au sein d'associations référentes", null=True, blank=True
    )
    facilitators_fte = models.DecimalField(
        "animateurs en équivalent temps plein",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    facilitators_note = models.CharField("précision sur les animateurs", max_length=300, blank=True)
    budget = models.DecimalField(
        "budget annuel (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    subsidy_share = models.DecimalField(
        "part des subventions dans le budget (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    functions = models.ManyToManyField(
        Function, related_name="poles", blank=True, verbose_name="fonctions"
    )
    size_score = models.PositiveSmallIntegerField(
        "taille du pôle (note CRES, 1 à 5)", null=True, blank=True
    )
    structuration_score = models.PositiveSmallIntegerField(
        "niveau de structuration (note CRES, 1 à 5)", null=True, blank=True
    )
    website = WebAddressField("site internet", blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinated_poles",
        blank=True,
        verbose_name="comptes des coordinateurs",
        help_text=(
            "Comptes du groupe « Coordinateur de pôle » qui tiennent à jour les objectifs, "
            "actions, difficultés, atouts, documents, contacts et membres de ce pôle."
        ),
    )
    updated_at = models.DateTimeField(
        "dernière mise à jour",
        null=True,
        blank=True,
        editable=False,
        help_text="Vide pour une fiche reprise telle quelle des documents sources.",
    )
    is_demo = models.BooleanField(
        "donnée de démonstration",
        default=False,
        editable=False,
        help_text="Créée par « manage.py generate_demo_data », supprimée par son option --delete.",
    )
    # The texts the search `q` of /poles/ looks into, unaccented and lowercased, kept up to
    # date by poles/search/document.py; PostgreSQL also keeps a `search_vector` column
    # computed from it, outside the model (migration 0011).
    search_text = models.TextField("texte de recherche", blank=True, default="", editable=False)

    class Meta:
        verbose_name = "pôle"
        verbose_name_plural = "pôles"
        ordering = ["name"]
        indexes = [
            # /poles/?status=… in the default order (name): read in order, no sort; and the
            # home page's count of poles by status.
            models.Index(fields=["status", "name"], name="pole_status_name"),
            # /poles/?tri=creation: « created_on ASC NULLS LAST, name » is this index's order on
            # PostgreSQL (`-creation` wants DESC NULLS LAST, which SQLite cannot index).
            models.Index(fields=["created_on", "name"], name="pole_created_on_name"),
            # Only the demo rows (none in production): generate_demo_data --delete, admin filter.
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="pole_is_demo"),
        ]
        constraints = [
            score_constraint("size_score"),
            score_constraint("structuration_score"),
            non_negative("budget", "Le budget ne peut pas être négatif."),
            non_negative("staff_fte", "Un équivalent temps plein ne peut pas être négatif."),
            non_negative("facilitators_fte", "Un équivalent temps plein ne peut pas être négatif."),
            models.CheckConstraint(
                condition=Q(subsidy_share__isnull=True)
                | Q(subsidy_share__gte=0, subsidy_share__lte=100),
                name="pole_subsidy_share_percentage",
                violation_error_message="La part des subventions s'exprime entre 0 et 100 %%.",
            ),
            models.CheckConstraint(
                condition=Q(governance_actors_count__isnull=True)
                | Q(actors_count__isnull=True)
                | Q(governance_actors_count__lte=F("actors_count")),
                name="pole_governance_within_actors",
                violation_error_message=(
                    "L'instance de gouvernance ne peut compter plus d'acteurs que le pôle."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("poles:detail", self.slug)

    def key_figures(self):
        """The latest key figures for the pole's page: those of its figures territory, else of
        its first territory that has some. Uses prefetched `key_figures` (latest first)."""
        territories = list(self.territories.all())
        if self.figures_territory_id:
            territories.insert(0, self.figures_territory)
        for territory in territories:
            figures = list(territory.key_figures.all())
            if figures:
                return figures[0]
        return None


class StatusChange(FuzzyDatesMixin, Versioned):
    """One dated step of a pole's lifecycle."""

    fuzzy_dates = ("changed_on",)

    pole = models.ForeignKey(
        Pole, on_delete=models.CASCADE, related_name="status_changes", verbose_name="pôle"
    )
    status = models.CharField("statut", max_length=20, choices=PoleStatus.choices)
    changed_on, changed_on_precision = fuzzy_date_fields("date")
    note = models.CharField("précision", max_length=300, blank=True)
    source = models.CharField("source", max_length=300, blank=True)

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "historique des statuts"
        ordering = ["pole", F("changed_on").asc(nulls_first=True), "pk"]

    def __str__(self):
        when = self.fuzzy("changed_on") or "date non communiquée"
        return f"{self.pole} : {self.get_status_display()} ({when})"


class PoleNetwork(Versioned):
    """A network the pole belongs to, or means to join."""

    pole = models.ForeignKey(
        Pole, on_delete=models.CASCADE, related_name="network_memberships", verbose_name="pôle"
    )
    network = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="pole_memberships",
        verbose_name="réseau",
    )
    status = models.CharField("adhésion", max_length=20, choices=NetworkMembershipStatus.choices)
    note = models.CharField("précision", max_length=300, blank=True)

    class Meta:
        verbose_name = "réseau du pôle"
        verbose_name_plural = "réseaux des pôles"
        ordering = ["pole", "network__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pole", "network"],
                name="pole_network_unique",
                violation_error_message="Ce réseau est déjà indiqué pour ce pôle.",
            )
        ]

    def __str__(self):
        return f"{self.pole} — {self.network} ({self.get_status_display()})"


# A pole's coordinator account, as a row of the account's « pôles coordonnés » (the admin shows
# each row's name): the pole, not « Pole_coordinators object (1) ».
Pole.coordinators.through.__str__ = lambda link: str(link.pole)
