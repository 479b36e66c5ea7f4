import pytest

from actors.enums import ActorKind
from actors.models import Actor
from funding.enums import FunderKind
from funding.models import Funder, Programme
from poles.models import Pole
from territories.models import Territory


@pytest.mark.django_db
def test_an_empty_slug_is_made_from_the_name_and_a_given_one_is_kept(region):
    funder = Funder.objects.create(name="Conseil général du Finistère", kind=FunderKind.DEPARTMENT)

    assert Pole.objects.create(name="Pôle ESS du Pays d'Auray").slug == "pole-ess-du-pays-dauray"
    assert Actor.objects.create(name="Ville de Lorient", kind=ActorKind.LOCAL_AUTHORITY).slug == (
        "ville-de-lorient"
    )
    assert funder.slug == "conseil-general-du-finistere"
    assert Programme.objects.create(name="Aide", slug="aide-2010", funder=funder).slug == (
        "aide-2010"
    )
    territory = Territory.objects.create(name="Pays de Ploërmel – Cœur de Bretagne", region=region)
    assert territory.slug == "pays-de-ploermel-coeur-de-bretagne"
