"""/acteurs/ and /acteurs/<slug>/: the actor directory, its filters, an actor's page."""

import datetime
import re

import pytest
from django.urls import reverse

from actors.enums import ActorKind
from actors.models import Actor
from core.fuzzy_dates import DatePrecision
from poles.enums import MembershipRole
from tests.factories import (
    ActorFactory,
    MembershipFactory,
    PoleFactory,
    PoleNetworkFactory,
    StudyFactory,
)
from tests.pages import count_queries, page_text

C2SOL_MEMBERS = [
    "ADOM'SERVICES",
    "AEES",
    "Akena",
    "Collectif Kerfléau",
    "Crédit Coopératif",
    "Elan",
    "La Ligue de l'enseignement 56",
    "Maif",
    "Panier de la Mer",
    "Ville de Lorient",
]
LIST_QUERIES = 7  # the page's keys, then its rows (core/pagination.py)
DETAIL_QUERIES = 5


def listed(response):
    """The actors' names, in the order of the cards."""
    return re.findall(r'<h2><a href="/acteurs/[^"]+/">([^<]+)</a>', page_text(response))


def result_count(response):
    return re.search(r'<p class="result-count" role="status">([^<]+)</p>', page_text(response))[1]


# The directory, with the seed


def test_directory_lists_every_actor(client, seed):
    response = client.get(reverse("actors:list"))

    assert response.status_code == 200
    text = page_text(response)
    assert "<title>Annuaire des acteurs — " in text
    assert text.count("<h1>") == 1
    assert result_count(response) == "16 acteurs"
    assert listed(response)[:3] == ["ADOM'SERVICES", "AEES", "Akena"]
    assert '<label for="id_kind">Nature</label>' in text
    assert '<label for="id_territory">Territoire</label>' in text
    assert '<label for="id_pole">Pôle</label>' in text
    assert '<label for="id_q">Nom</label>' in text


def test_filter_by_kind(client, seed):
    response = client.get(reverse("actors:list"), {"kind": ActorKind.COLLECTIVE})

    assert response.status_code == 200
    assert listed(response) == ["Collectif Kerfléau"]
    assert result_count(response) == "1 acteur correspond à ces filtres"
    text = page_text(response)
    assert "Collectif d'acteurs" in text
    assert '<a href="/poles/c2sol/">C2SOL</a> (membre)' in text
    # The seeds say no actor is a bank: Crédit Coopératif's kind is not given.
    response = client.get(reverse("actors:list"), {"kind": ActorKind.BANK})
    assert listed(response) == []
    assert f'<a href="{reverse("actors:list")}">Réinitialiser les filtres</a>' in text


def test_filter_by_pole_lists_its_members(client, seed):
    response = client.get(reverse("actors:list"), {"pole": "c2sol"})

    assert listed(response) == C2SOL_MEMBERS
    assert result_count(response) == "10 acteurs correspondent à ces filtres"
    text = page_text(response)
    assert '<a href="/poles/c2sol/">C2SOL</a> (fondateur)' in text
    assert '<a href="/poles/c2sol/">C2SOL</a> (partenaire)' in text
    assert '<option value="c2sol" selected>C2SOL</option>' in text


def test_filter_by_territory_and_name(client, seed):
    response = client.get(reverse("actors:list"), {"territory": "pays-de-dinan"})
    assert listed(response) == ["Conseil de développement du Pays de Dinan"]

    response = client.get(reverse("actors:list"), {"q": "coopératif"})
    assert listed(response) == ["Crédit Coopératif"]

    response = client.get(reverse("actors:list"), {"q": "  ", "kind": ActorKind.NETWORK})
    assert listed(response) == ["REVES", "RTES"]


def test_card_shows_the_carried_pole(client, seed):
    text = page_text(client.get(reverse("actors:list"), {"q": "Écosolies"}))

    assert "Association" in text
    assert '<a href="/territoires/nantes-metropole/">Nantes Métropole</a>' in text
    assert 'Structure porteuse du pôle <a href="/poles/les-ecosolies/">Les Écosolies</a>' in text


def test_no_result_says_so(client, seed):
    response = client.get(reverse("actors:list"), {"q": "introuvable"})

    assert response.status_code == 200
    assert result_count(response) == "Aucun acteur ne correspond à ces filtres."
    assert listed(response) == []


# The directory, built data


def test_search_covers_the_acronym(client, db):
    ActorFactory(name="Union régionale des Scop", slug="urscop", acronym="URSCOP")
    ActorFactory(name="Autre", slug="autre", acronym="")

    response = client.get(reverse("actors:list"), {"q": "urscop"})

    assert listed(response) == ["Union régionale des Scop"]
    assert "(URSCOP)" in page_text(response)


