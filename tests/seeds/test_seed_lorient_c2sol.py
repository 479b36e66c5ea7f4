"""000 — Fiche du pôle C2SOL (Pays de Lorient), read back through the ORM."""

from datetime import date
from decimal import Decimal

import pytest

from actors.enums import ActorKind
from actors.models import Actor
from core.fuzzy_dates import DatePrecision
from funding.enums import FundingKind, FundingStatus
from poles.enums import ActionState, MembershipRole, PoleStatus
from poles.models import Pole
from territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def c2sol(seed):
    return Pole.objects.get(name="C2SOL")


def test_key_figures_of_the_pays_de_lorient(seed):
    (figures,) = Territory.objects.get(name="Pays de Lorient").key_figures.all()

    assert figures.year is None  # the fiche gives no year
    assert figures.source == "Fiche du pôle C2SOL (Pays de Lorient)"
    assert figures.establishments == 688
    assert figures.salaried_jobs == 7521
    assert figures.salaried_jobs_share == Decimal("11.5")
    assert figures.associations == 564
    assert figures.associations_share_stated == Decimal("82")
    assert figures.cooperatives == 90
    assert figures.cooperatives_share_stated == Decimal("13")
    # The stated shares are the ones shown, and they agree with the counts.
    assert figures.associations_share == Decimal("82")
    assert figures.cooperatives_share == Decimal("13")
    assert figures.share_disagreements() == []


def test_identity(c2sol):
    assert c2sol.status == PoleStatus.PREFIGURATION
    assert [t.name for t in c2sol.territories.all()] == ["Pays de Lorient"]
    assert c2sol.figures_territory is None  # its own Pays' figures
    assert c2sol.created_on == date(2009, 10, 7)
    assert c2sol.created_on_precision == DatePrecision.DAY
    assert c2sol.fuzzy("created_on") == "7 octobre 2009"
    # the association's founding, the pole being in prefiguration
    assert c2sol.created_on_note == (
        "création de l'association C2SOL ; le pôle est en préfiguration"
    )
    assert c2sol.website == "https://c2sol.fr"  # "c2sol.fr" in the fiche, completed on load
    assert c2sol.purpose == (
        "L'Association a pour but d'animer et d'organiser un collectif d'acteurs de l'économie "
        "sociale et solidaire ayant pour mission la coordination des actions et de promotion de "
        "l'ESS sur le territoire du Pays de Lorient."
    )


def test_motivations_are_the_three_paragraphs_verbatim(c2sol):
    paragraphs = c2sol.motivations.split("\n\n")

    assert len(paragraphs) == 3
    assert paragraphs[0].startswith(
        "Depuis mai 2009, un collectif « informel » (associant acteurs et structures)"
    )
    assert (
        "conseillers prudhommaux de l'AEES du tribunal de Lorient (fraîchement élus)"
        in (paragraphs[0])
    )
    assert paragraphs[0].endswith("Elan, Panier de la Mer,...")
    assert "lancée conjointement par la Conseil Régional et la CRES de Bretagne" in paragraphs[1]
    assert paragraphs[2].endswith("l'Association C2SOL s'est créée en date du 7 octobre 2009.")


def test_actors_and_governance(c2sol):
    assert c2sol.actors_count == 30
    assert c2sol.actors_count_is_approximate is False
    assert c2sol.governance_actors_count == 12
    assert c2sol.governance_body == "Conseil collégial du collectif"


def test_carrying_structure_is_the_c2sol_association(c2sol):
    association = c2sol.carrying_structure

    assert association.name == "C2SOL"
    assert association.kind == ActorKind.ASSOCIATION
    assert association.founded_on == date(2009, 10, 7)
    assert association.founded_on_precision == DatePrecision.DAY
    assert association.website == "https://c2sol.fr"
    assert association.description == c2sol.purpose
    assert association.territory.name == "Pays de Lorient"


def test_status_history_from_informal_collective_to_prefiguration(c2sol):
    history = [
        (change.status, change.changed_on, change.changed_on_precision)
        for change in c2sol.status_changes.all()
    ]

    assert history == [
        (PoleStatus.INFORMAL, date(2009, 5, 1), DatePrecision.MONTH),
        (PoleStatus.PREFIGURATION, date(2010, 10, 1), DatePrecision.MONTH),
    ]
    informal = c2sol.status_changes.first()
    assert informal.fuzzy("changed_on") == "mai 2009"
    assert informal.note.startswith("Collectif « informel » (associant acteurs et structures)")
    assert informal.source == "Fiche du pôle C2SOL (Pays de Lorient)"


def test_the_five_objectives_in_order(c2sol):
    assert [o.title for o in c2sol.objectives.all()] == [
        "Valorisation et promotion de l'ESS,",
        "Professionnalisation des acteurs de l'ESS",
        "Mutualisation de savoirs, d'informations, de projets.",
        "Renforcement du potentiel de l'EES au niveau du développement local,",
        "Avoir un ancrage et une représentativité auprès des pouvoirs publics...",
    ]
    assert all(o.study is None for o in c2sol.objectives.all())


