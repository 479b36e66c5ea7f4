"""Exports of the filtered lists: /poles/, /acteurs/, /territoires/ as CSV and XLSX.

The rows and their order are the page's (every page), the CSV is for French spreadsheets
(BOM, `;`, `11,5`), the XLSX holds real numbers with French-displayed formats, text that a
spreadsheet would run as a formula is neutralised, and memory and queries stay flat."""

import codecs
import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.enums import ActorKind
from core.exports import (
    DECIMAL,
    EUROS,
    INTEGER,
    Column,
    csv_cell,
    neutralise,
    xlsx_response,
)
from poles.enums import MembershipRole, PoleStatus
from poles.models import Pole
from tests.factories import (
    ActorFactory,
    KeyFiguresFactory,
    MembershipFactory,
    PoleFactory,
    TerritoryFactory,
    create_in_bulk,
)
from tests.pages import page_text

POLE_HEADERS = [
    "Nom",
    "Nom développé",
    "Nom descriptif",
    "Statut",
    "Territoires",
    "Région(s)",
    "Départements",
    "Date de création",
    "Précision sur la création",
    "Structure porteuse",
    "Acteurs impliqués",
    "Établissements ESS",
    "Emplois salariés ESS",
    "Part des effectifs salariés (%)",
    "Année des chiffres",
    "Source des chiffres",
    "Fiche à actualiser",
    "Dernière validation",
    "Adresse de la fiche",
]
ACTOR_HEADERS = [
    "Nom",
    "Sigle",
    "Nature",
    "Territoire",
    "Pôles",
    "Date de création",
    "Site internet",
]
TERRITORY_HEADERS = [
    "Nom",
    "Type",
    "Région",
    "Départements",
    "Pôles",
    "Année",
    "Source",
    "Établissements",
    "Emplois salariés",
    "Part des effectifs salariés (%)",
    "Associations",
    "Part des associations (%)",
    "Coopératives",
    "Part des coopératives (%)",
]
FORMULAS = ["=1+1", "+33 6 12 34 56 78", "-x", "@SUM(A1)", "\tTab", "\rRetour"]


def url(name, **query):
    path = reverse(name)
    return f"{path}?{'&'.join(f'{key}={value}' for key, value in query.items())}"


def csv_content(response):
    """The rows of a CSV download, checking what every CSV download must be."""
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def xlsx_content(response):
    """The worksheet of an XLSX download."""
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment; filename=")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


def sheet_values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def by_name(rows):
    return {row[0]: row for row in rows[1:]}


def page_poles(client, query):
    """The poles' names across every page of /poles/ for this query."""
    names, page = [], 1
    while True:
        response = client.get(reverse("poles:list"), {**query, "page": page})
        assert response.status_code == 200
        names += [pole.name for pole in response.context["poles"]]
        if not response.context["page_obj"].has_next():
            return names
        page += 1


def queries_of_export(client, address):
    """Queries of one download, its content read to the end, once the caches are warm."""
    b"".join(client.get(address).streaming_content)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
        content = b"".join(response.streaming_content)
    assert response.status_code == 200 and content
    return len(queries)


# /poles/ with the seed


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://poles.example.org"


def test_the_fiche_address_is_the_public_one_whatever_the_host_header(client, seed):
    """A request's Host header is the client's to write: the address in the file comes
    from SITE_URL only."""
    for export in ("poles:export_csv", "poles:export_xlsx"):
        response = client.get(reverse(export), HTTP_HOST="localhost")
        content = (
            csv_content(response)
            if export.endswith("csv")
            else sheet_values(xlsx_content(response))
        )
        addresses = {row[-1] for row in content[1:]}
        assert "https://poles.example.org/poles/c2sol/" in addresses
        assert not any("localhost" in address for address in addresses)


