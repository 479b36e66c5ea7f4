"""Free-text search over poles (poles/search/): same results on PostgreSQL and SQLite.

The expected poles are read in fixtures/build_seed.py: « réseau » is in an objective of the
Dinan pole (« Se constituer en réseau ») and in an action and a strength of Les Écosolies
(« réseaux de l'ESS »); Steredenn carries the Dinan study; the Collectif Kerfléau, the Maif,
Akena and the Crédit Coopératif are members of C2SOL.
"""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.sqlite_functions import unaccent
from poles.enums import PoleStatus
from poles.models import Pole
from poles.search import search_poles, search_terms
from tests.factories import (
    ActionFactory,
    ActorFactory,
    DifficultyFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    StrengthFactory,
)

BREST = "ADESS Pays de Brest"
BRAS = "BRAS"
C2SOL = "C2SOL"
CADES = "CADES"
DINAN = "Pôle ESS du Pays de Dinan"
ECOSOLIES = "Les Écosolies"
TREGOR = "Pôle ESS du Pays du Trégor-Goëlo"


def found(text, queryset=None):
    queryset = Pole.objects.all() if queryset is None else queryset
    return sorted(search_poles(queryset, text).values_list("name", flat=True))


# what is searched


@pytest.mark.parametrize(
    "text",
    ["reseau", "réseau", "Réseau", "RESEAU", "réseaux", "reseaux", "RÉSEAUX"],
)
def test_reseau_with_or_without_accent_case_or_plural_finds_the_poles_that_say_reseau(seed, text):
    assert found(text) == [ECOSOLIES, DINAN]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pole name and full name
        ("Dinan", [DINAN]),
        ("Brest", [BREST]),
        ("Trégor-Goëlo", [TREGOR]),
        ("tregor goelo", [TREGOR]),
        ("Coordination Redon", [CADES]),
        ("Brocéliande", [BRAS]),
        # objectives: title, details
        ("Valorisation", [C2SOL, ECOSOLIES]),
        ("charte", [DINAN]),
        # actions: title, details
        ("Pépinière", [ECOSOLIES]),
        ("boutique solidaire", [C2SOL]),
        ("co-production", [CADES]),
        ("friche", [ECOSOLIES]),
        # difficulties
        ("subvention", [C2SOL]),
        ("élus", [DINAN]),
        # strengths and interesting practices
        ("groupement solidaire", [DINAN]),
        ("quartiers", [ECOSOLIES]),
        ("soutien collectivités", [ECOSOLIES]),
        # member actors, and the structure carrying the study
        ("Kerfléau", [C2SOL]),
        ("Maif", [C2SOL]),
        ("Akena", [C2SOL]),
        ("Crédit Coopératif", [C2SOL]),
        ("Panier de la Mer", [C2SOL]),
        ("Steredenn", [DINAN]),
        # found in several poles
        ("mobilisation", [ECOSOLIES, DINAN]),
        ("préfiguration", [C2SOL, DINAN]),
        ("acteurs", [C2SOL, CADES, ECOSOLIES, DINAN]),
    ],
)
def test_each_searched_text_finds_its_pole(seed, text, expected):
    assert found(text) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    ["Kerfléau", "kerfleau", "KERFLEAU", "KerFLÉAU", "collectif kerfleau", "COLLECTIF KERFLÉAU"],
)
def test_case_and_accents_do_not_matter(seed, text):
    assert found(text) == [C2SOL]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Écosolies", [ECOSOLIES]),
        ("ecosolies", [ECOSOLIES]),
        ("ÉCOSOLIES", [ECOSOLIES]),
        ("pepiniere", [ECOSOLIES]),
        ("PÉPINIÈRE", [ECOSOLIES]),
        ("fougeres", ["Pôle ESS du Pays de Fougères"]),
    ],
)
def test_accents_are_ignored_in_the_query_and_in_the_texts(seed, text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a member actor and an action of C2SOL
        ("Maif Lorient", [C2SOL]),
        # the study's carrier and an objective of Dinan
        ("Steredenn charte", [DINAN]),
        ("réseau mutuelles", [ECOSOLIES, DINAN]),
        # each word is in another pole: none has both
        ("Steredenn Maif", []),
        ("Kerfléau Écosolies", []),
        ("réseau subvention", []),
    ],
)
def test_every_word_must_be_found_though_maybe_in_different_texts(seed, text, expected):
    assert found(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("réseau -Dinan", [ECOSOLIES]),
        ("réseau or Maif", [C2SOL, ECOSOLIES, DINAN]),
        ('"boutique solidaire"', [C2SOL]),
    ],
)
def test_websearch_syntax_exclusion_alternative_and_quotes(seed, text, expected):
    assert found(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # BRAS's only texts are its names: « les » and « à » must not be required
        ("Les richesses à Brocéliande", [BRAS]),
        ("la Maif et le Crédit Coopératif", [C2SOL]),
        ("services à la personne", [CADES]),
        ('"Panier de la Mer"', [C2SOL]),
    ],
)
def test_stop_words_in_a_query_are_not_required(seed, text, expected):
    assert found(text) == expected