def test_pages_of_twenty_keep_the_filters(client, db):
    ActorFactory.create_batch(25, kind=ActorKind.SCOP)
    ActorFactory.create_batch(3, kind=ActorKind.BANK)

    first = client.get(reverse("actors:list"), {"kind": ActorKind.SCOP})
    second = client.get(reverse("actors:list"), {"kind": ActorKind.SCOP, "page": 2})

    assert result_count(first) == "25 acteurs correspondent à ces filtres"
    assert len(listed(first)) == 20
    assert len(listed(second)) == 5
    assert 'href="?kind=scop&page=2" rel="next"' in page_text(first)
    assert "Page 2 sur 2" in page_text(second)


def test_the_pages_together_list_each_actor_once_in_name_order(client, db):
    """Pages read their keys first (KeysFirstPaginator): page after page, the filtered
    directory is every actor once, in name order, even when the pole filter joins an actor
    that holds two roles in the pole."""
    pole = PoleFactory()
    actors = ActorFactory.create_batch(45)
    for actor in actors[::2]:
        MembershipFactory(pole=pole, actor=actor, role=MembershipRole.MEMBER)
        MembershipFactory(pole=pole, actor=actor, role=MembershipRole.FOUNDER)
    members = sorted(actor.name for actor in actors[::2])

    pages = [
        listed(client.get(reverse("actors:list"), {"pole": pole.slug, "page": page}))
        for page in (1, 2)
    ]

    assert [len(page) for page in pages] == [20, 3]
    assert pages[0] + pages[1] == members
    everyone = [listed(client.get(reverse("actors:list"), {"page": page})) for page in (1, 2, 3)]
    assert sum(everyone, []) == sorted(actor.name for actor in actors)


def test_empty_directory(client, db):
    response = client.get(reverse("actors:list"))

    assert response.status_code == 200
    assert result_count(response) == "Aucun acteur n'est encore enregistré."


# Bad input never gives a 500


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"kind": "xyz"}, "Nature"),
        ({"territory": "nowhere"}, "Territoire"),
        ({"pole": "nope"}, "Pôle"),
        ({"q": "x" * 2000}, "Nom"),
        ({"q": "a\x00b"}, "Nom"),
        ({"territory": "a\x00b"}, "Territoire"),
        ({"pole": "\x00"}, "Pôle"),
    ],
)
def test_unknown_filter_value_is_a_400_naming_the_filter(client, seed, query, label):
    response = client.get(reverse("actors:list"), query)

    assert response.status_code == 400
    text = page_text(response)
    assert re.search(
        rf'<li class="message message--error">« {label} » : [^<]*(valide|au plus 200|caractère nul)',
        text,
    )
    assert "<title>Filtre invalide — Annuaire des acteurs" in text
    assert listed(response) == []


@pytest.mark.parametrize("page", ["999", "abc", "0", "-1"])
def test_unknown_page_is_a_404(client, seed, page):
    assert client.get(reverse("actors:list"), {"page": page}).status_code == 404


def test_unknown_actor_is_a_404(client, db):
    assert client.get(reverse("actors:detail", args=["personne"])).status_code == 404


# An actor's page


def test_actor_page_lists_memberships_with_french_roles(client, seed):
    actor = Actor.objects.get(slug="aees")
    response = client.get(actor.get_absolute_url())

    assert response.status_code == 200
    assert actor.get_absolute_url() == "/acteurs/aees/"
    text = page_text(response)
    assert "<title>AEES — Acteurs — " in text
    assert text.count("<h1>") == 1
    assert f'<a href="{reverse("actors:list")}">Acteurs</a>' in text
    assert "<caption>1 participation de AEES aux pôles</caption>" in text
    assert '<th scope="row"><a href="/poles/c2sol/">C2SOL</a></th>' in text
    assert "<td>Fondateur</td>" in text
    assert "<td>mai 2009</td>" in text
    assert "Initiative lancée au départ par ses conseillers prud'homaux" in text

    text = page_text(client.get(reverse("actors:detail", args=["ville-de-lorient"])))
    assert "<td>Partenaire</td>" in text
    assert "Collectivité territoriale (partenaire)" in text
    assert '<a href="/territoires/pays-de-lorient/">Pays de Lorient</a>' in text


def test_actor_page_identity_and_carried_pole(client, seed):
    text = page_text(client.get(reverse("actors:detail", args=["c2sol"])))

    assert "Association (structure de l'ESS)" in text
    assert "<dd>7 octobre 2009</dd>" in text
    assert '<a href="https://c2sol.fr" rel="external">c2sol.fr</a>' in text
    assert "L'Association a pour but d'animer" in text
    assert "<h2>Pôle porté</h2>" in text
    assert '<a href="/poles/c2sol/">C2SOL</a> <span class="badge badge--prefiguration">' in text
    assert "Participation aux pôles" not in text

    text = page_text(client.get(reverse("actors:detail", args=["les-ecosolies"])))
    assert "<dd>2004</dd>" in text


