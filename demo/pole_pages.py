"""The demo poles and their pages: territories, status and its history, members, study,
objectives, actions, difficulties, strengths, contact (see demo/generate.py)."""

import datetime
from decimal import Decimal

from actors.models import ESS_KINDS
from core.fuzzy_dates import DatePrecision
from demo import texts
from demo.shapes import LAST_YEAR, POLE_STATUSES, fuzzy_date, numbered, weighted
from poles.enums import ActionState, MembershipRole, PoleStatus, StrengthKind, StudyStatus
from poles.models import (
    Action,
    Contact,
    Difficulty,
    Membership,
    Objective,
    Pole,
    StatusChange,
    Strength,
    Study,
)


class PolePages:
    """Writes the poles of a DemoNetwork whose territories and actors are written."""

    def __init__(self, network):
        self.sizes, self.rng, self.create = network.sizes, network.rng, network.create
        self.territory_list = network.territory_list
        self.actors_of_territory = network.actors_of_territory
        self.actor_ids, self.actor_kinds = network.actor_ids, network.actor_kinds

    def write(self):
        """Write the poles and their pages; returns the poles, their plans, their studies."""
        sizes = self.sizes
        width = max(4, len(str(sizes.poles)))
        poles, plans = [], []
        for index in range(sizes.poles):
            plan = self.pole_plan(index)
            plans.append(plan)
            poles.append(self.pole(index, plan, width))
        self.pole_list = self.create(Pole, poles)
        self.pole_plans = plans
        link = Pole.territories.through
        self.create(
            link,
            [
                link(pole_id=pole.pk, territory_id=self.territory_list[place].pk)
                for pole, plan in zip(self.pole_list, plans, strict=True)
                for place in plan["territories"]
            ],
        )
        self.create(Membership, self.memberships())
        self.create(StatusChange, self.status_changes())
        self.studies = {}
        for study in self.create(Study, self.study_rows()):
            self.studies[study.pole_id] = study
        for model, rows in (
            (Objective, self.objectives()),
            (Action, self.actions()),
            (Difficulty, self.difficulties()),
            (Strength, self.strengths()),
            (Contact, self.contacts()),
        ):
            self.create(model, rows)
        return self.pole_list, self.pole_plans, self.studies

    def pole_plan(self, index):
        """What is drawn for a pole before it is written: territories, status, members."""
        sizes, rng = self.sizes, self.rng
        first = index % sizes.territories
        places = [first]
        region = self.territory_list[first].region_id
        for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 1, 2))):
            other = rng.randrange(sizes.territories)
            if other not in places and self.territory_list[other].region_id == region:
                places.append(other)
        status = weighted(rng, POLE_STATUSES)
        created = None
        if rng.random() < 0.9:
            created = fuzzy_date(rng, rng.randint(1998, 2024))
        return {
            "territories": places,
            "status": status,
            "created": created,
            "members": self.pick_members(places),
        }

    def pick_members(self, places):
        """Tens of distinct actors (indexes), most of them from the pole's territories."""
        rng, total = self.rng, len(self.actor_ids)
        wanted = min(rng.randint(10, 60), total)
        local = [actor for place in places for actor in self.actors_of_territory[place]]
        members = rng.sample(local, min(len(local), wanted * 4 // 5))
        chosen = set(members)
        while len(members) < wanted:
            actor = rng.randrange(total)
            if actor not in chosen:
                chosen.add(actor)
                members.append(actor)
        return members

    def pole(self, index, plan, width):
        rng = self.rng
        status, members = plan["status"], plan["members"]
        created_on, precision = plan["created"] or (None, DatePrecision.DAY)
        founders = [actor for actor in members[:3] if self.actor_kinds[actor] in ESS_KINDS]
        operating = status in (PoleStatus.OPERATING, PoleStatus.PAUSED)
        actors_count = len(members) + rng.randint(0, 40)
        staff = rng.randint(1, 4) if operating else 0
        first_territory = self.territory_list[plan["territories"][0]]
        return Pole(
            **numbered("Pôle démo {}", index + 1, width),
            full_name=f"Pôle de développement de l'ESS — {first_territory.name}",
            status=status,
            created_on=created_on,
            created_on_precision=precision,
            carrying_structure_id=self.actor_ids[founders[0]] if founders else None,
            purpose=rng.choice(texts.PURPOSES),
            motivations=rng.choice(texts.MOTIVATIONS),
            actors_count=actors_count,
            actors_count_is_approximate=rng.random() < 0.2,
            governance_actors_count=min(actors_count, rng.randint(5, 15)),
            governance_body=rng.choice(texts.GOVERNANCE_BODIES),
            member_structures_count=len(members) if rng.random() < 0.6 else None,
            staff_count=staff,
            staff_fte=Decimal(staff) * Decimal(rng.choice(("0.5", "0.8", "1"))),
            budget=Decimal(rng.randint(30, 250) * 1000) if operating else None,
            subsidy_share=Decimal(f"{rng.uniform(40, 90):.1f}") if operating else None,
            size_score=rng.randint(1, 5) if rng.random() < 0.8 else None,
            structuration_score=rng.randint(1, 5) if rng.random() < 0.8 else None,
            is_demo=True,
        )

    def memberships(self):
        rng = self.rng
        for pole, plan in zip(self.pole_list, self.pole_plans, strict=True):
            start = plan["created"][0].year if plan["created"] else 2005
            governance = rng.randint(3, 10)
            for rank, actor in enumerate(plan["members"]):
                if self.actor_kinds[actor] not in ESS_KINDS:
                    role = MembershipRole.PARTNER
                elif rank < 3 and pole.carrying_structure_id:
                    role = MembershipRole.FOUNDER
                elif rank < 3 + governance:
                    role = MembershipRole.GOVERNANCE
                else:
                    role = MembershipRole.MEMBER
                year = rng.randint(start, LAST_YEAR)
                ended = rng.randint(year, LAST_YEAR) if rng.random() < 0.05 else None
                yield Membership(
                    pole_id=pole.pk,
                    actor_id=self.actor_ids[actor],
                    role=role,
                    started_on=datetime.date(year, 1, 1),
                    started_on_precision=DatePrecision.YEAR,
                    ended_on=datetime.date(ended, 1, 1) if ended else None,
                    ended_on_precision=DatePrecision.YEAR,
                )

    def lifecycle(self, status):
        """The statuses a pole went through to reach `status`, in order."""
        path = [PoleStatus.INFORMAL, PoleStatus.PREFIGURATION, PoleStatus.OPERATING]
        if status in path:
            return path[: path.index(status) + 1]
        reached = self.rng.randint(1, 3)  # paused or stopped after one of the three
        return [*path[:reached], status]

    def status_changes(self):
        rng = self.rng
        for pole, plan in zip(self.pole_list, self.pole_plans, strict=True):
            year = plan["created"][0].year if plan["created"] else rng.randint(1998, 2015)
            plan["years"] = {}
            for status in self.lifecycle(pole.status):
                year = min(LAST_YEAR, year)
                plan["years"][status] = year
                changed_on, precision = fuzzy_date(rng, year, 0.2, 0.4)
                yield StatusChange(
                    pole_id=pole.pk,
                    status=status,
                    changed_on=changed_on,
                    changed_on_precision=precision,
                    source="Fiche de démonstration",
                )
                year += rng.randint(1, 3)

    def study_rows(self):
        rng = self.rng
        for pole, plan in zip(self.pole_list, self.pole_plans, strict=True):
            launched = plan["years"].get(PoleStatus.PREFIGURATION)
            if launched is None:
                if rng.random() < 0.15:
                    yield Study(
                        pole_id=pole.pk,
                        title=f"Étude de préfiguration du {pole.name}",
                        status=StudyStatus.PLANNED,
                        carrier_id=pole.carrying_structure_id,
                    )
                continue
            launched_on = datetime.date(launched, rng.randint(1, 12), 1)
            status = StudyStatus.IN_PROGRESS
            if pole.status != PoleStatus.PREFIGURATION:
                status = StudyStatus.ABANDONED if rng.random() < 0.1 else StudyStatus.FINISHED
            ended_on = None
            if status != StudyStatus.IN_PROGRESS:
                months = launched_on.month - 1 + rng.randint(6, 14)
                ended_on = datetime.date(launched + months // 12, months % 12 + 1, 1)
            yield Study(
                pole_id=pole.pk,
                title=f"Étude de préfiguration du {pole.name}",
                carrier_id=pole.carrying_structure_id,
                status=status,
                launched_on=launched_on,
                launched_on_precision=DatePrecision.MONTH,
                ended_on=ended_on,
                ended_on_precision=DatePrecision.MONTH,
                methodology=rng.choice(texts.METHODOLOGIES),
            )

    def objectives(self):
        rng = self.rng
        for pole in self.pole_list:
            chosen = rng.sample(texts.OBJECTIVES, rng.randint(3, 8))
            for order, title in enumerate(chosen):
                yield Objective(
                    pole_id=pole.pk, order=order, title=title, details=rng.choice(texts.DETAILS)
                )

    def actions(self):
        rng = self.rng
        for pole in self.pole_list:
            for order, title in enumerate(rng.sample(texts.ACTIONS, rng.randint(5, 15))):
                done = rng.random() < 0.7
                date, precision = fuzzy_date(rng, rng.randint(2005, LAST_YEAR))
                if not done and rng.random() < 0.5:
                    date, precision = None, DatePrecision.DAY
                yield Action(
                    pole_id=pole.pk,
                    order=order,
                    state=ActionState.DONE if done else ActionState.PLANNED,
                    title=title,
                    details=rng.choice(texts.DETAILS),
                    date=date,
                    date_precision=precision,
                )

    def difficulties(self):
        rng = self.rng
        for pole in self.pole_list:
            for order, text in enumerate(rng.sample(texts.DIFFICULTIES, rng.randint(2, 5))):
                yield Difficulty(pole_id=pole.pk, order=order, text=text)

    def strengths(self):
        rng = self.rng
        for pole in self.pole_list:
            for order, text in enumerate(rng.sample(texts.STRENGTHS, rng.randint(2, 5))):
                kind = StrengthKind.PRACTICE if rng.random() < 0.3 else StrengthKind.STRENGTH
                yield Strength(pole_id=pole.pk, order=order, kind=kind, text=text)

    def contacts(self):
        for number, pole in enumerate(self.pole_list, start=1):
            yield Contact(
                pole_id=pole.pk,
                full_name=f"Contact démo {number:04d}",
                job_title="chargé·e de mission",
            )