def test_a_word_found_nowhere_finds_nothing(seed):
    assert found("zorglub") == []
    assert found("réseau zorglub") == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None])
def test_blank_text_returns_the_queryset_unchanged(seed, text):
    queryset = Pole.objects.filter(status=PoleStatus.PREFIGURATION)

    assert search_poles(queryset, text) is queryset
    assert search_poles(Pole.objects.all(), text).count() == 15


@pytest.mark.parametrize("text", ["de la", "les", "pour une", "&|!:*", "%%%", "___", "-"])
def test_stop_words_and_symbols_alone_find_nothing_rather_than_everything(seed, text):
    assert found(text) == []


@pytest.mark.parametrize("text", ["réseau", "acteurs", "mobilisation", "ESS", "Pôle"])
def test_a_pole_found_through_several_rows_is_listed_once(seed, text):
    results = search_poles(Pole.objects.all(), text)
    pks = list(results.values_list("pk", flat=True))

    assert pks
    assert results.count() == len(pks) == len(set(pks))


# still a queryset


def test_the_result_can_be_filtered_ordered_and_paginated(seed):
    results = search_poles(Pole.objects.all(), "réseau")

    assert list(results.filter(status=PoleStatus.PREFIGURATION).values_list("name", flat=True)) == [
        DINAN
    ]
    assert list(results.filter(status=PoleStatus.OPERATING).values_list("name", flat=True)) == [
        ECOSOLIES
    ]
    assert list(results.order_by("name").values_list("name", flat=True)) == [ECOSOLIES, DINAN]
    assert list(results.order_by("-name").values_list("name", flat=True)) == [DINAN, ECOSOLIES]
    page = Paginator(results.order_by("name"), 1).page(2)
    assert [pole.name for pole in page] == [DINAN]
    assert page.paginator.num_pages == 2
    assert results.exists()


def test_the_queryset_searched_may_already_be_filtered_and_searched_again(seed):
    operating = Pole.objects.filter(status=PoleStatus.OPERATING)

    assert found("réseau", operating) == [ECOSOLIES]
    assert found("mutuelles", search_poles(Pole.objects.all(), "réseau")) == [ECOSOLIES, DINAN]
    assert found("Steredenn", search_poles(Pole.objects.all(), "réseau")) == [DINAN]


# texts the seed does not exercise


@pytest.mark.django_db
def test_carrying_structure_and_acronyms_are_searched():
    carrier = ActorFactory(name="Coopérative Zorglubienne", acronym="ZORGLUB")
    carried = PoleFactory(name="Pôle ESS du Pays de Guingamp", carrying_structure=carrier)
    member = ActorFactory(name="Association des Bidulots", acronym="BIDULOT")
    with_member = PoleFactory(name="Pôle ESS du Pays de Pontivy")
    MembershipFactory(pole=with_member, actor=member)
    PoleFactory(name="Pôle ESS du Pays d'Auray")

    assert found("zorglubienne") == [carried.name]
    assert found("Zorglub") == [carried.name]
    assert found("bidulot") == [with_member.name]
    assert found("BIDULOT Pontivy") == [with_member.name]
    assert found("zorglub bidulot") == []


# one query whatever the data volume


