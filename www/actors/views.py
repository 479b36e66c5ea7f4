from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from actors.models import Actor
from core.lists import FilteredListView
from core.pagination import KeysFirstPaginator
from poles.models import Membership, Pole, PoleNetwork, Study
from www.actors.filters import ActorFilter


def memberships_with_poles():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("pole").order_by("pole__name", "role"),
    )


def carried_poles():
    return Prefetch("carried_poles", queryset=Pole.objects.order_by("name"))


class ActorListView(FilteredListView):
    """/acteurs/: the actor directory, filtered by the query string, paginated."""

    filterset_class = ActorFilter
    template_name = "actors/actor_list.html"
    context_object_name = "actors"
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        return (
            Actor.objects.select_related("territory")
            .prefetch_related(memberships_with_poles(), carried_poles())
            .order_by("name")  # unique: the order is total
        )


def actors_in_full():
    """Actors with what their page shows of them (the API's actor says the same)."""
    return Actor.objects.select_related("territory").prefetch_related(
        memberships_with_poles(),
        carried_poles(),
        Prefetch(
            "carried_studies",
            queryset=Study.objects.select_related("pole").order_by("pole__name", "pk"),
        ),
        Prefetch(
            "pole_memberships",
            queryset=PoleNetwork.objects.select_related("pole").order_by("pole__name"),
        ),
    )


def actor_detail(request, slug):
    """An actor's page: identity, the poles it takes part in, what it carries."""
    actor = get_object_or_404(actors_in_full(), slug=slug)
    context = {
        "actor": actor,
        "memberships": list(actor.memberships.all()),
        "carried_poles": list(actor.carried_poles.all()),
        "carried_studies": list(actor.carried_studies.all()),
        "network_members": list(actor.pole_memberships.all()),
    }
    return render(request, "actors/actor_detail.html", context)
