"""Atom feeds of the network's news (`/flux/actualites.atom`) and of each pole's
(`/poles/<slug>/flux.atom`): status changes, poles added to the portal, published yearly
fiches, documents; the latest NEWS_LIMIT entries, in four queries whatever the data.

An entry is dated by what the data knows, never by when a row was loaded:
- a status change, a document, a fiche taken from the source documents: their own date,
  known to the day, the month or the year, read as its first day at noon (Paris time; the
  entry's text says the date as it is known: « octobre 2010 »); undated, they are left out
  rather than shown as today's news;
- a fiche validated in a campaign: the moment it was validated (frozen);
- a new pole: the moment its record was created in the admin, which its history keeps (only
  that date is read, never who). Poles loaded from the seed or generated have no such moment:
  they are not « new ».

Every address is absolute and starts with SITE_URL, never with the request's Host."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.html import format_html

from campaigns.models import YearlyFiche
from core.fuzzy_dates import truncate
from core.slugs import slug_url
from poles.models import Document, Pole, StatusChange

NEWS_LIMIT = 50
NETWORK_TITLE = "Actualités du réseau des pôles ESS"
# The date of the entries' tag URIs (RFC 4151): fixed, so that an entry keeps its id.
TAG_DATE = "2026"


def absolute(path):
    return settings.SITE_URL + path


def entry_id(key):
    """A permanent id for an entry, whatever becomes of the pole's address."""
    return f"tag:{urlsplit(settings.SITE_URL).hostname},{TAG_DATE}:{key}"


def noon(value, precision):
    """A fuzzy date as a moment: its first day at noon, Paris time."""
    day = truncate(value, precision)
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_default_timezone())


@dataclass(frozen=True)
class Entry:
    key: str  # the entry's id, once prefixed (entry_id)
    title: str
    path: str  # where the reader finds it on the site
    updated: datetime.datetime
    summary: str  # HTML


def status_entries(pole=None):
    changes = (
        StatusChange.objects.filter(changed_on__isnull=False)
        .select_related("pole")
        .only(
            "status",
            "changed_on",
            "changed_on_precision",
            "note",
            "source",
            "pole__name",
            "pole__slug",
        )
        .order_by("-changed_on", "-pk")
    )
    if pole is not None:
        changes = changes.filter(pole=pole)
    for change in changes[:NEWS_LIMIT]:
        when = change.fuzzy("changed_on")
        yield Entry(
            key=f"statut-{change.pk}",
            title=f"Statut de {change.pole.name} : {change.get_status_display()}",
            path=change.pole.get_absolute_url() + "#historique",
            updated=noon(change.changed_on, change.changed_on_precision),
            summary=format_html(
                "<p>{} : {}.</p>{}{}",
                when[0].upper() + when[1:],
                change.get_status_display(),
                format_html("<p>{}</p>", change.note) if change.note else "",
                format_html("<p>Source : {}</p>", change.source) if change.source else "",
            ),
        )