def test_actions_done(c2sol):
    done = list(c2sol.actions.filter(state=ActionState.DONE))

    assert [a.title for a in done] == [
        "Une soirée débat co-organisée avec la ville de Lorient dans le cadre du mois de l'ESS, "
        "le vendredi 13 novembre 2009.",
        "Une plaquette d'information et de présentation de C2SOL.",
        "Un site internet : c2sol.fr",
        "Réalisation d'un cahier des charges",
    ]
    debate = done[0]
    assert debate.date == date(2009, 11, 13)
    assert debate.date_precision == DatePrecision.DAY
    assert debate.fuzzy("date") == "13 novembre 2009"
    assert all(a.date is None for a in done[1:])


def test_actions_planned(c2sol):
    planned = c2sol.actions.filter(state=ActionState.PLANNED)

    assert [a.title for a in planned] == [
        "Etude de préfiguration à la création d'un pôle de développement sur le Pays de Lorient",
        "Participation à une filière de l'ESS au sein de l'UBS (enseignement et recherche)",
        "Aide à la mise en place d'une boutique solidaire sur le pays de l'orient, pour "
        "faciliter la distribution des produits des amap (bio, poisson,..)",
        "Un forum de l'emploi de l'ESS avec Vannes et Lorient",
        "Organisation de colloques,...",
    ]
    assert all(a.date is None for a in planned)


def test_difficulties_as_written(c2sol):
    assert [d.text for d in c2sol.difficulties.all()] == [
        "Manque de disponibilité de certains acteurs, pour un investissement complet.",
        "Concilier les points de vue de chaque acteur sur la gouvernance.",
        "Baisse de la subvention allouée par le Conseil Régionale.",
    ]


def test_attached_document(c2sol):
    (document,) = c2sol.documents.all()

    assert document.title == "Etude Brest Métropole Océane"
    assert document.author == "Amandine Piron"
    assert document.date == date(2009, 12, 1)
    assert document.date_precision == DatePrecision.MONTH
    assert document.fuzzy("date") == "décembre 2009"
    assert document.licence == "Creative Commons by SA-NC"
    assert document.study is None
    assert not document.file


def test_the_aees_launched_the_initiative(c2sol):
    founder = c2sol.memberships.get(role=MembershipRole.FOUNDER)

    assert founder.actor.name == "AEES"
    assert founder.started_on == date(2009, 5, 1)
    assert founder.started_on_precision == DatePrecision.MONTH
    assert "conseillers prud'homaux du tribunal de Lorient" in founder.note


def test_the_noyau_dur_of_actors(c2sol):
    members = c2sol.memberships.filter(role=MembershipRole.MEMBER).select_related("actor")

    assert {m.actor.name: m.actor.kind for m in members} == {
        "ADOM'SERVICES": ActorKind.OTHER,
        "La Ligue de l'enseignement 56": ActorKind.OTHER,
        "Akena": ActorKind.OTHER,
        "Collectif Kerfléau": ActorKind.COLLECTIVE,
        # Not said by the document: « autre ou non précisé », not a bank and a mutual.
        "Crédit Coopératif": ActorKind.OTHER,
        "Maif": ActorKind.OTHER,
        "Elan": ActorKind.OTHER,
        "Panier de la Mer": ActorKind.OTHER,
    }
    assert {m.note for m in members} == {"Noyau dur d'acteurs du collectif"}


def test_the_ville_de_lorient_is_a_partner(c2sol):
    partner = c2sol.memberships.get(role=MembershipRole.PARTNER)

    assert partner.actor.name == "Ville de Lorient"
    assert partner.actor.kind == ActorKind.LOCAL_AUTHORITY
    assert partner.actor.territory.name == "Pays de Lorient"
    assert "13 novembre 2009" in partner.note


def test_only_actors_the_document_places_are_on_the_pays_de_lorient(seed):
    lorient = Territory.objects.get(name="Pays de Lorient")

    # « créer une association sur le territoire du Pays de Lorient », and the town; joining
    # a Lorient initiative places no actor on the Pays.
    assert set(lorient.actors.values_list("name", flat=True)) == {"C2SOL", "Ville de Lorient"}
    for name in ("Crédit Coopératif", "Akena", "Panier de la Mer"):
        assert Actor.objects.get(name=name).territory is None


def test_prefiguration_study_and_its_funding(c2sol):
    (study,) = c2sol.studies.all()

    assert study.title == "Étude de préfiguration du Pays de Lorient"
    assert study.carrier is None  # not given by the seeds
    assert study.status == "in_progress"
    listed, subsidy = c2sol.funding_lines.order_by("pk")
    # 002 lists the Pays de Lorient's study under the programme: no grant is stated.
    assert (listed.status, listed.kind, listed.study) == (
        FundingStatus.UNKNOWN,
        FundingKind.UNKNOWN,
        None,
    )
    # 000: « la subvention allouée par le Conseil Régional » — granted, of unknown purpose,
    # and not the study's (« en projet »).
    assert subsidy.funder.name == "Conseil régional de Bretagne"
    assert subsidy.programme is None
    assert subsidy.study is None
    assert (subsidy.status, subsidy.kind, subsidy.amount) == (
        FundingStatus.GRANTED,
        FundingKind.UNKNOWN,
        None,
    )
    assert subsidy.source == "Fiche du pôle C2SOL (Pays de Lorient)"
