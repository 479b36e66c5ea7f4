import pytest
from django.contrib.auth.models import Permission

from tests.factories import (
    ActionFactory,
    ActorFactory,
    CampaignFactory,
    ContactFactory,
    DepartmentFactory,
    DifficultyFactory,
    DocumentFactory,
    FicheFactory,
    FunctionFactory,
    FunderFactory,
    FundingLineFactory,
    KeyFiguresFactory,
    MembershipFactory,
    ObjectiveFactory,
    PoleFactory,
    PoleNetworkFactory,
    ProgrammeFactory,
    RegionFactory,
    StatusChangeFactory,
    StrengthFactory,
    StudyFactory,
    TerritoryFactory,
    TerritoryPartFactory,
)
from tests.portal_models import APP_LABELS

FACTORIES = {
    "region": RegionFactory,
    "department": DepartmentFactory,
    "territory": TerritoryFactory,
    "keyfigures": KeyFiguresFactory,
    "territorypart": TerritoryPartFactory,
    "pole": PoleFactory,
    "statuschange": StatusChangeFactory,
    "function": FunctionFactory,
    "polenetwork": PoleNetworkFactory,
    "actor": ActorFactory,
    "membership": MembershipFactory,
    "study": StudyFactory,
    "objective": ObjectiveFactory,
    "action": ActionFactory,
    "difficulty": DifficultyFactory,
    "strength": StrengthFactory,
    "document": DocumentFactory,
    "contact": ContactFactory,
    "funder": FunderFactory,
    "programme": ProgrammeFactory,
    "fundingline": FundingLineFactory,
    "campaign": CampaignFactory,
    "fiche": FicheFactory,
}


@pytest.fixture
def staff_user(django_user_model):
    """A CRES staff member: staff, not superuser, with every permission on the portal's data
    and its campaigns."""
    user = django_user_model.objects.create_user(
        username="cres", password="mot-de-passe-solide-2010", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=[*APP_LABELS, "campaigns"])
    )
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
