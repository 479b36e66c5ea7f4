"""Actors leave the poles' app for their own (issue 14): Django's state only, the tables
stay (`poles_actor`, `poles_historicalactor`); the content types follow, and with them the
permissions, the groups' grants and the admin's log entries."""

import concurrency.fields
import core.fuzzy_dates
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
                name='HistoricalActor',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(db_index=True, max_length=200, verbose_name='nom')),
                    ('slug', models.SlugField(max_length=200, verbose_name="identifiant d'adresse")),
                    ('acronym', models.CharField(blank=True, max_length=50, verbose_name='sigle')),
                    ('kind', models.CharField(choices=[('association', 'association'), ('cooperative', 'coopérative'), ('scop', 'SCOP'), ('scic', 'SCIC'), ('mutual', 'mutuelle'), ('foundation', 'fondation'), ('social_enterprise', 'entreprise sociale'), ('collective', "collectif d'acteurs"), ('local_authority', 'collectivité territoriale'), ('bank', 'banque'), ('school', 'enseignement et recherche'), ('network', 'réseau'), ('public_body', 'organisme public ou consulaire'), ('other', 'autre ou non précisé')], max_length=20, verbose_name='nature')),
                    ('description', models.TextField(blank=True, verbose_name='présentation')),
                    ('website', core.web_addresses.WebAddressField(blank=True, verbose_name='site internet')),
                    ('founded_on', models.DateField(blank=True, null=True, verbose_name='date de création')),
                    ('founded_on_precision', models.CharField(choices=[('day', 'jour'), ('month', 'mois'), ('year', 'année')], default='day', help_text='Pour « mai 2009 », saisir le 01/05/2009 et la précision « mois ».', max_length=5, verbose_name='date de création : précision')),
                    ('is_demo', models.BooleanField(default=False, editable=False, help_text='Créée par « manage.py generate_demo_data », supprimée par son option --delete.', verbose_name='donnée de démonstration')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('territory', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='territories.territory', verbose_name='territoire')),
                ],
                options={
                    'verbose_name': "historique d'acteur",
                    'verbose_name_plural': "historiques d'acteur",
                    'db_table': 'poles_historicalactor',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Actor',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Augmente de 1 à chaque enregistrement de la fiche.', verbose_name='version')),
                    ('name', models.CharField(max_length=200, unique=True, verbose_name='nom')),
                    ('slug', models.SlugField(max_length=200, unique=True, verbose_name="identifiant d'adresse")),
                    ('acronym', models.CharField(blank=True, max_length=50, verbose_name='sigle')),
                    ('kind', models.CharField(choices=[('association', 'association'), ('cooperative', 'coopérative'), ('scop', 'SCOP'), ('scic', 'SCIC'), ('mutual', 'mutuelle'), ('foundation', 'fondation'), ('social_enterprise', 'entreprise sociale'), ('collective', "collectif d'acteurs"), ('local_authority', 'collectivité territoriale'), ('bank', 'banque'), ('school', 'enseignement et recherche'), ('network', 'réseau'), ('public_body', 'organisme public ou consulaire'), ('other', 'autre ou non précisé')], max_length=20, verbose_name='nature')),
                    ('description', models.TextField(blank=True, verbose_name='présentation')),
                    ('website', core.web_addresses.WebAddressField(blank=True, verbose_name='site internet')),
                    ('founded_on', models.DateField(blank=True, null=True, verbose_name='date de création')),
                    ('founded_on_precision', models.CharField(choices=[('day', 'jour'), ('month', 'mois'), ('year', 'année')], default='day', help_text='Pour « mai 2009 », saisir le 01/05/2009 et la précision « mois ».', max_length=5, verbose_name='date de création : précision')),
                    ('is_demo', models.BooleanField(default=False, editable=False, help_text='Créée par « manage.py generate_demo_data », supprimée par son option --delete.', verbose_name='donnée de démonstration')),
                    ('territory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actors', to='territories.territory', verbose_name='territoire')),
                ],
                options={
                    'verbose_name': 'acteur',
                    'verbose_name_plural': 'acteurs',
                    'db_table': 'poles_actor',
                    'ordering': ['name'],
                    'indexes': [models.Index(fields=['kind', 'name'], name='actor_kind_name'), models.Index(condition=models.Q(('is_demo', True)), fields=['is_demo'], name='actor_is_demo')],
                },
                bases=(core.fuzzy_dates.FuzzyDatesMixin, core.slugs.SlugFromNameMixin, models.Model),
            ),
            ],
        ),
        move_content_types("poles", "actors", ["actor", "historicalactor"]),
    ]
