"""The portal's roles in the admin (Django groups), created with their permissions by migrations.

Each migration holds a copy of the names it creates: a migration must not import app code that
can change."""

from poles.models import POLE_PARTS

# Region officers (service ESS of the Conseil régional): view every record and export, change
# nothing. Created by territories/0002_region_officers_group (+ 0004 for the history).
REGION_OFFICERS = "Services de la Région (lecture seule)"

# The regional ESS chamber's staff: every permission on the portal's records, and the accounts
# (to give a pole's coordinator an account). Created by poles/0007_cres_and_coordinator_groups.
CRES = "CRES"

# A pole's coordinator: keeps the pages of the poles their account is linked to
# (`Pole.coordinators`) up to date, sees no other pole. Created by the same migration.
POLE_COORDINATORS = "Coordinateur de pôle"

# What a coordinator edits on their poles (add, change, delete, view) …
COORDINATOR_EDITS = [
    "objective",
    "action",
    "difficulty",
    "strength",
    "document",
    "contact",
    "membership",
]
# … and what they only see: the pole itself (status, scores, identity are the CRES's), its
# other parts (status history, networks, studies, funding), and the actors to choose members
# from. `change_pole` lets them save the pole's page with its inlines: every field of the
# pole itself is read-only for them (poles/admin/coordinators.py).
COORDINATOR_VIEWS = [
    "pole",
    *(
        part._meta.model_name
        for part in POLE_PARTS
        if part._meta.model_name not in COORDINATOR_EDITS
    ),
    "actor",
]
