"""With DEBUG off, errors get French pages in the portal's look."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_unknown_page_is_a_french_404_with_ways_out(client):
    response = client.get("/poles/nulle-part/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert f'href="{reverse("poles:list")}"' in content


@pytest.mark.django_db
def test_too_many_query_parameters_are_a_400_not_a_500(client):
    query = "&".join(f"status={i}" for i in range(6000))

    response = client.get(f"{reverse('poles:list')}?{query}")

    assert response.status_code == 400
