"""The actors, their memberships of poles, and the poles' networks."""

from actors.enums import ActorKind
from actors.models import Actor
from poles.enums import MembershipRole, NetworkMembershipStatus
from poles.models import Membership, PoleNetwork
from www.opendata.columns import STRING, Field, ForeignKey, Resource, choice, fuzzy_date
from www.opendata.resources.common import POLE, TO_POLE, identifier, page_address, slug, text

ACTORS = Resource(
    "acteurs",
    "Acteurs",
    "Les organisations de l'ESS et leurs partenaires (collectivités, banques, réseaux…).",
    queryset=lambda: Actor.objects.order_by("slug"),
    fields=[
        slug("Identifiant de l'acteur (celui de l'adresse de sa page)."),
        Field("nom", STRING, "Nom de l'acteur.", "name", required=True),
        text("sigle", "acronym", "Sigle."),
        choice("nature", "kind", "Nature de l'acteur.", ActorKind, required=True),
        text("presentation", "description", "Présentation de l'acteur."),
        Field(
            "territoire",
            STRING,
            "Territoire de l'acteur (identifiant dans territoires).",
            "territory__slug",
        ),
        *fuzzy_date("date_de_creation", "founded_on", "Date de création de l'acteur."),
        text("site_internet", "website", "Site internet de l'acteur."),
        page_address("actors:detail"),
    ],
    foreign_keys=[ForeignKey("territoire", "territoires")],
)

MEMBERSHIPS = Resource(
    "participations",
    "Participations des acteurs aux pôles",
    "Le rôle d'un acteur dans un pôle (fondateur, membre de l'instance de gouvernance, membre, "
    "partenaire) et ses dates.",
    queryset=lambda: Membership.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de la participation."),
        TO_POLE,
        Field(
            "acteur",
            STRING,
            "L'acteur (son identifiant dans acteurs).",
            "actor__slug",
            required=True,
        ),
        choice("role", "role", "Rôle de l'acteur dans le pôle.", MembershipRole, required=True),
        *fuzzy_date("debut", "started_on", "Début de la participation."),
        *fuzzy_date("fin", "ended_on", "Fin de la participation."),
        text("precision", "note", "Précision."),
    ],
    foreign_keys=[POLE, ForeignKey("acteur", "acteurs")],
)

NETWORKS = Resource(
    "reseaux-des-poles",
    "Réseaux des pôles",
    "Les réseaux auxquels un pôle adhère, ou compte adhérer.",
    queryset=lambda: PoleNetwork.objects.order_by("pk"),
    fields=[
        identifier("Identifiant de l'adhésion."),
        TO_POLE,
        Field(
            "reseau",
            STRING,
            "Le réseau (son identifiant dans acteurs).",
            "network__slug",
            required=True,
        ),
        choice("adhesion", "status", "Adhésion.", NetworkMembershipStatus, required=True),
        text("precision", "note", "Précision."),
    ],
    foreign_keys=[POLE, ForeignKey("reseau", "acteurs")],
)
