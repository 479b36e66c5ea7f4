"""The portal's models, told apart from their change history (django-simple-history)."""

from django.apps import apps
from simple_history.models import HistoricalChanges

APP_LABELS = ("territories", "actors", "funding", "poles")  # the domain apps, bottom up


def _models():
    return [model for app in APP_LABELS for model in apps.get_app_config(app).get_models()]


def domain_models():
    """What CRES staff edit: every model of the domain apps, not their history."""
    return [model for model in _models() if not issubclass(model, HistoricalChanges)]


def history_models():
    """The historical model of each domain model (`HistoricalPole`…)."""
    return [model for model in _models() if issubclass(model, HistoricalChanges)]
