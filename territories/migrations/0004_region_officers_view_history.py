# The Region's officers see the change history of every record too (read only): their group
# gets the `view_historical…` permission of each historical model (territories/0003_history;
# those of poles/0004_history from poles/0007). The admin shows a record's history to whoever can view the record;
# these permissions keep the group's rule — view everything of the portal — true, including
# if history permissions are one day enforced (SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS).

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copy of poles.roles.REGION_OFFICERS: a migration must not import app code that can change.
REGION_OFFICERS = "Services de la Région (lecture seule)"
APP_LABELS = ["territories"]


def history_view_permissions(apps, using):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for label in APP_LABELS:
        app_config = apps.get_app_config(label)
        # The historical app configs have no models module; create_permissions skips those.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, interactive=False, using=using, apps=apps)
        for model in app_config.get_models():
            if not model._meta.model_name.startswith("historical"):
                continue
            content_type = ContentType.objects.db_manager(using).get_for_model(
                model, for_concrete_model=False
            )
            permissions.append(
                Permission.objects.using(using).get(
                    content_type=content_type, codename=f"view_{model._meta.model_name}"
                )
            )
    return permissions


def add_history_permissions(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=REGION_OFFICERS)
    group.permissions.add(*history_view_permissions(apps, using))


def remove_history_permissions(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.using(using).filter(name=REGION_OFFICERS):
        group.permissions.remove(
            *Permission.objects.using(using).filter(
                content_type__app_label__in=APP_LABELS, codename__startswith="view_historical"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0003_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_history_permissions, remove_history_permissions),
    ]
