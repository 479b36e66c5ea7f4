"""Words for the demo poles' pages: general phrases of the ESS pole world, no fact about anyone.

The generator combines them at random; the names of the records (« Pôle démo 0042 »,
« Association démo 000123 », « Pays démo 042 ») say that the data is synthetic."""

OBJECTIVES = [
    "Favoriser la coopération entre les acteurs de l'ESS du territoire",
    "Développer l'emploi dans l'économie sociale et solidaire",
    "Accompagner la création et la reprise d'activités",
    "Faire connaître l'ESS aux habitants, aux élus et aux entreprises",
    "Mutualiser des moyens entre structures",
    "Développer les circuits courts alimentaires",
    "Soutenir la finance solidaire locale",
    "Observer l'ESS du territoire et suivre son évolution",
    "Former les bénévoles dirigeants et les salariés",
    "Accompagner les démarches de coopération entre associations",
    "Participer aux politiques locales de développement",
    "Soutenir l'innovation sociale",
    "Favoriser l'insertion par l'activité économique",
    "Développer les services aux personnes",
]

ACTIONS = [
    "Forum de l'économie sociale et solidaire",
    "Programme d'animations du Mois de l'ESS",
    "Formation des bénévoles dirigeants",
    "Création d'un groupement d'employeurs",
    "Annuaire des acteurs du territoire",
    "Rencontre avec les élus du territoire",
    "Accompagnement de porteurs de projet",
    "Étude des besoins de mutualisation",
    "Petits-déjeuners des acteurs",
    "Salon des achats responsables",
    "Site internet du pôle",
    "Lettre d'information trimestrielle",
    "Diagnostic de l'ESS du territoire",
    "Atelier sur la gestion des emplois et des compétences",
    "Semaine de la finance solidaire",
    "Visites d'entreprises de l'ESS pour les lycéens",
    "Marché des producteurs locaux",
    "Ressourcerie : étude de faisabilité",
]

DETAILS = [
    "Avec les structures membres et les partenaires du territoire.",
    "Organisé avec la collectivité et les réseaux locaux.",
    "Ouvert à toutes les structures de l'ESS du territoire.",
    "Porté par un groupe de travail du pôle.",
    "",
]

DIFFICULTIES = [
    "Mobiliser les acteurs dans la durée",
    "Trouver des financements pour le poste de chargé de mission",
    "Se faire reconnaître par les collectivités",
    "Articuler le pôle avec les réseaux existants",
    "Faire vivre la gouvernance collective",
    "Couvrir un territoire étendu et rural",
    "Disposer de temps bénévole suffisant",
    "Évaluer l'impact des actions menées",
]

STRENGTHS = [
    "Une gouvernance partagée entre acteurs de l'ESS et collectivités",
    "Un partenariat ancien avec le Pays",
    "Des structures membres très diverses",
    "Une animation régulière des groupes de travail",
    "La mutualisation d'outils entre associations",
    "Un lien fort avec les réseaux régionaux",
    "Des rencontres ouvertes aux habitants",
    "Un accompagnement des projets du repérage à la création",
]

PURPOSES = [
    "Fédérer les acteurs de l'économie sociale et solidaire du territoire et développer "
    "leurs coopérations.",
    "Développer l'économie sociale et solidaire sur le territoire et la faire connaître.",
    "Structurer un réseau local d'acteurs de l'ESS et accompagner les projets collectifs.",
]

MOTIVATIONS = [
    "Le souhait d'acteurs locaux de mieux se connaître et de travailler ensemble.",
    "Un appel à projets régional et l'envie de structurer l'ESS du territoire.",
    "Les besoins repérés lors d'un diagnostic du territoire.",
]

METHODOLOGIES = [
    "Entretiens avec les acteurs, réunions publiques et groupes de travail thématiques.",
    "Diagnostic partagé, questionnaire aux structures et comité de pilotage mensuel.",
]

GOVERNANCE_BODIES = ["Conseil d'administration", "Comité de pilotage", "Collège des membres"]
