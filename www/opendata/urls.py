"""/donnees/: the page, datapackage.json, and for each file `<name>.csv` and
`<name>.schema.json` (`data:csv` and `data:schema`, the file's name as argument). One route
for all the files rather than one each: a name that is no file is a 404."""

from django.urls import path

from www.opendata import views

app_name = "data"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("<slug:name>.csv", views.resource_csv, name="csv"),
    path("<slug:name>.schema.json", views.resource_schema, name="schema"),
]
