"""`make bench-admin`: the admin's server time, on the current database (issue 15, point 5).

    DATABASE_URL=… .venv/bin/python scripts/bench_admin.py      (or: make bench-admin)

In this process, through Django's test client (server time only: no network, no browser), as
a staff account with every permission, created for the run and deleted after it:
- the change page of the pole with the most funding lines and memberships, given 200
  memberships for the run if it has fewer (removed after): time (median of
  BENCH_ADMIN_RUNS, default 5), HTML weight, SQL queries;
- saving that page with one objective retitled (then saved back as it was);
- every changelist of the admin.
Then the targets, met or not: page < 300 ms and < 400 Ko, save < 500 ms, changelists < 150 ms.
Meant for the national demo data (`manage.py generate_demo_data`); DEBUG is forced off.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-admin-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["PAGE_CACHE"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ess_portal.settings")

from scripts.perf import BenchError, positive_number, run_script  # noqa: E402
from scripts.perf.data import check_data, data_volume, machine_description, setup_django  # noqa: E402
from scripts.perf.gunicorn import collectstatic  # noqa: E402

PAGE_TIME = 0.300  # seconds
PAGE_WEIGHT = 400 * 1024  # bytes
SAVE_TIME = 0.500
LIST_TIME = 0.150
USERNAME = "mesure-administration"
MEMBERS = 200  # the pole measured has at least this many memberships (issue 15, point 5)


def timed(function, runs):
    """(median seconds, last result, queries of the last run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, result, queries = [], None, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = function()
            durations.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(durations), result, queries


def biggest_pole():
    """The pole of the most funding lines and members, among those with an objective (its
    save is measured by changing one)."""
    from django.db.models import Count, Exists, OuterRef

    from poles.models import Objective, Pole

    return (
        Pole.objects.annotate(
            lines=Count("funding_lines", distinct=True),
            members=Count("memberships", distinct=True),
            has_objective=Exists(Objective.objects.filter(pole=OuterRef("pk"))),
        )
        .order_by("-has_objective", "-lines", "-members", "pk")
        .first()
    )


def give_members(pole, count):
    """Memberships of demo actors added to `pole` up to `count`: their keys, to remove them."""
    from actors.models import Actor
    from poles.enums import MembershipRole
    from poles.models import Membership

    missing = count - pole.memberships.count()
    if missing <= 0:
        return []
    actors = Actor.objects.exclude(memberships__pole=pole).order_by("pk")[:missing]
    added = Membership.objects.bulk_create(
        Membership(pole=pole, actor=actor, role=MembershipRole.MEMBER) for actor in actors
    )
    return [membership.pk for membership in added]


def main():
    with tempfile.TemporaryDirectory(prefix="bench-admin-static-") as static_root:
        # Manifest static files, as in production: collected for this run only.
        os.environ.setdefault("STATIC_ROOT", static_root)
        collectstatic(dict(os.environ))
        return measure()


def measure():
    setup_django()
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from core.formats import number
    from poles.models import Membership

    check_data()
    runs = positive_number("BENCH_ADMIN_RUNS", 5)
    print("\n".join(machine_description()))
    print(data_volume())

    User = get_user_model()
    User.objects.filter(username=USERNAME).delete()
    user = User.objects.create_user(USERNAME, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client = Client()
    client.force_login(user)
    rows, verdicts = [], []
    added = []
    try:
        pole = biggest_pole()
        added = give_members(pole, MEMBERS)
        pole.members += len(added)
        url = reverse("admin:poles_pole_change", args=[pole.pk])
        seconds, response, queries = timed(lambda: client.get(url), runs)
        if response.status_code != 200:
            raise BenchError(f"{url} répond {response.status_code}.")
        weight = len(response.content)
        label = f"page du pôle « {pole.name} » ({pole.lines} lignes, {pole.members} membres)"
        rows.append((label, seconds, queries, weight))
        verdicts.append((f"{label} < 300 ms", seconds < PAGE_TIME))
        verdicts.append((f"{label} < 400 Ko", weight < PAGE_WEIGHT))

        for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
            opts = model._meta
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            seconds, response, queries = timed(lambda u=changelist: client.get(u), runs)
            rows.append(
                (f"liste {opts.verbose_name_plural}", seconds, queries, len(response.content))
            )
            verdicts.append((f"liste {opts.verbose_name_plural} < 150 ms", seconds < LIST_TIME))

        # Last: the test environment's rendering keeps every template's context (the form to
        # send back is read from it), which slows the rendering, not the save measured.
        setup_test_environment()
        objective = pole.objectives.order_by("pk").first()
        if objective is None:
            print("Ce pôle n'a pas d'objectif : l'enregistrement n'est pas mesuré.")
        else:
            save_seconds = save_with_a_retitled_objective(client, url, objective, runs)
            rows.insert(1, ("enregistrer la page du pôle, un objectif renommé", *save_seconds))
            verdicts.insert(2, ("enregistrement < 500 ms", save_seconds[0] < SAVE_TIME))
    finally:
        user.delete()
        Membership.objects.filter(pk__in=added).delete()

    print("\n| page | ms (médiane) | requêtes | Ko |\n|---|--:|--:|--:|")
    for label, seconds, queries, weight in rows:
        print(f"| {label} | {seconds * 1000:.0f} | {queries} | {number(round(weight / 1024))} |")
    print()
    for label, met in verdicts:
        print(f"- {label} : {'atteint' if met else 'NON ATTEINT'}")
    return 0 if all(met for _, met in verdicts) else 1


def save_with_a_retitled_objective(client, url, objective, runs):
    """(median seconds, queries, response bytes) of saving the page with `objective`
    retitled; each run sends the page as rendered just before, and the title goes back."""
    from tests.admin.forms import admin_form_data  # the form as a browser sends it back

    title = objective.title
    durations, queries, weight = [], 0, 0
    try:
        for run in range(runs):
            data = admin_form_data(client.get(url))
            key = next(
                name
                for name, value in data.items()
                if name.endswith("-id") and value == str(objective.pk) and "objective" in name
            )
            data[key.removesuffix("-id") + "-title"] = f"{title} ({run + 1})"
            seconds, response, queries = timed(lambda d=data: client.post(url, d), 1)
            if response.status_code != 302:
                raise BenchError(f"L'enregistrement de {url} répond {response.status_code}.")
            durations.append(seconds)
            weight = len(response.content)
    finally:
        objective.refresh_from_db()
        objective.title = title
        objective.save()
    return statistics.median(durations), queries, weight


if __name__ == "__main__":
    run_script(main, "make bench-admin")