def new_pole_entries(pole=None):
    created = (
        Pole.revisions.filter(id=OuterRef("pk"), history_type="+")
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    poles = (
        Pole.objects.annotate(added_at=Subquery(created))
        .filter(added_at__isnull=False)
        .only("name", "slug")
        .order_by("-added_at", "-pk")
    )
    if pole is not None:
        poles = poles.filter(pk=pole.pk)
    for added in poles[:NEWS_LIMIT]:
        yield Entry(
            key=f"pole-{added.pk}",
            title=f"Nouveau pôle sur le portail : {added.name}",
            path=added.get_absolute_url(),
            updated=added.added_at,
            summary=format_html("<p>La fiche du pôle {} a été ajoutée au portail.</p>", added.name),
        )


def yearly_fiche_entries(pole=None):
    # A campaign's fiche is dated the day it was validated (campaigns/workflow.py): this order
    # is also that of the moments they were frozen.
    fiches = (
        YearlyFiche.objects.exclude(html="")
        .filter(dated_on__isnull=False)
        .select_related("pole")
        .only(
            "period",
            "label",
            "dated_on",
            "dated_on_precision",
            "date_note",
            "frozen_at",
            "fiche_id",
            "pole__name",
            "pole__slug",
        )
        .order_by("-dated_on", "-frozen_at", "-pk")
    )
    if pole is not None:
        fiches = fiches.filter(pole=pole)
    for yearly in fiches[:NEWS_LIMIT]:
        path = reverse("poles:yearly_fiche", args=[yearly.pole.slug, yearly.period])
        # Named as the fiche's page names it (www/poles/fiches.py).
        if yearly.fiche_id is not None or yearly.period.isdigit():
            title = f"Fiche {yearly.label} de {yearly.pole.name} validée par la CRES"
            updated = yearly.frozen_at or noon(yearly.dated_on, yearly.dated_on_precision)
            summary = format_html(
                "<p>Fiche annuelle {} du pôle {} : copie figée de la fiche telle que la CRES "
                "l'a validée le {}.</p>",
                yearly.label,
                yearly.pole.name,
                yearly.fuzzy("dated_on"),
            )
        else:
            title = f"Fiche {yearly.label} de {yearly.pole.name}"
            updated = noon(yearly.dated_on, yearly.dated_on_precision)
            summary = format_html(
                "<p>Fiche {} du pôle {}, reprise des documents sources ({}{}).</p>",
                yearly.label,
                yearly.pole.name,
                yearly.fuzzy("dated_on"),
                f" ; {yearly.date_note}" if yearly.date_note else "",
            )
        yield Entry(f"fiche-{yearly.pk}", title, path, updated, summary)


def document_entries(pole=None):
    documents = (
        Document.objects.filter(date__isnull=False)
        .select_related("pole", "programme")
        .only(
            "title",
            "description",
            "author",
            "date",
            "date_precision",
            "pole__name",
            "pole__slug",
            "programme__name",
            "programme__slug",
        )
        .order_by("-date", "-pk")
    )
    if pole is not None:
        documents = documents.filter(pole=pole)
    for document in documents[:NEWS_LIMIT]:
        if document.pole_id is not None:
            owner = f"du pôle {document.pole.name}"
            path = document.pole.get_absolute_url() + "#documents"
        else:
            owner = f"du programme « {document.programme.name} »"
            path = document.programme.get_absolute_url() + "#documents"
        byline = ", ".join(filter(None, [document.author, document.fuzzy("date")]))
        yield Entry(
            key=f"document-{document.pk}",
            title=f"Document {owner} : {document.title}",
            path=path,
            updated=noon(document.date, document.date_precision),
            summary=format_html(
                "<p>{}</p>{}",
                byline,
                format_html("<p>{}</p>", document.description) if document.description else "",
            ),
        )


def latest_news(pole=None):
    """The NEWS_LIMIT latest entries of the network (of one pole), latest first."""
    entries = [
        *status_entries(pole),
        *new_pole_entries(pole),
        *yearly_fiche_entries(pole),
        *document_entries(pole),
    ]
    entries.sort(key=lambda entry: (entry.updated, entry.key), reverse=True)
    return entries[:NEWS_LIMIT]


class NewsFeed(Feed):
    """What both feeds share: Atom, French, absolute addresses from SITE_URL."""

    feed_type = feedgenerator.Atom1Feed
    language = "fr"
    author_name = "Chambre régionale de l'économie sociale et solidaire (CRES)"

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def item_title(self, entry):
        return entry.title  # Atom titles are text: written escaped once, by the generator

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return absolute(entry.path)

    def item_guid(self, entry):
        return entry_id(entry.key)

    def item_updateddate(self, entry):
        return entry.updated


class NetworkFeed(NewsFeed):
    title = NETWORK_TITLE
    subtitle = (
        "Changements de statut, nouveaux pôles, fiches annuelles publiées et documents des "
        "pôles de développement de l'économie sociale et solidaire."
    )

    def link(self):
        return absolute(reverse("home"))

    def feed_url(self, obj=None):
        return absolute(reverse("feed"))

    def items(self):
        return latest_news()


class PoleFeed(NewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Pole.objects.only("name", "slug"), slug=slug)

    def title(self, pole):
        return f"Actualités du pôle {pole.name}"

    def subtitle(self, pole):
        return f"Changements de statut, fiches annuelles publiées et documents du pôle {pole.name}."

    def link(self, pole):
        return absolute(pole.get_absolute_url())

    def feed_url(self, pole):
        return absolute(slug_url("poles:feed", pole.slug))

    def items(self, pole):
        return latest_news(pole)
