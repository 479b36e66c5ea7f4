"""The files of /donnees/: what the public pages show, one file per kind of record, each
column described once for its CSV and its Table Schema (columns.py).

Identifiers: the slug of the records whose pages have one (poles, territories, actors,
funders, programmes), the database id otherwise; a reference to another file is its
identifier there (declared as a foreign key). Codes (`operating`) rather than labels for
what has choices, the labels in the column's description. Nothing of the accounts, the
campaigns' reviews, the history of changes or the demo flag: the pages do not show them."""

from django.conf import settings
from django.urls import reverse

from actors.enums import ActorKind
from actors.models import Actor
from core.slugs import slug_url
from funding.enums import FunderKind, FundingKind, FundingStatus
from funding.models import Funder, Programme
from poles.enums import ActionState, DocumentKind, MembershipRole, PoleStatus, StudyStatus
from poles.models import (
    Action,
    Document,
    FundingLine,
    Membership,
    Objective,
    Pole,
    StatusChange,
    Study,
)
from poles.models.funding_line import yearly_amounts
from territories.models import KeyFigures, Territory, share
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


def identifier(description):
    return Field("identifiant", INTEGER, description, "pk", required=True)


def slug(description):
    return Field("identifiant", STRING, description, "slug", required=True)


def text(name, source, description, **kwargs):
    """A text the pages show; '' in the database is an empty cell."""
    return Field(
        name, STRING, description, value=lambda row: row[source] or None, reads=(source,), **kwargs
    )


def page_address(viewname, description="Adresse de sa page sur le portail."):
    """The public address of the record's page, from SITE_URL (not the request's host)."""
    return Field(
        "adresse_de_la_page",
        STRING,
        description,
        value=lambda row: f"{settings.SITE_URL}{slug_url(viewname, row['slug'])}",
        reads=("slug",),
        format="uri",
    )


def joined_in_chunk(through, owner, target, key):
    """add_to_chunk of a many-to-many column: the targets of each row of the chunk (`target`
    lookups of the `through` table), joined by ', ', one query per chunk."""

    def add(chunk):
        values = {row["pk"]: [] for row in chunk}
        pairs = through.objects.filter(**{f"{owner}__in": values}).order_by(owner, target)
        for pk, value in pairs.values_list(owner, target):
            values[pk].append(value)
        for row in chunk:
            row[key] = ", ".join(values[row["pk"]]) or None

    return add


def file_name(row):
    document = Document(title=row["title"], original_name=row["original_name"], file=row["file"])
    return document.file_name if row["file"] else None


def download_address(row):
    if not row["file"]:
        return None
    return f"{settings.SITE_URL}{reverse('document_download', args=[row['pk']])}"


def programme_rules(row):
    rules = Programme(
        name=row["name"],
        study_max_amount=row["study_max_amount"],
        operating_amount_per_post_year=row["operating_amount_per_post_year"],
        operating_max_years=row["operating_max_years"],
        operating_min_posts=row["operating_min_posts"],
        operating_max_posts=row["operating_max_posts"],
    ).rules()
    return " ".join(rules) or None


def stated_or_computed(stated, part):
    """The share the source states, else the one the counts give (KeyFigures)."""
    return lambda row: (
        row[stated] if row[stated] is not None else share(row[part], row["establishments"])
    )


def yearly_rows():
    """One row per year of each funding line's schedule (a JSON dict year → amount)."""
    lines = FundingLine.objects.order_by("pk").values_list("pk", "schedule")
    for pk, schedule in lines.iterator(chunk_size=2000):
        for year, amount in sorted(yearly_amounts(schedule or {}).items()):
            yield {"line": pk, "year": year, "amount": amount}


def pole_lists(chunk):
    """The territories and functions of a chunk of poles: two queries."""
    joined_in_chunk(Pole.territories.through, "pole_id", "territory__slug", "territories")(chunk)
    joined_in_chunk(Pole.functions.through, "pole_id", "function__name", "functions")(chunk)


POLE = ForeignKey("pole", "poles")
STUDY = ForeignKey("etude", "etudes")
TO_POLE = Field(
    "pole", STRING, "Le pôle (son identifiant dans poles).", "pole__slug", required=True
)
TO_STUDY = Field(
    "etude",
    INTEGER,
    "L'étude de préfiguration concernée, le cas échéant (son identifiant dans etudes).",
    "study_id",
)
ORDER = Field("ordre", INTEGER, "Rang dans la page du pôle.", "order")

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

RESOURCES = [
    POLES,
    TERRITORIES,
    POLE_TERRITORIES,
    KEY_FIGURES,
    ACTORS,
    MEMBERSHIPS,
    FUNDERS,
    PROGRAMMES,
    FUNDING_LINES,
    YEARLY_AMOUNTS,
    STUDIES,
    OBJECTIVES,
    ACTIONS,
    DOCUMENTS,
    STATUS_CHANGES,
]
BY_NAME = {resource.name: resource for resource in RESOURCES}
