from django.contrib import admin

import funding.admin
from core.admin.base import PortalAdmin
from core.admin.export import export_selection_csv
from core.admin.inlines import PortalInline
from core.formats import euros
from funding.models import Programme
from poles.admin.coordinators import CoordinatorScopeMixin
from poles.admin.inlines import DOCUMENT_FIELDS
from poles.admin.schedule import SCHEDULE_FIELD
from poles.admin.widgets import DOCUMENT_FILE
from poles.models import Contact, Document, FundingLine


class ProgrammeContactInline(PortalInline, admin.StackedInline):
    model = Contact
    add_label = "Ajouter un contact"
    extra = 0
    exclude = ["pole"]


class ProgrammeDocumentInline(PortalInline, admin.StackedInline):
    model = Document
    add_label = "Ajouter un document"
    extra = 0
    fields = DOCUMENT_FIELDS
    formfield_overrides = DOCUMENT_FILE


class ProgrammeAdmin(funding.admin.ProgrammeAdmin):
    """A programme's page with its contacts and documents (records of the poles' app)."""

    inlines = [ProgrammeContactInline, ProgrammeDocumentInline]


admin.site.unregister(Programme)
admin.site.register(Programme, ProgrammeAdmin)


@admin.register(FundingLine)
class FundingLineAdmin(CoordinatorScopeMixin, PortalAdmin):
    actions = [export_selection_csv]
    list_display = ["pole", "kind", "funder", "programme", "amount_display", "years", "status"]
    list_filter = ["status", "kind", "funder", "programme", "pole__territories__region"]
    list_select_related = ["pole", "funder", "programme"]
    search_fields = ["pole__name", "funder__name", "programme__name", "note", "source"]
    autocomplete_fields = ["pole", "study"]
    fields = [
        "pole",
        "study",
        ("programme", "funder"),
        "kind",
        "amount",
        ("start_year", "end_year"),
        "schedule",
        "posts",
        "status",
        "note",
        "source",
    ]
    formfield_overrides = SCHEDULE_FIELD

    @admin.display(description="montant", ordering="amount")
    def amount_display(self, line):
        return euros(line.amount)

    @admin.display(description="années", ordering="start_year")
    def years(self, line):
        if line.start_year is None:
            return "—"
        if line.end_year and line.end_year != line.start_year:
            return f"{line.start_year}–{line.end_year}"
        return str(line.start_year)
