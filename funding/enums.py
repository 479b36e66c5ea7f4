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
    # A line whose document names the funder but not what the money is for (« la subvention
    # allouée par le Conseil Régional »).
    UNKNOWN = "unknown", "non communiquée"


class FundingStatus(models.TextChoices):
    REQUESTED = "requested", "demandé"
    GRANTED = "granted", "accordé"
    PAID = "paid", "versé"
    REFUSED = "refused", "refusé"
    # Known to exist, not known to be asked, granted or refused: a pole a programme lists
    # (document 002, October 2010). Such a line has no amount (the constraint
    # funding_line_unknown_state_has_no_amount): its money is never summed with the others.
    UNKNOWN = "unknown", "non communiqué"
