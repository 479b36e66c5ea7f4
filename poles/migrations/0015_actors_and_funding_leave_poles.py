"""Actors, funders and programmes now live in their own apps (actors/0001, funding/0001):
the poles' foreign keys point there and the models leave this app's state. Nothing changes
in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0001_initial'),
        ('funding', '0001_initial'),
        ('poles', '0014_status_sources_without_staff_logins'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.AlterField(
                model_name='historicalmembership',
                name='actor',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.actor', verbose_name='acteur'),
            ),
            migrations.AlterField(
                model_name='historicalpole',
                name='carrying_structure',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.actor', verbose_name='structure porteuse'),
            ),
            migrations.AlterField(
                model_name='membership',
                name='actor',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='actors.actor', verbose_name='acteur'),
            ),
            migrations.AlterField(
                model_name='historicalpolenetwork',
                name='network',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.actor', verbose_name='réseau'),
            ),
            migrations.AlterField(
                model_name='pole',
                name='carrying_structure',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='carried_poles', to='actors.actor', verbose_name='structure porteuse'),
            ),
            migrations.AlterField(
                model_name='historicalstudy',
                name='carrier',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.actor', verbose_name='structure porteuse'),
            ),
            migrations.AlterField(
                model_name='polenetwork',
                name='network',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pole_memberships', to='actors.actor', verbose_name='réseau'),
            ),
            migrations.AlterField(
                model_name='study',
                name='carrier',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='carried_studies', to='actors.actor', verbose_name='structure porteuse'),
            ),
            migrations.RemoveField(
                model_name='funder',
                name='department',
            ),
            migrations.RemoveField(
                model_name='funder',
                name='region',
            ),
            migrations.AlterField(
                model_name='historicalfundingline',
                name='funder',
                field=models.ForeignKey(blank=True, db_constraint=False, help_text="Déduit du programme s'il est laissé vide.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.funder', verbose_name='financeur'),
            ),
            migrations.RemoveField(
                model_name='historicalprogramme',
                name='funder',
            ),
            migrations.AlterField(
                model_name='fundingline',
                name='funder',
                field=models.ForeignKey(blank=True, help_text="Déduit du programme s'il est laissé vide.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='funding_lines', to='funding.funder', verbose_name='financeur'),
            ),
            migrations.RemoveField(
                model_name='programme',
                name='funder',
            ),
            migrations.RemoveField(
                model_name='historicalactor',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalactor',
                name='territory',
            ),
            migrations.RemoveField(
                model_name='historicalfunder',
                name='department',
            ),
            migrations.RemoveField(
                model_name='historicalfunder',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalfunder',
                name='region',
            ),
            migrations.RemoveField(
                model_name='historicalprogramme',
                name='history_user',
            ),
            migrations.AlterField(
                model_name='historicaldocument',
                name='programme',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.programme', verbose_name='programme de financement'),
            ),
            migrations.AlterField(
                model_name='historicalcontact',
                name='programme',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.programme', verbose_name='programme de financement'),
            ),
            migrations.AlterField(
                model_name='fundingline',
                name='programme',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='funding_lines', to='funding.programme', verbose_name='programme'),
            ),
            migrations.AlterField(
                model_name='document',
                name='programme',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='funding.programme', verbose_name='programme de financement'),
            ),
            migrations.AlterField(
                model_name='historicalfundingline',
                name='programme',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.programme', verbose_name='programme'),
            ),
            migrations.AlterField(
                model_name='contact',
                name='programme',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='funding.programme', verbose_name='programme de financement'),
            ),
            migrations.DeleteModel(
                name='Actor',
            ),
            migrations.DeleteModel(
                name='Funder',
            ),
            migrations.DeleteModel(
                name='HistoricalActor',
            ),
            migrations.DeleteModel(
                name='HistoricalFunder',
            ),
            migrations.DeleteModel(
                name='HistoricalProgramme',
            ),
            migrations.DeleteModel(
                name='Programme',
            ),
            ],
        ),
    ]
