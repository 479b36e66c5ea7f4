from django.urls import path

from territories.views import territory_detail, territory_list

app_name = "territories"
urlpatterns = [
    path("", territory_list, name="list"),
    path("<slug:slug>/", territory_detail, name="detail"),
]