def test_poles_csv_is_for_french_spreadsheets(client, seed):
    response = client.get(reverse("poles:export_csv"))

    assert response["Content-Disposition"] == 'attachment; filename="poles.csv"'
    rows = csv_content(response)
    assert rows[0] == POLE_HEADERS
    assert len(rows) == 1 + 15
    poles = by_name(rows)
    assert poles["C2SOL"] == [
        "C2SOL",
        "",
        "non",
        "préfiguration (étude de faisabilité)",
        "Pays de Lorient",
        "Bretagne",
        "Morbihan (56)",
        "7 octobre 2009",
        "création de l'association C2SOL ; le pôle est en préfiguration",
        "C2SOL",
        "30",
        "688",
        "7521",
        "11,5",
        "",
        "Fiche du pôle C2SOL (Pays de Lorient)",
        "oui",
        "",
        "https://poles.example.org/poles/c2sol/",
    ]
    assert poles["CADES"][1] == "Coordination des Acteurs de l'Économie Sociale du Pays de Redon"
    assert poles["Pôle ESS du Pays de Dinan"][2] == "oui"
    assert poles["CADES"][4:12] == [
        "Pays de Redon et Vilaine",
        "Bretagne",
        "Ille-et-Vilaine (35), Loire-Atlantique (44), Morbihan (56)",
        "1995",
        "création de la Coordination, « bien avant » la démarche des pôles",
        "",
        "environ 100",
        "",
    ]
    # Les Écosolies present the figures of the Pays de la Loire region.
    assert poles["Les Écosolies"][4:16] == [
        "Loire-Atlantique, Nantes Métropole",
        "Pays de la Loire",
        "Loire-Atlantique (44)",
        "2004",
        "création de l'association Les Ecosolies ; « En 2008, Les Ecosolies deviennent un "
        "Pôle permanent »",
        "Les Écosolies",
        "",
        "13862",
        "139223",
        "12,9",
        "",
        "Fiche du pôle Les Écosolies",
    ]


def test_poles_csv_has_the_rows_and_order_of_the_filtered_sorted_page(client, seed):
    rows = csv_content(client.get(url("poles:export_csv", status="operating", tri="statut")))

    names = [row[0] for row in rows[1:]]
    assert names == page_poles(client, {"status": "operating", "tri": "statut"})
    assert len(names) == 9
    assert {row[3] for row in rows[1:]} == {"en fonctionnement"}


def test_poles_export_follows_the_search(client, seed):
    rows = csv_content(client.get(url("poles:export_csv", q="steredenn")))

    assert [row[0] for row in rows[1:]] == ["Pôle ESS du Pays de Dinan"]


def test_poles_xlsx_has_the_same_rows_with_real_numbers(client, seed):
    query = {"region": "bretagne", "tri": "-creation"}
    response = client.get(url("poles:export_xlsx", **query))

    assert response["Content-Disposition"] == 'attachment; filename="poles.xlsx"'
    sheet = xlsx_content(response)
    assert sheet.title == "Pôles"
    assert sheet.freeze_panes == "A2"
    values = sheet_values(sheet)
    assert values[0] == POLE_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert [row[0] for row in values[1:]] == page_poles(client, query)
    assert len(values) == 1 + 14
    csv_rows = csv_content(client.get(url("poles:export_csv", **query)))
    assert [row[0] for row in values] == [row[0] for row in csv_rows]

    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "C2SOL")
    assert row[10].value == 30 and row[10].data_type == "n" and row[10].number_format == INTEGER
    assert row[12].value == 7521 and row[12].number_format == INTEGER
    assert row[13].value == pytest.approx(11.5) and row[13].number_format == DECIMAL
    assert row[14].value is None
    assert row[18].value == "https://poles.example.org/poles/c2sol/"


# /poles/ across pages, with factories


@pytest.mark.django_db
def test_every_page_of_a_long_list_is_exported_in_the_page_order(client):
    territory = TerritoryFactory()
    KeyFiguresFactory(territory=territory)
    statuses = [PoleStatus.OPERATING, PoleStatus.INFORMAL, PoleStatus.PREFIGURATION]
    for index in range(45):
        PoleFactory(territories=[territory], status=statuses[index % 3])
    query = {"territory": territory.slug, "tri": "statut"}

    expected = page_poles(client, query)
    csv_rows = csv_content(client.get(url("poles:export_csv", **query)))
    xlsx_rows = sheet_values(xlsx_content(client.get(url("poles:export_xlsx", **query))))

    assert len(expected) == 45
    assert [row[0] for row in csv_rows[1:]] == expected
    assert [row[0] for row in xlsx_rows[1:]] == expected
    assert [row[3] for row in csv_rows[1:]][::15] == [
        "collectif informel",
        "préfiguration (étude de faisabilité)",
        "en fonctionnement",
    ]


# /acteurs/


