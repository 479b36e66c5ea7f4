"""/financements/ and the funding filters of /poles/, against hand-computed values."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from funding.enums import FundingKind, FundingStatus
from poles.models import FundingLine
from tests.factories import (
    FunderFactory,
    FundingLineFactory,
    PoleFactory,
    StudyFactory,
    TerritoryFactory,
    create_in_bulk,
)
from tests.pages import count_queries, page_text

URL = reverse("funding:list")


@pytest.fixture
def lines(region_programme, territory):
    """Two poles of the Pays de Lorient; 5 lines, one of unknown amount.

    P1: programme operating 70 000 € 2010–2011 1 post (paid), Brest Métropole project
        12 000 € 2010 (granted), programme study amount unknown (granted).
    P2: programme operating 70 000 € 2010 2 posts (granted), Brest Métropole operating
        15 000 € 2011 (requested)."""
    other = FunderFactory(name="Brest Métropole Océane", slug="bmo")
    p1 = PoleFactory(name="Pôle un", territories=[territory])
    p2 = PoleFactory(name="Pôle deux", territories=[territory])
    study = StudyFactory(pole=p1)
    specs = [
        (
            p1,
            dict(
                programme=region_programme,
                kind=FundingKind.OPERATING,
                amount=70000,
                start_year=2010,
                end_year=2011,
                posts=1,
                status=FundingStatus.PAID,
            ),
        ),
        (
            p1,
            dict(
                funder=other,
                kind=FundingKind.PROJECT,
                amount=12000,
                start_year=2010,
                status=FundingStatus.GRANTED,
            ),
        ),
        (
            p1,
            dict(
                programme=region_programme,
                study=study,
                kind=FundingKind.STUDY,
                status=FundingStatus.GRANTED,
            ),
        ),
        (
            p2,
            dict(
                programme=region_programme,
                kind=FundingKind.OPERATING,
                amount=70000,
                start_year=2010,
                posts=2,
                status=FundingStatus.GRANTED,
            ),
        ),
        (
            p2,
            dict(
                funder=other,
                kind=FundingKind.OPERATING,
                amount=15000,
                start_year=2011,
                status=FundingStatus.REQUESTED,
            ),
        ),
    ]
    for pole, fields in specs:
        line = FundingLineFactory.build(pole=pole, **{"amount": None, "start_year": None, **fields})
        line.full_clean()
        line.save()
    return p1, p2


def totals(response, name):
    """{label: (committed, requested, refused, lines, unknown amounts)}."""
    return {
        row["label"]: (
            row["committed"],
            row["requested"],
            row["refused"],
            row["lines"],
            row["unknown"],
        )
        for row in response.context["totals"][name]
    }


def test_totals_per_funder_programme_year_and_status(client, lines, region_programme):
    """Hand-computed: committed = 70 000 (paid) + 12 000 + 70 000 (granted); requested 15 000;
    the 2010–2011 operating aid without schedule is spread 35 000 + 35 000."""
    response = client.get(URL)

    assert response.status_code == 200
    overall = response.context["totals"]["overall"]
    assert (overall["committed"], overall["requested"], overall["refused"]) == (
        Decimal(152000),
        Decimal(15000),
        None,
    )
    assert (overall["lines"], overall["unknown"]) == (5, 1)
    assert totals(response, "by_funder") == {
        "Brest Métropole Océane": (Decimal(12000), Decimal(15000), None, 2, 0),
        "Conseil régional de Bretagne": (Decimal(140000), None, None, 3, 1),
    }
    assert totals(response, "by_programme") == {
        "hors programme": (Decimal(12000), Decimal(15000), None, 2, 0),
        region_programme.name: (Decimal(140000), None, None, 3, 1),
    }
    assert totals(response, "by_year") == {
        "année non communiquée": (None, None, None, 1, 1),
        "2010": (Decimal(117000), None, None, 3, 0),
        "2011": (Decimal(35000), Decimal(15000), None, 2, 0),
    }
    spread = {row["label"]: row["spread"] for row in response.context["totals"]["by_year"]}
    assert spread == {"année non communiquée": None, "2010": Decimal(35000), "2011": Decimal(35000)}
    assert totals(response, "by_status") == {
        "accordé": (Decimal(82000), None, None, 3, 1),
        "versé": (Decimal(70000), None, None, 1, 0),
        "demandé": (None, Decimal(15000), None, 1, 0),
    }
    text = page_text(response)
    assert (
        "5 lignes de financement : engagé 152 000 €, demandé 15 000 €, refusé 0 € ; "
        "1 ligne au montant non communiqué." in text
    )
    assert "dont 35 000 € en répartition égale" in text


def test_the_year_filter_gives_the_money_of_that_year(client, lines):
    response = client.get(URL, {"year": "2011"})

    overall = response.context["totals"]["overall"]
    # The 2010–2011 aid (its 2011 half) and the 2011 request: the lines that cover 2011.
    assert (overall["committed"], overall["requested"], overall["lines"]) == (
        Decimal(35000),
        Decimal(15000),
        2,
    )
    assert list(totals(response, "by_year")) == ["2011"]
    assert (
        "2 lignes de financement pour ces filtres, l'argent de l'année 2011 : engagé 35 000 €"
        in (page_text(response))
    )


def test_a_schedule_gives_each_year_its_own_amount(client, lines):
    aid = FundingLine.objects.get(amount=70000, end_year=2011)
    aid.schedule = {"2010": "50000.00", "2011": "20000.00"}
    aid.full_clean()
    aid.save()

    response = client.get(URL)

    assert totals(response, "by_year")["2010"] == (Decimal(132000), None, None, 3, 0)
    assert totals(response, "by_year")["2011"] == (Decimal(20000), Decimal(15000), None, 2, 0)
    assert all(row["spread"] is None for row in response.context["totals"]["by_year"])
    assert response.context["totals"]["overall"]["committed"] == Decimal(152000)


def test_refused_money_is_never_added_to_the_rest(client, lines, region_programme):
    FundingLineFactory(
        pole=lines[1],
        programme=region_programme,
        kind=FundingKind.STUDY,
        amount=20000,
        start_year=2010,
        status=FundingStatus.REFUSED,
    )
    response = client.get(URL)

    overall = response.context["totals"]["overall"]
    assert (overall["committed"], overall["requested"], overall["refused"]) == (
        Decimal(152000),
        Decimal(15000),
        Decimal(20000),
    )
    assert totals(response, "by_year")["2010"] == (Decimal(117000), None, Decimal(20000), 4, 0)


def test_caps_used_per_pole(client, lines):
    text = page_text(client.get(URL))

    assert "année 2 sur 3" in text  # Pôle un, operating aid 2010–2011
    assert "70 000 € sur 105 000 €" in text  # 1 post × 35 000 € × 3 years
    assert "70 000 € sur 210 000 €" in text  # 2 posts
    assert "non communiqué sur 25 000 €" in text  # the study, amount unknown


def test_chart_is_an_accessible_svg_with_its_numbers_in_a_table(client, lines):
    text = page_text(client.get(URL))

    assert '<svg viewBox="0 0 720 320" role="img" aria-labelledby="chart-title chart-desc"' in text
    # Committed money per budget year: the Region's 2010 is its 2010 grant and half its
    # 2010–2011 aid.
    assert "<title>2010, Conseil régional de Bretagne : 105 000 €</title>" in text
    assert '<th scope="row">2010</th>' in text and "117 000 €" in text


@pytest.mark.django_db
def test_the_pages_together_list_each_line_once_in_year_then_pole_order(client, territory):
    """Pages read their keys first (KeysFirstPaginator), then their rows: page after page,
    every line once, by first year, pole name and entry order."""
    poles = [PoleFactory(name=name, territories=[territory]) for name in ("Cé", "Bé", "Aé")]
    funder = FunderFactory()
    for index in range(45):
        FundingLineFactory(
            pole=poles[index % 3],
            funder=funder,
            kind=FundingKind.PROJECT,
            amount=1000 + index,
            start_year=2012 - index % 4,
            status=FundingStatus.GRANTED,
        )
    expected = list(
        FundingLine.objects.order_by("start_year", "pole__name", "pk").values_list("pk", flat=True)
    )

    pages = [client.get(URL, {"page": page}).context["lines"] for page in (1, 2, 3)]

    assert [len(page) for page in pages] == [20, 20, 5]
    assert [line.pk for page in pages for line in page] == expected
    assert client.get(URL, {"page": 4}).status_code == 404


@pytest.mark.django_db
def test_the_chart_stacks_the_six_largest_funders_then_the_others(client, territory):
    """Eight funders: the six largest by known total, largest first (equal totals in name
    order), and the two smallest together as « autres financeurs »."""
    pole = PoleFactory(territories=[territory])
    amounts = {"Alpha": 1000, "Delta": 8000, "Gamma": 3000, "Bêta": 8000, "Epsilon": 5000}
    amounts |= {"Zêta": 6000, "Êta": 7000, "Thêta": 2000}
    for name, amount in amounts.items():
        for year in (2010, 2011):
            FundingLineFactory(
                pole=pole,
                funder=FunderFactory(name=name),
                kind=FundingKind.PROJECT,
                amount=amount,
                start_year=year,
                status=FundingStatus.GRANTED,
            )

    chart = client.get(URL).context["chart"]

    assert chart["names"] == [
        *("Bêta", "Delta", "Êta", "Zêta", "Epsilon", "Gamma"),
        "autres financeurs",
    ]
    assert [row["amounts"][-1] for row in chart["table"]] == [3000, 3000]  # Alpha + Thêta
    assert [row["total"] for row in chart["table"]] == [40000, 40000]
    assert "<title>2011, autres financeurs : 3 000 €</title>" in page_text(client.get(URL))


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"funder": "bmo"}, 2),
        ({"year": "2011"}, 2),  # a line of 2010–2011 covers 2011
        ({"amount_min": "20000"}, 2),
        ({"amount_max": "15000"}, 2),
        ({"kind": "study"}, 1),
        ({"funding_status": "paid"}, 1),
        ({"funder": "bmo", "funding_status": "requested"}, 1),
    ],
)
def test_funding_filters(client, lines, query, count):
    assert len(client.get(URL, query).context["lines"]) == count


def test_a_pole_in_two_territories_of_a_region_is_counted_once(client, lines, region, territory):
    twice = PoleFactory(territories=[territory, TerritoryFactory(region=region)])
    FundingLineFactory(
        pole=twice,
        funder=FunderFactory(),
        kind=FundingKind.PROJECT,
        amount=1000,
        start_year=None,
        status=FundingStatus.GRANTED,
    )

    overall = client.get(URL, {"region": region.slug}).context["totals"]["overall"]

    assert (overall["committed"], overall["lines"]) == (Decimal(153000), 6)


def test_pole_funding_filters_apply_to_the_same_line(client, lines):
    poles = reverse("poles:list")

    def names(query):
        return [pole.name for pole in client.get(poles, query).context["poles"]]

    assert names({"kind": "study", "funding_status": "granted"}) == ["Pôle un"]
    # Pôle un has a project line (granted) and a paid line, but no paid project line.
    assert names({"kind": "project", "funding_status": "paid"}) == []
    assert names({"year": "2011", "funder": "bmo"}) == ["Pôle deux"]
    assert names({"amount_min": "60000", "status": ""}) == ["Pôle deux", "Pôle un"]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1789"},
        {"amount_min": "-5"},
        {"amount_max": "beaucoup"},
        {"funder": "nope"},
        {"kind": "gift"},
        {"funding_status": "maybe"},
    ],
)
def test_bad_funding_filters_get_a_400_on_both_lists(client, lines, query):
    for url in (URL, reverse("poles:list")):
        response = client.get(url, query)
        assert response.status_code == 400, (url, query)
        assert "Ces filtres ne peuvent pas être appliqués" in page_text(response)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("2011", "2011"), ("1789", "1789"), ("2.01e3", "2.01e3"), ("abc", None), ("2010a", None)],
)
def test_the_year_field_shows_again_only_a_number(client, lines, typed, shown):
    """An <input type="number"> may only hold a number: `value="abc"` is invalid HTML (and a
    browser would empty the field anyway). A number out of bounds is shown with its error."""
    for url in (URL, reverse("poles:list")):
        content = client.get(url, {"year": typed}).content.decode()
        field = re.search(r'<input type="number" name="year"[^>]*>', content)[0]
        value = re.search(r' value="([^"]*)"', field)
        assert (value and value[1]) == shown, (url, field)


def test_an_unknown_pole_status_gets_a_400(client, lines):
    assert client.get(URL, {"pole_status": "x"}).status_code == 400


@pytest.mark.django_db
def test_only_unknown_amounts_say_so(client, seed):
    text = page_text(client.get(URL))

    assert "aucun montant connu" in text
    assert "Aucun montant n'est connu pour ces lignes" in text


@pytest.mark.django_db
def test_5000_lines_run_a_constant_number_of_queries(client, region_programme):
    funders = [FunderFactory() for _ in range(5)]
    poles = [PoleFactory() for _ in range(50)]

    def add(count):
        create_in_bulk(
            FundingLineFactory,
            (
                dict(
                    pole=poles[i % 50],
                    funder=funders[i % 5],
                    programme=region_programme if i % 2 else None,
                    kind=FundingKind.OPERATING if i % 2 else FundingKind.PROJECT,
                    amount=None if i % 7 == 0 else 1000 + i,
                    start_year=2010 + i % 5,
                    status=FundingStatus.GRANTED,
                )
                for i in range(count)
            ),
        )

    add(30)
    few = count_queries(client, URL)
    add(5000)

    assert count_queries(client, URL) == few
    assert count_queries(client, URL + "?page=250") == few


def test_funding_export_has_the_rows_of_the_page_in_csv_and_xlsx(client, lines):
    from io import BytesIO

    from openpyxl import load_workbook

    query = {"funder": "bmo"}
    page_lines = list(client.get(URL, query).context["lines"])
    response = client.get(reverse("funding:export_csv"), query)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeffPôle;Statut du pôle;Financeur;")
    rows = content.strip().splitlines()[1:]
    assert [row.split(";")[0] for row in rows] == [line.pole.name for line in page_lines]
    assert rows[0].split(";")[9] == "12000"

    workbook = load_workbook(BytesIO(b"".join(client.get(reverse("funding:export_xlsx"), query))))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:3] == ["Pôle", "Statut du pôle", "Financeur"]
    assert sheet.cell(row=2, column=10).value == 12000
    assert sheet.max_row == 1 + len(page_lines)


def test_funding_export_with_a_bad_filter_is_a_400_without_a_file(client, lines):
    response = client.get(reverse("funding:export_csv"), {"year": "demain"})

    assert response.status_code == 400
    assert "Content-Disposition" not in response


@pytest.mark.django_db
def test_the_caps_table_shows_its_first_50_rows_and_says_how_to_see_the_others(
    client, region_programme
):
    poles = PoleFactory.create_batch(51)
    create_in_bulk(
        FundingLineFactory,
        (
            dict(
                pole=pole,
                programme=region_programme,
                funder=region_programme.funder,
                kind=FundingKind.STUDY,
                amount=20000,
                start_year=2010 if index < 50 else 2011,
                status=FundingStatus.GRANTED,
            )
            for index, pole in enumerate(poles)
        ),
    )

    response = client.get(URL)

    shown = sorted(poles, key=lambda pole: pole.name)[:50]
    assert [usage["pole"] for usage in response.context["caps"]] == [p.name for p in shown]
    assert "Seules les 50 premières lignes, par ordre alphabétique des pôles" in page_text(response)
    in_2010 = client.get(URL, {"year": "2010"})
    assert len(in_2010.context["caps"]) == 50
    assert "Seules les" not in page_text(in_2010)


def test_totals_are_in_reading_order_on_every_database(client, lines, region_programme):
    pole = PoleFactory()
    for name in ("État", "Région Bretagne", "agglomération de Vannes"):
        FundingLineFactory(
            pole=pole,
            funder=FunderFactory(name=name),
            kind=FundingKind.PROJECT,
            amount=1000,
            start_year=None if name == "État" else 2012,
            status=FundingStatus.GRANTED,
        )

    response = client.get(URL)

    assert [row["label"] for row in response.context["totals"]["by_funder"]] == [
        "agglomération de Vannes",
        "Brest Métropole Océane",
        "Conseil régional de Bretagne",
        "État",
        "Région Bretagne",
    ]
    assert [row["label"] for row in response.context["totals"]["by_programme"]] == [
        region_programme.name,
        "hors programme",
    ]
    assert [row["label"] for row in response.context["totals"]["by_year"]] == [
        "2010",
        "2011",
        "2012",
        "année non communiquée",
    ]


def test_the_pole_page_shows_a_line_s_schedule(client, lines):
    aid = FundingLine.objects.get(amount=70000, end_year=2011)
    aid.schedule = {"2010": "50000.00", "2011": "20000.00"}
    aid.save()

    text = page_text(client.get(lines[0].get_absolute_url()))

    assert "2010 : 50 000 € · 2011 : 20 000 €" in text


def test_the_pole_year_table_by_hand(client, lines):
    """Pôle un: 2010 = half of its 2010–2011 aid (35 000) + 12 000; 2011 = the other half;
    caps 105 000 (1 post × 35 000 × 3 years) + 25 000 (its study), 70 000 used. Pôle deux:
    70 000 in 2010; cap 210 000 (2 posts)."""
    table = client.get(URL).context["pole_years"]

    assert table["years"] == [2010, 2011]
    assert [
        (row["pole"], row["amounts"], row["total"], row["cap"], row["left"])
        for row in table["rows"]
    ] == [
        ("Pôle deux", [Decimal(70000), None], Decimal(70000), Decimal(210000), Decimal(140000)),
        (
            "Pôle un",
            [Decimal(47000), Decimal(35000)],
            Decimal(82000),
            Decimal(130000),
            Decimal(60000),
        ),
    ]
    year = client.get(URL, {"year": "2011"}).context["pole_years"]
    assert year["years"] == [2011]
    assert [(row["pole"], row["amounts"]) for row in year["rows"]] == [
        ("Pôle un", [Decimal(35000)])
    ]


def test_the_pole_year_table_downloads_with_the_totals(client, lines):
    csv = client.get(reverse("funding:export_pole_years_csv"))
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == [
        "Pôle;2010 (€);2011 (€);Total engagé (€);Plafond (€);Reste du plafond (€)",
        "Pôle deux;70000;;70000;210000;140000",
        "Pôle un;47000;35000;82000;130000;60000",
    ]

    xlsx = client.get(reverse("funding:export_pole_years_xlsx"), {"funder": "bmo"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert workbook.sheetnames == ["Pôles et années", "Totaux"]
    totals = [[cell.value for cell in row] for row in workbook["Totaux"].rows]
    assert totals[0] == [
        "Tableau",
        "Ligne",
        "Engagé (€)",
        "Demandé (€)",
        "Refusé (€)",
        "Lignes",
        "dont état non communiqué",
        "dont montant inconnu",
    ]
    assert ["Par financeur", "Brest Métropole Océane", 12000, 15000, None, 2, 0, 0] in totals
    assert client.get(reverse("funding:export_pole_years_csv"), {"year": "abc"}).status_code == 400
