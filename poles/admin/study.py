from django.contrib import admin

from core.admin.base import PortalAdmin
from poles.admin.coordinators import CoordinatorScopeMixin
from poles.admin.inlines import StudyDocumentInline, StudyFundingLineInline, StudyObjectiveInline
from poles.models import Study


@admin.register(Study)
class StudyAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["title", "pole", "carrier", "status", "launched"]
    list_filter = ["status", "pole__territories__region"]
    list_select_related = ["pole", "carrier"]
    search_fields = ["title", "pole__name", "carrier__name"]
    autocomplete_fields = ["pole", "carrier"]
    fields = [
        "title",
        "pole",
        ("status", "carrier"),
        ("launched_on", "launched_on_precision"),
        ("ended_on", "ended_on_precision"),
        "methodology",
        "note",
    ]
    inlines = [StudyObjectiveInline, StudyFundingLineInline, StudyDocumentInline]

    @admin.display(description="lancement", ordering="launched_on")
    def launched(self, study):
        return study.fuzzy("launched_on") or "—"