def test_actors_csv_with_the_seed(client, seed):
    response = client.get(reverse("actors:export_csv"))

    assert response["Content-Disposition"] == 'attachment; filename="acteurs.csv"'
    rows = csv_content(response)
    assert rows[0] == ACTOR_HEADERS
    assert len(rows) == 1 + 16
    actors = by_name(rows)
    assert actors["AEES"] == ["AEES", "", "autre ou non précisé", "", "C2SOL (fondateur)", "", ""]
    assert actors["C2SOL"] == [
        "C2SOL",
        "",
        "association",
        "Pays de Lorient",
        "",
        "7 octobre 2009",
        "https://c2sol.fr",  # completed by the model when loaded
    ]
    assert actors["Les Écosolies"][5] == "2004"
    assert actors["Ville de Lorient"][2:5] == [
        "collectivité territoriale",
        "Pays de Lorient",
        "C2SOL (partenaire)",
    ]


def test_actors_export_keeps_the_filter_and_the_page_order(client, seed):
    page = client.get(reverse("actors:list"), {"pole": "c2sol"})
    expected = [actor.name for actor in page.context["actors"]]

    rows = csv_content(client.get(url("actors:export_csv", pole="c2sol")))
    sheet = xlsx_content(client.get(url("actors:export_xlsx", pole="c2sol")))

    assert len(expected) == 10
    assert [row[0] for row in rows[1:]] == expected
    assert [row[0] for row in sheet_values(sheet)[1:]] == expected
    assert sheet.title == "Acteurs"


@pytest.mark.django_db
def test_an_actor_with_two_roles_in_a_pole_is_one_row(client):
    actor = ActorFactory(name="Association Trégor", acronym="AT", website="")
    pole = PoleFactory(name="Pôle du Trégor")
    other = PoleFactory(name="Autre pôle")
    MembershipFactory(actor=actor, pole=pole, role=MembershipRole.FOUNDER)
    MembershipFactory(actor=actor, pole=pole, role=MembershipRole.GOVERNANCE)
    MembershipFactory(actor=actor, pole=other, role=MembershipRole.PARTNER)

    rows = csv_content(client.get(reverse("actors:export_csv")))

    assert rows[1][:2] == ["Association Trégor", "AT"]
    assert rows[1][4] == (
        "Autre pôle (partenaire), Pôle du Trégor (fondateur, membre de l'instance de gouvernance)"
    )
    assert rows[1][6] == ""


@pytest.mark.django_db
def test_5000_actors_stream_from_one_query_with_their_poles(client):
    pole = PoleFactory(name="Pôle du Trégor")
    actors = create_in_bulk(
        ActorFactory,
        (
            dict(
                name=f"Acteur {index:05}",
                slug=f"acteur-{index:05}",
                kind=ActorKind.ASSOCIATION,
                founded_on=None,
                website="",
            )
            for index in range(5000)
        ),
        one_build=True,
    )
    create_in_bulk(
        MembershipFactory,
        (
            dict(pole=pole, actor=actor, role=role)
            for actor in actors[::2]
            for role in (MembershipRole.FOUNDER, MembershipRole.MEMBER)
        ),
        one_build=True,
    )

    with CaptureQueriesContext(connection) as queries:
        chunks = list(client.get(reverse("actors:export_csv")).streaming_content)

    assert len(queries) == 1
    assert len(chunks) > 3
    lines = b"".join(chunks).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 5000
    assert lines[1] == "Acteur 00000;;association;;Pôle du Trégor (fondateur, membre);;"
    assert lines[2] == "Acteur 00001;;association;;;;"
    assert lines[-1] == "Acteur 04999;;association;;;;"


# /territoires/


