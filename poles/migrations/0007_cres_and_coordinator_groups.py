# The CRES and pole coordinators' groups, with their permissions (see poles/roles.py), and the
# Region officers' view of the poles' records (their group: territories/0002 and 0004).
#
# Permissions are normally created after all migrations (post_migrate signal), so on a fresh
# database they do not exist yet here: they are created first, from the historical models, by
# Django's own `create_permissions` (idempotent: it only adds what is missing).

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copies of poles.roles: a migration must not import app code that can change.
CRES = "CRES"
POLE_COORDINATORS = "Coordinateur de pôle"
REGION_OFFICERS = "Services de la Région (lecture seule)"
COORDINATOR_EDITS = [
    "objective",
    "action",
    "difficulty",
    "strength",
    "document",
    "contact",
    "membership",
]
COORDINATOR_VIEWS = ["pole", "statuschange", "study", "polenetwork", "fundingline", "actor"]
PORTAL_APPS = ["territories", "poles"]
# The CRES creates the coordinators' accounts and puts them in their group.
CRES_ACCOUNT_PERMISSIONS = [
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_user"),
    ("auth", "view_group"),
]


def ensure_permissions(apps, using):
    for label in [*PORTAL_APPS, "auth"]:
        app_config = apps.get_app_config(label)
        # The historical app configs have no models module; create_permissions skips those.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, interactive=False, using=using, apps=apps)


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions(apps, using)
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.using(using)

    cres, _ = Group.objects.using(using).get_or_create(name=CRES)
    cres.permissions.set(
        [
            *permissions.filter(content_type__app_label__in=PORTAL_APPS),
            *(
                permissions.get(content_type__app_label=app, codename=codename)
                for app, codename in CRES_ACCOUNT_PERMISSIONS
            ),
        ]
    )

    codenames = [f"view_{model}" for model in COORDINATOR_VIEWS] + ["change_pole"]
    for model in COORDINATOR_EDITS:
        codenames += [f"{action}_{model}" for action in ("add", "change", "delete", "view")]
    coordinators, _ = Group.objects.using(using).get_or_create(name=POLE_COORDINATORS)
    coordinators.permissions.set(
        permissions.filter(content_type__app_label="poles", codename__in=codenames)
    )

    officers, _ = Group.objects.using(using).get_or_create(name=REGION_OFFICERS)
    officers.permissions.add(
        *permissions.filter(content_type__app_label="poles", codename__startswith="view_")
    )


def delete_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.using(using).filter(name__in=[CRES, POLE_COORDINATORS]).delete()
    for officers in Group.objects.using(using).filter(name=REGION_OFFICERS):
        officers.permissions.remove(
            *Permission.objects.using(using).filter(content_type__app_label="poles")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("poles", "0006_pole_coordinators"),
        ("territories", "0004_region_officers_view_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, delete_groups),
    ]
