"""/poles/<slug>/fiches/<period>/: a pole's fiche as the CRES validated it (campaigns/workflow.py
freezes it), or as the seed's documents told it in 2009–2010 (frozen by `load_seed`); and the
pole's page, which links to them."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import freeze, workflow
from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche, YearlyFiche
from core.fuzzy_dates import format_fuzzy_date
from poles.models import Pole
from tests.factories import ActionFactory, MembershipFactory, ObjectiveFactory, PoleFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

COMMENT = "Merci, la CRES a relu la fiche avec Mme Kerbrat."
SEED_POLES = 15


def yearly_url(pole, period):
    return reverse("poles:yearly_fiche", kwargs={"slug": pole.slug, "period": period})


def read(url, status=200):
    response = Client().get(url)
    assert response.status_code == status, url
    return page_text(response)


def words(html):
    """The text of some HTML, tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def cres(django_user_model):
    return django_user_model.objects.create_superuser(
        username="zquillivic", email="z.quillivic@cres.example", password="x-solide-2026"
    )


def validated(pole, user, capture):
    """The pole's fiche of an open 2026 campaign, submitted then validated by `user`."""
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        year=2026,
        opens_on=today - timedelta(days=20),
        submission_deadline=today + timedelta(days=10),
        review_deadline=today + timedelta(days=20),
    )
    fiche = Fiche.objects.create(campaign=campaign, pole=pole, state=FicheState.SUBMITTED)
    with capture(execute=True):
        workflow.validate(fiche, user, COMMENT)
    return YearlyFiche.objects.get(pole=pole, period="2026")


def test_a_validated_fiche_is_published_frozen(cres, django_capture_on_commit_callbacks):
    pole = PoleFactory(name="Pôle de Kerlouan", purpose="Fédérer les acteurs de Kerlouan.")
    ObjectiveFactory(pole=pole, title="Ouvrir une recyclerie")
    yearly = validated(pole, cres, django_capture_on_commit_callbacks)
    frozen = yearly.html

    # The pole changes afterwards: its page does, its fiche of 2026 does not.
    pole.purpose = "Fédérer et former les acteurs de Kerlouan."
    pole.save()
    ObjectiveFactory(pole=pole, title="Créer une monnaie locale")
    yearly.refresh_from_db()
    assert yearly.html == frozen

    content = read(yearly_url(pole, "2026"))
    today = format_fuzzy_date(timezone.localdate(), "day")
    assert words(content[content.index('<nav class="breadcrumb"') :]).startswith(
        "Accueil Pôles Pôle de Kerlouan Fiche 2026 "
        "Fiche annuelle 2026 : copie figée de la fiche telle que la CRES l'a validée le "
        f"{today}. Voir la fiche actuelle du pôle Pôle de Kerlouan"
    )
    assert f'<a href="{pole.get_absolute_url()}">Voir la fiche actuelle du pôle</a>' in content
    assert content.count("<h1") == 1 and "<h1>Pôle de Kerlouan</h1>" in content
    assert "Fédérer les acteurs de Kerlouan." in content
    assert "Ouvrir une recyclerie" in content
    assert "former les acteurs" not in content and "monnaie locale" not in content
    # Only the live page says whether the fiche is up to date, and lists the yearly fiches.
    assert "fiche-status" not in content and "Fiches annuelles" not in content
    # Who validated it, and what they wrote, stay in the admin.
    for private in (COMMENT, "Kerbrat", cres.username, cres.email):
        assert private not in content

    live = read(pole.get_absolute_url())
    assert "former les acteurs" in live and "monnaie locale" in live
    assert f"Fiche validée le {timezone.localdate():%-d} " in live
    assert "(campagne 2026)" in live
    assert f'Fiches annuelles : <a href="{yearly_url(pole, "2026")}">2026</a>' in live
    assert COMMENT not in live


def test_the_frozen_copy_is_the_article_of_the_page_without_what_is_live(
    cres, django_capture_on_commit_callbacks
):
    pole = PoleFactory(name="Pôle de Kerlouan")
    ActionFactory.create_batch(3, pole=pole)
    MembershipFactory.create_batch(3, pole=pole)
    yearly = validated(pole, cres, django_capture_on_commit_callbacks)

    content = Client().get(pole.get_absolute_url()).content.decode()
    article = content[content.index('<article class="pole">') : content.index("</article>") + 10]
    live = re.search(r'\s*<div class="fiche-status.*?</div>\n', article, re.DOTALL).group(0)

    assert words(article.replace(live, "")) == words(yearly.html)
    assert yearly.html.startswith('<article class="pole">')


def test_rendering_a_fiche_costs_the_same_queries_for_a_small_or_a_large_pole():
    small, large = PoleFactory(), PoleFactory()
    ActionFactory(pole=small)
    ActionFactory.create_batch(80, pole=large)
    MembershipFactory.create_batch(120, pole=large)
    freeze.render(small)  # the process-wide caches warm

    with CaptureQueriesContext(connection) as small_queries:
        freeze.render(small)
    with CaptureQueriesContext(connection) as large_queries:
        html = freeze.render(large)

    assert len(small_queries) == len(large_queries) <= 20
    assert html.count("<tr>") >= 120


