"""A pole coordinator's admin: their own poles and what belongs to them, nothing else.

The group « Coordinateur de pôle » gives the model permissions (poles/roles.py); this
mixin narrows them to the poles the account is linked to (`Pole.coordinators`), on the server:
querysets (lists, autocompletes, exports), object permissions (change, history and delete pages
answer 403 for another pole's record) and the choices a form accepts (a crafted POST naming
another pole is refused like any invalid choice). The pole's own admin declares more of it
(`coordinator_fields_readonly`, `cres_only_fields`).
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied

from poles.models import Pole, Study
from poles.roles import CRES, POLE_COORDINATORS

# Functions (user, pole id) called once a record of a pole was saved through the admin (the pole's
# page, or a part's own page): a campaign marks the pole's fiche « en cours »
# (campaigns/admin/__init__.py adds its function).
POLE_EDITED = []


def coordinated_pole_ids(request):
    """The ids of the poles the user coordinates, or None when the user is not restricted
    (superusers, the CRES, and anyone outside the coordinators' group). Read once a request."""
    if not hasattr(request, "_coordinated_pole_ids"):
        user = request.user
        groups = set() if user.is_superuser else set(user.groups.values_list("name", flat=True))
        if POLE_COORDINATORS in groups and CRES not in groups:
            ids = set(Pole.objects.filter(coordinators=user).values_list("pk", flat=True))
        else:
            ids = None
        request._coordinated_pole_ids = ids
    return request._coordinated_pole_ids


class CoordinatorScopeMixin:
    """For the admin of a model that belongs to a pole (`pole_field`, `pole` by default; `pk`
    for the pole's own admin), and for an inline of such records."""

    pole_field = "pole"
    # Foreign keys a coordinator does not set (a document of a programme is the CRES's).
    coordinator_excluded_fields = []
    # Fields a coordinator's page leaves out: who coordinates a pole is the CRES's to say.
    cres_only_fields = []
    # The record's own fields (its declared `fieldsets`) read-only to a coordinator, who saves
    # the page for its inlines (the pole's page: identity, status, scores, …); putting a past
    # version back, which would save them all, is refused to them.
    coordinator_fields_readonly = False

    def _scope(self, request):
        return coordinated_pole_ids(request)

    def _pole_id(self, obj):
        if isinstance(obj, Pole):
            return obj.pk
        return getattr(obj, f"{self.pole_field}_id")

    def _in_scope(self, request, obj):
        # An inline is asked about its parent (an actor's page): its rows are scoped by
        # get_queryset, the parent by its own admin.
        if obj is None or not isinstance(obj, self.model):
            return True
        ids = self._scope(request)
        return ids is None or self._pole_id(obj) in ids

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = self._scope(request)
        if ids is None:
            return queryset
        return queryset.filter(**{f"{self.pole_field}__in": ids})

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self._scope(request) is not None:
            # Another pole's record: forbidden, rather than « does not exist » and a redirect.
            model = self.model
            field = model._meta.get_field(from_field) if from_field else model._meta.pk
            try:
                exists = model._base_manager.filter(**{field.name: object_id}).exists()
            except (ValueError, TypeError):
                exists = False
            if exists:
                raise PermissionDenied
        return obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pole_id = self._pole_id(form.instance)
        for edited in POLE_EDITED if pole_id else ():
            edited(request.user, pole_id)

    def has_view_permission(self, request, obj=None):
        return self._in_scope(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._in_scope(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._in_scope(request, obj) and super().has_delete_permission(request, obj)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if self._scope(request) is not None:
            exclude += self.coordinator_excluded_fields
        return exclude

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = self._scope(request)
        if ids is not None and db_field.name == "pole":
            kwargs["queryset"] = Pole.objects.filter(pk__in=ids)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.required = True
            return field
        if ids is not None and db_field.name == "study":
            kwargs["queryset"] = Study.objects.filter(pole__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.cres_only_fields or self._scope(request) is None:
            return fieldsets
        kept = []
        for name, options in fieldsets:
            fields = [line for line in options["fields"] if not self._cres_only(line)]
            if fields:
                kept.append((name, {**options, "fields": fields}))
        return kept

    def _cres_only(self, line):
        names = line if isinstance(line, list | tuple) else [line]
        return any(name in self.cres_only_fields for name in names)

    def _fields_readonly(self, request):
        return self.coordinator_fields_readonly and self._scope(request) is not None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._fields_readonly(request):
            return readonly
        return readonly + [
            name
            for name in flatten_fieldsets(self.fieldsets)
            if name not in self.cres_only_fields and name not in readonly
        ]

    def get_prepopulated_fields(self, request, obj=None):
        # The slug is read-only for a coordinator: nothing to fill from the name.
        if self._fields_readonly(request):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self._fields_readonly(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
