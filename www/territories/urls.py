from django.urls import path

from core.exports import export_urls
from www.territories.exports import territory_export
from www.territories.views import territory_detail, territory_list

app_name = "territories"
urlpatterns = [
    path("", territory_list, name="list"),
    *export_urls(territory_export),
    path("<slug:slug>/", territory_detail, name="detail"),
]
