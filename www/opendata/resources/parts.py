"""What a pole's page shows beside its identity: its study, objectives, actions, difficulties, strengths, documents, contacts and status history."""

from poles.enums import ActionState, DocumentKind, PoleStatus, StrengthKind, StudyStatus
from poles.models import (
    Action,
    Contact,
    Difficulty,
    Document,
    Objective,
    StatusChange,
    Strength,
    Study,
)
from www.opendata.columns import STRING, Field, ForeignKey, Resource, choice, fuzzy_date
from www.opendata.resources.common import (
    ORDER,
    POLE,
    STUDY,
    TO_POLE,
    TO_STUDY,
    download_address,
    file_name,
    identifier,
    text,
)

STUDIES = Resource(
    "etudes",
    "Études de préfiguration",
    "Les études de préfiguration (de faisabilité) des pôles.",
    queryset=lambda: Study.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de l'étude."),
        TO_POLE,
        Field("intitule", STRING, "Intitulé de l'étude.", "title", required=True),
        Field(
            "structure_porteuse",
            STRING,
            "Structure porteuse de l'étude (identifiant dans acteurs).",
            "carrier__slug",
        ),
        choice("etat", "status", "État de l'étude.", StudyStatus, required=True),
        *fuzzy_date("lancement", "launched_on", "Lancement de l'étude."),
        *fuzzy_date("fin", "ended_on", "Fin de l'étude."),
        text("methodologie", "methodology", "Méthodologie."),
        text("precisions", "note", "Précisions."),
    ],
    foreign_keys=[POLE, ForeignKey("structure_porteuse", "acteurs")],
)

OBJECTIVES = Resource(
    "objectifs",
    "Objectifs des pôles et de leurs études",
    "Les objectifs d'un pôle, ou de son étude de préfiguration.",
    queryset=lambda: Objective.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de l'objectif."),
        TO_POLE,
        TO_STUDY,
        Field("objectif", STRING, "L'objectif.", "title", required=True),
        text("detail", "details", "Détail."),
        ORDER,
    ],
    foreign_keys=[POLE, STUDY],
)

ACTIONS = Resource(
    "actions",
    "Actions des pôles",
    "Les actions réalisées et en projet des pôles.",
    queryset=lambda: Action.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de l'action."),
        TO_POLE,
        choice("etat", "state", "État de l'action.", ActionState, required=True),
        Field("action", STRING, "L'action.", "title", required=True),
        text("detail", "details", "Détail."),
        *fuzzy_date("date", "date", "Date de l'action."),
        ORDER,
    ],
    foreign_keys=[POLE],
)

DIFFICULTIES = Resource(
    "difficultes",
    "Difficultés rencontrées par les pôles",
    "Les difficultés qu'un pôle dit avoir rencontrées.",
    queryset=lambda: Difficulty.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de la difficulté."),
        TO_POLE,
        Field("difficulte", STRING, "La difficulté rencontrée.", "text", required=True),
        ORDER,
    ],
    foreign_keys=[POLE],
)

STRENGTHS = Resource(
    "points-forts",
    "Points forts et pratiques intéressantes des pôles",
    "Les points forts d'un pôle et ses pratiques intéressantes.",
    queryset=lambda: Strength.objects.order_by("pk"),
    fields=[
        identifier("Identifiant du point fort ou de la pratique."),
        TO_POLE,
        choice("nature", "kind", "Nature.", StrengthKind, required=True),
        Field("texte", STRING, "Le point fort ou la pratique.", "text", required=True),
        ORDER,
    ],
    foreign_keys=[POLE],
)

DOCUMENTS = Resource(
    "documents",
    "Documents",
    "Les documents attachés aux pôles, à leurs études et aux programmes : leur description et "
    "l'adresse où télécharger leur fichier (les fichiers eux-mêmes ne sont pas dans ce jeu).",
    queryset=lambda: Document.objects.order_by("pk"),
    sources=("original_name",),
    fields=[
        identifier("Identifiant du document."),
        Field(
            "pole", STRING, "Le pôle (son identifiant dans poles), le cas échéant.", "pole__slug"
        ),
        TO_STUDY,
        Field(
            "programme",
            STRING,
            "Le programme de financement (son identifiant dans programmes), le cas échéant.",
            "programme__slug",
        ),
        Field("titre", STRING, "Titre du document.", "title", required=True),
        choice("nature", "kind", "Nature du document.", DocumentKind, required=True),
        text("description", "description", "Description."),
        text("auteur", "author", "Auteur."),
        *fuzzy_date("date", "date", "Date du document."),
        text("licence", "licence", "Licence du document."),
        Field(
            "nom_du_fichier",
            STRING,
            "Nom du fichier téléchargé, s'il est disponible sur le portail.",
            value=file_name,
            reads=("title", "file"),
        ),
        Field(
            "adresse_de_telechargement",
            STRING,
            "Adresse où télécharger le fichier sur le portail, s'il y est disponible.",
            value=download_address,
            reads=("pk", "file"),
            format="uri",
        ),
        text("adresse_en_ligne", "url", "Adresse du document ailleurs en ligne."),
    ],
    foreign_keys=[POLE, STUDY, ForeignKey("programme", "programmes")],
)

CONTACTS = Resource(
    "contacts",
    "Contacts des pôles et des programmes",
    "Les personnes à contacter que montrent les pages des pôles et des programmes.",
    queryset=lambda: Contact.objects.order_by("pk"),
    fields=[
        identifier("Identifiant du contact."),
        Field(
            "pole", STRING, "Le pôle (son identifiant dans poles), le cas échéant.", "pole__slug"
        ),
        Field(
            "programme",
            STRING,
            "Le programme de financement (son identifiant dans programmes), le cas échéant.",
            "programme__slug",
        ),
        Field("nom", STRING, "Nom.", "full_name", required=True),
        text("fonction", "job_title", "Fonction."),
        text("organisme", "organisation", "Organisme."),
        text("telephone", "phone", "Téléphone."),
        text("courriel", "email", "Adresse électronique publiée sur la page."),
    ],
    foreign_keys=[POLE, ForeignKey("programme", "programmes")],
)

STATUS_CHANGES = Resource(
    "historique-des-statuts",
    "Historique des statuts des pôles",
    "Chaque étape datée du statut d'un pôle (collectif informel, préfiguration, en "
    "fonctionnement…).",
    queryset=lambda: StatusChange.objects.order_by("pk"),
    fields=[
        identifier("Identifiant du changement de statut."),
        TO_POLE,
        choice("statut", "status", "Statut pris par le pôle.", PoleStatus, required=True),
        *fuzzy_date("date", "changed_on", "Date du changement."),
        text("precision", "note", "Précision."),
        text("source", "source", "Source."),
    ],
    foreign_keys=[POLE],
)
