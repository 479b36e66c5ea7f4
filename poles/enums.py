from django.db import models


class PoleStatus(models.TextChoices):
    INFORMAL = "informal", "collectif informel"
    PREFIGURATION = "prefiguration", "préfiguration (étude de faisabilité)"
    OPERATING = "operating", "en fonctionnement"
    PAUSED = "paused", "en pause"
    STOPPED = "stopped", "arrêté"


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


class DocumentKind(models.TextChoices):
    """What a document is, for the campaigns' checklists (« les statuts », « la convention avec
    la Région »: campaigns/checks.py)."""

    STATUTES = "statutes", "statuts"
    CONVENTION = "convention", "convention avec la Région"
    ACTION_PLAN = "action_plan", "plan d'action"
    STUDY = "study", "étude ou diagnostic"
    REPORT = "report", "rapport, bilan ou compte rendu"
    OTHER = "other", "autre document"
