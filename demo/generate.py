"""Synthetic data at national scale, to measure the portal (`manage.py generate_demo_data`).

Nothing here is a fact: regions, departments, territories, actors, poles and funders are
named « … démo 042 », and every figure is drawn at random. The shapes follow the seeds: a
pole acts on one to three territories of a region, has 3–8 objectives, 5–15 actions, 2–5
difficulties and strengths, a status history, tens of members (mostly actors of its
territories), a prefiguration study once past the informal stage, a contact; territories have
key figures for several years; funding lines go to the poles (more to operating ones), from
the regional council of the pole's region (under a programme with the Region's rules of the
seeds, which every line respects), its department, the State, European funds or foundations.

Deterministic: everything is drawn from `random.Random(seed)`, in a fixed order, so the same
seed gives the same records (their ids aside). Records are written with `bulk_create` in
batches, with no query per row. `bulk_create` writes no change history (django-simple-history
records saves and deletes one by one): demo records have none until someone edits them.

The roots — regions, departments, territories, actors, poles, funders — have `is_demo` set;
everything else generated belongs to one of them (see demo/delete.py).
"""

import math
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from actors.enums import ActorKind
from actors.models import Actor
from core.fuzzy_dates import DatePrecision
from demo.pole_pages import PolePages
from demo.shapes import (
    ACTOR_KINDS,
    FIGURES_YEARS,
    FUNDING_KINDS,
    FUNDING_STATUSES,
    FUNDING_WEIGHT,
    LAST_YEAR,
    MAX_DEPARTMENTS,
    MAX_REGIONS,
    MAX_YEARS,
    PER_POST_YEAR,
    POSTS,
    SOURCE,
    STUDY_CAP,
    fuzzy_date,
    named,
    numbered,
    weighted,
)
from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Funder, Programme, operating_cap
from poles.models import FundingLine
from poles.search import refresh_search_documents
from territories.models import Department, KeyFigures, Region, Territory

BATCH = 2000  # rows per INSERT (SQLite's backend splits it further to 999 parameters)
ACTOR_CHUNK = 20_000  # actors built in memory at once


@dataclass
class Sizes:
    poles: int
    actors: int
    funding: int

    @property
    def territories(self):
        if not (self.poles or self.actors):
            return 0
        return max(1, math.ceil(self.poles * 1.2))  # some Pays have no pole yet

    @property
    def departments(self):
        return min(MAX_DEPARTMENTS, self.territories)

    @property
    def regions(self):
        return min(MAX_REGIONS, math.ceil(self.departments / 7))


