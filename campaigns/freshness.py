"""When a pole's public fiche is « à actualiser », as SQL expressions: `annotate_freshness`
adds to a queryset of poles, in the same query whatever their number,

- `last_validated_at`, `last_validated_year`: its latest validated fiche, and its campaign;
- `figures_changed_at`: the latest update of the key figures of its territories (its
  `territories` and its `figures_territory`);
- `fiche_changed_at`: the latest of its own update (`Pole.updated_at`), of its latest
  validation and of `figures_changed_at`; None when none of them is known (a fiche taken as
  is from the source documents, unchanged since);
- `closed_campaign_year`: the year of the latest closed campaign when the pole has a fiche in
  it (None otherwise);
- `fiche_to_update`: the rule itself —
  - a stopped pole's fiche never is;
  - a pole that has a fiche in the latest closed campaign is, unless it has a validated fiche
    in that campaign or in a later one;
  - any other pole (no closed campaign yet, or not covered by the latest) is when its fiche
    has not changed for STALE_AFTER, or never has.
"""

from datetime import UTC, datetime, timedelta

from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.utils import timezone

from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche
from poles.enums import PoleStatus
from territories.models import KeyFigures

STALE_AFTER = timedelta(days=365)
# « Never » inside GREATEST: PostgreSQL's GREATEST skips NULLs, SQLite's max() returns NULL
# as soon as one argument is; each date is coalesced to this one so that both agree.
NEVER = Value(datetime(1900, 1, 1, tzinfo=UTC), output_field=DateTimeField())


def closed_campaign_year():
    """The year of the latest closed campaign (NULL before the first is closed)."""
    closed = Campaign.objects.filter(closed_on__isnull=False).order_by("-year")
    return Subquery(closed.values("year")[:1])


def pole_fiches(**conditions):
    return Fiche.objects.filter(pole=OuterRef("pk"), **conditions)


def latest_validated(field):
    validated = pole_fiches(state=FicheState.VALIDATED, validated_at__isnull=False)
    return Subquery(validated.order_by("-validated_at", "-pk").values(field)[:1])


def latest_figures_update():
    figures = KeyFigures.objects.filter(
        Q(territory__poles=OuterRef("pk")) | Q(territory=OuterRef("figures_territory")),
        updated_at__isnull=False,
    )
    return Subquery(figures.order_by("-updated_at").values("updated_at")[:1])


def annotate_freshness(poles):
    """`poles` with the annotations above (once: a queryset that has them is returned as is)."""
    if "fiche_to_update" in poles.query.annotations:
        return poles
    stale_before = timezone.now() - STALE_AFTER
    covered = Exists(pole_fiches(campaign__year=closed_campaign_year()))
    validated_since = Exists(
        pole_fiches(state=FicheState.VALIDATED, campaign__year__gte=closed_campaign_year())
    )
    return (
        poles.annotate(
            last_validated_at=latest_validated("validated_at"),
            last_validated_year=latest_validated("campaign__year"),
            figures_changed_at=latest_figures_update(),
            closed_campaign_year=Case(When(covered, then=closed_campaign_year()), default=None),
        )
        .annotate(
            fiche_changed_at=NullIf(
                Greatest(
                    Coalesce("updated_at", NEVER),
                    Coalesce("last_validated_at", NEVER),
                    Coalesce("figures_changed_at", NEVER),
                ),
                NEVER,
            )
        )
        .annotate(
            fiche_to_update=Case(
                When(status=PoleStatus.STOPPED, then=Value(False)),
                When(closed_campaign_year__isnull=False, then=~validated_since),
                When(
                    Q(fiche_changed_at__isnull=True) | Q(fiche_changed_at__lt=stale_before),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
