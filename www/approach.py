"""/demarche/: the network's approach as the CRES's document presents it (its text is the
context of the Region's programme), and the state of the network today, from the data."""

from django.db.models import Count, Q, Sum
from django.shortcuts import render

from actors.models import Actor
from funding.models import Funder, Programme
from poles.enums import PoleStatus
from poles.models import Action, Contact, Pole
from territories.models import Territory

# What the document counts (« La démarche s'est pour l'instant engagée sur 14 territoires où
# déjà plus de 350 organisations locales de l'ESS sont impliquées. 3 pôles sont déjà créés »),
# and the poles, funder and example it names, by their slugs in the seed.
DOCUMENT_TERRITORIES = 14
DOCUMENT_ORGANISATIONS = 350
DOCUMENT_POLES = ("cades", "adess-pays-de-brest", "reso-solidaire")
SUPPORT_EXAMPLE = ("adess-pays-de-brest", "brest-metropole-oceane")
EXAMPLE_POLE = "cades"


def approach(request):
    programme = (
        Programme.objects.exclude(context="").select_related("funder").order_by("pk").first()
    )
    named = {
        pole.slug: pole
        for pole in Pole.objects.filter(slug__in=DOCUMENT_POLES).only(
            "name", "slug", "status", "full_name", "history"
        )
    }
    counts = Pole.objects.aggregate(
        total=Count("pk"),
        operating=Count("pk", filter=Q(status=PoleStatus.OPERATING)),
        prefiguration=Count("pk", filter=Q(status=PoleStatus.PREFIGURATION)),
        # The actors each fiche says it involves, where it says so.
        declared_actors=Sum("actors_count"),
        declaring=Count("pk", filter=Q(actors_count__isnull=False)),
    )
    context = {
        "programme": programme,
        "contacts": (
            list(Contact.objects.filter(programme=programme).order_by("full_name"))
            if programme
            else []
        ),
        "document_territories": DOCUMENT_TERRITORIES,
        "document_organisations": DOCUMENT_ORGANISATIONS,
        "document_poles": [named[slug] for slug in DOCUMENT_POLES if slug in named],
        "support_pole": named.get(SUPPORT_EXAMPLE[0]),
        "support_funder": Funder.objects.filter(slug=SUPPORT_EXAMPLE[1]).first(),
        "example": named.get(EXAMPLE_POLE),
        "example_actions": list(
            Action.objects.filter(pole__slug=EXAMPLE_POLE).only("title", "details", "pole")
        ),
        "today": {
            **counts,
            "territories": Territory.objects.filter(poles__isnull=False).distinct().count(),
            "actors": Actor.objects.filter(memberships__isnull=False).distinct().count(),
        },
    }
    return render(request, "approach.html", context)
