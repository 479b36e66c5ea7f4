from django.db import models


class FicheState(models.TextChoices):
    """Where a pole's fiche of the year stands in its campaign (campaigns/workflow.py)."""

    TODO = "todo", "à faire"
    IN_PROGRESS = "in_progress", "en cours"
    SUBMITTED = "submitted", "soumise"
    TO_REVISE = "to_revise", "à revoir"
    VALIDATED = "validated", "validée"


# The fiches a coordinator still has to submit (the reminders are for them).
OPEN_STATES = (FicheState.TODO, FicheState.IN_PROGRESS, FicheState.TO_REVISE)
