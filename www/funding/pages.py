"""A programme's page and a funder's page (/financements/programmes/<slug>/,
/financements/financeurs/<slug>/): a constant number of queries whatever the lines."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from funding.enums import FundingStatus
from funding.models import Funder, Programme
from poles.models import Contact, Document, FundingLine, Pole
from www.funding.money import COMMITTED
from www.funding.totals import cap_usage

# A programme's page names this many poles at most; /poles/?programme=… lists them all.
POLES_SHOWN = 100


def funded_poles(lines):
    """The poles of `lines`, by name, with their stage: the first POLES_SHOWN, and their count."""
    poles = (
        Pole.objects.filter(pk__in=lines.values("pole"))
        .only("name", "slug", "status")
        .order_by("name")
    )
    return list(poles[:POLES_SHOWN]), poles.count()


def line_counts(lines):
    """How many lines, by state: committed (granted or paid), requested, refused, and listed
    (state not known)."""
    return lines.aggregate(
        total=Count("pk"),
        committed=Count("pk", filter=Q(status__in=COMMITTED)),
        requested=Count("pk", filter=Q(status=FundingStatus.REQUESTED)),
        refused=Count("pk", filter=Q(status=FundingStatus.REFUSED)),
        listed=Count("pk", filter=Q(status=FundingStatus.UNKNOWN)),
    )


def programme_detail(request, slug):
    """The programme's fiche in the reader's order, its rules as the portal checks them, the
    poles of its lines with their stage, and what each uses of its caps."""
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    lines = FundingLine.objects.filter(programme=programme)
    poles, pole_count = funded_poles(lines)
    caps, more_caps = cap_usage(lines)
    context = {
        "programme": programme,
        "funder": programme.funder,
        "rules": programme.rules(),
        "contacts": list(Contact.objects.filter(programme=programme).order_by("full_name")),
        "documents": list(Document.objects.filter(programme=programme)),
        "poles": poles,
        "pole_count": pole_count,
        "caps": caps,
        "more_caps": more_caps,
        "counts": line_counts(lines),
    }
    return render(request, "funding/programme_detail.html", context)


def funder_detail(request, slug):
    """The funder, its programmes, and its lines counted by state (the list of its lines is
    /financements/?financeur=…)."""
    funder = get_object_or_404(Funder.objects.select_related("region", "department"), slug=slug)
    lines = FundingLine.objects.filter(funder=funder)
    poles, pole_count = funded_poles(lines)
    context = {
        "funder": funder,
        "programmes": list(funder.programmes.only("name", "slug", "funder").order_by("name")),
        "poles": poles,
        "pole_count": pole_count,
        "counts": line_counts(lines),
    }
    return render(request, "funding/funder_detail.html", context)
