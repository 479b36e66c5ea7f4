from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.lists import PAGE_SIZE
from core.page_cache.parameters import reads_query
from poles.models import Pole
from territories.models import KeyFigures, Territory
from www.map.drawing import locator, pieces_of

# /territoires/ shows about this many cards a page; a department's or region's section is
# never cut, so that a page can hold more.
CARDS_PER_PAGE = 60


def latest_figures():
    """Each territory's latest key figures only, in one query (a window over the territories)."""
    return Prefetch(
        "key_figures", queryset=KeyFigures.objects.latest_first()[:1], to_attr="latest_figures"
    )


def ordered_poles(to_attr=None):
    return Prefetch(
        "poles",
        queryset=Pole.objects.only("name", "slug", "status").order_by("name"),
        to_attr=to_attr,
    )


def listed_territories():
    """Every territory with its region and `department_list`, in name order; `with_cards()`
    adds what their cards show. (Lists rather than related managers: hundreds of managers
    cost more than the queries.)"""
    return list(
        Territory.objects.select_related("region")
        .prefetch_related(Prefetch("departments", to_attr="department_list"))
        .order_by("name")
    )


def with_cards(territories):
    """What the cards of `territories` show, in two queries: their `pole_list` and, as
    `figures`, their latest key figures or None."""
    territories = list(territories)
    prefetch_related_objects(territories, ordered_poles("pole_list"), latest_figures())
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
        departments = territory.department_list
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


def sections_of(territories):
    """The sections of /territoires/ in their order: {anchor, title, entries, show_kind}."""
    pays_by_department, others_by_region = group_for_list(territories)
    sections = [
        {
            "anchor": f"departement-{department.slug}",
            "heading": department,
            "title": f"Pays — {department}",
            "entries": entries,
            "show_kind": False,
        }
        for department, entries in pays_by_department
    ]
    sections += [
        {
            "anchor": f"region-{region.slug}",
            "heading": region,
            "title": f"Autres territoires — {region}",
            "entries": [{"territory": territory, "also_in": None} for territory in others],
            "show_kind": True,
        }
        for region, others in others_by_region
    ]
    return sections


def paged(sections, per_page=CARDS_PER_PAGE):
    """The sections on pages of about `per_page` cards, whole sections only; each section
    gets its `page` number."""
    pages, page, cards = [], [], 0
    for section in sections:
        if page and cards + len(section["entries"]) > per_page:
            pages.append(page)
            page, cards = [], 0
        page.append(section)
        cards += len(section["entries"])
        section["page"] = len(pages) + 1
    return [*pages, page] if page else pages


@reads_query("page")
def territory_list(request):
    """/territoires/: the Pays by department, then the other territories by region, a few
    departments a page; the table of contents names every section and its page."""
    territories = listed_territories()
    sections = sections_of(territories)
    try:
        page = Paginator(paged(sections), 1).page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404("Cette page de la liste des territoires n'existe pas.") from error
    shown = page.object_list[0] if page.object_list else []
    with_cards({entry["territory"] for section in shown for entry in section["entries"]})
    context = {
        "sections": sections,
        "shown": shown,
        "page_obj": page,
        "query_without_page": "",
        "pays_count": sum(1 for territory in territories if territory.kind == Territory.Kind.PAYS),
        "territory_count": len(territories),
    }
    return render(request, "territories/territory_list.html", context)


def territory_detail(request, slug):
    """A territory's page: its key figures year by year, its poles, its first actors (the
    directory, filtered on the territory, lists them all)."""
    territory = get_object_or_404(
        Territory.objects.select_related("region")
        .annotate(actor_count=Count("actors"))
        .prefetch_related(
            "departments",
            ordered_poles(),
            Prefetch("key_figures", queryset=KeyFigures.objects.latest_first()),
        ),
        slug=slug,
    )
    key_figures = list(territory.key_figures.all())
    poles = list(territory.poles.all())
    context = {
        "territory": territory,
        "locator": locator([territory], pieces_of([territory])),
        "departments": list(territory.departments.all()),
        "latest_figures": key_figures[0] if key_figures else None,
        "key_figures": key_figures,
        "poles": poles,
        # A pole elsewhere that presents this territory's figures (Les Écosolies, the region's).
        "figures_shown_by": list(
            Pole.objects.filter(figures_territory=territory)
            .exclude(pk__in=[pole.pk for pole in poles])
            .only("name", "slug")
            .order_by("name")
        ),
        "actors": list(
            territory.actors.only("name", "slug", "acronym", "kind", "territory").order_by("name")[
                :PAGE_SIZE
            ]
        ),
    }
    return render(request, "territories/territory_detail.html", context)
