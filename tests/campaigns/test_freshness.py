"""« Fiche à actualiser » (campaigns/freshness.py), read where a visitor reads it: the pole's
page, its card in /poles/, the filter `?fiche=a_actualiser|a_jour`, the export. Times are set
in the database (`updated_at`, `validated_at`), never mocked; the rule is SQL, so this file is
run on SQLite and on PostgreSQL (DATABASE_URL)."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from campaigns.enums import FicheState
from campaigns.models import Campaign, Fiche, YearlyFiche
from poles.enums import PoleStatus
from poles.models import Pole
from territories.models import KeyFigures
from tests.admin.conftest import staff_client, staff_user  # noqa: F401
from tests.core.imports.admin_steps import import_file
from tests.core.imports.spreadsheets import KEY_FIGURES_HEADERS, upload
from tests.factories import KeyFiguresFactory, PoleFactory, TerritoryFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

STALE = "fiche à actualiser"


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def dated(pole, days):
    """The pole last edited `days` ago (None: never, a fiche taken from the documents)."""
    Pole.objects.filter(pk=pole.pk).update(updated_at=None if days is None else days_ago(days))


def pole_date(moment):
    """A datetime as the pole's page writes it: « 7 octobre 2009 »."""
    with translation.override("fr"):
        return date_format(timezone.localtime(moment), "j F Y")


def pole_page(pole):
    response = Client().get(pole.get_absolute_url())
    assert response.status_code == 200
    return page_text(response)


def status(pole):
    """What the pole's page says of its fiche, under its name, as one line of text."""
    content = pole_page(pole)
    start = content.index('<div class="fiche-status')
    block = content[start : content.index("</div>", start)]
    return " ".join(re.sub(r"<[^>]+>", " ", block).split())


def listed(fiche):
    response = Client().get(reverse("poles:list"), {"fiche": fiche})
    assert response.status_code == 200
    return {pole.name for pole in response.context["paginator"].object_list}


def is_stale(pole):
    """What the page, the card and both filters say, which must agree."""
    stale = STALE in pole_page(pole)
    card = Client().get(reverse("poles:list"), {"q": ""}).content.decode()
    start = card.index(f">{pole.name}</a>")
    card_stale = STALE in card[start : card.index("</li>", start)]
    assert card_stale == stale
    assert (pole.name in listed("a_actualiser"), pole.name in listed("a_jour")) == (
        stale,
        not stale,
    )
    return stale


def campaign(year, closed=False):
    return Campaign.objects.create(
        year=year,
        opens_on=date(year, 1, 15),
        submission_deadline=date(year, 3, 1),
        review_deadline=date(year, 4, 1),
        closed_on=date(year, 6, 1) if closed else None,
    )


def fiche(campaign, pole, validated_days_ago=None):
    """The pole's fiche in `campaign`: validated that many days ago, else left « à faire »."""
    if validated_days_ago is None:
        return Fiche.objects.create(campaign=campaign, pole=pole)
    return Fiche.objects.create(
        campaign=campaign,
        pole=pole,
        state=FicheState.VALIDATED,
        validated_at=days_ago(validated_days_ago),
    )


# Without a closed campaign: a fiche unchanged for a year


def test_a_fiche_edited_within_the_year_is_up_to_date_and_one_older_is_not():
    pole = PoleFactory(name="Pôle de Kerlouan")
    dated(pole, 364)
    assert not is_stale(pole)
    assert f"Fiche mise à jour le {pole_date(days_ago(364))}." in pole_page(pole)

    dated(pole, 366)

    assert is_stale(pole)
    assert status(pole) == (
        "fiche à actualiser Elle n'a pas été modifiée depuis plus d'un an. "
        f"Fiche mise à jour le {pole_date(days_ago(366))}. "
        "Elle n'a jamais été validée lors d'une campagne de la CRES."
    )


def test_a_fiche_taken_as_is_from_the_documents_is_to_update():
    pole = PoleFactory(name="Pôle de Plouguerneau")
    dated(pole, None)

    assert is_stale(pole)
    assert (
        "Fiche reprise des documents sources du réseau (2009–2010), sans modification depuis."
        in (pole_page(pole))
    )


