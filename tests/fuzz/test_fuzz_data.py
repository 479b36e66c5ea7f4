"""The fuzz data hold what the fuzzer should meet: the records with odd names have pages
that answer, and a document with a file downloads (a FileResponse read to its end)."""

import pytest

from actors.models import Actor
from poles.models import Document, Pole
from tests.fuzz.data import DOCUMENT_CONTENT, ODD_NAMES
from tests.fuzz.visit import visit

pytestmark = pytest.mark.django_db


def test_odd_names_have_pages(fuzz_data, fuzz_client):
    poles = Pole.objects.filter(name__in=ODD_NAMES)
    actors = Actor.objects.filter(name__in=ODD_NAMES)
    assert poles.count() == actors.count() == len(ODD_NAMES)

    for record in [*poles, *actors, poles[0].territories.get()]:
        for method in ("GET", "HEAD"):
            response, _ = visit(fuzz_client, method, record.get_absolute_url())
            assert response.status_code == 200, record.get_absolute_url()


def test_a_document_downloads_and_one_without_file_is_a_404(fuzz_data, fuzz_client):
    with_file = Document.objects.exclude(file="").get(title=ODD_NAMES[0])
    without_file = Document.objects.get(title="Sans fichier")

    response, body = visit(fuzz_client, "GET", f"/documents/{with_file.pk}/telecharger/")
    assert response.status_code == 200
    assert body == DOCUMENT_CONTENT
    response, _ = visit(fuzz_client, "GET", f"/documents/{without_file.pk}/telecharger/")
    assert response.status_code == 404
    assert str(with_file.pk) in fuzz_data.samples["pk"]
