"""Reading pages as a visitor does, and counting what they cost."""

import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

FRENCH_SPACES = str.maketrans({"\N{NO-BREAK SPACE}": " ", "\N{NARROW NO-BREAK SPACE}": " "})


def page_text(response):
    """The page as a reader sees its characters: entities decoded, French spaces plain."""
    return html.unescape(response.content.decode()).translate(FRENCH_SPACES)


def count_queries(client, url):
    """Queries of one request, once the process-wide caches (content types…) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
