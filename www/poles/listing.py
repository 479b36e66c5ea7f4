from django.urls import reverse

from campaigns.freshness import annotate_freshness
from core.lists import FilteredListView
from poles.models import Pole
from www.carried_filters import POLES_TO_FUNDING, carried
from www.poles.filters import PoleFilter
from www.queries import pole_cards, with_figures


class PoleListView(FilteredListView):
    """/poles/: every pole, filtered by the query string, sortable, paginated."""

    filterset_class = PoleFilter
    template_name = "poles/pole_list.html"
    context_object_name = "poles"

    def get_queryset(self):
        return annotate_freshness(pole_cards(Pole.objects.all()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        with_figures(context["poles"])
        query = carried(self.request.GET, POLES_TO_FUNDING)
        context["funding_url"] = reverse("funding:list") + (f"?{query}" if query else "")
        # The map of the same poles: the same filters (www/map/).
        same = self.request.GET.copy()
        same.pop("page", None)
        context["map_url"] = reverse("map") + (f"?{same.urlencode()}" if same else "")
        # What /financements/ cannot filter on: its link says so.
        context["search_left_behind"] = bool(self.request.GET.get("q", "").strip())
        context["fiche_left_behind"] = bool(self.request.GET.get("fiche", "").strip())
        return context