def test_territories_csv_in_the_page_order_one_row_each(client, seed):
    page = page_text(client.get(reverse("territories:list")))
    on_page = list(dict.fromkeys(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', page)))

    response = client.get(reverse("territories:export_csv"))

    assert response["Content-Disposition"] == 'attachment; filename="territoires.csv"'
    rows = csv_content(response)
    assert rows[0] == TERRITORY_HEADERS
    names = [row[0] for row in rows[1:]]
    assert names == on_page
    assert len(names) == 24
    assert names[:6] == [
        "Pays de Dinan",
        "Pays de Guingamp",
        "Pays de Saint-Brieuc",
        "Pays du Centre Bretagne",
        "Pays du Centre-Ouest Bretagne",
        "Pays du Trégor-Goëlo",
    ]
    assert names[-3:] == ["Loire-Atlantique", "Nantes Métropole", "Pays de la Loire"]
    territories = by_name(rows)
    assert territories["Pays de Lorient"] == [
        "Pays de Lorient",
        "Pays",
        "Bretagne",
        "Morbihan (56)",
        "C2SOL",
        "",
        "Fiche du pôle C2SOL (Pays de Lorient)",
        "688",
        "7521",
        "11,5",
        "564",
        "82",
        "90",
        "13",
    ]
    assert territories["Pays de Redon et Vilaine"][3:5] == [
        "Ille-et-Vilaine (35), Loire-Atlantique (44), Morbihan (56)",
        "CADES",
    ]
    assert territories["Pays de la Loire"][1:] == [
        "région",
        "Pays de la Loire",
        "",
        "",
        "",
        "Fiche du pôle Les Écosolies",
        "13862",
        "139223",
        "12,9",
        "11706",
        "84,4",
        "1775",
        "12,8",
    ]
    assert territories["Pays d'Auray"][5:] == [""] * 9


@pytest.mark.django_db
def test_territories_xlsx_computes_shares_the_source_does_not_state(client, territory):
    KeyFiguresFactory(
        territory=territory,
        year=2008,
        establishments=400,
        salaried_jobs=5000,
        associations=300,
        cooperatives=30,
        associations_share_stated=None,
        cooperatives_share_stated=None,
    )

    sheet = xlsx_content(client.get(reverse("territories:export_xlsx")))

    assert sheet.title == "Territoires"
    assert sheet_values(sheet)[0] == TERRITORY_HEADERS
    row = sheet[2]
    assert row[0].value == "Pays de Lorient"
    assert row[5].value == 2008 and row[5].number_format == "General"
    assert row[7].value == 400 and row[7].number_format == INTEGER
    assert row[11].value == 75 and row[11].number_format == DECIMAL
    assert row[13].value == 7.5 and row[13].number_format == DECIMAL


# Formulas are never run


def test_neutralise():
    for value in FORMULAS:
        assert neutralise(value) == f"'{value}"
    for value in ("Pôle", "Vitré – Porte de Bretagne", "12-3", "", None, -5, Decimal("-1.5")):
        assert neutralise(value) == value


@pytest.mark.django_db
def test_formulas_are_neutralised_in_csv_and_xlsx(client):
    for name in FORMULAS:
        ActorFactory(name=name, acronym='=HYPERLINK("http://x")')
    # An address stored before they were checked (the model completes it to https://@example).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE poles_actor SET website = %s", ["@example"])

    rows = csv_content(client.get(reverse("actors:export_csv")))
    sheet = xlsx_content(client.get(reverse("actors:export_xlsx")))

    assert sorted(row[0] for row in rows[1:]) == sorted(f"'{name}" for name in FORMULAS)
    assert {row[1] for row in rows[1:]} == {'\'=HYPERLINK("http://x")'}
    assert {row[6] for row in rows[1:]} == {"'@example"}
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert cells and all(cell.data_type == "s" for cell in cells)
    names = sorted(row[0].value for row in sheet.iter_rows(min_row=2))
    # XML reads a carriage return back as a line feed.
    assert names == sorted(f"'{name}".replace("\r", "\n") for name in FORMULAS)


# Bad input


@pytest.mark.parametrize(
    ("name", "query", "label"),
    [
        ("poles:export_csv", {"status": "dormant"}, "Statut"),
        ("poles:export_xlsx", {"region": "atlantide"}, "Région"),
        ("poles:export_csv", {"tri": "hasard"}, "Trier par"),
        ("poles:export_xlsx", {"q": "x" * 2000}, "Recherche"),
        ("actors:export_csv", {"kind": "licorne"}, "Nature"),
        ("actors:export_xlsx", {"pole": "nulle-part"}, "Pôle"),
    ],
)
def test_unknown_filter_values_get_the_page_400_and_no_file(client, seed, name, query, label):
    response = client.get(reverse(name), query)

    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert response["Content-Type"].startswith("text/html")
    assert f"« {label} »" in page_text(response)


def test_territories_export_ignores_the_query_string_as_the_page_does(client, seed):
    rows = csv_content(client.get(url("territories:export_csv", kind="licorne", page="x")))

    assert len(rows) == 1 + 24


# Links on the pages


def test_the_pages_link_to_their_exports_with_filters_and_sort_but_not_the_page(client, seed):
    text = client.get(
        reverse("poles:list"), {"status": "operating", "tri": "statut", "page": 1}
    ).content.decode()

    assert "Télécharger cette sélection" in text
    query = "?status=operating&amp;tri=statut"
    assert f'href="{reverse("poles:export_csv")}{query}"' in text
    assert f'href="{reverse("poles:export_xlsx")}{query}"' in text

    text = client.get(reverse("actors:list")).content.decode()
    assert "Télécharger la liste" in text
    assert f'href="{reverse("actors:export_csv")}"' in text

    text = client.get(reverse("territories:list")).content.decode()
    assert f'href="{reverse("territories:export_xlsx")}"' in text


def test_no_export_link_when_the_filters_are_wrong_or_nothing_matches(client, seed):
    assert "Télécharger" not in page_text(client.get(reverse("poles:list"), {"status": "x"}))
    assert "Télécharger" not in page_text(client.get(reverse("actors:list"), {"q": "zzzz"}))


# French cells


def test_csv_cells_are_written_the_french_way():
    assert csv_cell(7521) == "7521"
    assert csv_cell(Decimal("11.5")) == "11,5"
    assert csv_cell(Decimal("1E+5")) == "100000"
    assert csv_cell(2.5) == "2,5"
    assert csv_cell(None) == ""
    assert csv_cell(datetime.date(2009, 10, 7)) == "07/10/2009"
    assert csv_cell("=1+1") == "'=1+1"


@pytest.mark.django_db
def test_xlsx_dates_are_dates_and_euros_show_as_euros(rf):
    columns = [
        Column("Date", lambda row: row[0]),
        Column("Montant", lambda row: row[1], EUROS),
        Column("Note", lambda row: row[2]),
    ]
    rows = [(datetime.date(2009, 10, 7), Decimal("35000.00"), "bon\x00\x07 état")]

    response = xlsx_response("essai.xlsx", columns, iter(rows))

    sheet = xlsx_content(response)
    response.close()  # as the server does; the client does it for the other tests
    date, amount, note = sheet[2]
    assert date.is_date and date.value == datetime.datetime(2009, 10, 7)
    assert date.number_format == "DD/MM/YYYY"
    assert amount.value == 35000 and amount.number_format == EUROS
    assert note.value == "bon état"


# Flat queries and memory


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["poles:export_csv", "poles:export_xlsx"])
def test_pole_exports_run_a_constant_number_of_queries(client, name):
    territory = TerritoryFactory()
    KeyFiguresFactory(territory=territory)
    carrier = ActorFactory()
    PoleFactory.create_batch(2, territories=[territory], carrying_structure=carrier)
    PoleFactory(
        territories=[TerritoryFactory(region=territory.region)], figures_territory=territory
    )
    address = url(name, region=territory.region.slug, tri="statut")
    few = queries_of_export(client, address)

    for _ in range(297):
        other = TerritoryFactory(region=territory.region)
        KeyFiguresFactory(territory=other)
        PoleFactory(territories=[territory, other], figures_territory=other)
    many = queries_of_export(client, address)

    assert few == many <= 7


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["actors:export_csv", "territories:export_csv"])
def test_actor_and_territory_exports_run_a_constant_number_of_queries(client, name):
    def build(count):
        for _ in range(count):
            territory = TerritoryFactory()
            KeyFiguresFactory(territory=territory)
            pole = PoleFactory(territories=[territory])
            MembershipFactory(pole=pole, actor=ActorFactory(territory=territory))

    build(3)
    few = queries_of_export(client, reverse(name))
    build(297)
    many = queries_of_export(client, reverse(name))

    assert few == many <= 4


