"""Every public page of the portal, read as a visitor does, to compare before and after."""

import html
import io
import re
import zipfile
from urllib.parse import urlsplit

from django.urls import reverse

from actors.models import Actor
from poles.models import Document, Pole
from territories.models import Territory

LISTS = ("poles", "territories", "actors", "funding")
EXPORT_FORMATS = ("csv", "xlsx")
PAGE_LINK = re.compile(rb'href="(\?[^"]*\bpage=\d+[^"]*)"')
# The one part of a download that changes from one request to the next: the spreadsheet's
# creation and modification times, written by openpyxl.
XLSX_TIMES = "docProps/core.xml"


def public_urls():
    """Home, each list and its downloads, every pole, territory and actor page, and the
    download of every document that has a file."""
    urls = ["/"]
    for name in LISTS:
        urls.append(reverse(f"{name}:list"))
        urls += [reverse(f"{name}:export_{fmt}") for fmt in EXPORT_FORMATS]
    for model in (Pole, Territory, Actor):
        urls += [record.get_absolute_url() for record in model.objects.order_by("pk")]
    documents = Document.objects.exclude(file="").order_by("pk")
    urls += [reverse("document_download", args=[document.pk]) for document in documents]
    return urls


def read_pages(client, urls):
    """{url: (content type, body)} for `urls` and the further pages of their lists (links
    to `?page=N`); every one must answer 200."""
    pages = {}
    pending = list(urls)
    while pending:
        url = pending.pop(0)
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response["Content-Type"]
        if content_type.startswith("text/html"):
            path = urlsplit(url).path
            pending += [path + html.unescape(link.decode()) for link in PAGE_LINK.findall(body)]
        pages[url] = (content_type, comparable(content_type, body))
    return pages


def comparable(content_type, body):
    """The body, or for a spreadsheet its parts but the one holding the time it was made."""
    if "spreadsheetml" not in content_type:
        return body
    with zipfile.ZipFile(io.BytesIO(body)) as workbook:
        return {name: workbook.read(name) for name in workbook.namelist() if name != XLSX_TIMES}


def differences(before, after):
    """The urls whose pages are not the same (or only on one side)."""
    return sorted(url for url in before.keys() | after.keys() if before.get(url) != after.get(url))
