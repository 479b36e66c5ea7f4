"""The campaign tests' accounts, one per role, as the admin's groups make them."""

from django.contrib.auth.models import Group

from poles.roles import CRES, POLE_COORDINATORS, REGION_OFFICERS

PASSWORD = "mot-de-passe-solide-2026"


def account(django_user_model, username, group, email=""):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True, email=email
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def cres_account(django_user_model):
    return account(django_user_model, "cres-staff", CRES, "cres@example.org")


def officer_account(django_user_model):
    return account(django_user_model, "region-officer", REGION_OFFICERS, "region@example.org")


def coordinator_of(django_user_model, pole, username="coordinatrice"):
    user = account(django_user_model, username, POLE_COORDINATORS, f"{username}@example.org")
    pole.coordinators.add(user)
    return user
