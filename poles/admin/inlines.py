"""The inlines of a pole's change page (and of a study's)."""

from django import forms
from django.contrib import admin
from django.db import models

from core.admin.base import PortalInline, PortalInlineFormSet
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


class PoleInline(PortalInline, admin.TabularInline):
    extra = 0
    formfield_overrides = COMPACT_TEXT
    same_parent_fields = {"study": "pole"}

    def get_queryset(self, request):
        # Each row's title (its __str__) names the pole: fetch it with the rows.
        return super().get_queryset(request).select_related("pole")


class StatusChangeInline(PoleInline):
    model = StatusChange
    fields = ["status", "changed_on", "changed_on_precision", "note", "source"]


class ObjectiveInline(PoleInline):
    model = Objective
    fields = ["order", "title", "details", "study"]


class ActionInline(PoleInline):
    model = Action
    fields = ["order", "state", "title", "details", "date", "date_precision"]


class DifficultyInline(PoleInline):
    model = Difficulty
    fields = ["order", "text"]


class StrengthInline(PoleInline):
    model = Strength
    fields = ["order", "kind", "text"]


class DocumentInline(PoleInline):
    model = Document
    fields = ["title", "author", "date", "date_precision", "licence", "file", "url", "study"]
    formfield_overrides = {**COMPACT_TEXT, **DOCUMENT_FILE}


class MembershipInline(PoleInline):
    model = Membership
    fields = ["actor", "role", "started_on", "started_on_precision", "ended_on", "note"]
    autocomplete_fields = ["actor"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class PoleNetworkInline(PoleInline):
    model = PoleNetwork
    fields = ["network", "status", "note"]
    autocomplete_fields = ["network"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("network")


class StudyInline(PoleInline):
    model = Study
    fields = ["title", "status", "carrier", "launched_on", "ended_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("carrier")


class FundingLineInline(PoleInline):
    model = FundingLine
    fields = [
        "programme",
        "funder",
        "kind",
        "study",
        "amount",
        "start_year",
        "end_year",
        "posts",
        "status",
        "note",
    ]
    autocomplete_fields = ["programme", "funder"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "funder")


class ContactInline(PoleInline):
    model = Contact
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
    exclude = ["pole"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pole")


class StudyObjectiveInline(StudyPartInline):
    model = Objective
    fields = ["order", "title", "details"]


class StudyDocumentInline(StudyPartInline):
    model = Document
    fields = ["title", "author", "date", "date_precision", "licence", "file", "url"]
    formfield_overrides = {**COMPACT_TEXT, **DOCUMENT_FILE}


class StudyFundingLineInline(StudyPartInline):
    model = FundingLine
    fields = ["programme", "funder", "kind", "amount", "start_year", "end_year", "status", "note"]
    autocomplete_fields = ["programme", "funder"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "funder")
