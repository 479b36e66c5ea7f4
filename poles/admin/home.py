"""The admin's home (/admin/): above the list of the apps, what each role comes for.

- The CRES (and superusers): the poles whose page has waited longest for an update, the
  network's recent changes, the funding requested and not decided yet, the last imports.
  Changes are read from the admin's log (core/admin/site.py): one table, one entry per page
  saved through the admin with what changed in it and its inlines, deletions included. The
  records' histories (simple-history) keep a table per model, twenty to merge, and the saves of
  scripts too.
- A pole's coordinator: their poles, each one click from its page, and what they may change.
- A Region officer: the funding lists and the downloads.

A constant number of queries, whatever the data (tests/admin/test_home.py).
"""

from django.contrib import admin
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst

from core.admin.site import change_entries, import_entries
from core.formats import euros
from funding.enums import FundingStatus
from poles.models import FundingLine, Pole
from poles.roles import CRES, POLE_COORDINATORS, REGION_OFFICERS

OLDEST_POLES = 10
RECENT_CHANGES = 10
PENDING_FUNDING = 10
LAST_IMPORTS = 5

# The public lists' downloads (URL namespaces, see www/urls.py).
PUBLIC_EXPORTS = [
    ("Pôles", "poles"),
    ("Financements", "funding"),
    ("Acteurs", "actors"),
    ("Territoires", "territories"),
]


def home_panels(request):
    """The panels of the user's role, for templates/admin/index.html."""
    user = request.user
    groups = set(user.groups.values_list("name", flat=True))
    if user.is_superuser or CRES in groups:
        return {"cres_home": cres_panels()}
    panels = {}
    if POLE_COORDINATORS in groups:
        panels["coordinator_home"] = {
            "poles": list(Pole.objects.filter(coordinators=user).only("pk", "name", "slug"))
        }
    if REGION_OFFICERS in groups:
        panels["region_home"] = region_panel(request)
    return panels


def cres_panels():
    requested = FundingLine.objects.filter(status=FundingStatus.REQUESTED)
    return {
        "oldest_poles": Pole.objects.only("pk", "name", "updated_at").order_by(
            F("updated_at").asc(nulls_first=True), "name"
        )[:OLDEST_POLES],
        "recent_changes": change_entries()[:RECENT_CHANGES],
        "requested_lines": [
            (line, euros(line.amount))
            for line in requested.select_related("pole", "funder", "programme").order_by(
                F("start_year").asc(nulls_last=True), "pole__name", "pk"
            )[:PENDING_FUNDING]
        ],
        "requested_count": requested.count(),
        "requested_url": funding_list_url(FundingStatus.REQUESTED),
        "imports": [
            (entry, *imported_list(entry.content_type)) for entry in import_entries()[:LAST_IMPORTS]
        ],
    }


def region_panel(request):
    return {
        "funding_lists": [
            ("Toutes les lignes de financement", funding_list_url()),
            *(
                (f"Lignes à l'état « {label} »", funding_list_url(status))
                for status, label in FundingStatus.choices
            ),
        ],
        "public_exports": [
            (name, reverse(f"{namespace}:export_csv"), reverse(f"{namespace}:export_xlsx"))
            for name, namespace in PUBLIC_EXPORTS
        ],
        # « Exporter » (every column, CSV or XLSX): the admins that name a resource.
        "admin_exports": [
            (capfirst(model_admin.opts.verbose_name_plural), export_url(model_admin.opts))
            for model_admin in admin.site._registry.values()
            if exports(model_admin, request)
        ],
    }


def funding_list_url(status=None):
    url = reverse("admin:poles_fundingline_changelist")
    return f"{url}?status__exact={status}" if status else url


def exports(model_admin, request):
    allowed = getattr(model_admin, "has_export_permission", None)  # PortalAdmin's
    return allowed is not None and allowed(request)


def export_url(opts):
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_export")


def imported_list(content_type):
    """The name of the list an import went into, and its address in the admin (or None)."""
    model = content_type.model_class()
    name = capfirst(model._meta.verbose_name_plural) if model else content_type.model
    try:
        url = reverse(f"admin:{content_type.app_label}_{content_type.model}_changelist")
    except NoReverseMatch:
        url = None
    return name, url


admin.site.add_home_panels(home_panels)
