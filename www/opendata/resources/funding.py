"""Funders, programmes and their rules, funding lines and their yearly amounts."""

from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.models import FundingLine
from www.opendata.columns import INTEGER, NUMBER, STRING, Field, ForeignKey, Resource, choice
from www.opendata.resources.common import (
    POLE,
    STUDY,
    TO_POLE,
    TO_STUDY,
    identifier,
    page_address,
    programme_rules,
    slug,
    text,
    yearly_rows,
)

FUNDERS = Resource(
    "financeurs",
    "Financeurs",
    "Les financeurs des pôles : Région, départements, intercommunalités, État, Europe…",
    queryset=lambda: Funder.objects.order_by("slug"),
    fields=[
        slug("Identifiant du financeur (celui de l'adresse de sa page)."),
        Field("nom", STRING, "Nom du financeur.", "name", required=True),
        choice("nature", "kind", "Nature du financeur.", FunderKind, required=True),
        Field("region", STRING, "Région du financeur, le cas échéant.", "region__name"),
        Field(
            "departement",
            STRING,
            "Numéro du département du financeur, le cas échéant.",
            "department__code",
        ),
        text("site_internet", "website", "Site internet du financeur."),
        page_address("funding:funder"),
    ],
)

PROGRAMMES = Resource(
    "programmes",
    "Programmes de financement",
    "Les programmes des financeurs et leurs règles (plafonds, durées, postes financés).",
    queryset=lambda: Programme.objects.order_by("slug"),
    fields=[
        slug("Identifiant du programme (celui de l'adresse de sa page)."),
        Field("intitule", STRING, "Intitulé du programme.", "name", required=True),
        Field(
            "financeur",
            STRING,
            "Le financeur (son identifiant dans financeurs).",
            "funder__slug",
            required=True,
        ),
        text("action", "action", "L'action."),
        text("objectifs", "objectives", "Objectifs."),
        text("cibles", "targets", "Cibles."),
        text("modalites", "implementation", "Modalités de mise en œuvre."),
        text("moyens", "resources", "Moyens affectés et partenaires financiers."),
        text("autres_partenaires", "other_partners", "Autres partenaires."),
        text("evaluation", "evaluation", "Impacts et évaluation."),
        text("contexte", "context", "Contexte de la démarche."),
        text("pour_en_savoir_plus", "more_info", "Pour en savoir plus."),
        Field(
            "plafond_etude",
            NUMBER,
            "Plafond d'une étude de préfiguration, en euros.",
            "study_max_amount",
        ),
        Field(
            "aide_par_poste_et_par_an",
            NUMBER,
            "Aide au fonctionnement par poste de chargé de mission et par an, en euros.",
            "operating_amount_per_post_year",
        ),
        Field(
            "duree_maximale",
            INTEGER,
            "Durée maximale de l'aide au fonctionnement, en années.",
            "operating_max_years",
        ),
        Field(
            "postes_minimum",
            INTEGER,
            "Postes de chargé de mission financés, au moins.",
            "operating_min_posts",
        ),
        Field(
            "postes_maximum",
            INTEGER,
            "Postes de chargé de mission financés, au plus.",
            "operating_max_posts",
        ),
        Field(
            "regles",
            STRING,
            "Les règles vérifiées sur chaque ligne de financement du programme, en français.",
            value=programme_rules,
            reads=(
                "name",
                "study_max_amount",
                "operating_amount_per_post_year",
                "operating_max_years",
                "operating_min_posts",
                "operating_max_posts",
            ),
        ),
        page_address("funding:programme"),
    ],
    foreign_keys=[ForeignKey("financeur", "financeurs")],
)

FUNDING_LINES = Resource(
    "lignes-de-financement",
    "Lignes de financement",
    "L'argent demandé à un financeur ou accordé par lui à un pôle ou à son étude de "
    "préfiguration. Les montants demandés, engagés (accordés et versés) et refusés ne "
    "s'additionnent pas entre eux.",
    queryset=lambda: FundingLine.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de la ligne de financement."),
        TO_POLE,
        TO_STUDY,
        Field(
            "programme",
            STRING,
            "Le programme (son identifiant dans programmes), le cas échéant.",
            "programme__slug",
        ),
        Field(
            "financeur",
            STRING,
            "Le financeur (son identifiant dans financeurs).",
            "funder__slug",
        ),
        choice("nature", "kind", "Nature de l'aide.", FundingKind, required=True),
        Field(
            "montant",
            NUMBER,
            "Montant total de la ligne, en euros ; le détail par année, quand il est connu, "
            "est dans montants-annuels.",
            "amount",
        ),
        Field("premiere_annee", INTEGER, "Première année.", "start_year"),
        Field("derniere_annee", INTEGER, "Dernière année (vide : une seule année).", "end_year"),
        Field("postes", INTEGER, "Postes de chargé de mission financés.", "posts"),
        choice("etat", "status", "État de la ligne.", FundingStatus, required=True),
        text("precision", "note", "Précision."),
        text("source", "source", "Le document d'où vient la ligne."),
    ],
    foreign_keys=[
        POLE,
        STUDY,
        ForeignKey("programme", "programmes"),
        ForeignKey("financeur", "financeurs"),
    ],
)

YEARLY_AMOUNTS = Resource(
    "montants-annuels",
    "Montants annuels des lignes de financement",
    "L'échéancier des lignes de financement qui en ont un : le montant de chaque année "
    "budgétaire. Une ligne sans échéancier n'y figure pas (son montant est réparti également "
    "sur ses années là où l'argent est lu par année).",
    rows=yearly_rows,
    countable=False,
    fields=[
        Field(
            "ligne",
            INTEGER,
            "La ligne de financement (son identifiant dans lignes-de-financement).",
            "line",
            required=True,
        ),
        Field("annee", INTEGER, "Année budgétaire.", "year", required=True),
        Field("montant", NUMBER, "Montant de l'année, en euros.", "amount", required=True),
    ],
    primary_key=["ligne", "annee"],
    foreign_keys=[ForeignKey("ligne", "lignes-de-financement")],
)
