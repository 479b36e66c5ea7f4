from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from poles.models import Actor, Pole
from territories.models import KeyFigures, Territory


def latest_figures():
    """Each territory's latest key figures only, in one query (a window over the territories)."""
    return Prefetch(
        "key_figures", queryset=KeyFigures.objects.latest_first()[:1], to_attr="latest_figures"
    )


def ordered_poles():
    return Prefetch("poles", queryset=Pole.objects.order_by("name"))


def listed_territories():
    """Every territory with what its card shows; `figures` is its latest key figures or None."""
    territories = list(
        Territory.objects.select_related("region")
        .prefetch_related("departments", ordered_poles(), latest_figures())
        .order_by("name")
    )
    for territory in territories:
        territory.figures = territory.latest_figures[0] if territory.latest_figures else None
    return territories


def group_for_list(territories):
    """The sections of /territoires/, in the page's order: the Pays by department (a Pays over
    several departments under each, with the others in `also_in`), then the other territories
    (and any Pays without a department) by region."""
    by_department = {}
    others_by_region = {}
    for territory in territories:
        departments = list(territory.departments.all())
        if territory.kind == Territory.Kind.PAYS and departments:
            for department in departments:
                entries = by_department.setdefault(department, [])
                also = [other for other in departments if other != department]
                entries.append({"territory": territory, "also_in": also})
        else:
            others_by_region.setdefault(territory.region, []).append(territory)
    return (
        sorted(by_department.items(), key=lambda item: item[0].code),
        sorted(others_by_region.items(), key=lambda item: item[0].name),
    )


def territory_list(request):
    """/territoires/: the Pays by department, then the other territories by region."""
    territories = listed_territories()
    pays_by_department, others_by_region = group_for_list(territories)
    context = {
        "pays_by_department": pays_by_department,
        "others_by_region": others_by_region,
        "pays_count": sum(1 for territory in territories if territory.kind == Territory.Kind.PAYS),
        "territory_count": len(territories),
    }
    return render(request, "territories/territory_list.html", context)


def territory_detail(request, slug):
    """A territory's page: its key figures year by year, its poles, its actors."""
    territory = get_object_or_404(
        Territory.objects.select_related("region").prefetch_related(
            "departments",
            ordered_poles(),
            Prefetch("key_figures", queryset=KeyFigures.objects.latest_first()),
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
        ),
        slug=slug,
    )
    key_figures = list(territory.key_figures.all())
    poles = list(territory.poles.all())
    context = {
        "territory": territory,
        "departments": list(territory.departments.all()),
        "latest_figures": key_figures[0] if key_figures else None,
        "key_figures": key_figures,
        "poles": poles,
        # A pole elsewhere that presents this territory's figures (Les Écosolies, the region's).
        "figures_shown_by": list(
            Pole.objects.filter(figures_territory=territory)
            .exclude(pk__in=[pole.pk for pole in poles])
            .order_by("name")
        ),
        "actors": list(territory.actors.all()),
    }
    return render(request, "territories/territory_detail.html", context)
