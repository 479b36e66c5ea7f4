from ess_portal.history import track
from poles.models.actor import Actor, Membership
from poles.models.content import Action, Contact, Difficulty, Document, Objective, Strength
from poles.models.funding import Funder, FundingLine, Programme
from poles.models.pole import Function, Pole, PoleNetwork, StatusChange
from poles.models.study import Study

__all__ = [
    "Action",
    "Actor",
    "Contact",
    "Difficulty",
    "Document",
    "Function",
    "Funder",
    "FundingLine",
    "Membership",
    "Objective",
    "Pole",
    "PoleNetwork",
    "Programme",
    "StatusChange",
    "Strength",
    "Study",
]

# The pole's own `updated_at` changes on every save: a diff would always show it.
track(Pole, excluded_fields=["updated_at", "search_text"])
for _model in (
    StatusChange,
    Function,
    PoleNetwork,
    Actor,
    Membership,
    Study,
    Objective,
    Action,
    Difficulty,
    Strength,
    Document,
    Contact,
    Funder,
    Programme,
    FundingLine,
):
    track(_model)
