from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import number_format

from core.history import track
from core.slugs import SlugFromNameMixin, slug_url
from core.versioning import Versioned


class Region(Versioned):
    name = models.CharField("nom", max_length=100, unique=True)
    code = models.CharField("code INSEE", max_length=3, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=100, unique=True)
    is_demo = models.BooleanField(
        "donnée de démonstration",
        default=False,
        editable=False,
        help_text="Créée par « manage.py generate_demo_data », supprimée par son option --delete.",
    )

    class Meta:
        verbose_name = "région"
        verbose_name_plural = "régions"
        ordering = ["name"]
        indexes = [
            # Only the demo rows (none in production): what generate_demo_data --delete and the
            # admin's « donnée de démonstration » filter look for.
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="region_is_demo"),
        ]

    def __str__(self):
        return self.name


class Department(Versioned):
    name = models.CharField("nom", max_length=100, unique=True)
    code = models.CharField("numéro", max_length=3, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=100, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name="région"
    )
    is_demo = models.BooleanField(
        "donnée de démonstration",
        default=False,
        editable=False,
        help_text="Créée par « manage.py generate_demo_data », supprimée par son option --delete.",
    )

    class Meta:
        verbose_name = "département"
        verbose_name_plural = "départements"
        ordering = ["code"]
        indexes = [
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="department_is_demo"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Territory(SlugFromNameMixin, Versioned):
    class Kind(models.TextChoices):
        PAYS = "pays", "Pays"
        METROPOLE = "metropole", "métropole ou agglomération"
        DEPARTMENT = "department", "département"
        REGION = "region", "région"

    name = models.CharField("nom", max_length=150, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=150, unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.PAYS)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="territories", verbose_name="région"
    )
    departments = models.ManyToManyField(
        Department,
        related_name="territories",
        blank=True,
        verbose_name="départements",
        help_text="Un Pays peut s'étendre sur plusieurs départements.",
    )
    is_demo = models.BooleanField(
        "donnée de démonstration",
        default=False,
        editable=False,
        help_text="Créée par « manage.py generate_demo_data », supprimée par son option --delete.",
    )
    outline_source = models.TextField(
        "source de la composition",
        blank=True,
        help_text="D'où vient la liste des intercommunalités et des communes du territoire "
        "(document, site, date), montrée sous la carte.",
    )

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="territory_is_demo"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("territories:detail", self.slug)


class TerritoryPart(Versioned):
    """A piece of a territory's outline on the map (territories/geo/): an intercommunalité
    by its SIREN, a whole département, or a commune added to or taken from them, where the
    territory does not follow an EPCI's border."""

    class Kind(models.TextChoices):
        EPCI = "epci", "intercommunalité (EPCI)"
        DEPARTMENT = "department", "département entier"
        COMMUNE_ADDED = "commune_added", "commune ajoutée"
        COMMUNE_REMOVED = "commune_removed", "commune retirée"

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="parts", verbose_name="territoire"
    )
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    code = models.CharField(
        "code",
        max_length=9,
        help_text="SIREN de l'intercommunalité (9 chiffres), code INSEE de la commune "
        "(5 caractères) ou numéro du département.",
    )

    class Meta:
        verbose_name = "composition du territoire"
        verbose_name_plural = "compositions des territoires"
        ordering = ["territory__name", "kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "kind", "code"],
                name="territory_part_unique",
                violation_error_message="Ce territoire compte déjà cette pièce.",
            ),
        ]

    def __str__(self):
        return f"{self.territory} — {self.get_kind_display()} {self.code}"

    @property
    def name(self):
        """The piece's name in the map's data, or None for a code it does not know."""
        from territories.geo.outlines import part_name

        return part_name(self.kind, self.code)

    def clean(self):
        from django.core.exceptions import ValidationError

        from territories.geo.outlines import unknown_part

        problem = unknown_part(self.kind, self.code)
        if problem:
            raise ValidationError({"code": problem})


