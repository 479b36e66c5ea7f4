from django.urls import path

from poles.views.actors import ActorListView, actor_detail

app_name = "actors"
urlpatterns = [
    path("", ActorListView.as_view(), name="list"),
    path("<slug:slug>/", actor_detail, name="detail"),
]
