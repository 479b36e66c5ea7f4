"""003 — Fiche du pôle Les Écosolies (Nantes Métropole, Loire-Atlantique), read back."""

from datetime import date
from decimal import Decimal

import pytest

from actors.enums import ActorKind
from core.fuzzy_dates import DatePrecision
from funding.enums import FunderKind, FundingKind, FundingStatus
from poles.enums import ActionState, NetworkMembershipStatus, PoleStatus, StrengthKind
from poles.models import Pole
from territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ecosolies(seed):
    return Pole.objects.get(name="Les Écosolies")


def test_key_figures_are_those_of_the_pays_de_la_loire_region(ecosolies):
    region = ecosolies.figures_territory

    assert region.name == "Pays de la Loire"
    assert region.kind == Territory.Kind.REGION
    assert region.region.code == "52"
    (figures,) = region.key_figures.all()
    assert figures.year is None
    assert figures.source == "Fiche du pôle Les Écosolies"
    assert figures.establishments == 13862
    assert figures.salaried_jobs == 139223
    assert figures.salaried_jobs_share == Decimal("12.9")
    assert figures.associations == 11706
    assert figures.associations_share_stated == Decimal("84.4")
    assert figures.cooperatives == 1775
    assert figures.cooperatives_share_stated == Decimal("12.8")
    assert figures.share_disagreements() == []


def test_territories_of_action(ecosolies):
    territories = {t.name: t for t in ecosolies.territories.all()}

    assert set(territories) == {"Nantes Métropole", "Loire-Atlantique"}
    assert territories["Nantes Métropole"].kind == Territory.Kind.METROPOLE
    assert territories["Loire-Atlantique"].kind == Territory.Kind.DEPARTMENT
    for territory in territories.values():
        assert [d.code for d in territory.departments.all()] == ["44"]
        assert territory.region.name == "Pays de la Loire"


def test_identity_and_history(ecosolies):
    assert ecosolies.status == PoleStatus.OPERATING
    assert ecosolies.created_on == date(2004, 1, 1)
    assert ecosolies.created_on_precision == DatePrecision.YEAR
    assert ecosolies.fuzzy("created_on") == "2004"
    assert ecosolies.history.startswith(
        "Dès 2002, la communauté de Nantes Métropole a initié une dynamique de promotion de l'ESS"
    )
    for fact in (
        "création de l'inter-réseau de l'ESS en 2003",
        "En 2004, les acteurs de l'inter-réseau ont créé l'association Les Ecosolies",
        "En 2008, Les Ecosolies deviennent un Pôle permanent d'initiatives et de "
        "co-développement de l'ESS.",
    ):
        assert fact in ecosolies.history


def test_status_history(ecosolies):
    (change,) = ecosolies.status_changes.all()

    assert change.status == PoleStatus.OPERATING
    assert (change.changed_on, change.changed_on_precision) == (date(2008, 1, 1), "year")
    assert change.note == (
        "Les Écosolies deviennent un Pôle permanent d'initiatives et de co-développement de l'ESS"
    )


def test_carrying_association(ecosolies):
    association = ecosolies.carrying_structure

    assert association.name == "Les Écosolies"
    assert association.kind == ActorKind.ASSOCIATION
    assert (association.founded_on, association.founded_on_precision) == (
        date(2004, 1, 1),
        DatePrecision.YEAR,
    )
    assert "événement « grand public »" in association.description


def test_members_staff_and_budget(ecosolies):
    assert ecosolies.member_structures_count == 200
    assert ecosolies.individual_members_count == 50
    assert ecosolies.staff_count == 5
    assert ecosolies.staff_fte == Decimal("4.5")
    assert ecosolies.facilitators_count == 7
    assert ecosolies.facilitators_fte == Decimal("1")
    assert ecosolies.facilitators_note == (
        "au sein d'associations référentes sur les filières d'activité"
    )
    assert ecosolies.budget == Decimal("400000")
    assert ecosolies.subsidy_share == Decimal("88")


