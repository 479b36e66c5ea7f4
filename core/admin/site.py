"""The portal's admin site (`admin.site`, named by core/admin/apps.py): Django's, whose home
(/admin/) shows the panels of the user's role above the list of the apps.

The panels are the domain's: each app adds a function of the request that returns its panels
as context of templates/admin/index.html (`admin.site.add_home_panels`, poles/admin/home.py,
campaigns/admin/home.py); core knows none of them.

The admin's log (Django's LogEntry) keeps one entry per record saved or deleted through the
admin, and one per confirmed import (`log_import`, called by `PortalAdmin`): the home reads
both (`change_entries`, `import_entries`).
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from core.admin.imports import plural

# django-import-export's entries, one per row, written before imports were logged as a whole:
# « new through import_export » names no change the home could show.
LIBRARY_IMPORT_MESSAGE = " through import_export"


class PortalAdminSite(AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Functions request -> dict: the panels of the user's role, added to the home's context.
        self.home_panel_functions = []

    def add_home_panels(self, function):
        self.home_panel_functions.append(function)

    def index(self, request, extra_context=None):
        panels = {}
        for function in self.home_panel_functions:
            panels.update(function(request))
        return super().index(request, {**panels, **(extra_context or {})})


def import_message(result):
    """« Import de 12 lignes (3 ajouts, 9 modifications) »: what the rows did, those that did
    something."""
    totals = result.totals
    words = [
        ("new", "ajout", None),
        ("update", "modification", None),
        ("delete", "suppression", None),
        ("skip", "ligne inchangée", "lignes inchangées"),
    ]
    done = [plural(totals[key], *names) for key, *names in words if totals[key]]
    detail = f" ({', '.join(done)})" if done else ""
    return f"Import de {plural(result.total_rows, 'ligne')}{detail}"


def log_import(model_admin, request, result):
    """The log's entry of a confirmed import: who imported which file into which list, and
    what it did. It names no record (each row's change is in its record's history)."""
    file_name = request.POST.get("original_file_name") or "fichier importé"
    LogEntry.objects.create(
        user_id=request.user.pk,
        content_type=ContentType.objects.get_for_model(model_admin.model),
        object_id=None,
        object_repr=file_name[:200],
        action_flag=CHANGE,
        change_message=import_message(result),
    )


def import_entries():
    """The entries `log_import` wrote, the newest first: the only ones that name no record."""
    return LogEntry.objects.filter(object_id=None).select_related("user", "content_type")


def change_entries():
    """The entries of the records saved or deleted through the admin, the newest first."""
    return (
        LogEntry.objects.exclude(object_id=None)
        .exclude(change_message__endswith=LIBRARY_IMPORT_MESSAGE)
        .select_related("user", "content_type")
    )
