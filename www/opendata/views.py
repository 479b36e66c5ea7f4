"""/donnees/: the page, each file streamed as it is read, its Table Schema, and the
datapackage.json that lists them all."""

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from www.opendata.package import LICENCE, data_date, descriptor, resource_url, summary
from www.opendata.resources import BY_NAME, RESOURCES

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


def index(request):
    facts = summary()
    files = [
        {
            "resource": resource,
            "rows": facts["counts"][resource.name],
            "csv_url": resource_url(resource),
            "schema_url": resource_url(resource, "schema"),
        }
        for resource in RESOURCES
    ]
    context = {
        "files": files,
        "licence": LICENCE,
        "data_date": timezone.localdate(data_date(facts)),
        "changed": facts["changed_at"] is not None,
    }
    return render(request, "opendata/index.html", context)


def for_reusers(response):
    """Readable from any site's scripts: the data is public."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def named(name):
    try:
        return BY_NAME[name]
    except KeyError:
        raise Http404("Aucun fichier de ce nom dans les données ouvertes.") from None


def resource_csv(request, name):
    """A file streamed as its rows are read: memory stays flat whatever their number."""
    resource = named(name)
    response = StreamingHttpResponse(resource.csv_lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{resource.name}.csv"'
    return for_reusers(response)


def resource_schema(request, name):
    schema = named(name).table_schema()
    return for_reusers(JsonResponse(schema, json_dumps_params=JSON_OPTIONS))


def datapackage(request):
    return for_reusers(JsonResponse(descriptor(), json_dumps_params=JSON_OPTIONS))
