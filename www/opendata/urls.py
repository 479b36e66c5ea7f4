"""/donnees/: the page, datapackage.json, and for each file `<name>.csv` and
`<name>.schema.json` (one route each, named after the file: `data:poles.csv`)."""

from django.urls import path

from www.opendata import views
from www.opendata.resources import RESOURCES

app_name = "data"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
]
for _resource in RESOURCES:
    urlpatterns += [
        path(
            f"{_resource.name}.csv",
            views.resource_csv,
            {"resource": _resource.name},
            name=f"{_resource.name}.csv",
        ),
        path(
            f"{_resource.name}.schema.json",
            views.resource_schema,
            {"resource": _resource.name},
            name=f"{_resource.name}.schema.json",
        ),
    ]
