"""Migration states: the one a database is at, its models (historical models, as the
migrations describe them at that point), and bringing an empty database to an archive's."""

from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from core.backup.archive import BackupError

# Not kept: made by the target database itself, or worth nothing once restored.
SKIPPED_APPS = {"contenttypes", "sessions", "axes", "page_cache"}
SKIPPED_MODELS = {"auth.permission"}
# Models whose rows a data migration creates (defaults that staff then change): an empty,
# migrated database holds them, and a restore replaces them with the archive's. Each app adds
# its own when it starts (campaigns: the checklist). The groups are kept by name instead.
MIGRATION_ROWS = set()


def applied_migrations(connection):
    """The migrations applied to the database, as (app label, name); with the loader."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return set(loader.applied_migrations), loader


def unknown_migrations(migrations, loader):
    """Those of `migrations` that this code does not have: `app.name`, sorted."""
    return sorted(f"{app}.{name}" for app, name in migrations - set(loader.disk_migrations))


def by_app(migrations):
    apps = {}
    for app, name in sorted(migrations):
        apps.setdefault(app, []).append(name)
    return apps


def app_leaves(migrations, graph):
    """For each app, its migrations among `migrations` that no other of them in that app
    follows: the targets that bring a database to the state `migrations` describe."""
    leaves = []
    for key in sorted(migrations):
        if key not in graph.nodes:
            continue  # replaced by a squashed migration the graph uses instead
        children = graph.node_map[key].children
        if not any(child.key in migrations and child.key[0] == key[0] for child in children):
            leaves.append(key)
    return leaves


def state_apps(migrations, loader):
    """The models as they are once `migrations` are applied (a registry of historical
    models, plus the real models of apps without migrations)."""
    return loader.project_state(nodes=app_leaves(migrations, loader.graph), at_end=True).apps


def database_state(connection, refusal):
    """The database's applied migrations and its models; `refusal` is the message's start
    when the database was migrated by a newer version of the portal."""
    applied, loader = applied_migrations(connection)
    unknown = unknown_migrations(applied, loader)
    if unknown:
        raise BackupError(f"{refusal} : {', '.join(unknown)}.")
    return applied, state_apps(applied, loader)


def kept_models(apps):
    """The models a backup holds, groups first (users refer to them by name), then by
    label: the same order on every database."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower not in SKIPPED_MODELS
    ]
    return sorted(models, key=lambda model: (model._meta.label_lower != "auth.group", label(model)))


def label(model):
    return model._meta.label_lower


def migrate_to(connection, migrations):
    """Bring the (empty) database to the state `migrations` describe, forwards or backwards,
    as `migrate` does; content types and permissions are created for that state's models."""
    executor = MigrationExecutor(connection)
    targets = app_leaves(migrations, executor.loader.graph)
    plan = executor.migration_plan(targets)
    if not plan:
        return
    backwards = [step for step in plan if step[1]]
    if backwards and len(backwards) < len(plan):
        # A mixed plan (an app ahead, another behind): backwards first, then forwards.
        run_plan(connection, executor, targets, backwards)
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(targets)
    run_plan(connection, executor, targets, plan)


def run_plan(connection, executor, targets, plan):
    before = state_apps(set(executor.loader.applied_migrations), executor.loader)
    emit_pre_migrate_signal(0, False, connection.alias, apps=before, plan=plan)
    executor.migrate(targets, plan=plan)
    applied, loader = applied_migrations(connection)
    emit_post_migrate_signal(
        0, False, connection.alias, apps=state_apps(applied, loader), plan=plan
    )
