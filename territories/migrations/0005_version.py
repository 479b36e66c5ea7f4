# A version number on every record (core/versioning.py, django-concurrency): no data
# to move. Existing records start at 0 and are checked from their first edit on, like any
# other (CONCURRENCY_VERSION_FIELD_REQUIRED, the library's default).

import concurrency.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('territories', '0004_region_officers_view_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='department',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='keyfigures',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='region',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='territory',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
    ]
