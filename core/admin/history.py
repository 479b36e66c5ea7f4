"""The admin's « Historique » page of every record: who changed what and when, with the diffs.

What `PortalAdmin` (core/admin/base.py) adds to SimpleHistoryAdmin, for every admin of the
portal:
- the history and a past version are shown only to whoever may see the record as it is now,
  and a past version is put back only by whoever may change it (`check_current_record`);
- a change page sent back with the record's own fields as they were writes nothing of the
  record (`writes_nothing`);
- the history page runs a constant number of queries whatever its rows
  (`history_queryset`, `name_records_as_they_were`).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404


def check_current_record(model_admin, request, object_id, allowed):
    """PermissionDenied unless `allowed` for the record as it is now (when it still exists: a
    deleted record's versions are judged by themselves). `get_object` reads the admin's
    queryset, which answers 403 itself for a record out of the user's reach."""
    # An address whose identifier is no identifier (`/admin/poles/pole/3/change/history/`
    # reads « 3/change ») is a page that does not exist, not a server error.
    try:
        model_admin.model._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        raise Http404 from None
    current = model_admin.get_object(request, unquote(object_id))
    if current is not None and not allowed(request, current):
        raise PermissionDenied


def past_version(model, object_id, version_id):
    """The history row `version_id` of the record `object_id`, or 404."""
    try:
        version_id = int(version_id)
    except ValueError:
        raise Http404 from None
    history = getattr(model, model._meta.simple_history_manager_attribute)
    return get_object_or_404(
        history.model, **{model._meta.pk.attname: object_id, "history_id": version_id}
    )


def writes_nothing(request, form, change):
    """A change page sent back with the record's own fields as they were (only its rows
    edited): no new version, no history row. A past version's page is another view: its form
    starts from the version, so it is saved."""
    match = request.resolver_match
    is_change_page = match is not None and (match.url_name or "").endswith("_change")
    return change and is_change_page and not form.has_changed()


def history_queryset(history_manager, pk_name, object_id):
    """The record's history rows with their users and tracked foreign keys joined by name.

    Upstream joins them with `select_related(*names)`, which follows no nullable key when a
    model has none (`select_related()`) and then drops the history's user: one query per row."""
    foreign_keys = [
        field.name
        for field in history_manager.model.tracked_fields
        if isinstance(field, models.ForeignKey)
    ]
    return history_manager.filter(**{pk_name: object_id}).select_related(
        "history_user", *foreign_keys
    )


def name_records_as_they_were(historical_records):
    """Each row names the record as it was (`history_object`, a fresh instance of the model):
    a `__str__` that names a related record (« Pôle — Action … ») would fetch it once per row,
    so the row's instance gets the related records joined with the history row."""
    for record in historical_records:
        instance = record.history_object
        for name, related in record._state.fields_cache.items():
            if name != "history_user":
                instance._state.fields_cache[name] = related
        # history_object is a non-data descriptor: the instance attribute takes over.
        record.history_object = instance
