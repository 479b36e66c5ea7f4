"""Funders and programmes leave the poles' app for their own (issue 14): Django's state
only, the tables stay (`poles_funder`, `poles_programme` and their history); the content
types follow, and with them the permissions, the groups' grants and the admin's log
entries."""

import concurrency.fields
import core.slugs
import core.web_addresses
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.model_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("poles", "0014_status_sources_without_staff_logins"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ('territories', '0006_demo_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Funder',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version')),
                    ('name', models.CharField(max_length=200, unique=True, verbose_name='nom')),
                    ('slug', models.SlugField(max_length=200, unique=True, verbose_name="identifiant d'adresse")),
                    ('kind', models.CharField(choices=[('region', 'conseil régional'), ('department', 'conseil général / départemental'), ('epci', 'intercommunalité (EPCI)'), ('municipality', 'commune'), ('state', 'État'), ('eu', 'fonds européens'), ('other', 'autre financeur')], max_length=20, verbose_name='nature')),
                    ('website', core.web_addresses.WebAddressField(blank=True, verbose_name='site internet')),
                    ('is_demo', models.BooleanField(default=False, editable=False, help_text='Créée par « manage.py generate_demo_data », supprimée par son option --delete.', verbose_name='donnée de démonstration')),
                    ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='funders', to='territories.department', verbose_name='département')),
                    ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='funders', to='territories.region', verbose_name='région')),
                ],
                options={
                    'verbose_name': 'financeur',
                    'verbose_name_plural': 'financeurs',
                    'db_table': 'poles_funder',
                    'ordering': ['name'],
                },
                bases=(core.slugs.SlugFromNameMixin, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalFunder',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(db_index=True, max_length=200, verbose_name='nom')),
                    ('slug', models.SlugField(max_length=200, verbose_name="identifiant d'adresse")),
                    ('kind', models.CharField(choices=[('region', 'conseil régional'), ('department', 'conseil général / départemental'), ('epci', 'intercommunalité (EPCI)'), ('municipality', 'commune'), ('state', 'État'), ('eu', 'fonds européens'), ('other', 'autre financeur')], max_length=20, verbose_name='nature')),
                    ('website', core.web_addresses.WebAddressField(blank=True, verbose_name='site internet')),
                    ('is_demo', models.BooleanField(default=False, editable=False, help_text='Créée par « manage.py generate_demo_data », supprimée par son option --delete.', verbose_name='donnée de démonstration')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('department', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='territories.department', verbose_name='département')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('region', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='territories.region', verbose_name='région')),
                ],
                options={
                    'verbose_name': 'historique de financeur',
                    'verbose_name_plural': 'historiques de financeur',
                    'db_table': 'poles_historicalfunder',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalProgramme',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(db_index=True, max_length=300, verbose_name='intitulé')),
                    ('slug', models.SlugField(max_length=200, verbose_name="identifiant d'adresse")),
                    ('action', models.TextField(blank=True, verbose_name="l'action")),
                    ('objectives', models.TextField(blank=True, verbose_name='objectifs')),
                    ('targets', models.TextField(blank=True, verbose_name='cibles')),
                    ('implementation', models.TextField(blank=True, verbose_name='modalités de mise en œuvre')),
                    ('resources', models.TextField(blank=True, verbose_name='moyens affectés et partenaires financiers')),
                    ('other_partners', models.TextField(blank=True, verbose_name='autres partenaires')),
                    ('evaluation', models.TextField(blank=True, verbose_name='impacts et évaluation')),
                    ('context', models.TextField(blank=True, verbose_name='contexte de la démarche')),
                    ('more_info', models.TextField(blank=True, verbose_name='pour en savoir plus')),
                    ('study_max_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="plafond d'une étude de préfiguration (€)")),
                    ('operating_amount_per_post_year', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='aide au fonctionnement par poste et par an (€)')),
                    ('operating_max_years', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="durée maximale de l'aide au fonctionnement (années)")),
                    ('operating_min_posts', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='postes de chargé de mission financés, au moins')),
                    ('operating_max_posts', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='postes de chargé de mission financés, au plus')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('funder', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.funder', verbose_name='financeur')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historique de programme de financement',
                    'verbose_name_plural': 'historiques de programme de financement',
                    'db_table': 'poles_historicalprogramme',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Programme',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version')),
                    ('name', models.CharField(max_length=300, unique=True, verbose_name='intitulé')),
                    ('slug', models.SlugField(max_length=200, unique=True, verbose_name="identifiant d'adresse")),
                    ('action', models.TextField(blank=True, verbose_name="l'action")),
                    ('objectives', models.TextField(blank=True, verbose_name='objectifs')),
                    ('targets', models.TextField(blank=True, verbose_name='cibles')),
                    ('implementation', models.TextField(blank=True, verbose_name='modalités de mise en œuvre')),
                    ('resources', models.TextField(blank=True, verbose_name='moyens affectés et partenaires financiers')),
                    ('other_partners', models.TextField(blank=True, verbose_name='autres partenaires')),
                    ('evaluation', models.TextField(blank=True, verbose_name='impacts et évaluation')),
                    ('context', models.TextField(blank=True, verbose_name='contexte de la démarche')),
                    ('more_info', models.TextField(blank=True, verbose_name='pour en savoir plus')),
                    ('study_max_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="plafond d'une étude de préfiguration (€)")),
                    ('operating_amount_per_post_year', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='aide au fonctionnement par poste et par an (€)')),
                    ('operating_max_years', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="durée maximale de l'aide au fonctionnement (années)")),
                    ('operating_min_posts', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='postes de chargé de mission financés, au moins')),
                    ('operating_max_posts', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='postes de chargé de mission financés, au plus')),
                    ('funder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='programmes', to='funding.funder', verbose_name='financeur')),
                ],
                options={
                    'verbose_name': 'programme de financement',
                    'verbose_name_plural': 'programmes de financement',
                    'db_table': 'poles_programme',
                    'ordering': ['name'],
                },
                bases=(core.slugs.SlugFromNameMixin, models.Model),
            ),
            migrations.AddIndex(
                model_name='funder',
                index=models.Index(condition=models.Q(('is_demo', True)), fields=['is_demo'], name='funder_is_demo'),
            ),
            migrations.AddConstraint(
                model_name='programme',
                constraint=models.CheckConstraint(condition=models.Q(('study_max_amount__isnull', True), ('study_max_amount__gte', 0), _connector='OR'), name='programme_study_max_amount_non_negative', violation_error_message='Un plafond ne peut pas être négatif.'),
            ),
            migrations.AddConstraint(
                model_name='programme',
                constraint=models.CheckConstraint(condition=models.Q(('operating_amount_per_post_year__isnull', True), ('operating_amount_per_post_year__gte', 0), _connector='OR'), name='programme_operating_amount_per_post_year_non_negative', violation_error_message='Un montant ne peut pas être négatif.'),
            ),
            migrations.AddConstraint(
                model_name='programme',
                constraint=models.CheckConstraint(condition=models.Q(('operating_min_posts__isnull', True), ('operating_max_posts__isnull', True), ('operating_max_posts__gte', models.F('operating_min_posts')), _connector='OR'), name='programme_posts_range_ordered', violation_error_message='Le nombre maximal de postes ne peut être inférieur au nombre minimal.'),
            ),
            ],
        ),
        move_content_types(
            "poles", "funding", ["funder", "historicalfunder", "programme", "historicalprogramme"]
        ),
    ]
