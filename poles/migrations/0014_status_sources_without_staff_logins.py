from django.db import migrations


def staff_sources_to_cres(apps, schema_editor):
    """Status lines the admin once wrote « Administration (<login>) »: the status history is
    public, its source is the CRES. The history rows too, so that reverting to an old version
    does not bring a login back."""
    for name in ("StatusChange", "HistoricalStatusChange"):
        model = apps.get_model("poles", name)
        model.objects.filter(source__startswith="Administration (").update(source="CRES")


class Migration(migrations.Migration):
    dependencies = [("poles", "0013_document_original_name")]

    operations = [migrations.RunPython(staff_sources_to_cres, migrations.RunPython.noop)]