def test_unknown_or_unfrozen_fiches_are_404(cres, django_capture_on_commit_callbacks):
    pole = PoleFactory(name="Pôle de Kerlouan")
    other = PoleFactory(name="Pôle de Plouguerneau")
    validated(pole, cres, django_capture_on_commit_callbacks)
    YearlyFiche.objects.create(pole=other, period="2009-2010", label="2009–2010")  # no HTML yet

    read(yearly_url(pole, "2026"))
    for url in (
        yearly_url(pole, "2025"),
        yearly_url(other, "2026"),  # another pole's year
        yearly_url(other, "2009-2010"),  # not frozen
        "/poles/pole-inconnu/fiches/2026/",
        "/poles/pole-de-kerlouan/fiches/2026-%C3%A9t%C3%A9/",
    ):
        assert "Page introuvable" in read(url, status=404)
    assert "Fiches annuelles" not in read(other.get_absolute_url())


# The seed's fiche 2009–2010


def test_load_seed_freezes_the_fiche_2009_2010_of_every_seed_pole():
    call_command("load_seed", stdout=StringIO())

    fiches = YearlyFiche.objects.select_related("pole")
    assert fiches.count() == Pole.objects.count() == SEED_POLES
    assert all(fiche.html.startswith('<article class="pole">') for fiche in fiches)
    assert {fiche.period for fiche in fiches} == {"2009-2010"}
    for fiche in fiches:
        url = yearly_url(fiche.pole, "2009-2010")
        assert f'Fiches annuelles : <a href="{url}">2009–2010</a>' in read(
            fiche.pole.get_absolute_url()
        )
        assert f"<h1>{fiche.pole.name}</h1>" in read(url).replace("&#x27;", "'")

    c2sol = read("/poles/c2sol/fiches/2009-2010/")
    assert (
        "Fiche 2009–2010, reprise des documents sources (octobre 2010 ; date de l'état du réseau "
        "que donne la fiche de l'Avise sur le programme de la Région Bretagne, la plus récente "
        "de ses deux sources ; l'autre est la fiche du pôle C2SOL, non datée)."
    ) in c2sol
    assert "7 521" in c2sol and "Professionnalisation des acteurs de l'ESS" in c2sol
    ecosolies = read("/poles/les-ecosolies/fiches/2009-2010/")
    assert (
        "Fiche 2009–2010, reprise des documents sources (document non daté ; la fiche du pôle "
        "Les Écosolies cite des faits jusqu'en 2008 et joint le « Plan d'action des Ecosolies "
        "2008 - 2010 »)."
    ) in ecosolies


def test_a_forced_reload_freezes_the_seed_fiches_again_without_duplicates():
    call_command("load_seed", stdout=StringIO())
    YearlyFiche.objects.filter(pole__slug="c2sol").update(html="<article>ancienne</article>")

    call_command("load_seed", "--force", stdout=StringIO())

    assert YearlyFiche.objects.count() == SEED_POLES
    assert "<h1>C2SOL</h1>" in YearlyFiche.objects.get(pole__slug="c2sol").html


def test_the_seed_fiches_are_dated_as_their_documents(seed):
    """Only document 002 gives a date (« Octobre 2010 »): its poles are dated to the month; Les
    Écosolies, told by the undated 003 alone, has no date."""
    dates = {
        fiche.pole.slug: (fiche.fuzzy("dated_on"), fiche.date_note)
        for fiche in YearlyFiche.objects.select_related("pole")
    }

    assert len(dates) == SEED_POLES
    assert dates["les-ecosolies"][0] == ""
    assert {when for slug, (when, _) in dates.items() if slug != "les-ecosolies"} == {
        "octobre 2010"
    }
    assert dates["pole-ess-du-pays-de-dinan"][1].endswith(
        "l'autre est la fiche de l'étude de préfiguration du Pays de Dinan, non datée"
    )
    assert dates["cades"][1].endswith(
        "l'autre est la fiche de la CRES Bretagne sur les pôles territoriaux, non datée"
    )
    assert dates["bras"][1] == (
        "date de l'état du réseau que donne la fiche de l'Avise sur le programme de la Région "
        "Bretagne"
    )


def test_the_pole_page_lists_its_yearly_fiches_latest_first(
    cres, django_capture_on_commit_callbacks
):
    call_command("load_seed", stdout=StringIO())
    c2sol = Pole.objects.get(slug="c2sol")
    validated(c2sol, cres, django_capture_on_commit_callbacks)

    assert (
        f'Fiches annuelles : <a href="{yearly_url(c2sol, "2026")}">2026</a>, '
        f'<a href="{yearly_url(c2sol, "2009-2010")}">2009–2010</a>'
    ) in read(c2sol.get_absolute_url())
    assert "Fiche annuelle 2026 : copie figée" in read(yearly_url(c2sol, "2026"))
