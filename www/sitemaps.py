"""`/sitemap.xml`, the plan of every public page for search engines, and `/robots.txt`.

The protocol (sitemaps.org) caps a file at 50 000 addresses, and a national network has
some 200 000 actors: `/sitemap.xml` is an index of the sections' files, each section cut
into pages of PAGE_SIZE addresses (`/sitemap-acteurs-1.xml`, `/sitemap-acteurs-2.xml` …).
The index costs a count per section, a file one query. Addresses start with SITE_URL, never
with the request's Host."""

import math
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse

from actors.models import Actor
from campaigns.models import YearlyFiche
from core.slugs import slug_url
from funding.models import Funder, Programme
from poles.models import Pole
from territories.models import Territory

PAGE_SIZE = 50_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
PAGES = (
    "home",
    "approach",
    "map",
    "poles:list",
    "territories:list",
    "actors:list",
    "funding:list",
    "data:index",
    "api:documentation",
)
# The downloads, which crawlers need not fetch (a filtered list can take long to export).
EXPORTS = ("poles", "territories", "actors", "funding")


class SlugPages:
    """A section of the plan: the pages of a model's rows, named by their slug."""

    def __init__(self, queryset, viewname, lastmod=None):
        self.queryset, self.viewname, self.lastmod = queryset, viewname, lastmod

    def count(self):
        return self.queryset.count()

    def urls(self, start, stop):
        fields = ["slug", self.lastmod] if self.lastmod else ["slug"]
        rows = self.queryset.order_by("pk").values_list(*fields)[start:stop]
        for row in rows.iterator(chunk_size=5000):
            yield slug_url(self.viewname, row[0]), row[1] if self.lastmod else None


class YearlyFichePages:
    """The published fiches of the year, `/poles/<slug>/fiches/<period>/`."""

    queryset = YearlyFiche.objects.exclude(html="")

    def count(self):
        return self.queryset.count()

    def urls(self, start, stop):
        pattern = reverse("poles:yearly_fiche", args=["__slug__", "__period__"])
        rows = self.queryset.order_by("pk").values_list("pole__slug", "period")[start:stop]
        for slug, period in rows.iterator(chunk_size=5000):
            yield pattern.replace("__slug__", slug).replace("__period__", period), None


class FixedPages:
    """The home, the approach and the four lists."""

    def count(self):
        return len(PAGES)

    def urls(self, start, stop):
        return ((reverse(name), None) for name in PAGES[start:stop])


SECTIONS = {
    "pages": FixedPages(),
    "poles": SlugPages(Pole.objects.all(), "poles:detail", lastmod="updated_at"),
    "fiches": YearlyFichePages(),
    "territoires": SlugPages(Territory.objects.all(), "territories:detail"),
    "acteurs": SlugPages(Actor.objects.all(), "actors:detail"),
    "financeurs": SlugPages(Funder.objects.all(), "funding:funder"),
    "programmes": SlugPages(Programme.objects.all(), "funding:programme"),
}


def xml_response(parts):
    return HttpResponse("".join(parts), content_type="application/xml; charset=utf-8")


def page_count(pages):
    """A section's files (none for a section without pages: a file lists one at least)."""
    return math.ceil(pages.count() / PAGE_SIZE)


def sitemap_index(request):
    """/sitemap.xml: the files of every section that has pages."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sitemapindex xmlns="{NAMESPACE}">\n']
    for section, pages in SECTIONS.items():
        for page in range(1, page_count(pages) + 1):
            url = settings.SITE_URL + reverse("sitemap_section", args=[section, page])
            parts.append(f"<sitemap><loc>{escape(url)}</loc></sitemap>\n")
    parts.append("</sitemapindex>\n")
    return xml_response(parts)


def sitemap_section(request, section, page):
    """/sitemap-<section>-<page>.xml: PAGE_SIZE addresses of a section at most."""
    pages = SECTIONS.get(section)
    if pages is None or not 1 <= page <= page_count(pages):
        raise Http404("Cette page du plan du site n'existe pas.")
    start = (page - 1) * PAGE_SIZE
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<urlset xmlns="{NAMESPACE}">\n']
    for path, lastmod in pages.urls(start, start + PAGE_SIZE):
        modified = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        parts.append(f"<url><loc>{escape(settings.SITE_URL + path)}</loc>{modified}</url>\n")
    parts.append("</urlset>\n")
    return xml_response(parts)


def robots_txt(request):
    """/robots.txt: the public site is open to crawlers, the admin and downloads are not."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [
        f"Disallow: {reverse(f'{section}:export_csv').removesuffix('csv')}" for section in EXPORTS
    ]
    lines.append(f"Disallow: {reverse('funding:export_pole_years_csv').removesuffix('csv')}")
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
