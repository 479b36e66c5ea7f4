from django.contrib import admin

from core.admin.export import export_selection_csv
from core.admin.history import HistoryAdmin
from core.admin.queries import ConstantQueriesInlineMixin
from core.formats import euros
from poles.admin.coordinators import CoordinatorScopeMixin
from poles.admin.widgets import DOCUMENT_FILE
from poles.models import Contact, Document, Funder, FundingLine, Programme


@admin.register(Funder)
class FunderAdmin(HistoryAdmin):
    list_display = ["name", "kind", "region", "department"]
    list_filter = ["kind", "region"]
    list_select_related = ["region", "department"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ProgrammeContactInline(ConstantQueriesInlineMixin, admin.StackedInline):
    model = Contact
    extra = 0
    exclude = ["pole"]


class ProgrammeDocumentInline(ConstantQueriesInlineMixin, admin.TabularInline):
    model = Document
    extra = 0
    fields = ["title", "author", "date", "date_precision", "licence", "file", "url"]
    formfield_overrides = DOCUMENT_FILE


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ["name", "funder", "study_cap", "operating_rule"]
    list_filter = ["funder"]
    list_select_related = ["funder"]
    search_fields = ["name", "funder__name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "funder"]}),
        (
            "Règles vérifiées sur chaque ligne de financement",
            {
                "description": "Laisser vide une règle que le programme ne pose pas.",
                "fields": [
                    "study_max_amount",
                    ("operating_amount_per_post_year", "operating_max_years"),
                    ("operating_min_posts", "operating_max_posts"),
                ],
            },
        ),
        (
            "Présentation",
            {
                "fields": [
                    "action",
                    "objectives",
                    "targets",
                    "implementation",
                    "resources",
                    "other_partners",
                    "evaluation",
                    "context",
                    "more_info",
                ]
            },
        ),
    ]
    inlines = [ProgrammeContactInline, ProgrammeDocumentInline]

    @admin.display(description="plafond d'une étude")
    def study_cap(self, programme):
        return euros(programme.study_max_amount) if programme.study_max_amount else "—"

    @admin.display(description="aide au fonctionnement")
    def operating_rule(self, programme):
        if programme.operating_amount_per_post_year is None:
            return "—"
        return f"{euros(programme.operating_amount_per_post_year)} par an et par poste"


@admin.register(FundingLine)
class FundingLineAdmin(CoordinatorScopeMixin, HistoryAdmin):
    actions = [export_selection_csv]
    list_display = ["pole", "kind", "funder", "programme", "amount_display", "years", "status"]
    list_filter = ["status", "kind", "funder", "programme", "pole__territories__region"]
    list_select_related = ["pole", "funder", "programme"]
    search_fields = ["pole__name", "funder__name", "programme__name", "note"]
    autocomplete_fields = ["pole", "study"]
    fields = [
        "pole",
        "study",
        ("programme", "funder"),
        "kind",
        "amount",
        ("start_year", "end_year"),
        "posts",
        "status",
        "note",
    ]

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
