"""001 — Fiche de l'étude de préfiguration du Pays de Dinan, read back through the ORM."""

from datetime import date
from decimal import Decimal

import pytest

from actors.enums import ActorKind
from core.fuzzy_dates import DatePrecision
from poles.enums import ActionState, MembershipRole, PoleStatus, StrengthKind
from poles.models import Document, Objective, Pole
from territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinan(seed):
    return Pole.objects.get(name="Pôle ESS du Pays de Dinan")


def test_key_figures_of_the_pays_de_dinan(seed):
    (figures,) = Territory.objects.get(name="Pays de Dinan").key_figures.all()

    assert figures.year is None
    assert figures.source == "Fiche de l'étude de préfiguration du Pays de Dinan"
    assert figures.establishments == 378
    assert figures.salaried_jobs == 3743
    assert figures.salaried_jobs_share == Decimal("15.7")
    assert figures.associations == 308
    assert figures.associations_share_stated == Decimal("81")
    assert figures.cooperatives == 64
    assert figures.cooperatives_share_stated == Decimal("17")
    assert figures.share_disagreements() == []


def test_identity(dinan):
    assert dinan.slug == "pole-ess-du-pays-de-dinan"
    assert dinan.status == PoleStatus.PREFIGURATION
    assert [t.name for t in dinan.territories.all()] == ["Pays de Dinan"]
    assert dinan.actors_count == 15
    assert dinan.created_on is None  # no pole created yet
    assert dinan.carrying_structure is None  # Steredenn carries the study, not a pole


def test_the_two_motivations_with_their_text(dinan):
    assert dinan.motivations.split("\n\n") == [
        "Mieux valoriser les atouts de l'économie sociale et solidaire sur notre territoire:",
        "(Tissu associatif très dynamique ; compétences pointues dans différents domaines "
        "(économique, social, culturel...) ; des SCOP, une SCIC et des projets SCIC ancrées sur "
        "le territoire ; présence d'une école de projets locale spécialisée dans "
        "l'accompagnement de l'ESS et du développement durable ; Capacité d'innovation dans "
        "différents domaines face à des problématiques sociétales.",
        "Agir sur des freins importants en créant un espace de concertation, de mutualisation "
        "et d'actions :",
        "(manque de visibilité du poids économique de l'ESS dans le développement économique "
        "local ; manque de coordination et de mutualisation des compétences et des moyens: "
        "réactivité sur des appels d'offre : difficulté à s'autofinancer: dépendance vis à vis "
        "des collectivités et des dispositifs ; diversité d'interventions pouvant être perçue "
        "redondantes ; une appartenance à reconstruire avec les différentes familles de "
        "l'économie sociale et leurs activités (financières, assurances, actions sociales, "
        "culture, environnement...) pour créer du lien, de la synergie et de la cohérence au "
        "service du territoire",
    ]


def test_study_carried_by_steredenn(dinan):
    (study,) = dinan.studies.all()

    assert study.title == "Étude de préfiguration du Pays de Dinan"
    assert study.status == "in_progress"
    assert study.carrier.name == "Steredenn"
    assert study.carrier.kind == ActorKind.OTHER  # its legal form is not given
    assert study.carrier.territory is None  # where Steredenn is is not given either
    assert study.launched_on == date(2009, 9, 15)
    assert study.launched_on_precision == DatePrecision.DAY
    assert study.ended_on is None
    # 002 lists the Pays de Dinan's study under the programme, without saying it funds it.
    assert not study.funding_lines.exists()
    (line,) = dinan.funding_lines.all()
    assert line.programme.funder.name == "Conseil régional de Bretagne"
    assert line.status == "unknown"


def test_the_four_objectives_of_the_study(dinan):
    objectives = list(dinan.objectives.all())

    assert [(o.title, o.details) for o in objectives] == [
        (
            "Se connaître, se faire connaître",
            "S'informer : l'ESS, c'est quoi? ; Évaluer le poids de l'ESS sur le territoire ; "
            "Évaluer l'offre de services ; Se constituer en réseau",
        ),
        (
            "Se reconnaître",
            "Exprimer des valeurs et des finalités ; Faire émerger des problématiques ; "
            "Identifier un potentiel",
        ),
        (
            "Proposer",
            "Rédiger une charte partagée par les acteurs de l'ESS ; Définir les liens réciproques "
            "entre le pôle et ses acteurs ; Délimiter des axes de développement, des activités et "
            "des prestations en appliquant le principe de subsidiarité ; Envisager le plan de "
            "financement ; Structurer le pôle",
        ),
        ("Communiquer", ""),
    ]
    study = dinan.studies.get()
    assert all(o.study == study for o in objectives)
    assert list(study.objectives.all()) == objectives
    assert Objective.objects.filter(study__isnull=False).count() == 4


