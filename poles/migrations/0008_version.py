# A version number on every record (core/versioning.py, django-concurrency): no data
# to move. Existing records start at 0 and are checked from their first edit on, like any
# other (CONCURRENCY_VERSION_FIELD_REQUIRED, the library's default).

import concurrency.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('poles', '0007_cres_and_coordinator_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='action',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='actor',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='contact',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='difficulty',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='document',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='function',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='funder',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='fundingline',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='membership',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='objective',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='pole',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='polenetwork',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='programme',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='statuschange',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='strength',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='study',
            name='version',
            field=concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version'),
        ),
    ]
