"""The data package (https://specs.frictionlessdata.io/data-package/) that describes the files
of /donnees/, and the date of their data."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from core.page_cache.versions import data_version
from funding.models import Funder, Programme
from poles.models import POLE_PARTS, Function, Pole
from territories.models import Department, KeyFigures, Region, Territory
from www.opendata.resources import RESOURCES

LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence version 2.0",
}
# The records the files are read from: their latest change is the date of the data.
MODELS = (
    Region,
    Department,
    Territory,
    KeyFigures,
    Actor,
    Funder,
    Programme,
    Pole,
    Function,
    *POLE_PARTS,
)
SUMMARY_TIMEOUT = 10 * 60  # seconds; a new data version makes a new key anyway


def last_change():
    """When the data last changed: the latest entry of the change history of the records the
    files hold (every edit in the admin, a deletion included), or the latest `updated_at` of
    a pole or of key figures; None when neither says (data loaded as is from the seed)."""
    dates = [
        model.revisions.model.objects.aggregate(last=Max("history_date"))["last"]
        for model in MODELS
    ]
    dates.append(Pole.objects.aggregate(last=Max("updated_at"))["last"])
    dates.append(KeyFigures.objects.aggregate(last=Max("updated_at"))["last"])
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


def summary():
    """The date of the data and each file's number of rows, computed once per data version
    (core/page_cache): a few dozen small queries, then none until the data changes. Always
    computed when the page cache is off (PAGE_CACHE=false, the tests)."""
    if not settings.PAGE_CACHE:
        return compute_summary()
    key = f"opendata:summary:{data_version()}"
    cached = cache.get(key)
    if cached is None:
        cached = compute_summary()
        cache.set(key, cached, SUMMARY_TIMEOUT)
    return cached


def compute_summary():
    return {
        "changed_at": last_change(),
        "counts": {resource.name: resource.count() for resource in RESOURCES},
    }


def data_date(summary):
    """The datetime of the data: its last change, else now (data loaded as is)."""
    return summary["changed_at"] or timezone.now()


def absolute(viewname):
    return f"{settings.SITE_URL}{reverse(viewname)}"


def resource_url(resource, kind="csv"):
    """/donnees/poles.csv, /donnees/poles.schema.json."""
    return reverse("data:csv" if kind == "csv" else "data:schema", args=[resource.name])


def descriptor():
    """The datapackage.json: every file, its absolute address and its Table Schema."""
    created = data_date(summary())
    return {
        "profile": "tabular-data-package",
        "name": "poles-ess",
        "title": "Pôles de développement de l'économie sociale et solidaire",
        "description": (
            "Les données publiques du portail des pôles de développement de l'ESS : pôles, "
            "territoires et leurs chiffres clés, acteurs et leurs participations, financeurs, "
            "programmes et lignes de financement, études, objectifs, actions, documents et "
            "historique des statuts. Fichiers CSV en UTF-8, séparés par des virgules."
        ),
        "homepage": absolute("data:index"),
        "licenses": [LICENCE],
        "created": timezone.localtime(created).isoformat(timespec="seconds"),
        "resources": [
            {
                "name": resource.name,
                "title": resource.title,
                "description": resource.description,
                "path": f"{settings.SITE_URL}{resource_url(resource)}",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "schema": resource.table_schema(),
            }
            for resource in RESOURCES
        ],
    }
