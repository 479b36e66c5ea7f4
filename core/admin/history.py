"""The admin's « Historique » page of every record: who changed what and when, with the diffs.

Every admin of the portal derives from `HistoryAdmin`, which also keeps anyone's edit from being
lost to another's (core/admin/concurrency.py)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from simple_history.admin import SimpleHistoryAdmin

from core.admin.concurrency import ConcurrencyAdminMixin, saving_without_conflict


class HistoryAdmin(ConcurrencyAdminMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin, at a constant number of queries whatever the history rows.

    The rows' users and foreign keys are joined (`get_history_queryset`). Each row names the
    record as it was (`history_object`, a fresh instance of the model): a `__str__` that names
    a related record (« Pôle — Action … ») would fetch it once per row, so the row's instance
    gets the related records joined with the history row."""

    def history_view(self, request, object_id, extra_context=None):
        self._check_current_record(request, object_id, self.has_view_or_change_permission)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Upstream asks for the permission on the past version only, and saves a POST without
        # asking for the change permission at all. A past version is checked, and so is the
        # record as it is now: whoever could reach a record once (a coordinator, before the
        # CRES moved it to another pole) neither reads it through an old version nor pulls
        # it back by saving that version.
        allowed = (
            self.has_change_permission
            if request.method == "POST"
            else self.has_view_or_change_permission
        )
        self._check_current_record(request, object_id, allowed)
        try:
            version_id = int(version_id)
        except ValueError:
            raise Http404 from None
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        version = get_object_or_404(
            history.model, **{self.model._meta.pk.attname: object_id, "history_id": version_id}
        )
        if not allowed(request, version.instance):
            raise PermissionDenied
        # A past version is saved over the record as it is now: the form carries the version
        # the record had when the page was opened (simple-history reads the fields it does not
        # keep, the version among them, from the record), checked like a change page's.
        view = super().history_form_view
        return saving_without_conflict(
            request, self.model, view, object_id, version_id, extra_context
        )

    def save_model(self, request, obj, form, change):
        # A change page sent back with the record's own fields as they were (only its rows
        # edited) writes nothing of the record: no new version, no history row. A past
        # version's page is another view: its form starts from the version, so it is saved.
        match = request.resolver_match
        is_change_page = match is not None and (match.url_name or "").endswith("_change")
        if change and is_change_page and not form.has_changed():
            return
        super().save_model(request, obj, form, change)

    def _check_current_record(self, request, object_id, allowed):
        """PermissionDenied unless `allowed` for the record as it is now (when it still
        exists: a deleted record's versions are judged by themselves). `get_object` reads the
        admin's queryset, which answers 403 itself for a record out of the user's reach."""
        # An address whose identifier is no identifier (`/admin/poles/pole/3/change/history/`
        # reads « 3/change ») is a page that does not exist, not a server error.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        current = self.get_object(request, unquote(object_id))
        if current is not None and not allowed(request, current):
            raise PermissionDenied

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # Upstream joins the tracked foreign keys with `select_related(*names)`, which follows
        # no nullable key when a model has none (`select_related()`) and then drops the
        # history's user: one query per row. Join the user and the tracked keys by name.
        foreign_keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *foreign_keys
        )

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        for record in historical_records:
            instance = record.history_object
            for name, related in record._state.fields_cache.items():
                if name != "history_user":
                    instance._state.fields_cache[name] = related
            # history_object is a non-data descriptor: the instance attribute takes over.
            record.history_object = instance
        super().set_history_delta_changes(request, historical_records, **kwargs)
