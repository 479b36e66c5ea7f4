# The roles' permissions on the territories' compositions on the map (territories/0008): the
# CRES every one, the Region's officers the view ones (records and history), as for every
# other model of the portal (poles/0007, territories/0004).

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copies of poles.roles: a migration must not import app code that can change.
CRES = "CRES"
REGION_OFFICERS = "Services de la Région (lecture seule)"
MODELS = ["territorypart", "historicalterritorypart"]


def ours(apps, using):
    app_config = apps.get_app_config("territories")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, interactive=False, using=using, apps=apps)
    return apps.get_model("auth", "Permission").objects.using(using).filter(
        content_type__app_label="territories", content_type__model__in=MODELS
    )


def forwards(apps, schema_editor):
    using = schema_editor.connection.alias
    permissions = ours(apps, using)
    groups = apps.get_model("auth", "Group").objects.using(using)
    for group in groups.filter(name=CRES):
        group.permissions.add(*permissions)
    for group in groups.filter(name=REGION_OFFICERS):
        group.permissions.add(*permissions.filter(codename__startswith="view_"))


def backwards(apps, schema_editor):
    using = schema_editor.connection.alias
    permissions = ours(apps, using)
    for group in apps.get_model("auth", "Group").objects.using(using):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("poles", "0019_document_kind"),
        ("territories", "0008_outline_parts"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
