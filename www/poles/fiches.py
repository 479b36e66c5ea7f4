from django.shortcuts import get_object_or_404, render

from campaigns.models import YearlyFiche


def yearly_fiche(request, slug, period):
    """/poles/<slug>/fiches/<period>/: the pole's fiche as the CRES validated it that year
    (or as the source documents of 2009–2010 told it), frozen: its HTML was kept at the time
    (campaigns/freeze.py). A fiche not frozen yet is not published."""
    yearly = get_object_or_404(
        YearlyFiche.objects.select_related("pole")
        .exclude(html="")
        .only(
            "period",
            "label",
            "dated_on",
            "dated_on_precision",
            "date_note",
            "html",
            "fiche_id",
            "pole__name",
            "pole__slug",
        ),
        pole__slug=slug,
        period=period,
    )
    context = {
        "yearly": yearly,
        "pole": yearly.pole,
        # A campaign's fiche is named by its year (campaigns/workflow.py), and keeps it if its
        # campaign is deleted; the seed's by the years of the documents, « 2009-2010 ».
        "from_campaign": yearly.fiche_id is not None or yearly.period.isdigit(),
    }
    return render(request, "poles/yearly_fiche.html", context)