def share(part, whole):
    """Percentage of `part` in `whole`, to one decimal; None when it cannot be computed."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def rounding_tolerance(stated):
    """Half a unit of the last digit the source wrote: 82 → 0.5, 84.4 → 0.05."""
    exponent = stated.normalize().as_tuple().exponent
    return Decimal("0.5") * Decimal(10) ** min(exponent, 0)


class KeyFiguresQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by(F("year").desc(nulls_last=True), "-pk")


class KeyFigures(Versioned):
    """The ESS key figures of a territory for one year and one source."""

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="key_figures", verbose_name="territoire"
    )
    year = models.PositiveSmallIntegerField(
        "année des données",
        null=True,
        blank=True,
        help_text="Laisser vide si la source ne la dit pas.",
    )
    source = models.CharField("source", max_length=300)
    establishments = models.PositiveIntegerField(
        "établissements employeurs de l'ESS", null=True, blank=True
    )
    salaried_jobs = models.PositiveIntegerField("emplois salariés", null=True, blank=True)
    salaried_jobs_share = models.DecimalField(
        "part des effectifs salariés du territoire (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Telle que la source l'indique (le total du territoire n'est pas saisi).",
    )
    associations = models.PositiveIntegerField("associations", null=True, blank=True)
    associations_share_stated = models.DecimalField(
        "part des associations indiquée par la source (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Laisser vide pour la calculer à partir des nombres d'établissements.",
    )
    cooperatives = models.PositiveIntegerField("coopératives", null=True, blank=True)
    cooperatives_share_stated = models.DecimalField(
        "part des coopératives indiquée par la source (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Laisser vide pour la calculer à partir des nombres d'établissements.",
    )
    # A change of the figures is a change of the fiches of the territory's poles
    # (campaigns/freshness.py).
    updated_at = models.DateTimeField(
        "dernière mise à jour",
        null=True,
        blank=True,
        editable=False,
        help_text="Vide pour des chiffres repris tels quels des documents sources.",
    )

    objects = KeyFiguresQuerySet.as_manager()

    class Meta:
        verbose_name = "chiffres clés"
        verbose_name_plural = "chiffres clés"
        ordering = ["territory__name", F("year").desc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "source"],
                condition=Q(year__isnull=False),
                name="key_figures_unique_territory_year_source",
                violation_error_message="Ce territoire a déjà des chiffres clés pour cette année et cette source.",
            ),
            models.UniqueConstraint(
                fields=["territory", "source"],
                condition=Q(year__isnull=True),
                name="key_figures_unique_territory_source_without_year",
                violation_error_message="Ce territoire a déjà des chiffres clés sans année pour cette source.",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                name="key_figures_year_plausible",
                violation_error_message="L'année doit être comprise entre 1900 et 2100.",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__gte": 0, f"{field}__lte": 100}),
                    name=f"key_figures_{field}_percentage",
                    violation_error_message="Une part s'exprime entre 0 et 100 %%.",
                )
                for field in (
                    "salaried_jobs_share",
                    "associations_share_stated",
                    "cooperatives_share_stated",
                )
            ],
            models.CheckConstraint(
                condition=Q(associations__isnull=True)
                | Q(cooperatives__isnull=True)
                | Q(establishments__isnull=True)
                | Q(establishments__gte=F("associations") + F("cooperatives")),
                name="key_figures_families_within_establishments",
                violation_error_message=(
                    "Associations et coopératives ne peuvent pas dépasser ensemble "
                    "le nombre d'établissements employeurs de l'ESS."
                ),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(establishments__isnull=True)
                    | Q(establishments__gte=F(field)),
                    name=f"key_figures_{field}_within_establishments",
                    violation_error_message=(
                        "Une famille ne peut pas compter plus d'établissements que l'ESS entière."
                    ),
                )
                for field in ("associations", "cooperatives")
            ],
        ]

    def __str__(self):
        year = self.year or "année non communiquée"
        return f"{self.territory} — {year}"

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def associations_share_computed(self):
        return share(self.associations, self.establishments)

    @property
    def cooperatives_share_computed(self):
        return share(self.cooperatives, self.establishments)

    @property
    def associations_share(self):
        """The share the source states, else the one the counts give."""
        if self.associations_share_stated is not None:
            return self.associations_share_stated
        return self.associations_share_computed

    @property
    def cooperatives_share(self):
        if self.cooperatives_share_stated is not None:
            return self.cooperatives_share_stated
        return self.cooperatives_share_computed

    def share_disagreements(self):
        """French warnings for each stated share the counts contradict beyond rounding."""
        warnings = []
        for label, stated, computed in (
            ("associations", self.associations_share_stated, self.associations_share_computed),
            ("coopératives", self.cooperatives_share_stated, self.cooperatives_share_computed),
        ):
            if stated is None or computed is None:
                continue
            # A share just assigned (not read back from the database) may be an int or a str.
            stated = Decimal(str(stated))
            part = self.associations if label == "associations" else self.cooperatives
            exact = Decimal(part) * 100 / Decimal(self.establishments)
            if abs(exact - stated) > rounding_tolerance(stated):
                warnings.append(
                    f"La part des {label} indiquée ({_percent(stated)}) ne correspond pas "
                    f"aux nombres saisis ({number_format(part, force_grouping=True)} sur "
                    f"{number_format(self.establishments, force_grouping=True)} établissements, "
                    f"soit {_percent(computed)})."
                )
        return warnings


def _percent(value):
    return f"{number_format(value, decimal_pos=1 if value != value.to_integral() else 0)} %"


for _model in (Region, Department, Territory):
    track(_model)
# Their date changes on every save: a diff would always show it.
track(KeyFigures, excluded_fields=["updated_at"])
track(TerritoryPart)
