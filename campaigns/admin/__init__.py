"""The campaigns in the admin: the CRES opens and closes them (campaign.py), keeps the
checklists (checklist.py), reviews the fiches (fiche.py); each role's home and each pole's page
say where the fiche of the year stands (home.py, panels.py)."""

from campaigns import workflow
from campaigns.admin import campaign, checklist, fiche, home, panels  # noqa: F401 (registers)
from poles.admin.coordinators import POLE_EDITED

POLE_EDITED.append(workflow.started)
