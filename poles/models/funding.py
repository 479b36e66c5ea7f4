"""Funders, their programmes (with rules) and funding lines."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.formats import euros
from core.slugs import SlugFromNameMixin
from core.versioning import Versioned
from core.web_addresses import WebAddressField
from poles.enums import FunderKind, FundingKind, FundingStatus


def operating_cap(per_post_year, posts, years):
    """The most operating aid a programme gives: its amount per post and year × posts ×
    years; None when one of them is not known (or is zero)."""
    if per_post_year is None or not posts or not years:
        return None
    return per_post_year * posts * years


def counted(number, word):
    """'1 poste', '2 postes', '3 ans'."""
    return f"{number} {word}{'s' if number > 1 else ''}"


def posts_range(low, high):
    """The number of posts a programme funds, in French: '1 ou 2', 'de 1 à 3', 'au plus 2' …"""
    if low is not None and high is not None:
        if low == high:
            return counted(low, "poste")
        if high == low + 1:
            return f"{low} ou {counted(high, 'poste')}"
        return f"de {low} à {counted(high, 'poste')}"
    if high is not None:
        return f"au plus {counted(high, 'poste')}"
    return f"au moins {counted(low, 'poste')}"


class Funder(SlugFromNameMixin, Versioned):
    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=200, unique=True)
    kind = models.CharField("nature", max_length=20, choices=FunderKind.choices)
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funders",
        verbose_name="région",
    )
    department = models.ForeignKey(
        "territories.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funders",
        verbose_name="département",
    )
    website = WebAddressField("site internet", blank=True)
    is_demo = models.BooleanField(
        "donnée de démonstration",
        default=False,
        editable=False,
        help_text="Créée par « manage.py generate_demo_data », supprimée par son option --delete.",
    )

    class Meta:
        verbose_name = "financeur"
        verbose_name_plural = "financeurs"
        ordering = ["name"]
        indexes = [
            # Only the demo rows (none in production): generate_demo_data --delete.
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="funder_is_demo"),
        ]

    def __str__(self):
        return self.name


def positive_or_null(field, message):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"programme_{field}_non_negative",
        violation_error_message=message,
    )


class Programme(SlugFromNameMixin, Versioned):
    """A funder's programme. Its rules are data, checked on every funding line under it."""

    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name="financeur"
    )
    name = models.CharField("intitulé", max_length=300, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=200, unique=True)
    action = models.TextField("l'action", blank=True)
    objectives = models.TextField("objectifs", blank=True)
    targets = models.TextField("cibles", blank=True)
    implementation = models.TextField("modalités de mise en œuvre", blank=True)
    resources = models.TextField("moyens affectés et partenaires financiers", blank=True)
    other_partners = models.TextField("autres partenaires", blank=True)
    evaluation = models.TextField("impacts et évaluation", blank=True)
    context = models.TextField("contexte de la démarche", blank=True)
    more_info = models.TextField("pour en savoir plus", blank=True)

    study_max_amount = models.DecimalField(
        "plafond d'une étude de préfiguration (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    operating_amount_per_post_year = models.DecimalField(
        "aide au fonctionnement par poste et par an (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    operating_max_years = models.PositiveSmallIntegerField(
        "durée maximale de l'aide au fonctionnement (années)", null=True, blank=True
    )
    operating_min_posts = models.PositiveSmallIntegerField(
        "postes de chargé de mission financés, au moins", null=True, blank=True
    )
    operating_max_posts = models.PositiveSmallIntegerField(
        "postes de chargé de mission financés, au plus", null=True, blank=True
    )

    class Meta:
        verbose_name = "programme de financement"
        verbose_name_plural = "programmes de financement"
        ordering = ["name"]
        constraints = [
            positive_or_null("study_max_amount", "Un plafond ne peut pas être négatif."),
            positive_or_null(
                "operating_amount_per_post_year", "Un montant ne peut pas être négatif."
            ),
            models.CheckConstraint(
                condition=Q(operating_min_posts__isnull=True)
                | Q(operating_max_posts__isnull=True)
                | Q(operating_max_posts__gte=F("operating_min_posts")),
                name="programme_posts_range_ordered",
                violation_error_message="Le nombre maximal de postes ne peut être inférieur "
                "au nombre minimal.",
            ),
        ]

    def __str__(self):
        return self.name

    def rule(self, text):
        return f"Règle du programme « {self.name} » : {text}."

    def rule_errors(self, line):
        """Which of this programme's rules the funding line breaks, by field, in French."""
        errors = {}
        if line.kind == FundingKind.STUDY:
            cap = self.study_max_amount
            if cap is not None and line.amount is not None and line.amount > cap:
                errors["amount"] = self.rule(
                    f"une étude de préfiguration est financée à {euros(cap)} au plus "
                    f"(montant saisi : {euros(line.amount)})"
                )
        if line.kind == FundingKind.OPERATING:
            errors.update(self._operating_errors(line))
        return errors

    def _operating_errors(self, line):
        errors = {}
        low, high = self.operating_min_posts, self.operating_max_posts
        if line.posts is not None and (
            (low is not None and line.posts < low) or (high is not None and line.posts > high)
        ):
            errors["posts"] = self.rule(
                f"l'aide au fonctionnement finance {posts_range(low, high)} de chargé de mission "
                f"(saisi : {line.posts})"
            )
        years = line.year_count
        if years is not None and years < 1:
            # The last year precedes the first: the constraint funding_line_end_after_start
            # says so, and no duration or amount can be checked against the rules.
            return errors
        if self.operating_max_years is not None and years and years > self.operating_max_years:
            errors["end_year"] = self.rule(
                f"l'aide au fonctionnement dure {counted(self.operating_max_years, 'an')} au plus "
                f"(saisi : {counted(years, 'an')}, de {line.start_year} à {line.end_year})"
            )
        per_post = self.operating_amount_per_post_year
        if per_post is None or line.amount is None or errors:
            return errors
        cap = operating_cap(per_post, line.posts, years)
        if cap is None:
            errors["amount"] = self.rule(
                f"l'aide au fonctionnement est de {euros(per_post)} par an et par poste ; "
                "indiquez le nombre de postes et la première année pour que le montant "
                "puisse être vérifié"
            )
        elif line.amount > cap:
            errors["amount"] = self.rule(
                f"l'aide au fonctionnement est de {euros(per_post)} par an et par poste, "
                f"soit {euros(cap)} au plus pour {counted(line.posts, 'poste')} "
                f"sur {counted(years, 'an')} "
                f"(montant saisi : {euros(line.amount)})"
            )
        return errors