def test_actor_page_carried_study(client, seed):
    text = page_text(client.get(reverse("actors:detail", args=["steredenn"])))

    assert "<h2>Étude de préfiguration portée</h2>" in text
    assert "Étude de préfiguration du Pays de Dinan — pôle" in text
    assert '<a href="/poles/pole-ess-du-pays-de-dinan/">Pôle ESS du Pays de Dinan</a>' in text
    assert "en cours ; lancement : 15 septembre 2009" in text


def test_network_page_lists_its_member_poles(client, seed):
    text = page_text(client.get(reverse("actors:detail", args=["reves"])))

    assert "<h2>Pôles membres du réseau</h2>" in text
    assert '<a href="/poles/les-ecosolies/">Les Écosolies</a> — adhésion prévue' in text
    assert "Réseau (partenaire)" in text


def test_actor_without_anything(client, db):
    actor = ActorFactory(website="", description="", founded_on=None, kind=ActorKind.OTHER)

    text = page_text(client.get(actor.get_absolute_url()))

    assert "<dd>non communiquée</dd>" in text
    assert "Territoire</dt>\n  <dd>non communiqué</dd>" in text
    assert "Cet acteur ne participe à aucun pôle pour l'instant." in text
    assert "Présentation" not in text


def test_membership_dates_at_their_precision(client, territory):
    actor = ActorFactory()
    MembershipFactory(
        actor=actor,
        pole=PoleFactory(territories=[territory]),
        role=MembershipRole.GOVERNANCE,
        started_on=datetime.date(2009, 10, 7),
        started_on_precision=DatePrecision.DAY,
        ended_on=datetime.date(2010, 1, 1),
        ended_on_precision=DatePrecision.YEAR,
        note="",
    )

    text = page_text(client.get(actor.get_absolute_url()))

    assert "<td>Membre de l'instance de gouvernance</td>" in text
    assert "<td>7 octobre 2009</td>" in text
    assert "<td>2010</td>" in text


# A constant number of queries


def actors_with_memberships(count, poles, territory):
    for actor in ActorFactory.create_batch(count, territory=territory):
        for pole in poles:
            MembershipFactory(actor=actor, pole=pole)


def test_directory_queries_do_not_grow(client, territory, django_assert_max_num_queries):
    poles = PoleFactory.create_batch(3, territories=[territory])
    actors_with_memberships(2, poles, territory)
    urls = [
        reverse("actors:list"),
        reverse("actors:list") + f"?pole={poles[0].slug}&territory={territory.slug}&kind=&q=a",
    ]
    few = [count_queries(client, url) for url in urls]

    actors_with_memberships(498, poles, territory)
    many = [count_queries(client, url) for url in urls]

    # The slugs are found among the selects' options: no query of their own.
    assert few == many == [LIST_QUERIES, LIST_QUERIES]
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("actors:list"))
    assert result_count(response) == "500 acteurs"
    assert len(listed(response)) == 20
    assert page_text(response).count("(membre)") == 60


def give_actor_rows(actor, count, territory):
    """`count` poles where the network actor is a member, which it carries, whose study it
    carries and which belong to it."""
    for pole in PoleFactory.create_batch(count, territories=[territory], carrying_structure=actor):
        MembershipFactory(actor=actor, pole=pole)
        StudyFactory(pole=pole, carrier=actor)
        PoleNetworkFactory(pole=pole, network=actor)


def test_actor_page_queries_do_not_grow(client, territory, django_assert_max_num_queries):
    actor = ActorFactory(kind=ActorKind.NETWORK, territory=territory)
    give_actor_rows(actor, 1, territory)
    url = actor.get_absolute_url()
    few = count_queries(client, url)

    give_actor_rows(actor, 199, territory)
    many = count_queries(client, url)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(url)
    assert few == many
    text = page_text(response)
    assert "<caption>200 participations de" in text
    assert text.count("— adhérent") == 200
    assert text.count("— pôle <a") == 200


# Addresses saved before they were checked (or loaded as they are) are links only when they
# are http(s) ones: never <a href="javascript:…">.
HOSTILE = "javascript:alert(document.domain)//://"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("website", "link"),
    [
        (HOSTILE, None),
        ("ftp://c2sol.fr", None),
        ("c2sol.fr", '<a href="https://c2sol.fr" rel="external">c2sol.fr</a>'),
        ("https://c2sol.fr/", '<a href="https://c2sol.fr/" rel="external">c2sol.fr</a>'),
        ("http://c2sol.fr/a?b=1&c=2", '<a href="http://c2sol.fr/a?b=1&amp;c=2" rel="external">'),
    ],
)
def test_a_website_is_a_link_only_when_it_is_an_http_address(client, website, link):
    actor = ActorFactory(website=website)
    pole = PoleFactory(website=website)

    for url in (actor.get_absolute_url(), pole.get_absolute_url()):
        content = client.get(url).content.decode()
        if link is None:
            assert "javascript:" not in content.replace(HOSTILE, "")
            assert 'href="ftp:' not in content and f'href="{website}"' not in content
            assert f"<dd>{website}</dd>" in content
        else:
            assert link in content
