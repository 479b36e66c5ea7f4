from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from poles.models import Document


def download_document(request, pk):
    """A document's file, always as a download: never rendered by the browser."""
    document = get_object_or_404(Document.objects.exclude(file=""), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Ce fichier n'est plus disponible.") from error
    extension = PurePath(document.file.name).suffix.lower()
    filename = f"{slugify(document.title)[:80] or 'document'}{extension}"
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
