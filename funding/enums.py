from django.db import models


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
