"""Stand-alone admins for what a pole's page tells (also edited inline on the pole)."""

from django.contrib import admin

from core.admin.base import PortalAdmin
from poles.admin.coordinators import CoordinatorScopeMixin
from poles.admin.widgets import DOCUMENT_FILE
from poles.models import Action, Contact, Difficulty, Document, Objective, StatusChange, Strength


@admin.register(StatusChange)
class StatusChangeAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["pole", "status", "when", "note"]
    list_filter = ["status"]
    list_select_related = ["pole"]
    search_fields = ["pole__name", "note"]
    autocomplete_fields = ["pole"]

    @admin.display(description="date", ordering="changed_on")
    def when(self, change):
        return change.fuzzy("changed_on") or "non communiquée"


@admin.register(Objective)
class ObjectiveAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["title", "pole", "study"]
    list_filter = ["pole__status"]
    list_select_related = ["pole", "study"]
    search_fields = ["title", "details", "pole__name"]
    autocomplete_fields = ["pole", "study"]


@admin.register(Action)
class ActionAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["title", "pole", "state", "when"]
    list_filter = ["state", "pole__status"]
    list_select_related = ["pole"]
    search_fields = ["title", "details", "pole__name"]
    autocomplete_fields = ["pole"]

    @admin.display(description="date", ordering="date")
    def when(self, action):
        return action.fuzzy("date") or "—"


@admin.register(Difficulty)
class DifficultyAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["__str__", "pole"]
    list_filter = ["pole__status"]
    list_select_related = ["pole"]
    search_fields = ["text", "pole__name"]
    autocomplete_fields = ["pole"]


@admin.register(Strength)
class StrengthAdmin(CoordinatorScopeMixin, PortalAdmin):
    list_display = ["__str__", "kind", "pole"]
    list_filter = ["kind"]
    list_select_related = ["pole"]
    search_fields = ["text", "pole__name"]
    autocomplete_fields = ["pole"]


@admin.register(Document)
class DocumentAdmin(CoordinatorScopeMixin, PortalAdmin):
    coordinator_excluded_fields = ["programme"]
    formfield_overrides = DOCUMENT_FILE
    list_display = ["title", "kind", "pole", "programme", "author", "when", "file_name"]
    list_filter = ["kind"]
    list_select_related = ["pole", "programme"]
    search_fields = ["title", "description", "author", "pole__name"]
    autocomplete_fields = ["pole", "study"]

    @admin.display(description="date", ordering="date")
    def when(self, document):
        return document.fuzzy("date") or "—"

    @admin.display(description="fichier joint", ordering="original_name")
    def file_name(self, document):
        return document.file_name if document.file else "—"


@admin.register(Contact)
class ContactAdmin(CoordinatorScopeMixin, PortalAdmin):
    coordinator_excluded_fields = ["programme"]
    list_display = ["full_name", "job_title", "organisation", "pole", "programme"]
    list_select_related = ["pole", "programme"]
    search_fields = ["full_name", "organisation", "email"]
    autocomplete_fields = ["pole"]
