from django.urls import path

from core.exports import export_urls
from www.actors.views import ActorListView, actor_detail
from www.exports import ActorExport

app_name = "actors"
urlpatterns = [
    path("", ActorListView.as_view(), name="list"),
    *export_urls(ActorExport),
    path("<slug:slug>/", actor_detail, name="detail"),
]