@pytest.mark.django_db
def test_the_search_is_one_query_whatever_the_data_volume(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # Written and committed (the documents are refreshed then), searched afterwards.
    with django_capture_on_commit_callbacks(execute=True):
        poles = PoleFactory.create_batch(50, purpose="", motivations="")
        networked = set()
        for index in range(200):
            pole = poles[index % 50]
            in_network = index % 7 == 0
            ActionFactory(
                pole=pole,
                title="Mise en réseau des acteurs" if in_network else f"Forum de l'emploi {index}",
                details="Rencontres annuelles.",
            )
            if in_network:
                networked.add(pole.pk)
        for pole in poles[:20]:
            ObjectiveFactory(pole=pole, title="Promouvoir l'économie sociale", details="")
            DifficultyFactory(pole=pole, text="Manque de disponibilité des bénévoles.")
            StrengthFactory(pole=pole, text="Fort soutien des collectivités.")
            MembershipFactory.create_batch(3, pole=pole)

    with django_assert_max_num_queries(1):
        results = list(search_poles(Pole.objects.all(), "réseau"))
    with django_assert_max_num_queries(1):
        several_words = list(search_poles(Pole.objects.all(), "réseaux acteurs rencontres"))
    with django_assert_max_num_queries(1):
        count = search_poles(Pole.objects.all(), "soutien -réseau").count()

    assert {pole.pk for pole in results} == networked
    assert len(results) == len(networked) == 29
    assert {pole.pk for pole in several_words} == networked
    assert count == len({pole.pk for pole in poles[:20]} - networked)


# hostile input


@pytest.mark.parametrize(
    "text",
    [
        "'",
        '"',
        '"réseau',
        "l'ESS",
        "((réseau",
        "réseau)",
        "()",
        "&|!:*",
        "réseau & | ! : * <-> <2>",
        "!réseau",
        "réseau:*",
        "-",
        "-- -réseau",
        "or",
        "réseau or or -",
        "%",
        "_",
        "\\",
        "réseau\x00",
        "\x00",
        "a" * 500,
        "réseau " * 100,
        " ".join(f"mot{number}" for number in range(200)),
        "é" * 5000,
        "'; DROP TABLE poles_pole; --",
        "1' OR '1'='1",
        'réseau" OR 1=1 --',
        "SELECT * FROM poles_pole WHERE 1=1",
        "🙂 réseau 🙂",
    ],
)
def test_hostile_input_returns_a_queryset_that_evaluates(seed, text):
    results = search_poles(Pole.objects.all(), text)

    names = [pole.name for pole in results]
    assert results.count() == len(names) == len(set(names))
    assert Pole.objects.count() == 15


@pytest.mark.parametrize("text", ["%", "%%%", "___", "_", "\\"])
def test_like_wildcards_are_not_wildcards(seed, text):
    assert found(text) == []


def test_a_long_query_is_searched_on_its_first_500_characters(seed):
    assert found("réseau " * 100) == [ECOSOLIES, DINAN]
    # « zorglub », found nowhere, is beyond the 500th character
    assert found("réseau " + "de " * 200 + "zorglub") == [ECOSOLIES, DINAN]


# the SQLite side


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kerfléau", "kerfleau"),
        ("RÉSEAUX", "reseaux"),
        ("Ploërmel – Cœur de Bretagne", "ploermel – coeur de bretagne"),
        ("ŒUVRE", "oeuvre"),
        ("Écosolies", "ecosolies"),
        ("", ""),
        (None, None),
    ],
)
def test_unaccent_lowercases_and_strips_accents(value, expected):
    assert unaccent(value) == expected


def test_search_terms_drop_short_and_stop_words_and_plurals():
    assert search_terms("Les réseaux de Lorient") == [[("reseau", False), ("lorient", False)]]
    assert search_terms("Maif or Akena -Dinan co-production") == [
        [("maif", False)],
        [("akena", False), ("dinan", True), ("co-production", False)],
    ]
    assert search_terms("de la, et : un") == []


@pytest.mark.django_db
def test_sqlite_connections_have_the_unaccent_function():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has its own unaccent (the extension), which keeps the case.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent(%s), unaccent(NULL)", ["Cœur de RÉSEAU"])
        assert cursor.fetchone() == ("coeur de reseau", None)


# the migration


@pytest.mark.django_db(transaction=True)
def test_the_search_migration_can_be_unapplied_and_reapplied():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before_search = executor.loader.get_migration("poles", "0003_french_unaccent_search")

    executor.migrate(before_search.dependencies)
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    PoleFactory(name="Pôle ESS du Pays de Ploërmel", full_name="Réseaux du Cœur de Bretagne")
    assert found("reseau coeur") == ["Pôle ESS du Pays de Ploërmel"]
