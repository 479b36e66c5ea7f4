"""/carte/: the network's territories on a map, coloured by their pole's stage, and the same
facts as a table. The poles are those of /poles/ with the same query string: « only the
poles the Région funds » on the list is the same on the map."""

from collections import defaultdict

from django.urls import reverse

from core.lists import FilteredListView
from poles.models import Pole
from www.map import drawing
from www.poles.filters import PoleFilter


def active_filters(form):
    """« Statut : en fonctionnement », … for each filter the query string sets."""
    described = []
    if not form.is_bound:
        return described
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()) or name == "tri":
            continue
        field = form.fields[name]
        values = value if isinstance(value, list | tuple) else [value]
        choices = dict(getattr(field, "choices", ()) or ())
        shown = ", ".join(str(choices.get(item, item)) for item in values)
        described.append(f"{field.label} : {shown}")
    return described


def poles_by_territory(poles, territories):
    """{territory id: [its poles among `poles`, by name]}, for these territories only (one
    query, whatever the number of poles elsewhere)."""
    links = (
        Pole.territories.through.objects.filter(
            pole__in=poles.values("pk"), territory__in=[t.pk for t in territories]
        )
        .select_related("pole")
        .only("territory_id", "pole__name", "pole__slug", "pole__status")
        .order_by("pole__name")
    )
    grouped = defaultdict(list)
    for link in links:
        grouped[link.territory_id].append(link.pole)
    return grouped


def map_context(poles):
    """The shapes of every territory the map can draw, coloured by these poles (a queryset),
    and the territories it cannot draw."""
    territories = list(drawing.drawable().prefetch_related("departments"))
    shapes = drawing.shapes(
        territories, poles_by_territory(poles, territories), drawing.pieces_of(territories)
    )
    return {
        "shapes": [shape for shape in shapes if shape.drawn],
        "not_drawn": [shape for shape in shapes if not shape.drawn],
        "departments": drawing.department_paths(),
        "view_box": drawing.view_box(),
        "legend": drawing.legend(),
        "source": drawing.outlines.geometry()["source"],
    }


class MapView(FilteredListView):
    filterset_class = PoleFilter
    template_name = "map/map.html"
    context_object_name = "poles"
    paginate_by = None

    def get_queryset(self):
        # Only the poles' keys are read (poles_by_territory): no annotation to carry through
        # the filters (?fiche= adds its own).
        return Pole.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        valid = not context["filter_errors"]
        context.update(map_context(context["poles"] if valid else Pole.objects.none()))
        context["active_filters"] = active_filters(form) if valid else []
        query = self.request.GET.urlencode()
        context["list_url"] = reverse("poles:list") + (f"?{query}" if query else "")
        return context
