from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.formats import euros
from core.versioning import Versioned
from funding.enums import FundingKind, FundingStatus


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
        "funding.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name="programme",
    )
    funder = models.ForeignKey(
        "funding.Funder",
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
    # The « échéancier »: {"2024": "70000.00", …}, the amount of each budget year when it is
    # known (typed in the admin: poles/admin/schedule.py). Empty: the line is spread evenly over
    # its years where money is read by year (www/funding/money.py).
    schedule = models.JSONField(
        "échéancier",
        default=dict,
        blank=True,
        help_text=(
            "Le montant de chaque année, une par ligne (« 2025 : 35 000 »), s'il est connu ; "
            "leur total est le montant de la ligne. Vide : le montant est réparti également "
            "sur les années de la ligne."
        ),
    )
    note = models.TextField("précision", blank=True)
    source = models.CharField(
        "source",
        max_length=300,
        blank=True,
        help_text=(
            "Le document d'où vient la ligne (convention, délibération, fiche…), montré sur les "
            "pages publiques."
        ),
    )

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["pole__name", F("start_year").asc(nulls_last=True), "pk"]
        # The funding filters of /poles/ and /financements/ (www/funding/filters.py), which the
        # totals of /financements/ (www/funding/totals.py) run over again. The foreign keys'
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
            models.CheckConstraint(
                condition=~Q(status=FundingStatus.UNKNOWN) | Q(amount__isnull=True),
                name="funding_line_unknown_state_has_no_amount",
                violation_error_message=(
                    "Une ligne à l'état non communiqué n'a pas de montant : si le montant est "
                    "connu, indiquez aussi l'état (demandé, accordé, versé ou refusé)."
                ),
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
        if self.schedule and (problems := schedule_errors(self, yearly_amounts(self.schedule))):
            errors["schedule"] = problems
        if errors:
            raise ValidationError(errors)


def yearly_amounts(schedule):
    """{year: Decimal} from a line's stored schedule."""
    return {int(year): Decimal(amount) for year, amount in schedule.items()}


def schedule_errors(line, years):
    """What is wrong with `years` ({year: amount}) as the schedule of `line`, in French."""
    errors = []
    if line.start_year is None:
        return ["Indiquez la première année de la ligne avant son échéancier."]
    last = line.end_year or line.start_year
    outside = sorted(year for year in years if not line.start_year <= year <= last)
    if outside:
        errors.append(
            f"L'échéancier ne peut compter que les années de la ligne ({line.start_year}"
            + (f"–{last}" if last != line.start_year else "")
            + f") : {', '.join(str(year) for year in outside)} "
            + ("n'en font pas partie." if len(outside) > 1 else "n'en fait pas partie.")
        )
    total = sum(years.values())
    if line.amount is None:
        errors.append(
            "Indiquez le montant de la ligne : l'échéancier doit en faire le total "
            f"({euros(total)} ici)."
        )
    elif total != line.amount:
        errors.append(
            f"Les années de l'échéancier totalisent {euros(total)} ; le montant de la ligne est "
            f"de {euros(line.amount)}. Corrigez l'un ou l'autre."
        )
    return errors
