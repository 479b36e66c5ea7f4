"""Funders and their programmes, whose rules are data checked on every funding line."""

from django.db import models
from django.db.models import F, Q

from core.formats import euros
from core.history import track
from core.slugs import SlugFromNameMixin, slug_url
from core.versioning import Versioned
from core.web_addresses import WebAddressField
from funding.enums import FunderKind, FundingKind


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
        db_table = "poles_funder"  # the table the model had in poles (issue 14: no data moved)
        indexes = [
            # Only the demo rows (none in production): generate_demo_data --delete.
            models.Index(fields=["is_demo"], condition=Q(is_demo=True), name="funder_is_demo"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("funding:funder", self.slug)


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
        db_table = "poles_programme"  # the table the model had in poles
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

    def get_absolute_url(self):
        return slug_url("funding:programme", self.slug)

    def rules(self):
        """The rules the portal checks on every line of this programme, in plain French."""
        rules = []
        if self.study_max_amount is not None:
            rules.append(
                f"Une étude de préfiguration est financée à {euros(self.study_max_amount)} au plus."
            )
        per_post, years = self.operating_amount_per_post_year, self.operating_max_years
        low, high = self.operating_min_posts, self.operating_max_posts
        if per_post is not None:
            text = f"L'aide au fonctionnement est de {euros(per_post)} par an et par poste"
            text += " de chargé de mission"
            if years is not None:
                text += f", pendant {counted(years, 'an')} au plus"
            if low is not None or high is not None:
                text += f", pour {posts_range(low, high)}"
            cap = operating_cap(per_post, high, years)
            if cap is not None:
                text += f" : {euros(cap)} au plus pour un pôle"
            rules.append(text + ".")
        elif years is not None:
            rules.append(f"L'aide au fonctionnement dure {counted(years, 'an')} au plus.")
        return rules

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


track(Funder, table_name="poles_historicalfunder")
track(Programme, table_name="poles_historicalprogramme")
