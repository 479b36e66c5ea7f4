"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar, from npm's `vnu-jar`,
`make install`) finds no error in it.

The pages are rendered by the test client on the seed data, written to files and checked by
ONE run of the checker (the JVM takes about a second to start). Errors and warnings fail the
test, with the page, the line and the checker's message: the pages have no warning today and
the checker's version is pinned (package-lock.json), so a new one is a change of the pages, to
look at. Plain information messages are not reported.

Without Java or vnu.jar, the test is skipped with the reason, as the axe-core tests are
without npm (tests/browser/axe.py). JAVA=/path/to/java chooses the Java (11 or later).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings
from django.template import loader
from django.test import Client

from actors.models import Actor
from campaigns.freeze import freeze_pending
from campaigns.models import YearlyFiche
from poles.models import Pole, Strength
from tests.factories import ActorFactory, PoleFactory, give_seed_lines_amounts
from tests.pages import page_text
from tests.prerequisites import missing

VNU_PATH = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_SETTING = os.environ.get("JAVA")
JAVA = shutil.which(JAVA_SETTING or "java")

# Each page type: a name, its address, its status and, for a list, whether it shows rows
# (True), none (False) or is not a list (None) — a page checked while empty proves less.
PAGES = [
    ("accueil", "/", 200, None),
    ("la démarche", "/demarche/", 200, None),
    ("données ouvertes", "/donnees/", 200, None),
    ("la documentation de l'API", "/api/", 200, None),
    ("carte", "/carte/", 200, None),
    ("carte filtrée", "/carte/?status=operating&region=bretagne", 200, None),
    ("carte, filtre invalide", "/carte/?status=inconnu", 400, None),
    ("liste des pôles", "/poles/", 200, True),
    ("pôles filtrés", "/poles/?q=ess&status=prefiguration&region=bretagne&tri=statut", 200, True),
    ("pôles sans résultat", "/poles/?q=zzzzzzzz", 200, False),
    ("pôles, page 2", "/poles/?page=2", 200, True),
    ("page d'un pôle", "/poles/pole-ess-du-pays-de-dinan/", 200, None),
    ("page d'un pôle (membres)", "/poles/c2sol/", 200, None),
    ("page d'un pôle (en activité)", "/poles/les-ecosolies/", 200, None),
    ("fiche annuelle d'un pôle", "/poles/pole-ess-du-pays-de-dinan/fiches/2009-2010/", 200, None),
    ("fiche annuelle (non datée)", "/poles/les-ecosolies/fiches/2009-2010/", 200, None),
    ("pôles à actualiser", "/poles/?fiche=a_actualiser&status=operating", 200, True),
    ("territoires", "/territoires/", 200, None),
    ("page d'un territoire", "/territoires/pays-de-lorient/", 200, None),
    ("page d'une région", "/territoires/pays-de-la-loire/", 200, None),
    ("acteurs", "/acteurs/", 200, True),
    ("acteurs filtrés", "/acteurs/?kind=association&q=sol", 200, True),
    ("acteurs sans résultat", "/acteurs/?q=zzzzzzzz", 200, False),
    ("acteurs, page 2", "/acteurs/?page=2", 200, True),
    ("page d'un acteur", "/acteurs/aees/", 200, None),
    ("page d'un acteur (membre)", "/acteurs/c2sol/", 200, None),
    ("financements", "/financements/", 200, True),
    ("financements filtrés", "/financements/?pole_status=prefiguration", 200, True),
    ("financements sans résultat", "/financements/?year=1990", 200, False),
    (
        "page d'un programme",
        "/financements/programmes/soutien-a-la-creation-de-poles-de-developpement-de-leconomie-sociale-et-solidaire-dans-les-pays/",
        200,
        None,
    ),
    ("page d'un financeur", "/financements/financeurs/conseil-regional-de-bretagne/", 200, None),
    ("financeur sans ligne", "/financements/financeurs/nantes-metropole/", 200, None),
    ("filtre invalide (pôles)", "/poles/?status=inconnu&year=2010a", 400, None),
    ("filtre invalide (acteurs)", "/acteurs/?kind=inconnu", 400, None),
    ("filtre invalide (financements)", "/financements/?year=abc&amount_min=1,5", 400, None),
    ("page introuvable", "/poles/ce-pole-n-existe-pas/", 404, None),
]
# The checker's own test: a page it must find an error in (an empty `action`).
BROKEN_PAGE = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head>'
    '<body><form action=""><button>Filtrer</button></form></body></html>'
)


