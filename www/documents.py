import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from poles.models import Document


def download_document(request, pk):
    """A document's file, always as a download: never rendered by the browser."""
    document = get_object_or_404(Document.objects.exclude(file=""), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Ce fichier n'est plus disponible.") from error
    response = FileResponse(handle, as_attachment=True, filename=document.file_name)
    response["Content-Disposition"] = attachment(document.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "«": '"', "»": '"'})


def ascii_name(name):
    """`name` in printable ASCII: accents dropped, quotes and separators replaced."""
    name = unicodedata.normalize("NFKD", name.translate(TYPOGRAPHY))
    name = name.encode("ascii", "ignore").decode()
    return "".join(char if char.isprintable() and char not in '"\\;' else "_" for char in name)


def attachment(filename):
    """`attachment` with the file's name (RFC 6266): in UTF-8 (filename*), and in ASCII
    (filename, accents dropped) for the clients that do not read the former."""
    path = PurePath(filename)
    stem = ascii_name(path.stem).strip()
    fallback = f"{stem if stem.strip('._-') else 'document'}{ascii_name(path.suffix)}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
