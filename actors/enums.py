from django.db import models


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", "association"
    COOPERATIVE = "cooperative", "coopérative"
    SCOP = "scop", "SCOP"
    SCIC = "scic", "SCIC"
    MUTUAL = "mutual", "mutuelle"
    FOUNDATION = "foundation", "fondation"
    SOCIAL_ENTERPRISE = "social_enterprise", "entreprise sociale"
    COLLECTIVE = "collective", "collectif d'acteurs"
    LOCAL_AUTHORITY = "local_authority", "collectivité territoriale"
    BANK = "bank", "banque"
    SCHOOL = "school", "enseignement et recherche"
    NETWORK = "network", "réseau"
    PUBLIC_BODY = "public_body", "organisme public ou consulaire"
    OTHER = "other", "autre ou non précisé"
