"""The poles, and the territories each acts on."""

from poles.enums import PoleStatus
from poles.models import Pole
from www.opendata.columns import (
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    Field,
    ForeignKey,
    Resource,
    choice,
    fuzzy_date,
)
from www.opendata.resources.common import POLE, TO_POLE, page_address, pole_lists, slug, text

POLES = Resource(
    "poles",
    "Pôles",
    "Les pôles de développement de l'ESS : identité, statut, territoires, moyens.",
    queryset=lambda: Pole.objects.order_by("slug"),
    sources=("pk",),
    add_to_chunk=pole_lists,
    fields=[
        slug("Identifiant du pôle (celui de l'adresse de sa page)."),
        Field("nom", STRING, "Nom du pôle.", "name", required=True),
        text("nom_developpe", "full_name", "Nom développé, quand le nom est un sigle."),
        Field(
            "nom_descriptif",
            BOOLEAN,
            "true si le pôle n'a pas de nom connu et que son nom le désigne par son territoire.",
            "name_is_descriptive",
        ),
        choice("statut", "status", "Statut du pôle.", PoleStatus, required=True),
        Field(
            "territoires",
            STRING,
            "Territoires d'action du pôle, leurs identifiants (voir territoires et "
            "territoires-des-poles) séparés par une virgule.",
            value=lambda row: row["territories"],
        ),
        Field(
            "territoire_des_chiffres",
            STRING,
            "Le territoire dont la page du pôle montre les chiffres clés, s'il n'est pas le "
            "premier territoire d'action (identifiant dans territoires).",
            "figures_territory__slug",
        ),
        *fuzzy_date("date_de_creation", "created_on", "Date de création du pôle."),
        text("precision_sur_la_creation", "created_on_note", "Ce que la date de création désigne."),
        Field(
            "structure_porteuse",
            STRING,
            "Structure porteuse du pôle (identifiant dans acteurs).",
            "carrying_structure__slug",
        ),
        text("finalite", "purpose", "Finalité du pôle."),
        text("historique", "history", "Historique du pôle."),
        text("motivations", "motivations", "Motivations de départ."),
        Field("acteurs_impliques", INTEGER, "Nombre d'acteurs impliqués.", "actors_count"),
        Field(
            "acteurs_impliques_approximatif",
            BOOLEAN,
            "true si ce nombre est approximatif (« une centaine d'acteurs »).",
            "actors_count_is_approximate",
        ),
        Field(
            "acteurs_dans_la_gouvernance",
            INTEGER,
            "Nombre d'acteurs dans l'instance de gouvernance.",
            "governance_actors_count",
        ),
        text("instance_de_gouvernance", "governance_body", "Instance de gouvernance."),
        Field(
            "structures_adherentes",
            INTEGER,
            "Nombre de structures adhérentes.",
            "member_structures_count",
        ),
        Field(
            "adhesions_individuelles",
            INTEGER,
            "Nombre d'adhésions individuelles.",
            "individual_members_count",
        ),
        Field("salaries", INTEGER, "Nombre de salariés du pôle.", "staff_count"),
        Field("salaries_etp", NUMBER, "Salariés en équivalent temps plein.", "staff_fte"),
        Field(
            "animateurs",
            INTEGER,
            "Nombre d'animateurs au sein d'associations référentes.",
            "facilitators_count",
        ),
        Field(
            "animateurs_etp", NUMBER, "Animateurs en équivalent temps plein.", "facilitators_fte"
        ),
        text("precision_sur_les_animateurs", "facilitators_note", "Précision sur les animateurs."),
        Field("budget_annuel", NUMBER, "Budget annuel, en euros.", "budget"),
        Field(
            "part_des_subventions",
            NUMBER,
            "Part des subventions dans le budget, en pourcentage (de 0 à 100).",
            "subsidy_share",
        ),
        Field(
            "fonctions",
            STRING,
            "Fonctions du pôle, séparées par une virgule.",
            value=lambda row: row["functions"],
        ),
        Field(
            "note_de_taille",
            INTEGER,
            "Taille du pôle, note de la CRES de 1 à 5.",
            "size_score",
            minimum=1,
            maximum=5,
        ),
        Field(
            "note_de_structuration",
            INTEGER,
            "Niveau de structuration, note de la CRES de 1 à 5.",
            "structuration_score",
            minimum=1,
            maximum=5,
        ),
        text("site_internet", "website", "Site internet du pôle."),
        page_address("poles:detail"),
    ],
    foreign_keys=[
        ForeignKey("territoire_des_chiffres", "territoires"),
        ForeignKey("structure_porteuse", "acteurs"),
    ],
)

POLE_TERRITORIES = Resource(
    "territoires-des-poles",
    "Territoires d'action des pôles",
    "Chaque territoire d'action de chaque pôle, une ligne par couple.",
    queryset=lambda: Pole.territories.through.objects.order_by("pole__slug", "territory__slug"),
    fields=[
        TO_POLE,
        Field(
            "territoire",
            STRING,
            "Le territoire (son identifiant dans territoires).",
            "territory__slug",
            required=True,
        ),
    ],
    primary_key=["pole", "territoire"],
    foreign_keys=[POLE, ForeignKey("territoire", "territoires")],
)
