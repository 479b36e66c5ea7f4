"""No edit lost to another: the admin refuses to save over a record changed since it was opened.

The change page's form and each inline row carry their record's version (core/versioning.py)
in a hidden field, signed by django-concurrency's form field. When the page is saved, a form
whose version is no longer the record's is refused if saving it would write anything (its data
differ from the record as it is now, or its row is ticked for deletion): the page comes back
with the user's input and a French message saying who changed the record and when (its latest
revision, django-simple-history) and which fields; nothing of the page is saved. A form sent
back equal to the record as it is now overwrites nothing and goes through: saving a pole's page
saves the pole again, even when only its objectives changed, and a coordinator (who cannot
change the pole's own fields) is not refused for that.

A record changed between that check and its save makes django-concurrency refuse the save
(RecordModifiedError): the admin's transaction is rolled back and the page answered as above.

Only those who may change a record get the field: viewers see no « version ». Deleting a whole
record (its « Supprimer » page) is not checked: that page is opened just before, lists what goes,
and the record's last state stays in its history.

Declared once (core/admin/base.py): `PortalAdmin` and `PortalInline` have `VersionCheckedForm`
as their form, and give the version a `VersionCheckedField`, which carries what the check needs
of the request (the page's address, the records refused on it); `PortalInlineFormSet` refuses
the save for a conflict in a row ticked for deletion.
"""

from concurrency.exceptions import RecordModifiedError
from concurrency.forms import VersionField
from django import forms
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime

from core.fuzzy_dates import DatePrecision, format_fuzzy_date
from core.versioning import VERSION


def is_versioned(model):
    return hasattr(model, "_concurrencymeta")


def record_key(record):
    return (record._meta.label, record.pk)


def refused_records(request):
    """Records whose save failed on a version conflict during this request."""
    if not hasattr(request, "_refused_records"):
        request._refused_records = set()
    return request._refused_records


def with_version(fieldsets, editable):
    """The fieldsets without the version, then, if the user may save, with it as the last
    line (hidden) of the first fieldset."""
    fieldsets = [
        (name, {**options, "fields": [line for line in options["fields"] if line != VERSION]})
        for name, options in fieldsets
    ]
    if editable and fieldsets:
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": [*options["fields"], VERSION]})
    return fieldsets


def author_and_date(revision):
    """« par Marie Dupont le 23 novembre 2026 à 10 h 05 », as much as the revision tells."""
    if revision is None:
        return ""
    text = ""
    user = revision.history_user
    if user is not None:
        text = f" par {user.get_full_name() or user.get_username()}"
    moment = localtime(revision.history_date)
    day = format_fuzzy_date(moment.date(), DatePrecision.DAY)  # « 1er novembre 2026 »
    return f"{text} le {day} à {moment:%H} h {moment:%M}"


def changed_since(record, opened):
    """The fields changed since version `opened`, read in the change history: each save adds
    one to the version and one revision to the history. Empty when the history falls short."""
    saves = record.version - opened
    if saves <= 0:
        return []
    revisions = list(record.revisions.all()[: saves + 1])  # the latest first
    if len(revisions) <= saves:
        return []
    delta = revisions[0].diff_against(revisions[saves])
    return [str(record._meta.get_field(name).verbose_name) for name in delta.changed_fields]


def conflict_message(record, opened, page_url, row=False):
    latest = record.revisions.select_related("history_user").first()
    who_when = author_and_date(latest)
    if row:
        name = capfirst(record._meta.verbose_name)
        text = (
            f"{name} « {record} » : cette ligne a été modifiée{who_when}, "
            "après que vous avez ouvert la page."
        )
    else:
        text = f"Cette fiche a été modifiée{who_when}, après que vous l'avez ouverte."
    fields = changed_since(record, opened)
    if fields:
        text += f" Champs modifiés entre-temps : {', '.join(fields)}."
    return format_html(
        '{} Vos modifications n\'ont pas été enregistrées : <a href="{}" target="_blank" '
        'rel="noopener">ouvrez la version actuelle dans un nouvel onglet</a>, puis reportez-y '
        "vos changements.",
        text,
        page_url,
    )


class VersionCheckedField(VersionField):
    """The record's signed version (django-concurrency's field), with what the form's check
    needs of the request: the address of the page, the records refused during the request
    (`refused_records`), and whether the form is an inline's row (the message names it)."""

    def __init__(self, *, page_url="", refused=frozenset(), row=False, **kwargs):
        super().__init__(**kwargs)
        self.page_url = page_url
        self.refused = refused
        self.row = row


def version_formfield(db_field, request, row=False):
    """The version's form field on an admin page of this request."""
    return VersionCheckedField(
        label=capfirst(db_field.verbose_name),
        help_text=db_field.help_text,
        page_url=request.get_full_path(),
        refused=refused_records(request),
        row=row,
    )


class VersionCheckedForm(forms.ModelForm):
    """The form of every admin page and inline row of the portal. With the version among its
    fields (a VersionCheckedField), a stale form is refused as said above."""

    version_conflict = False

    @property
    def changed_data(self):
        # The version says which record the form was opened at; the user changed nothing there.
        return [name for name in super().changed_data if name != VERSION]

    def clean(self):
        cleaned_data = super().clean()
        record = self.instance
        opened = cleaned_data.get(VERSION)
        if record.pk is None or opened is None:
            return cleaned_data
        version = self.fields[VERSION]
        refused = record_key(record) in version.refused
        if opened == record.version and not refused:
            return cleaned_data
        # The form's initial data are the record as read now, unless it is a past version's
        # form (history page): sent back unchanged, it then overwrites nothing.
        writes = (
            self.has_changed() or cleaned_data.get(DELETION_FIELD_NAME) or record._state.db is None
        )
        if not writes and not refused:
            cleaned_data[VERSION] = record.version
            return cleaned_data
        self.version_conflict = True
        raise ValidationError(conflict_message(record, opened, version.page_url, version.row))


def saving_without_conflict(request, model, view, *args):
    """Run the view in a transaction; when a save fails on a version conflict, run it again
    with that record's form refused: the user gets the page and the message, nothing saved."""
    if request.method != "POST":
        return view(request, *args)
    refused = refused_records(request)
    while True:
        try:
            with transaction.atomic(using=router.db_for_write(model)):
                return view(request, *args)
        except RecordModifiedError as error:
            key = record_key(error.target)
            if key in refused:
                raise
            refused.add(key)
