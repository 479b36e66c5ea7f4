"""Django's "jsonl" serialization, with historical models and natural keys of our own.

Records refer to each other by id, except to the rows the target database makes for itself
with other ids: content types and permissions (made by `migrate`), and groups (made by data
migrations, and matched by name). Those are referred to by natural keys — content type
`[app, model]`, permission `[codename, app, model]`, group `[name]` — which are computed
here rather than by the models' `natural_key()`, which historical models do not have.
Users keep their ids: a restore goes into a database with no user.
"""

from django.core.serializers import base, jsonl
from django.db import models

from core.backup.archive import BackupError

NATURAL_KEYS = {
    "contenttypes.contenttype": lambda content_type: [content_type.app_label, content_type.model],
    "auth.permission": lambda permission: [
        permission.codename,
        permission.content_type.app_label,
        permission.content_type.model,
    ],
    "auth.group": lambda group: [group.name],
}
WITHOUT_ID = {"auth.group"}  # written without their ids: matched by their natural key
CHUNK_SIZE = 1000  # records read (with their many-to-many links) at a time


def label(model):
    return model._meta.label_lower


def natural_key(instance):
    return NATURAL_KEYS[label(instance)](instance)


def records(model, using):
    """The model's records in the order of their ids, CHUNK_SIZE at a time, with what their
    serialization reads joined or prefetched (a constant number of queries per chunk)."""
    queryset = model._base_manager.using(using).order_by(model._meta.pk.attname)
    joined = []
    for field in model._meta.local_fields:
        if field.remote_field and label(field.related_model) in NATURAL_KEYS:
            joined.append(field.name)
            if label(field.related_model) == "auth.permission":
                joined.append(f"{field.name}__content_type")
    prefetched = []
    for field in model._meta.local_many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue  # a model of its own, saved as such
        related = field.related_model._base_manager.all()
        if label(field.related_model) == "auth.permission":
            related = related.select_related("content_type")
        prefetched.append(models.Prefetch(field.name, queryset=related))
    if joined:
        queryset = queryset.select_related(*joined)
    if prefetched:
        queryset = queryset.prefetch_related(*prefetched)
    return queryset.iterator(chunk_size=CHUNK_SIZE)


class Serializer(jsonl.Serializer):
    """One JSON object a line; references to content types, permissions and groups by
    natural key, groups without their ids; many-to-many values sorted (the same archive
    from every database)."""

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        if label(obj) in WITHOUT_ID:
            del data["pk"]
        return data

    def handle_fk_field(self, obj, field):
        key = NATURAL_KEYS.get(label(field.related_model))
        if key is None:
            return super().handle_fk_field(obj, field)
        related = getattr(obj, field.name)
        self._current[field.name] = None if related is None else key(related)

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return
        key = NATURAL_KEYS.get(label(field.related_model))
        if key is None:
            super().handle_m2m_field(obj, field)
            self._current[field.name].sort()
            return
        prefetched = getattr(obj, "_prefetched_objects_cache", {}).get(field.name)
        related = prefetched if prefetched is not None else getattr(obj, field.name).all()
        self._current[field.name] = sorted(key(item) for item in related)


class NaturalKeys:
    """The target database's ids of content types, permissions and groups, from their
    natural keys (each looked up once)."""

    def __init__(self, apps, using):
        self.apps = apps
        self.using = using
        self.ids = {}
        self.missing_permissions = set()

    def manager(self, model_label):
        return self.apps.get_model(model_label)._base_manager.using(self.using)

    def remember(self, instance):
        self.ids[label(instance), tuple(natural_key(instance))] = instance.pk

    def id(self, model_label, key):
        """The id for `key`; None for a group not restored yet or a permission that this
        version does not have. A content type is created if missing (one of a model
        deleted long ago that the source database still had)."""
        key = tuple(key)
        if (model_label, key) in self.ids:
            return self.ids[model_label, key]
        if model_label == "contenttypes.contenttype":
            pk = self.manager(model_label).get_or_create(app_label=key[0], model=key[1])[0].pk
        elif model_label == "auth.permission":
            codename, app_label, model = key
            pk = (
                self.manager(model_label)
                .filter(
                    codename=codename,
                    content_type__app_label=app_label,
                    content_type__model=model,
                )
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                self.missing_permissions.add(f"{app_label}.{codename}")
        else:
            pk = self.manager(model_label).filter(name=key[0]).values_list("pk", flat=True).first()
        self.ids[model_label, key] = pk
        return pk


class Deserializer(jsonl.Deserializer):
    """Reads the lines of a stream into instances of the historical models `apps`."""

    def __init__(self, stream, *, apps, natural_keys, **options):
        self.apps = apps
        self.natural_keys = natural_keys
        super().__init__(stream, **options)

    def _get_model_from_node(self, model_identifier):
        try:
            return self.apps.get_model(model_identifier)
        except (LookupError, TypeError, ValueError):
            raise base.DeserializationError(
                f"modèle inconnu à l'état des migrations de l'archive : {model_identifier}"
            ) from None

    def _handle_fk_field_node(self, field, field_value):
        model_label = label(field.related_model)
        if model_label not in NATURAL_KEYS or field_value is None:
            return super()._handle_fk_field_node(field, field_value)
        pk = self.natural_keys.id(model_label, field_value)
        if pk is None:
            raise BackupError(
                f"« {' '.join(map(str, field_value))} » ({model_label}) n'existe pas dans "
                "cette base."
            )
        return pk

    def _handle_m2m_field_node(self, field, field_value):
        model_label = label(field.related_model)
        if model_label not in NATURAL_KEYS:
            return super()._handle_m2m_field_node(field, field_value)
        ids = [self.natural_keys.id(model_label, key) for key in field_value]
        if model_label == "auth.group" and None in ids:
            raise BackupError("un compte appartient à un groupe que l'archive ne contient pas.")
        return [pk for pk in ids if pk is not None]  # permissions this version no longer has