@pytest.mark.django_db
def test_5000_poles_stream_in_chunks(client):
    territory = TerritoryFactory()
    KeyFiguresFactory(territory=territory)
    poles = create_in_bulk(
        PoleFactory,
        (
            dict(name=f"Pôle {index:05}", slug=f"pole-{index:05}", status=PoleStatus.OPERATING)
            for index in range(5000)
        ),
        one_build=True,
    )
    # A join table, with no factory of its own.
    Pole.territories.through.objects.bulk_create(
        Pole.territories.through(pole_id=pole.pk, territory_id=territory.pk) for pole in poles
    )

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("poles:export_csv", status="operating"))
        chunks = list(response.streaming_content)

    assert len(chunks) > 5
    lines = b"".join(chunks).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 5000
    assert lines[1].startswith("Pôle 00000;;non;en fonctionnement;")
    assert lines[-1].startswith("Pôle 04999;")
    assert len(queries) <= 1 + 3 * 5  # the poles, then a few per chunk of 2 000


@pytest.mark.django_db
def test_territory_export_of_a_region_without_departments(client, region):
    TerritoryFactory(name="Bretagne", slug="bretagne", kind="region", region=region, departments=[])

    rows = csv_content(client.get(reverse("territories:export_csv")))

    assert rows[1][:4] == ["Bretagne", "région", "Bretagne", ""]
