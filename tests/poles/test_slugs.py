import pytest

from actors.enums import ActorKind
from funding.enums import FunderKind
from tests.factories import (
    ActorFactory,
    FunderFactory,
    PoleFactory,
    ProgrammeFactory,
    TerritoryFactory,
)


@pytest.mark.django_db
def test_an_empty_slug_is_made_from_the_name_and_a_given_one_is_kept(region):
    funder = FunderFactory(
        name="Conseil général du Finistère", slug="", kind=FunderKind.DEPARTMENT, region=None
    )

    assert PoleFactory(name="Pôle ESS du Pays d'Auray", slug="").slug == "pole-ess-du-pays-dauray"
    assert ActorFactory(name="Ville de Lorient", slug="", kind=ActorKind.LOCAL_AUTHORITY).slug == (
        "ville-de-lorient"
    )
    assert funder.slug == "conseil-general-du-finistere"
    assert ProgrammeFactory(name="Aide", slug="aide-2010", funder=funder).slug == "aide-2010"
    territory = TerritoryFactory(name="Pays de Ploërmel – Cœur de Bretagne", slug="", region=region)
    assert territory.slug == "pays-de-ploermel-coeur-de-bretagne"