def test_a_stopped_pole_never_is():
    pole = PoleFactory(name="Pôle arrêté", status=PoleStatus.STOPPED)
    dated(pole, None)
    assert not is_stale(pole)

    campaign_2025 = campaign(2025, closed=True)
    fiche(campaign_2025, pole)
    assert not is_stale(pole)


@pytest.mark.parametrize("where", ["territories", "figures_territory"])
def test_new_key_figures_of_its_territory_are_a_change_of_the_fiche(where):
    territory = TerritoryFactory(name="Pays de Kerlouan")
    if where == "territories":
        pole = PoleFactory(name="Pôle de Kerlouan", territories=[territory])
    else:
        pole = PoleFactory(name="Pôle de Kerlouan", figures_territory=territory)
    figures = KeyFiguresFactory(territory=territory, year=2024)
    dated(pole, 800)
    KeyFigures.objects.filter(pk=figures.pk).update(updated_at=days_ago(800))
    assert is_stale(pole)

    KeyFigures.objects.filter(pk=figures.pk).update(updated_at=days_ago(10))

    assert not is_stale(pole)
    assert f"Chiffres clés du territoire mis à jour le {pole_date(days_ago(10))}." in (
        pole_page(pole)
    )


def test_key_figures_of_another_territory_are_not(territory):
    pole = PoleFactory(name="Pôle de Kerlouan")
    KeyFiguresFactory(territory=territory, year=2024)  # saved now, on Lorient
    dated(pole, 800)

    assert is_stale(pole)


