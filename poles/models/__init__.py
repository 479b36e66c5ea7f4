from core.history import track
from poles.models.content import Action, Contact, Difficulty, Document, Objective, Strength
from poles.models.funding_line import FundingLine
from poles.models.membership import Membership
from poles.models.pole import Function, Pole, PoleNetwork, StatusChange
from poles.models.study import Study

__all__ = [
    "POLE_PARTS",
    "Action",
    "Contact",
    "Difficulty",
    "Document",
    "Function",
    "FundingLine",
    "Membership",
    "Objective",
    "Pole",
    "PoleNetwork",
    "StatusChange",
    "Strength",
    "Study",
]

# A pole's parts: the records its page shows, each pointing to it through `pole` (a
# programme's documents and contacts have none), in the order of the pole's admin page.
POLE_PARTS = (
    StatusChange,
    Objective,
    Action,
    Difficulty,
    Strength,
    Membership,
    PoleNetwork,
    Study,
    FundingLine,
    Document,
    Contact,
)

# The pole's own `updated_at` changes on every save: a diff would always show it.
track(Pole, excluded_fields=["updated_at", "search_text"])
for _model in (*POLE_PARTS, Function):
    track(_model)