def test_public_pages_are_valid_html(vnu, client, admin_client, django_user_model, seed, tmp_path):
    more_data_for_the_pages()
    pages = {}
    for number, (name, url, status, has_rows) in enumerate(PAGES):
        response = client.get(url)
        assert response.status_code == status, f"{url} : {response.status_code}"
        if has_rows is not None:
            count = response.context["paginator"].count
            assert bool(count) == has_rows, f"{url} : {count} ligne(s)"
        pages[write(tmp_path, number, name, response.content)] = (name, url)
    for name, where, content in other_pages(admin_client, django_user_model):
        pages[write(tmp_path, len(pages), name, content)] = (name, where)
    broken = write(tmp_path, len(pages), "cassée", BROKEN_PAGE.encode())

    messages = vnu([*pages, broken])

    assert any(
        message["type"] == "error" and "action" in message["message"]
        for message in messages.get(broken, [])
    ), f"le vérificateur n'a pas signalé l'action vide de la page de contrôle : {messages}"
    problems = [
        f"{name} ({url}), ligne {message.get('lastLine', '?')} : {describe(message)}"
        for path, (name, url) in pages.items()
        for message in messages.get(path, [])
        if message["type"] != "info" or message.get("subType") == "warning"
    ]
    assert not problems, "HTML invalide (vnu.jar) :\n" + "\n".join(problems)


@pytest.fixture
def vnu():
    """`vnu(paths)`: the checker's messages on those files, by file. Skips the test, with the
    reason, when Java or vnu.jar is missing (before the seed is loaded)."""
    if JAVA_SETTING and JAVA is None:
        missing(f"JAVA={JAVA_SETTING} ne désigne aucun Java exécutable : validation HTML sautée")
    if JAVA is None:
        missing(
            "Java absent (apt-get install -y default-jre-headless, ou JAVA=/chemin/java) :"
            " validation HTML sautée"
        )
    if not VNU_PATH.exists():
        missing("vnu-jar absent : lancez make install (npm) ; validation HTML sautée")

    def check(paths):
        result = subprocess.run(
            [JAVA, "-jar", str(VNU_PATH), "--format", "json", "--stdout", *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        try:
            report = json.loads(result.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"vnu.jar n'a pas répondu en JSON ({result.returncode}) : {result.stderr}")
        messages = {}
        for message in report["messages"]:
            # A message about no page checked (the checker failing) fails the test below.
            path = Path(unquote(urlparse(message.get("url", "")).path))
            messages.setdefault(path, []).append(message)
        unknown = set(messages) - set(paths)
        assert not unknown, f"messages de vnu.jar hors des pages : {messages}"
        return messages

    return check


def more_data_for_the_pages():
    """Amounts on a few funding lines (the seed has none: /financements/ then draws its
    chart, an SVG), enough poles and actors for a second page of each list, and the seed's
    fiches 2009–2010 frozen, as `load_seed` freezes them (the `seed` fixture only loads)."""
    give_seed_lines_amounts()
    freeze_pending(YearlyFiche.objects.all())
    PoleFactory.create_batch(21 - Pole.objects.count())
    ActorFactory.create_batch(21 - Actor.objects.count())


def other_pages(admin_client, django_user_model):
    """(name, what was asked, content) of the pages in the portal's look that no plain
    visit shows: a message of the admin, the error pages but the lists' 400 and the 404."""
    # A staff member who opens a public page before the admin shows the admin's message.
    strength = Strength.objects.first()
    response = admin_client.post(f"/admin/poles/strength/{strength.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    response = admin_client.get("/")
    assert "supprimé avec succès" in page_text(response)
    yield "accueil avec un message", "/ après une suppression dans l'admin", response.content
    response = Client().get("/", HTTP_HOST="portail.pirate.example")
    assert response.status_code == 400
    yield "requête incorrecte", "/ sur un hôte inconnu", response.content
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    yield "formulaire refusé", "POST sans jeton CSRF", response.content
    user = django_user_model.objects.create_user(username="lecture", is_staff=True)
    client = Client()
    client.force_login(user)
    response = client.get("/admin/poles/pole/add/")
    assert response.status_code == 403
    yield "accès refusé", "/admin/poles/pole/add/ sans le droit", response.content
    # handler500's pages, rendered as it renders them (without a request).
    for template in ("500.html", "503.html"):
        yield f"page {template}", "handler500", loader.get_template(template).render().encode()


def write(folder, number, name, content):
    path = folder / f"{number:02d}-{name.replace(' ', '-').replace('/', '-')}.html"
    path.write_bytes(content)
    return path


def describe(message):
    kind = "avertissement" if message["type"] == "info" else "erreur"
    extract = message.get("extract", "").replace("\n", " ").strip()
    return f"{kind} : {message['message']}" + (f" — « {extract} »" if extract else "")
