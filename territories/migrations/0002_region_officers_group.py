# The read-only role of the Region's officers (service ESS of the Conseil régional): a group
# that can view every record of the portal and change nothing. The territories' records here;
# the poles' ones from poles/0007 (the territories' migrations depend on no other app's).
#
# Permissions are normally created after all migrations (post_migrate signal), so on a fresh
# database they do not exist yet here: they are created first, from the historical models, by
# Django's own `create_permissions` (idempotent: it only adds what is missing).

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copy of poles.roles.REGION_OFFICERS: a migration must not import app code that can change.
REGION_OFFICERS = "Services de la Région (lecture seule)"
APP_LABELS = ["territories"]


def create_group(apps, schema_editor):
    using = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    view_permissions = []
    for label in APP_LABELS:
        app_config = apps.get_app_config(label)
        # The historical app configs have no models module; create_permissions skips those.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, interactive=False, using=using, apps=apps)
        for model in app_config.get_models():
            content_type = ContentType.objects.db_manager(using).get_for_model(
                model, for_concrete_model=False
            )
            view_permissions.append(
                Permission.objects.using(using).get(
                    content_type=content_type, codename=f"view_{model._meta.model_name}"
                )
            )

    group, _ = Group.objects.using(using).get_or_create(name=REGION_OFFICERS)
    group.permissions.set(view_permissions)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=REGION_OFFICERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_group, delete_group),
    ]