def test_scores_and_functions(ecosolies):
    assert ecosolies.size_score == 5
    assert ecosolies.structuration_score == 5
    assert {f.name for f in ecosolies.functions.all()} == {
        "Animation des acteurs par secteurs d'activité",
        "Développement de projets collectifs",
        "Réflexion-Action",
        "Centre ressource",
    }


def test_networks(ecosolies):
    networks = {n.network.name: n for n in ecosolies.network_memberships.all()}

    assert set(networks) == {"REVES", "RTES"}
    assert {n.network.kind for n in networks.values()} == {ActorKind.NETWORK}
    assert networks["REVES"].status == NetworkMembershipStatus.PLANNED
    assert networks["RTES"].status == NetworkMembershipStatus.THROUGH_PARTNER
    assert networks["RTES"].note == "Adhésion de Nantes Métropole au RTES"


def test_subsidies_from_three_funders(ecosolies):
    lines = ecosolies.funding_lines.select_related("funder")

    assert {(line.funder.name, line.funder.kind) for line in lines} == {
        ("Conseil régional des Pays de la Loire", FunderKind.REGION),
        ("Conseil général de Loire-Atlantique", FunderKind.DEPARTMENT),
        ("Nantes Métropole", FunderKind.EPCI),
    }
    for line in lines:
        assert line.programme is None
        assert line.kind == FundingKind.UNKNOWN  # each funder's part pays for what is not said
        assert line.status == FundingStatus.GRANTED
        assert line.amount is None
        assert "« 88% de subventions »" in line.note
        assert line.source == "Fiche du pôle Les Écosolies"


def test_objective(ecosolies):
    (objective,) = ecosolies.objectives.all()

    assert objective.title == (
        "Favoriser les coopérations innovantes entre les acteurs de l'ESS, ainsi qu'entre ces "
        "acteurs et les collectivités locales, pour contribuer au développement d'un territoire "
        "attractif et solidaire."
    )


def test_the_four_axes_done(ecosolies):
    axes = list(ecosolies.actions.filter(state=ActionState.DONE))

    assert [a.title for a in axes] == [
        "Développer l'entrepreneuriat social",
        "Développer la co-construction et la gouvernance participative pour impliquer tous les "
        "acteurs",
        "Développer une culture commune (L'Université coopérative)",
        "Communiquer, Faire connaître, Promouvoir l'Économie Sociale et Solidaire",
    ]
    entrepreneurship, governance, culture, communication = (a.details for a in axes)
    assert entrepreneurship.startswith("co-gestion de l'appel à projet ESS (avec Nantes Métropole)")
    assert "Réflexion sur la transformation de l'association Les Écosolies en SCIC" in governance
    assert "en 2003 - 2004 : organisation de 10 journées" in culture
    assert "en 2007, organisation de 6 journées" in culture
    assert (
        "en 2006 : grand événement sur 3 jours, rassemblant 30 000 habitants autour des 570 "
        "acteurs de l'ESS et de 4 collectivités" in communication
    )
    assert "mise en place d'un diplôme universitaire ESS" in communication


def test_the_two_projects(ecosolies):
    projects = [(a.title, a.details) for a in ecosolies.actions.filter(state=ActionState.PLANNED)]

    assert projects == [
        (
            "Un pôle physique d'innovation et de co-développement de l'ESS (vitrine de l'ESS)",
            "4 500m2 de friche urbaine.",
        ),
        ("Une Pépinière ESS", ""),
    ]


def test_the_five_strengths(ecosolies):
    strengths = ecosolies.strengths.all()

    assert {s.kind for s in strengths} == {StrengthKind.STRENGTH}
    texts = [s.text for s in strengths]
    assert texts[0] == "Fort soutien des collectivités."
    assert texts[1] == (
        "Implication des acteurs de l'ESS dans la co-construction des politiques publiques."
    )
    assert "(scops, associations mutuelles, militants)" in texts[2]
    assert texts[3].startswith("Organisation d'une réflexion permanente par filière dès 2002")
    assert texts[4] == "lien avec les projets et acteurs des quartiers (via un animateur)."


def test_documents(ecosolies):
    assert {d.title for d in ecosolies.documents.all()} == {
        "Plaquette de présentation des Ecosolies",
        "Plan d'action des Ecosolies 2008 - 2010",
    }