class DemoNetwork:
    """Writes the demo network; `progress(label, seconds)` is told of each step's end."""

    def __init__(self, sizes, seed, progress=lambda label, seconds: None):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.progress = progress
        self.counts = {}  # rows written, by model, in order

    def build(self):
        steps = [
            ("territoires", self.territories),
            ("financeurs", self.funders),
            ("acteurs", self.actors),
            ("pôles", self.poles),
            ("financements", self.funding_lines),
        ]
        for label, step in steps:
            started = time.monotonic()
            step()
            self.progress(label, time.monotonic() - started)
        return self.counts

    def create(self, model, objects):
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        self.counts[model] = self.counts.get(model, 0) + len(created)
        return created

    # Regions, departments, territories and their key figures.

    def territories(self):
        sizes, rng = self.sizes, self.rng
        self.regions = self.create(
            Region,
            [
                Region(code=f"R{n:02d}", is_demo=True, **numbered("Région démo {}", n, 2))
                for n in range(1, sizes.regions + 1)
            ],
        )
        self.departments = self.create(
            Department,
            [
                Department(
                    code=f"D{n:02d}",
                    region=self.regions[(n - 1) * sizes.regions // sizes.departments],
                    is_demo=True,
                    **numbered("Département démo {}", n, 2),
                )
                for n in range(1, sizes.departments + 1)
            ],
        )
        width = max(3, len(str(sizes.territories)))
        territories, departments_of = [], []
        for index in range(sizes.territories):
            department = self.departments[index % sizes.departments]
            metropole = rng.random() < 0.08
            template = "Métropole démo {}" if metropole else "Pays démo {}"
            territories.append(
                Territory(
                    kind=Territory.Kind.METROPOLE if metropole else Territory.Kind.PAYS,
                    region_id=department.region_id,
                    is_demo=True,
                    **numbered(template, index + 1, width),
                )
            )
            spanned = [department]
            neighbour = self.departments[(index + 1) % sizes.departments]
            if (
                not metropole
                and rng.random() < 0.1
                and neighbour.region_id == department.region_id
                and neighbour != department
            ):
                spanned.append(neighbour)  # a Pays over two departments
            departments_of.append(spanned)
        self.territory_list = self.create(Territory, territories)
        self.territory_departments = departments_of
        link = Territory.departments.through
        self.create(
            link,
            [
                link(territory_id=territory.pk, department_id=department.pk)
                for territory, spanned in zip(self.territory_list, departments_of, strict=True)
                for department in spanned
            ],
        )
        self.create(KeyFigures, [f for t in self.territory_list for f in self.key_figures(t)])

    def key_figures(self, territory):
        rng = self.rng
        years = sorted(rng.sample(FIGURES_YEARS, rng.randint(2, len(FIGURES_YEARS))))
        establishments = rng.randint(80, 2500) * (4 if territory.kind == "metropole" else 1)
        for year in years:
            establishments = max(10, round(establishments * rng.uniform(0.97, 1.06)))
            yield KeyFigures(
                territory_id=territory.pk,
                year=year,
                source=SOURCE,
                establishments=establishments,
                salaried_jobs=round(establishments * rng.uniform(6, 14)),
                salaried_jobs_share=Decimal(f"{rng.uniform(7, 16):.1f}"),
                associations=round(establishments * rng.uniform(0.72, 0.84)),
                cooperatives=round(establishments * rng.uniform(0.02, 0.06)),
            )

    # Funders and their programmes.

    def funders(self):
        regional = [
            Funder(
                kind=FunderKind.REGION,
                region_id=region.pk,
                is_demo=True,
                **named(f"Conseil régional — {region.name}"),
            )
            for region in self.regions
        ]
        departmental = [
            Funder(
                kind=FunderKind.DEPARTMENT,
                department_id=department.pk,
                region_id=department.region_id,
                is_demo=True,
                **named(f"Conseil départemental — {department.name}"),
            )
            for department in self.departments
        ]
        national = [
            Funder(kind=FunderKind.STATE, is_demo=True, **named("État (démo)")),
            Funder(kind=FunderKind.EU, is_demo=True, **named("Fonds européens (démo)")),
        ]
        foundations = [
            Funder(kind=FunderKind.OTHER, is_demo=True, **numbered("Fondation démo {}", n, 2))
            for n in range(1, 6)
        ]
        # bulk_create gives each object its id (INSERT … RETURNING).
        self.create(Funder, regional + departmental + national + foundations)
        self.regional_funders = {funder.region_id: funder for funder in regional}
        self.departmental_funders = {funder.department_id: funder for funder in departmental}
        self.state, self.eu = national
        self.foundations = foundations
        regional_programmes = [
            Programme(
                funder_id=funder.pk,
                study_max_amount=STUDY_CAP,
                operating_amount_per_post_year=PER_POST_YEAR,
                operating_max_years=MAX_YEARS,
                operating_min_posts=POSTS[0],
                operating_max_posts=POSTS[-1],
                action="Soutien aux pôles de développement de l'ESS (programme de démonstration).",
                **named(f"Programme démo de la {region.name} : pôles de l'ESS"),
            )
            for region, funder in zip(self.regions, regional, strict=True)
        ]
        other_programmes = [
            Programme(funder_id=self.state.pk, **numbered("Programme démo de l'État n° {}", 1, 1)),
            Programme(funder_id=self.state.pk, **numbered("Programme démo de l'État n° {}", 2, 1)),
            Programme(funder_id=self.eu.pk, **named("Programme démo des fonds européens")),
        ]
        self.create(Programme, regional_programmes + other_programmes)
        self.regional_programmes = {p.funder.region_id: p for p in regional_programmes}
        self.state_programmes = other_programmes[:2]
        self.eu_programme = other_programmes[2]

    # Actors, in chunks: only their ids, kinds and territories are kept.

    def actors(self):
        sizes, rng = self.sizes, self.rng
        self.actor_ids, self.actor_kinds = [], []
        self.actors_of_territory = [[] for _ in range(sizes.territories)]
        width = max(6, len(str(sizes.actors)))
        kinds = weighted(rng, ACTOR_KINDS, k=sizes.actors)
        labels = {kind: kind.label[0].upper() + kind.label[1:] for kind in ActorKind}
        for start in range(0, sizes.actors, ACTOR_CHUNK):
            chunk, places = [], []
            for number in range(start, min(start + ACTOR_CHUNK, sizes.actors)):
                kind = kinds[number]
                place = rng.randrange(sizes.territories) if rng.random() < 0.95 else None
                founded_on, precision = (None, DatePrecision.DAY)
                if rng.random() < 0.7:
                    founded_on, precision = fuzzy_date(rng, rng.randint(1901, 2024), 0.1, 0.2)
                chunk.append(
                    Actor(
                        kind=kind,
                        territory_id=None if place is None else self.territory_list[place].pk,
                        founded_on=founded_on,
                        founded_on_precision=precision,
                        is_demo=True,
                        **numbered(f"{labels[kind]} démo {{}}", number + 1, width),
                    )
                )
                places.append(place)
            for actor, place in zip(self.create(Actor, chunk), places, strict=True):
                if place is not None:
                    self.actors_of_territory[place].append(len(self.actor_ids))
                self.actor_ids.append(actor.pk)
                self.actor_kinds.append(actor.kind)

    # Poles and everything on their pages (demo/pole_pages.py).

    def poles(self):
        self.pole_list, self.pole_plans, self.studies = PolePages(self).write()
        # bulk_create sends no signal: the search documents are written here.
        refresh_search_documents([pole.pk for pole in self.pole_list])

    # Funding lines.

    def funding_lines(self):
        sizes, rng = self.sizes, self.rng
        if not sizes.funding:
            return
        weights = {index: FUNDING_WEIGHT[pole.status] for index, pole in enumerate(self.pole_list)}
        lines = [self.funding_line(pole) for pole in weighted(rng, weights, k=sizes.funding)]
        self.create(FundingLine, lines)

    def funding_line(self, index):
        rng = self.rng
        pole = self.pole_list[index]
        first = self.pole_plans[index]["territories"][0]
        region = self.territory_list[first].region_id
        department = self.territory_departments[first][0].pk
        kind = weighted(rng, FUNDING_KINDS)
        line = FundingLine(
            pole_id=pole.pk,
            kind=kind,
            status=weighted(rng, FUNDING_STATUSES),
            start_year=rng.randint(2008, LAST_YEAR),
        )
        if kind in (FundingKind.STUDY, FundingKind.OPERATING) and rng.random() < 0.7:
            self.under_regional_programme(line, self.regional_programmes[region])
        else:
            self.from_another_funder(line, region, department)
        if line.start_year == LAST_YEAR and line.status == FundingStatus.PAID:
            line.status = FundingStatus.GRANTED
        if kind == FundingKind.STUDY and pole.pk in self.studies:
            line.study_id = self.studies[pole.pk].pk
        if rng.random() < 0.04:
            line.amount = None  # not known
        return line

    def under_regional_programme(self, line, programme):
        """A line that keeps to the programme's rules (FundingLine.clean checks them)."""
        rng = self.rng
        line.programme_id, line.funder_id = programme.pk, programme.funder_id
        if line.kind == FundingKind.STUDY:
            line.amount = Decimal(rng.randint(80, 250) * 100)
            return
        years, posts = rng.randint(1, MAX_YEARS), rng.choice(POSTS)
        line.posts = posts
        line.end_year = line.start_year + years - 1 if years > 1 else None
        share = rng.choice((Decimal(1), Decimal(1), Decimal("0.75"), Decimal("0.5")))
        line.amount = operating_cap(PER_POST_YEAR, posts, years) * share

    def from_another_funder(self, line, region, department):
        rng = self.rng
        draw = rng.random()
        if draw < 0.3:
            line.funder_id = self.regional_funders[region].pk
        elif draw < 0.6:
            line.funder_id = self.departmental_funders[department].pk
        elif draw < 0.75:
            line.funder_id = self.state.pk
            if rng.random() < 0.5:
                line.programme_id = rng.choice(self.state_programmes).pk
        elif draw < 0.85:
            line.funder_id, line.programme_id = self.eu.pk, self.eu_programme.pk
        else:
            line.funder_id = rng.choice(self.foundations).pk
        years = rng.choice((1, 1, 1, 2))
        line.end_year = line.start_year + 1 if years == 2 else None
        line.amount = Decimal(rng.randint(4, 800) * 250)
