"""What the demo data looks like: shares of each kind, years, the Region's rules, names.

Shares are relative weights. Nothing here describes a real pole or actor."""

import datetime
from decimal import Decimal

from actors.enums import ActorKind
from core.fuzzy_dates import DatePrecision
from core.slugs import french_slugify
from funding.enums import FundingKind, FundingStatus
from poles.enums import PoleStatus

MAX_REGIONS = 13  # metropolitan France
MAX_DEPARTMENTS = 96
LAST_YEAR = 2025
FIGURES_YEARS = (2015, 2017, 2019, 2021, 2023)
SOURCE = "Données de démonstration (synthétiques, generate_demo_data)"

ACTOR_KINDS = {
    ActorKind.ASSOCIATION: 70,
    ActorKind.COOPERATIVE: 3,
    ActorKind.SCOP: 4,
    ActorKind.SCIC: 2,
    ActorKind.MUTUAL: 3,
    ActorKind.FOUNDATION: 2,
    ActorKind.SOCIAL_ENTERPRISE: 4,
    ActorKind.COLLECTIVE: 2,
    ActorKind.LOCAL_AUTHORITY: 4,
    ActorKind.BANK: 1,
    ActorKind.SCHOOL: 1,
    ActorKind.NETWORK: 1,
    ActorKind.PUBLIC_BODY: 2,
    ActorKind.OTHER: 1,
}
POLE_STATUSES = {
    PoleStatus.INFORMAL: 20,
    PoleStatus.PREFIGURATION: 20,
    PoleStatus.OPERATING: 45,
    PoleStatus.PAUSED: 10,
    PoleStatus.STOPPED: 5,
}
# Funding lines per pole, relatively: operating poles get the most.
FUNDING_WEIGHT = {
    PoleStatus.INFORMAL: 1,
    PoleStatus.PREFIGURATION: 3,
    PoleStatus.OPERATING: 6,
    PoleStatus.PAUSED: 3,
    PoleStatus.STOPPED: 2,
}
FUNDING_KINDS = {
    FundingKind.OPERATING: 35,
    FundingKind.STUDY: 10,
    FundingKind.PROJECT: 35,
    FundingKind.INVESTMENT: 10,
    FundingKind.OTHER: 10,
}
# Not « non communiqué(e) »: only a document's silence gives that state and kind (the seed).
FUNDING_STATUSES = {
    FundingStatus.REQUESTED: 15,
    FundingStatus.GRANTED: 30,
    FundingStatus.PAID: 45,
    FundingStatus.REFUSED: 10,
}
# The Region's rules in the seeds, given to every demo regional programme.
STUDY_CAP = Decimal("25000")
PER_POST_YEAR = Decimal("35000")
MAX_YEARS = 3
POSTS = (1, 2)


def weighted(rng, weights, k=None):
    """One key of `weights` drawn by its weight, or a list of `k` of them."""
    population, cumulated = list(weights), []
    total = 0
    for weight in weights.values():
        total += weight
        cumulated.append(total)
    if k is None:
        return rng.choices(population, cum_weights=cumulated)[0]
    return rng.choices(population, cum_weights=cumulated, k=k)


def named(name):
    return {"name": name, "slug": french_slugify(name)}


def numbered(template, number, width):
    """« Pays démo 042 » for ("Pays démo {}", 42, 3), with its slug."""
    return named(template.format(f"{number:0{width}d}"))


def fuzzy_date(rng, year, day_share=0.3, month_share=0.4):
    """A date of `year` known to the day, the month or the year only."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    draw = rng.random()
    if draw < day_share:
        return datetime.date(year, month, day), DatePrecision.DAY
    if draw < day_share + month_share:
        return datetime.date(year, month, 1), DatePrecision.MONTH
    return datetime.date(year, 1, 1), DatePrecision.YEAR
