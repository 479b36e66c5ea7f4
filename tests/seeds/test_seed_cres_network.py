"""004 — Fiche CRES Bretagne « Des pôles territoriaux de développement de l'ESS en Bretagne »
(the démarche, the first poles, the CADES), read back through the ORM."""

from datetime import date

import pytest

from core.fuzzy_dates import DatePrecision
from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Programme
from poles.enums import ActionState, PoleStatus
from poles.models import Pole

pytestmark = pytest.mark.django_db

PROGRAMME_NAME = (
    "Soutien à la création de pôles de développement de l'économie sociale et solidaire "
    "dans les Pays"
)


@pytest.fixture
def programme(seed):
    return Programme.objects.get(name=PROGRAMME_NAME)


@pytest.fixture
def cades(seed):
    return Pole.objects.get(name="CADES")


def test_context_of_the_demarche(programme):
    context = programme.context

    for fact in (
        "préconisée par le Conseil Economique et Social Régional dès 2006",
        "souhaitée et co-construite par les acteurs de l'ESS et par les pouvoirs publics",
        "un bassin socio-économique cohérent",
        "(l'échelle du pays est privilégiée)",
        "- Déterminer des stratégies de développement pour le secteur de l'ESS et pour le "
        "territoire.",
        "- Organiser la représentation des acteurs de l'ESS sur le territoire.",
        "- Donner de la visibilité sur l'activité des acteurs de l'ESS.",
        "- Soutenir la création et le développement d'activités et d'entreprises de l'ESS.",
        "- Favoriser le développement de projets partenariaux innovants.",
        "principe de subsidiarité",
        "avec des modes de gouvernance et de gestion collective, par les acteurs locaux",
        "par les Conseils généraux (CG35...), les communautés de communes et d'agglomération, "
        "l'Etat, des maisons de l'emploi, des acteurs régionaux et locaux de l'Economie Sociale",
        "14 territoires où déjà plus de 350 organisations locales de l'ESS sont impliquées",
        "3 pôles sont déjà créés",
    ):
        assert fact in context
    assert "’" not in context  # apostrophes straightened like the other documents


def test_the_article_is_a_document_of_the_programme(programme):
    article = programme.documents.get(
        title="Des pôles territoriaux de développement de l'ESS en Bretagne"
    )

    assert article.author == ""
    assert "[157]" in article.description
    assert "dès 2006" in article.description


def test_the_three_poles_already_created(seed):
    # « 3 pôles sont déjà créés » : nothing about their order, nor their date.
    for name in ("CADES", "ADESS Pays de Brest", "Réso solidaire"):
        pole = Pole.objects.get(name=name)
        first = pole.status_changes.first()  # undated changes sort first
        assert first.status == PoleStatus.OPERATING
        assert first.changed_on is None
        assert first.note == "Pôle créé : « 3 pôles sont déjà créés » (date non communiquée)"
        assert pole.status == PoleStatus.OPERATING


def test_adess_brest_is_supported_by_the_region_and_bmo(seed):
    adess = Pole.objects.get(name="ADESS Pays de Brest")

    # 004's words, not an expansion of « ESS »
    assert adess.full_name == "Association pour le Développement de l'ESS du pays de Brest"
    lines = {
        (line.funder.name, line.status): line
        for line in adess.funding_lines.select_related("funder", "programme")
    }
    assert set(lines) == {
        ("Conseil régional de Bretagne", FundingStatus.UNKNOWN),  # listed by 002
        ("Conseil régional de Bretagne", FundingStatus.GRANTED),  # « est soutenu par » (004)
        ("Brest Métropole Océane", FundingStatus.GRANTED),
    }
    bmo = lines["Brest Métropole Océane", FundingStatus.GRANTED]
    assert bmo.funder.kind == FunderKind.EPCI
    assert bmo.funder.department.code == "29"
    for line in (bmo, lines["Conseil régional de Bretagne", FundingStatus.GRANTED]):
        assert line.programme is None
        assert line.kind == FundingKind.UNKNOWN  # « soutenu » : in what form is not said
        assert line.amount is None
        assert line.source.startswith("Fiche CRES Bretagne")
        assert "« est soutenu par le Conseil Régional et Brest Métropole Océane »" in line.note


def test_cades_identity(cades):
    assert cades.full_name == "Coordination des Acteurs de l'Économie Sociale du Pays de Redon"
    assert [t.name for t in cades.territories.all()] == ["Pays de Redon et Vilaine"]
    assert (cades.created_on, cades.created_on_precision) == (date(1995, 1, 1), "year")
    assert cades.fuzzy("created_on") == "1995"
    assert (
        cades.created_on_note == "création de la Coordination, « bien avant » la démarche des pôles"
    )
    assert cades.actors_count == 100
    assert cades.actors_count_is_approximate is True  # « une centaine d'acteurs »
    assert "créée bien avant cette démarche, en 1995" in cades.history


def test_cades_status_history(cades):
    history = [(c.status, c.changed_on, c.note) for c in cades.status_changes.all()]

    # Created in 1995 « bien avant cette démarche »: a pole since a date not given.
    assert history == [
        (
            PoleStatus.OPERATING,
            None,
            "Pôle créé : « 3 pôles sont déjà créés » (date non communiquée)",
        ),
        (PoleStatus.OPERATING, date(2010, 10, 1), "En fonctionnement"),
    ]


def test_cades_actions(cades):
    done = list(cades.actions.filter(state=ActionState.DONE))

    assert [a.title for a in done] == [
        "Rencontres thématiques",
        "Participation aux travaux du conseil de développement et de la MEDEFI",
        "Travail sur les services à la personne",
        "Atelier de co-production sur l'éco-construction",
        "Atelier de co-production sur l'accueil et l'hébergement de groupe",
    ]
    meetings, _, services, eco_construction, hosting = done
    assert "« l'ESS, une alternative à la crise ? »" in meetings.details
    assert (services.date, services.date_precision) == (date(2007, 1, 1), DatePrecision.YEAR)
    for workshop in (eco_construction, hosting):
        assert workshop.date is None  # « Depuis décembre », year not given
        assert workshop.details.startswith("Depuis décembre")

    (planned,) = cades.actions.filter(state=ActionState.PLANNED)
    assert planned.title == "Atelier de co-production sur la restauration bio hors domicile"


def test_contact_gregory_huchon(programme):
    contact = programme.contacts.get(full_name="Grégory Huchon")

    assert contact.job_title == "Chargé de mission"
    assert contact.organisation == "CRES Bretagne"
    assert contact.phone == "02 99 85 83 15"
    assert contact.email == "ghuchon@cres-bretagne.org"
    assert contact.website == "https://www.cres-bretagne.org"  # completed on load


def test_christine_mercier_as_presented_by_the_cres(programme):
    contact = programme.contacts.get(full_name="Christine Mercier")

    assert "« chef de la mission économie sociale et solidaire, Conseil Régional Bretagne »" in (
        contact.note
    )