def test_actions_done_start_with_the_launch(dinan):
    done = list(dinan.actions.filter(state=ActionState.DONE))

    assert [a.title for a in done] == [
        "Lancement de la préfiguration le 15 septembre 2009",
        "Participation au mois de l'ESS : projection d'un film, conférences",
        "Edition du numéro 0 « du côté de l'économie sociale et solidaire en pays de DINAN »",
        "Participation à la journée création d'entreprise",
        "travaux à partir de fiches contribution",
    ]
    assert (done[0].date, done[0].date_precision) == (date(2009, 9, 15), DatePrecision.DAY)
    assert all(a.date is None for a in done[1:])


def test_actions_planned(dinan):
    planned = [a.title for a in dinan.actions.filter(state=ActionState.PLANNED)]

    assert len(planned) == 2
    assert planned[0].startswith("Préparation d'un temps fort encore à définir sous la forme")
    assert "« d'université locale de l'ESS »" in planned[0]
    assert planned[1].endswith("avec formation d'accompagnateurs")


def test_difficulties(dinan):
    texts = [d.text for d in dinan.difficulties.all()]

    assert len(texts) == 3
    assert texts[0] == "Mobilisation des élus locaux sur les manifestations du mois de l'ESS"
    assert "(effilochement de la présence sur les rencontres)" in texts[1]
    assert texts[2].startswith("Difficulté de mobiliser les mutuelles et les banques locales")
    assert texts[2].endswith("organisée par la Chambre des métiers")


def test_interesting_practices(dinan):
    practices = dinan.strengths.all()

    assert {s.kind for s in practices} == {StrengthKind.PRACTICE}
    assert [s.text for s in practices] == [
        "Sous commission économie sociale et solidaire créée au sein de la commission économie, "
        "emploi et formation du Conseil de développement pour animer l'étude de préfiguration",
        "Mobilisation des structures nouvellement créées (SCOP, SCIC, associations) dans le "
        "projet d'un espace mutualisé et structurant",
        "Premières expériences de réponses collectives à appel d'offres sous la forme de "
        "groupement solidaire",
    ]


def test_the_conseil_de_developpement_is_a_partner(dinan):
    (membership,) = dinan.memberships.all()

    assert membership.role == MembershipRole.PARTNER
    assert membership.actor.name == "Conseil de développement du Pays de Dinan"
    assert membership.actor.kind == ActorKind.PUBLIC_BODY
    assert "commission économie, emploi et formation" in membership.note


def test_documents_of_the_study(dinan):
    study = dinan.studies.get()
    documents = {d.title: d for d in Document.objects.filter(pole=dinan)}

    assert set(documents) == {
        "Power point du 15 septembre 2009",
        "Méthodologie de l'étude présentée en novembre 2009",
    }
    power_point = documents["Power point du 15 septembre 2009"]
    assert (power_point.date, power_point.date_precision) == (date(2009, 9, 15), "day")
    method = documents["Méthodologie de l'étude présentée en novembre 2009"]
    assert (method.date, method.date_precision) == (date(2009, 11, 1), DatePrecision.MONTH)
    assert method.fuzzy("date") == "novembre 2009"
    assert {d.study for d in documents.values()} == {study}


def test_status_history(dinan):
    history = [
        (c.status, c.changed_on, c.changed_on_precision, c.note) for c in dinan.status_changes.all()
    ]

    assert history == [
        (PoleStatus.PREFIGURATION, date(2009, 9, 15), "day", "Lancement de la préfiguration"),
        (
            PoleStatus.PREFIGURATION,
            date(2010, 10, 1),
            "month",
            "Étude de faisabilité en cours de réalisation",
        ),
    ]