def test_an_import_of_key_figures_dates_them_and_refreshes_the_poles(
    staff_client,  # noqa: F811
    territory,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path  # the uploaded file waits there for its confirmation
    pole = PoleFactory(name="Pôle de Lorient", territories=[territory])
    figures = KeyFiguresFactory(territory=territory, year=2008, source="Observatoire 2008")
    KeyFigures.objects.filter(pk=figures.pk).update(updated_at=None)
    dated(pole, None)
    assert is_stale(pole)
    row = ["pays-de-lorient", "2008", "Observatoire 2008", "700", "", "", "", "", "", ""]

    with django_capture_on_commit_callbacks(execute=True):
        response = import_file(staff_client, KeyFigures, upload(KEY_FIGURES_HEADERS, [row]))

    assert response.status_code == 302
    figures.refresh_from_db()
    assert figures.establishments == 700
    assert figures.updated_at > days_ago(1)
    assert not is_stale(pole)


# With campaigns


def test_a_validation_is_a_change_of_the_fiche():
    pole = PoleFactory(name="Pôle de Kerlouan")
    dated(pole, 800)
    fiche(campaign(2026), pole, validated_days_ago=20)  # the 2026 campaign, still open

    assert not is_stale(pole)
    validated = pole_date(days_ago(20))
    assert f"Fiche validée le {validated} (campagne 2026)." in pole_page(pole)


def test_in_the_last_closed_campaign_only_a_validated_fiche_is_up_to_date():
    last = campaign(2025, closed=True)
    validated = PoleFactory(name="Pôle validé")
    fiche(last, validated, validated_days_ago=500)  # validated long ago: still up to date
    dated(validated, 600)
    not_validated = PoleFactory(name="Pôle non validé")
    fiche(last, not_validated)
    dated(not_validated, 1)  # edited yesterday: still to update
    later = PoleFactory(name="Pôle validé ensuite")
    fiche(last, later)
    fiche(campaign(2026), later, validated_days_ago=800)
    dated(later, 900)
    outside = PoleFactory(name="Pôle hors campagne")
    dated(outside, 10)

    assert not is_stale(validated)
    assert is_stale(not_validated)
    assert status(not_validated).startswith(
        "fiche à actualiser Elle n'a pas été validée lors de la campagne 2025 de la CRES. "
    )
    assert not is_stale(later)
    assert not is_stale(outside)  # not covered: the time rule
    dated(outside, 400)
    assert is_stale(outside)
    assert status(outside).startswith(
        "fiche à actualiser Elle n'a pas été modifiée depuis plus d'un an. "
    )


def test_only_the_latest_closed_campaign_counts():
    pole = PoleFactory(name="Pôle de Kerlouan")
    fiche(campaign(2024, closed=True), pole)  # not validated in 2024
    campaign(2025, closed=True)  # the latest closed one does not cover the pole
    campaign(2026)  # open: not closed yet
    dated(pole, 30)

    assert not is_stale(pole)


def test_a_fiche_validated_then_edited_says_both():
    pole = PoleFactory(name="Pôle de Kerlouan")
    fiche(campaign(2026), pole, validated_days_ago=40)
    dated(pole, 3)

    assert (
        f"Fiche validée le {pole_date(days_ago(40))} (campagne 2026), mise à jour depuis le "
        f"{pole_date(days_ago(3))}."
    ) in pole_page(pole)


def test_the_export_says_which_fiches_to_update_and_their_last_validation():
    fresh = PoleFactory(name="Pôle à jour")
    fiche(campaign(2026), fresh, validated_days_ago=20)
    old = PoleFactory(name="Pôle ancien")
    dated(old, None)

    response = Client().get(reverse("poles:export_csv"))

    rows = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    local = timezone.localdate(days_ago(20)).strftime("%d/%m/%Y")
    assert (by_name["Pôle à jour"]["Fiche à actualiser"], by_name["Pôle à jour"]["Dernière validation"]) == ("non", local)  # fmt: skip
    assert (by_name["Pôle ancien"]["Fiche à actualiser"], by_name["Pôle ancien"]["Dernière validation"]) == ("oui", "")  # fmt: skip


def test_the_filter_keeps_the_other_filters_and_says_what_funding_cannot_follow():
    PoleFactory(name="Pôle ancien en préfiguration", status=PoleStatus.PREFIGURATION)
    PoleFactory(name="Pôle ancien en fonctionnement", status=PoleStatus.OPERATING)
    Pole.objects.update(updated_at=None)

    response = Client().get(
        reverse("poles:list"), {"fiche": "a_actualiser", "status": "prefiguration"}
    )

    assert [pole.name for pole in response.context["poles"]] == ["Pôle ancien en préfiguration"]
    content = page_text(response)
    assert "1 pôle correspond à ces filtres" in content
    assert '<option value="a_actualiser" selected>à actualiser</option>' in content
    assert "(l'état des fiches ne s'y applique pas)" in content


def test_an_unknown_fiche_state_is_a_400_naming_the_filter(client):
    response = client.get(reverse("poles:list"), {"fiche": "perimee"})

    assert response.status_code == 400
    assert "« État de la fiche » : « perimee » n'est pas un état de fiche proposé." in page_text(
        response
    )


# Constant queries, whatever the number of poles, campaigns and figures


def network(count, year):
    """`count` poles, each with key figures, fiches in a closed and an open campaign (one in
    two validated), and a published yearly fiche."""
    closed, current = campaign(year, closed=True), campaign(year + 1)
    for number in range(count):
        territory = TerritoryFactory()
        pole = PoleFactory(territories=[territory], figures_territory=TerritoryFactory())
        KeyFiguresFactory(territory=territory, year=2020)
        KeyFiguresFactory(territory=pole.figures_territory, year=2021)
        fiche(closed, pole, validated_days_ago=100 if number % 2 else None)
        fiche(current, pole, validated_days_ago=10 if number % 3 else None)
        YearlyFiche.objects.create(
            pole=pole, period=str(year), label=str(year), html="<article><h1>x</h1></article>"
        )
    return pole


def queries(django_assert_max_num_queries, url, maximum):
    Client().get(url)  # the process-wide caches warm
    with django_assert_max_num_queries(maximum) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response)
    return len(captured)


URLS = [
    "/poles/",
    "/poles/?fiche=a_actualiser",
    "/poles/?fiche=a_jour&status=operating&tri=statut",
    "/poles/?page=2",
    "/poles/export.csv?fiche=a_actualiser",
]


def test_the_poles_list_and_export_cost_the_same_queries_for_3_or_60_poles(
    django_assert_max_num_queries,
):
    network(3, 2022)
    small = {
        url: queries(django_assert_max_num_queries, url, 12) for url in URLS if "page" not in url
    }
    small_pole = network(1, 2020)
    small_page = queries(django_assert_max_num_queries, small_pole.get_absolute_url(), 25)

    large_pole = network(60, 2024)
    large = {url: queries(django_assert_max_num_queries, url, 12) for url in URLS}
    large_page = queries(django_assert_max_num_queries, large_pole.get_absolute_url(), 25)

    assert {url: count for url, count in large.items() if url in small} == small
    assert large["/poles/?page=2"] == large["/poles/"]
    assert large_page == small_page
