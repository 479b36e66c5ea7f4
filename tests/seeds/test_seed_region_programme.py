"""002 — Fiche Avise « Soutien à la création de pôles de développement de l'ESS dans les Pays »
(Région Bretagne), read back through the ORM."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.enums import PoleStatus, StudyStatus
from poles.models import Contact, FundingLine, Pole, Study

pytestmark = pytest.mark.django_db

PROGRAMME_NAME = (
    "Soutien à la création de pôles de développement de l'économie sociale et solidaire "
    "dans les Pays"
)


@pytest.fixture
def programme(seed):
    return Programme.objects.get(name=PROGRAMME_NAME)


def test_the_region_funds_the_programme(programme):
    region = programme.funder

    assert region.name == "Conseil régional de Bretagne"
    assert region.kind == FunderKind.REGION
    assert region.region.name == "Bretagne"
    assert programme.slug == (
        "soutien-a-la-creation-de-poles-de-developpement-de-leconomie-sociale-et-solidaire"
        "-dans-les-pays"
    )


def test_rules_are_data(programme):
    assert programme.study_max_amount == Decimal("25000")
    assert programme.operating_amount_per_post_year == Decimal("35000")
    assert programme.operating_max_years == 3
    assert programme.operating_min_posts == 1
    assert programme.operating_max_posts == 2


def test_a_line_breaking_the_rules_is_refused(programme):
    """The seeded rules are the ones the model checks (25 000 € per study, 1 or 2 posts)."""
    dinan = Pole.objects.get(name="Pôle ESS du Pays de Dinan")
    study = FundingLine(
        pole=dinan,
        programme=programme,
        kind=FundingKind.STUDY,
        amount=Decimal("25001"),
        status=FundingStatus.REQUESTED,
    )
    with pytest.raises(ValidationError) as error:
        study.full_clean()
    (message,) = error.value.message_dict["amount"]
    assert "financée à 25 000 € au plus" in message.replace("\xa0", " ")

    cades = Pole.objects.get(name="CADES")
    operating = FundingLine(
        pole=cades,
        programme=programme,
        kind=FundingKind.OPERATING,
        amount=Decimal("210000"),
        start_year=2010,
        end_year=2012,
        posts=2,
        status=FundingStatus.REQUESTED,
    )
    operating.full_clean()  # 35 000 € × 2 posts × 3 years: the most the programme gives
    operating.posts = 3
    with pytest.raises(ValidationError) as error:
        operating.full_clean()
    (message,) = error.value.message_dict["posts"]
    assert "1 ou 2 postes" in message


def test_text_sections_verbatim(programme):
    assert programme.action == (
        "Soutien à la structuration des acteurs de l'économie sociale et solidaire dans les Pays."
    )
    objectives = programme.objectives.split("\n")
    assert len(objectives) == 2
    assert objectives[0].startswith(
        "- Favoriser l'inscription des acteurs de l'économie sociale et solidaire dans un réseau"
    )
    assert objectives[1] == (
        "- Cette démarche doit se situer dans une logique d'auto-organisation des acteurs de "
        "l'ESS et ne pas se limiter au seul secteur associatif."
    )
    assert programme.targets == (
        "- Acteurs de l'économie sociale et solidaire\n- 21 Pays (Conseil de développement, GIP...)"
    )
    implementation = programme.implementation.split("\n\n")
    assert len(implementation) == 3
    assert (
        "peut lancer une démarche de préfiguration finançable par la Région" in (implementation[0])
    )
    assert (
        "financement d'1 ou 2 postes en fonction de la taille du territoire" in (implementation[1])
    )
    assert implementation[2].endswith("Elle coordonne également les pôles de développement.")
    assert programme.other_partners == (
        "CRES et les collectivités locales dont le Département d'Ille-et-Vilaine (35) qui a été "
        "très actif."
    )
    assert programme.more_info == "www.bretagne.fr ; www.essenregion.org"


def test_resources_say_there_is_no_fixed_budget(programme):
    assert programme.resources.startswith("Il n'y a pas de budget fixé pour cette action.")
    assert (
        "- Aide au fonctionnement du pôle : 35.000 € par an sur 3 ans par poste de chargé de "
        "mission" in programme.resources
    )
    assert "- Financement d'études de préfiguration : 25 000 € maximum" in programme.resources
    assert programme.resources.endswith(
        "La Région encourage les pôles à rechercher d'autres financements auprès de Conseils "
        "généraux, des collectivités locales du Pays, d'acteurs de l'économie sociale et "
        "solidaire."
    )


def test_evaluation_is_the_october_2010_paragraph_verbatim(programme):
    operating, studies = programme.evaluation.split("\n\n")

    assert operating.startswith("Octobre 2010 : 8 pôles en fonctionnement, CADES dans le Pays")
    assert "vallons solidaires dans le Pays de vallons, et Vilaine et E2S" in operating
    assert studies == (
        "6 études de faisabilité sont en cours de réalisation : Pays de Dinan, Pays de Fougères, "
        "Pays de St-Brieuc, Pays de Cornouaille, Pays de Lorient et Pays de Trégor-Goëlo."
    )


def test_october_2010_status_of_every_pole(seed):
    source = (
        "Fiche Avise « Soutien à la création de pôles de développement de l'ESS dans les Pays » "
        "(Région Bretagne)"
    )
    for pole in Pole.objects.exclude(name="Les Écosolies"):
        october = pole.status_changes.get(source=source)
        assert october.fuzzy("changed_on") == "octobre 2010"
        assert october.status == pole.status


def test_operating_poles_names(seed):
    bras = Pole.objects.get(name="BRAS")
    assert bras.full_name == "Brocéliande richesses associatives"
    assert bras.slug == "bras"
    assert [t.name for t in bras.territories.all()] == ["Pays de Brocéliande"]
    assert Pole.objects.get(name="Vallons solidaires").territories.get().name == (
        "Pays des Vallons de Vilaine"
    )
    assert Pole.objects.get(name="Horizons solidaires").territories.get().name == (
        "Pays de Saint-Malo"
    )
    assert Pole.objects.get(name="E2S").territories.get().name == "Pays de Vannes"
    assert Pole.objects.get(name="ADESS Pays de Morlaix").full_name == ""  # not given


def test_six_studies_under_way(seed):
    studies = Study.objects.select_related("pole")

    assert {s.title for s in studies} == {
        "Étude de préfiguration du Pays de Dinan",
        "Étude de préfiguration du Pays de Fougères",
        "Étude de préfiguration du Pays de Saint-Brieuc",
        "Étude de préfiguration du Pays de Cornouaille",
        "Étude de préfiguration du Pays de Lorient",
        "Étude de préfiguration du Pays du Trégor-Goëlo",
    }
    assert {s.status for s in studies} == {StudyStatus.IN_PROGRESS}
    assert {s.pole.status for s in studies} == {PoleStatus.PREFIGURATION}


def test_the_programme_lists_poles_without_a_grant_kind_or_amount(programme):
    lines = programme.funding_lines.all()

    # « Impacts / évaluation » lists the 14 poles; no decision, kind or amount is stated.
    assert lines.count() == 14
    assert {(line.status, line.kind, line.amount) for line in lines} == {
        (FundingStatus.UNKNOWN, FundingKind.UNKNOWN, None)
    }
    assert {line.note for line in lines} == {
        "Recensé par le programme en octobre 2010 (« Impacts / évaluation ») : ni décision, ni "
        "nature de l'aide, ni montant, ni années communiqués."
    }
    assert {line.source for line in lines} == {
        "Fiche Avise « Soutien à la création de pôles de développement de l'ESS dans les "
        "Pays » (Région Bretagne)"
    }


def test_the_conseil_general_d_ille_et_vilaine_is_a_funder(seed):
    cg35 = Funder.objects.get(name="Conseil général d'Ille-et-Vilaine")

    assert cg35.kind == FunderKind.DEPARTMENT
    assert cg35.department.code == "35"


def test_contact_christine_mercier(programme):
    contact = programme.contacts.get(full_name="Christine Mercier")

    assert contact.job_title == "Chef de service"
    assert contact.organisation == "Conseil régional de Bretagne"
    assert contact.service == (
        "Direction économie – service innovation sociale et économie sociale et solidaire"
    )
    assert contact.address == "283, avenue du Général Patton, CS 21101 – 35711 Rennes Cedex"
    assert contact.phone == "02 99 27 12 63"
    assert contact.email == "christine.mercier@region-bretagne.fr"
    assert contact.pole is None


def test_the_fiche_itself_is_a_document_of_the_programme(programme):
    fiche = programme.documents.get(author="Avise")

    assert fiche.title == (
        "Fiche « Soutien à la création de pôles de développement de l'économie sociale et "
        "solidaire dans les Pays »"
    )
    assert fiche.description == (
        "Réalisée par l'Avise dans le cadre de l'animation du centre de ressources "
        "www.essenregion.org, avec le soutien du Fonds social européen"
    )
    assert fiche.pole is None
    assert fiche.date is None


def test_contacts_are_all_programme_contacts(seed):
    assert set(Contact.objects.values_list("full_name", flat=True)) == {
        "Christine Mercier",
        "Grégory Huchon",
    }
    assert not Contact.objects.filter(pole__isnull=False).exists()