class FundingLine(Versioned):
    """Money asked of or given by a funder to a pole, or to the pole's prefiguration study."""

    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.CASCADE, related_name="funding_lines", verbose_name="pôle"
    )
    study = models.ForeignKey(
        "poles.Study",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name="étude de préfiguration financée",
        help_text="Si la ligne finance l'étude de préfiguration du pôle.",
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name="programme",
    )
    funder = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name="financeur",
        help_text="Déduit du programme s'il est laissé vide.",
    )
    kind = models.CharField("nature de l'aide", max_length=20, choices=FundingKind.choices)
    amount = models.DecimalField(
        "montant (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Montant total de la ligne ; laisser vide s'il n'est pas connu.",
    )
    start_year = models.PositiveSmallIntegerField("première année", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(
        "dernière année", null=True, blank=True, help_text="Vide pour une aide d'une seule année."
    )
    posts = models.PositiveSmallIntegerField("postes de chargé de mission", null=True, blank=True)
    status = models.CharField("état", max_length=20, choices=FundingStatus.choices)
    note = models.TextField("précision", blank=True)

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["pole__name", F("start_year").asc(nulls_last=True), "pk"]
        # The funding filters of /poles/ and /financements/ (poles/filters/funding.py), which the
        # totals of /financements/ (poles/funding_totals.py) run over again. The foreign keys'
        # own indexes serve `pole`, `study` and `programme` (PostgreSQL prefers the latter to a
        # (programme, start_year) index even with year=…: a programme has few lines).
        indexes = [
            # funder=…, with funding_status=… (« what the Region granted »).
            models.Index(fields=["funder", "status"], name="funding_line_funder_status"),
            # kind=…, with funding_status=… (« granted prefiguration studies »).
            models.Index(fields=["kind", "status"], name="funding_line_kind_status"),
            # year=… (start_year ≤ year ≤ end_year, both read from the index) and the order of
            # /financements/ (first year first).
            models.Index(fields=["start_year", "end_year"], name="funding_line_years"),
            # amount_min=… / amount_max=…
            models.Index(fields=["amount"], name="funding_line_amount"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(funder__isnull=False) | Q(programme__isnull=False),
                name="funding_line_has_funder_or_programme",
                violation_error_message="Indiquez un programme ou un financeur.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="funding_line_amount_non_negative",
                violation_error_message="Un montant ne peut pas être négatif.",
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(start_year__gte=1990, start_year__lte=2100),
                name="funding_line_start_year_plausible",
                violation_error_message="La première année doit être comprise entre 1990 et 2100.",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | (Q(start_year__isnull=False) & Q(end_year__gte=F("start_year"))),
                name="funding_line_end_after_start",
                violation_error_message="La dernière année suit la première (et la suppose).",
            ),
        ]

    def __str__(self):
        source = self.programme or self.funder
        return f"{self.pole} — {self.get_kind_display()} ({source})"

    def save(self, *args, **kwargs):
        if self.funder_id is None and self.programme_id:
            self.funder_id = self.programme.funder_id
        super().save(*args, **kwargs)

    @property
    def year_count(self):
        if self.start_year is None:
            return None
        return (self.end_year or self.start_year) - self.start_year + 1

    def clean(self):
        super().clean()
        errors = {}
        if self.programme_id:
            if self.funder_id is None:
                self.funder_id = self.programme.funder_id
            elif self.funder_id != self.programme.funder_id:
                errors["funder"] = (
                    f"Le programme « {self.programme} » relève de « {self.programme.funder} »."
                )
            errors.update(self.programme.rule_errors(self))
        if self.study_id and self.pole_id and self.study.pole_id != self.pole_id:
            errors["study"] = "Cette étude concerne un autre pôle."
        if errors:
            raise ValidationError(errors)
