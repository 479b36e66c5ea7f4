"""The territories and their key figures by year."""

from territories.models import KeyFigures, Territory
from www.opendata.columns import INTEGER, NUMBER, STRING, Field, ForeignKey, Resource, choice
from www.opendata.resources.common import (
    identifier,
    joined_in_chunk,
    page_address,
    slug,
    stated_or_computed,
)

TERRITORIES = Resource(
    "territoires",
    "Territoires",
    "Les territoires d'action des pôles et des acteurs : Pays, métropoles, départements, régions.",
    queryset=lambda: Territory.objects.order_by("slug"),
    sources=("pk",),
    add_to_chunk=joined_in_chunk(
        Territory.departments.through, "territory_id", "department__code", "departments"
    ),
    fields=[
        slug("Identifiant du territoire (celui de l'adresse de sa page)."),
        Field("nom", STRING, "Nom du territoire.", "name", required=True),
        choice("type", "kind", "Type de territoire.", Territory.Kind, required=True),
        Field("region", STRING, "Région du territoire.", "region__name", required=True),
        Field("code_region", STRING, "Code INSEE de la région.", "region__code", required=True),
        Field(
            "departements",
            STRING,
            "Numéros des départements du territoire, séparés par une virgule.",
            value=lambda row: row["departments"],
        ),
        page_address("territories:detail"),
    ],
)

KEY_FIGURES = Resource(
    "chiffres-cles",
    "Chiffres clés de l'ESS par territoire",
    "Les chiffres clés de l'économie sociale et solidaire d'un territoire, par année et par "
    "source. Les pages des pôles montrent les plus récents de leur territoire.",
    queryset=lambda: KeyFigures.objects.order_by("pk"),
    fields=[
        identifier("Identifiant des chiffres clés."),
        Field(
            "territoire",
            STRING,
            "Le territoire (son identifiant dans territoires).",
            "territory__slug",
            required=True,
        ),
        Field("annee", INTEGER, "Année des données, si la source la dit.", "year"),
        Field("source", STRING, "Source des chiffres.", "source", required=True),
        Field(
            "etablissements",
            INTEGER,
            "Nombre d'établissements employeurs de l'ESS.",
            "establishments",
        ),
        Field("emplois_salaries", INTEGER, "Nombre d'emplois salariés de l'ESS.", "salaried_jobs"),
        Field(
            "part_des_emplois_salaries",
            NUMBER,
            "Part de l'ESS dans les effectifs salariés du territoire, en pourcentage, telle que "
            "la source l'indique.",
            "salaried_jobs_share",
        ),
        Field("associations", INTEGER, "Nombre d'établissements associatifs.", "associations"),
        Field(
            "part_des_associations",
            NUMBER,
            "Part des associations dans les établissements de l'ESS, en pourcentage : celle que "
            "la source indique, sinon calculée à partir des nombres d'établissements.",
            value=stated_or_computed("associations_share_stated", "associations"),
            reads=("associations_share_stated", "associations", "establishments"),
        ),
        Field("cooperatives", INTEGER, "Nombre d'établissements coopératifs.", "cooperatives"),
        Field(
            "part_des_cooperatives",
            NUMBER,
            "Part des coopératives dans les établissements de l'ESS, en pourcentage : celle que "
            "la source indique, sinon calculée à partir des nombres d'établissements.",
            value=stated_or_computed("cooperatives_share_stated", "cooperatives"),
            reads=("cooperatives_share_stated", "cooperatives", "establishments"),
        ),
    ],
    foreign_keys=[ForeignKey("territoire", "territoires")],
)
