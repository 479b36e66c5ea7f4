"""The files of /donnees/: what the public pages show, one file per kind of record, each
column described once for its CSV and its Table Schema (columns.py).

Identifiers: the slug of the records whose pages have one (poles, territories, actors,
funders, programmes), the database id otherwise; a reference to another file is its
identifier there (declared as a foreign key). Codes (`operating`) rather than labels for
what has choices, the labels in the column's description. Nothing of the accounts, the
campaigns' reviews, the history of changes or the demo flag: the pages do not show them.
The contacts are those the pole's and programme's pages publish (name, job, phone, e-mail)."""

from www.opendata.resources.actors import ACTORS, MEMBERSHIPS, NETWORKS
from www.opendata.resources.funding import FUNDERS, FUNDING_LINES, PROGRAMMES, YEARLY_AMOUNTS
from www.opendata.resources.parts import (
    ACTIONS,
    CONTACTS,
    DIFFICULTIES,
    DOCUMENTS,
    OBJECTIVES,
    STATUS_CHANGES,
    STRENGTHS,
    STUDIES,
)
from www.opendata.resources.poles import POLE_TERRITORIES, POLES
from www.opendata.resources.territories import KEY_FIGURES, TERRITORIES

RESOURCES = [
    POLES,
    TERRITORIES,
    POLE_TERRITORIES,
    KEY_FIGURES,
    ACTORS,
    MEMBERSHIPS,
    FUNDERS,
    PROGRAMMES,
    FUNDING_LINES,
    YEARLY_AMOUNTS,
    STUDIES,
    OBJECTIVES,
    ACTIONS,
    DIFFICULTIES,
    STRENGTHS,
    NETWORKS,
    DOCUMENTS,
    CONTACTS,
    STATUS_CHANGES,
]
BY_NAME = {resource.name: resource for resource in RESOURCES}
