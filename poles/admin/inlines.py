"""The inlines of a pole's change page (and of a study's)."""

from django import forms
from django.contrib import admin
from django.db import models

from core.admin.inlines import PortalInline, PortalInlineFormSet
from poles.admin.schedule import SCHEDULE_FIELD
from poles.admin.widgets import DOCUMENT_FILE
from poles.models import (
    Action,
    Contact,
    Difficulty,
    Document,
    FundingLine,
    Membership,
    Objective,
    PoleNetwork,
    StatusChange,
    Strength,
    Study,
)

# Rows stay readable when a pole has dozens of them.
COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}
# Records of many fields are stacked, one block each, their fields on a few lines: the page
# fits the screen. Their text: a paragraph's width (admin.css keeps it within the screen).
STACKED = "admin/edit_inline/stacked.html"
ROW_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class PoleInline(PortalInline, admin.TabularInline):
    """A pole's records, in a table for those of a few narrow columns (`template = STACKED`
    for the others). `add_label` is the wording of the « add » button
    (templates/admin/edit_inline/)."""

    extra = 0
    formfield_overrides = COMPACT_TEXT
    same_parent_fields = {"study": "pole"}
    order_field = "order"
    # Lists that grow with the years (members, funding, documents, statuses): the latest ten
    # on the page, the others in their list. The fiche's text (objectives, actions, …) keeps
    # the default of `PortalInline`, which no real fiche reaches.
    max_rows = 10

    def get_queryset(self, request):
        # Each row's title (its __str__) names the pole: fetch it with the rows.
        return super().get_queryset(request).select_related("pole")


class StatusChangeInline(PoleInline):
    model = StatusChange
    add_label = "Ajouter un changement de statut"
    fields = ["status", "changed_on", "changed_on_precision", "note", "source"]


class ObjectiveInline(PoleInline):
    max_rows = PortalInline.max_rows
    model = Objective
    add_label = "Ajouter un objectif"
    fields = ["order", "title", "details", "study"]


class ActionInline(PoleInline):
    max_rows = PortalInline.max_rows
    template = STACKED
    formfield_overrides = ROW_TEXT
    model = Action
    add_label = "Ajouter une action"
    fields = [("order", "state"), "title", "details", ("date", "date_precision")]


class DifficultyInline(PoleInline):
    max_rows = PortalInline.max_rows
    model = Difficulty
    add_label = "Ajouter une difficulté"
    fields = ["order", "text"]


class StrengthInline(PoleInline):
    max_rows = PortalInline.max_rows
    model = Strength
    add_label = "Ajouter un point fort"
    fields = ["order", "kind", "text"]


# A document's fields, on lines of a stacked row.
DOCUMENT_FIELDS = [("title", "author"), ("date", "date_precision", "licence"), ("file", "url")]


class DocumentInline(PoleInline):
    template = STACKED
    model = Document
    add_label = "Ajouter un document"
    fields = [*DOCUMENT_FIELDS, ("kind", "study")]
    formfield_overrides = {**ROW_TEXT, **DOCUMENT_FILE}


class MembershipInline(PoleInline):
    model = Membership
    add_label = "Ajouter une participation"
    fields = ["actor", "role", "started_on", "started_on_precision", "ended_on", "note"]
    autocomplete_fields = ["actor"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class PoleNetworkInline(PoleInline):
    model = PoleNetwork
    add_label = "Ajouter un réseau"
    fields = ["network", "status", "note"]
    autocomplete_fields = ["network"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("network")


class StudyInline(PoleInline):
    model = Study
    add_label = "Ajouter une étude de préfiguration"
    fields = ["title", "status", "carrier", "launched_on", "ended_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("carrier")


class FundingLineInline(PoleInline):
    template = STACKED
    formfield_overrides = {**ROW_TEXT, **SCHEDULE_FIELD}
    model = FundingLine
    add_label = "Ajouter une ligne de financement"
    latest_first = ("-start_year", "-pk")
    latest_label = "celles des années les plus récentes"
    fields = [
        ("programme", "funder"),
        ("kind", "study"),
        ("amount", "status"),
        ("start_year", "end_year", "posts"),
        ("schedule", "note"),
        "source",
    ]
    autocomplete_fields = ["programme", "funder"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "funder")


class ContactInline(PoleInline):
    model = Contact
    add_label = "Ajouter un contact"
    fields = ["full_name", "job_title", "organisation", "phone", "email"]


class StudyPartFormSet(PortalInlineFormSet):
    """Each row belongs to the study's pole too, set before validation and before saving.

    On a new study's page the formsets are built before the study's form is validated, so
    the study has no pole yet when the rows are constructed: the pole is copied again once the
    study's form has set it (validation runs after, saving after that)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.pole_id = self.instance.pole_id
        return form

    def full_clean(self):
        for form in self.forms:
            form.instance.pole_id = self.instance.pole_id
        super().full_clean()

    def save_new(self, form, commit=True):
        form.instance.pole_id = self.instance.pole_id
        return super().save_new(form, commit)


class StudyPartInline(PortalInline, admin.TabularInline):
    """Records of a study that also belong to its pole: the pole is taken from the study."""

    formset = StudyPartFormSet
    extra = 0
    formfield_overrides = COMPACT_TEXT
    order_field = "order"
    exclude = ["pole"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pole")


class StudyObjectiveInline(StudyPartInline):
    model = Objective
    add_label = "Ajouter un objectif"
    fields = ["order", "title", "details"]


class StudyDocumentInline(StudyPartInline):
    model = Document
    add_label = "Ajouter un document"
    template = STACKED
    fields = DOCUMENT_FIELDS
    formfield_overrides = {**ROW_TEXT, **DOCUMENT_FILE}


class StudyFundingLineInline(StudyPartInline):
    model = FundingLine
    add_label = "Ajouter une ligne de financement"
    template = STACKED
    fields = [
        ("programme", "funder"),
        ("kind", "amount", "status"),
        ("start_year", "end_year"),
        ("schedule", "note"),
        "source",
    ]
    formfield_overrides = {**ROW_TEXT, **SCHEDULE_FIELD}
    autocomplete_fields = ["programme", "funder"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "funder")
