"""/territoires/export.csv|xlsx: the territories of /territoires/ with their latest figures.

One row per territory, in the page's order: the Pays by department (a Pays over several
departments comes under the first one, once, so that its figures are not added twice), then
the other territories by region. The list has no filter: the query string is ignored, as on
the page."""

from core.exports import DECIMAL, INTEGER, Column, export_response
from www.territories.views import group_for_list, listed_territories, with_cards


def in_list_order(territories):
    pays_by_department, others_by_region = group_for_list(territories)
    seen = set()
    for _department, entries in pays_by_department:
        for entry in entries:
            if entry["territory"].pk not in seen:
                seen.add(entry["territory"].pk)
                yield entry["territory"]
    for _region, others in others_by_region:
        yield from others


def figure(name):
    return lambda territory: getattr(territory.figures, name) if territory.figures else None


COLUMNS = [
    Column("Nom", lambda territory: territory.name, width=35),
    Column("Type", lambda territory: territory.get_kind_display(), width=25),
    Column("Région", lambda territory: territory.region.name, width=20),
    Column(
        "Départements",
        lambda territory: ", ".join(str(d) for d in territory.department_list) or None,
        width=35,
    ),
    Column(
        "Pôles",
        lambda territory: ", ".join(pole.name for pole in territory.pole_list) or None,
        width=30,
    ),
    Column("Année", figure("year")),
    Column("Source", figure("source"), width=40),
    Column("Établissements", figure("establishments"), INTEGER),
    Column("Emplois salariés", figure("salaried_jobs"), INTEGER),
    Column("Part des effectifs salariés (%)", figure("salaried_jobs_share"), DECIMAL),
    Column("Associations", figure("associations"), INTEGER),
    Column("Part des associations (%)", figure("associations_share"), DECIMAL),
    Column("Coopératives", figure("cooperatives"), INTEGER),
    Column("Part des coopératives (%)", figure("cooperatives_share"), DECIMAL),
]


def territory_export(request, export_format):
    rows = in_list_order(with_cards(listed_territories()))
    return export_response(export_format, "territoires", COLUMNS, rows, "Territoires")
