# The checklist the CRES starts from (what a fiche should hold at each stage of a pole; the CRES
# changes it in the admin), and the roles' permissions on the campaigns: the CRES every one, the
# Region's officers and the coordinators the view ones (a coordinator sees their poles' fiches
# only: campaigns/admin/fiche.py). See poles/0007 for why permissions are created here first.

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copies of poles.roles: a migration must not import app code that can change.
CRES = "CRES"
POLE_COORDINATORS = "Coordinateur de pôle"
REGION_OFFICERS = "Services de la Région (lecture seule)"
COORDINATOR_VIEWS = ["campaign", "fiche", "ficheevent", "checklistitem"]

CHECKLIST = {
    "informal": ["objectives", "members"],
    "prefiguration": ["study", "study_documents"],
    "operating": ["statutes", "region_convention", "action_plan", "key_figures"],
}


def forwards(apps, schema_editor):
    using = schema_editor.connection.alias
    ChecklistItem = apps.get_model("campaigns", "ChecklistItem")
    if not ChecklistItem.objects.using(using).exists():  # run again by the backup tests
        ChecklistItem.objects.using(using).bulk_create(
            [
                ChecklistItem(stage=stage, item=item, position=position)
                for stage, items in CHECKLIST.items()
                for position, item in enumerate(items, start=1)
            ]
        )
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, interactive=False, using=using, apps=apps)
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    ours = Permission.objects.using(using).filter(content_type__app_label="campaigns")
    groups = Group.objects.using(using)
    for group in groups.filter(name=CRES):
        group.permissions.add(*ours)
    for group in groups.filter(name=REGION_OFFICERS):
        group.permissions.add(*ours.filter(codename__startswith="view_"))
    for group in groups.filter(name=POLE_COORDINATORS):
        group.permissions.add(
            *ours.filter(codename__in=[f"view_{model}" for model in COORDINATOR_VIEWS])
        )


def backwards(apps, schema_editor):
    using = schema_editor.connection.alias
    apps.get_model("campaigns", "ChecklistItem").objects.using(using).all().delete()
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.using(using):
        group.permissions.remove(
            *Permission.objects.using(using).filter(content_type__app_label="campaigns")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_history"),
        ("poles", "0007_cres_and_coordinator_groups"),
        ("territories", "0004_region_officers_view_history"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
