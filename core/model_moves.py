"""Moving a model from one app to another without moving its data.

The tables stay (the model keeps its `db_table`, its history model its `table_name`; the
migrations change Django's state only, with `SeparateDatabaseAndState`). What names the app
in the database is the model's content type: `move_content_types` renames it, so that the
permissions, the groups' and users' grants and the admin's log entries follow the model."""

from django.db import migrations


def move_content_types(source, target, models):
    """A migration operation giving `models` (model names, lowercase) of app `source` to app
    `target`; reversible."""

    def forwards(apps, schema_editor):
        move(apps, schema_editor.connection.alias, source, target, models)

    def backwards(apps, schema_editor):
        move(apps, schema_editor.connection.alias, target, source, models)

    return migrations.RunPython(forwards, backwards)


def move(apps, db, source, target, models):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(db)
    for model in models:
        old = content_types.filter(app_label=source, model=model).first()
        if old is None:
            continue  # a fresh database: post_migrate creates it under `target`
        new = content_types.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
        else:
            merge(apps, db, old, new)


def merge(apps, db, old, new):
    """Both content types exist (post_migrate already created the target's): the old one's
    permissions, grants and log entries go to the new one, then the old one goes."""
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for permission in Permission.objects.using(db).filter(content_type=old):
        twin, _ = Permission.objects.using(db).get_or_create(
            content_type=new, codename=permission.codename, defaults={"name": permission.name}
        )
        for group in permission.group_set.all():
            group.permissions.add(twin)
        for user in permission.user_set.all():
            user.user_permissions.add(twin)
    LogEntry.objects.using(db).filter(content_type=old).update(content_type=new)
    old.delete()
