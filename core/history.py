"""Change history of the portal's records (django-simple-history): who changed what, and when.

Every model of the domain apps is registered here rather than given a class attribute:
one list per app, French names derived in one place, and `Pole.history` (the pole's own story,
a text field) keeps its name — the history manager is `revisions` on every model.
"""

import simple_history

from core.versioning import VERSION

MANAGER = "revisions"
VOWELS = tuple("aeiouyéèêàâîôû")


def track(model, excluded_fields=(), table_name=None):
    """Record a historical row on every save and delete of `model`, with the user.

    Many-to-many fields are not tracked: simple-history diffs them with two queries per
    history row, and the admin history pages must run a constant number of queries.
    Nor is the version (core/versioning.py): it changes on every save, a diff would
    always show it; a past version's copy (`revision.instance`) gets the record's current one.
    `table_name` keeps the history table of a model that moved from another app."""
    name = str(model._meta.verbose_name)
    of = "d'" if name.startswith(VOWELS) else "de "
    simple_history.register(
        model,
        manager_name=MANAGER,
        # The historical model lives in `<app>.models` (`poles.models.HistoricalPole`).
        app=model._meta.app_label,
        verbose_name=f"historique {of}{name}",
        verbose_name_plural=f"historiques {of}{name}",
        excluded_fields=[*excluded_fields, VERSION],
        table_name=table_name,
    )
