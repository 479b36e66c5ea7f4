from django.db import models


class PoleStatus(models.TextChoices):
    INFORMAL = "informal", "collectif informel"
    PREFIGURATION = "prefiguration", "préfiguration (étude de faisabilité)"
    OPERATING = "operating", "en fonctionnement"
    PAUSED = "paused", "en pause"
    STOPPED = "stopped", "arrêté"


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


class MembershipRole(models.TextChoices):
    FOUNDER = "founder", "fondateur"
    GOVERNANCE = "governance", "membre de l'instance de gouvernance"
    MEMBER = "member", "membre"
    PARTNER = "partner", "partenaire"


class NetworkMembershipStatus(models.TextChoices):
    MEMBER = "member", "adhérent"
    PLANNED = "planned", "adhésion prévue"
    THROUGH_PARTNER = "through_partner", "adhésion d'un partenaire"


class ActionState(models.TextChoices):
    DONE = "done", "réalisée"
    PLANNED = "planned", "en projet"


class StrengthKind(models.TextChoices):
    STRENGTH = "strength", "point fort"
    PRACTICE = "practice", "pratique intéressante"


class StudyStatus(models.TextChoices):
    PLANNED = "planned", "en projet"
    IN_PROGRESS = "in_progress", "en cours"
    FINISHED = "finished", "terminée"
    ABANDONED = "abandoned", "abandonnée"


class FunderKind(models.TextChoices):
    REGION = "region", "conseil régional"
    DEPARTMENT = "department", "conseil général / départemental"
    EPCI = "epci", "intercommunalité (EPCI)"
    MUNICIPALITY = "municipality", "commune"
    STATE = "state", "État"
    EU = "eu", "fonds européens"
    OTHER = "other", "autre financeur"


class FundingKind(models.TextChoices):
    STUDY = "study", "étude de préfiguration"
    OPERATING = "operating", "aide au fonctionnement"
    PROJECT = "project", "aide à un projet"
    INVESTMENT = "investment", "investissement"
    OTHER = "other", "autre"


class FundingStatus(models.TextChoices):
    REQUESTED = "requested", "demandé"
    GRANTED = "granted", "accordé"
    PAID = "paid", "versé"
    REFUSED = "refused", "refusé"
