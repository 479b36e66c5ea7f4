"""One request of the fuzzer, and the property every answer must have.

The test client raises a view's exception (the default `raise_request_exception=True`): a
500 fails the test with its traceback, and hypothesis shrinks it to the smallest URL.
Each request runs in a savepoint: on PostgreSQL a failed query aborts the transaction, and
the examples hypothesis runs after it (to shrink it) must see a working one.
"""

from django.db import transaction
from django.test import override_settings

# What the French error pages say (templates/400.html, templates/404.html), and the
# message of a list whose filters cannot be applied (a 400 that shows the form).
BAD_REQUEST_PAGE = "Requête incorrecte"
FILTER_ERRORS = 'class="message message--error"'
NOT_FOUND_PAGE = "Page introuvable"
# The API's (api/errors.py): JSON, French too.
API_NOT_FOUND = "Aucun enregistrement sous cet identifiant."


def read(response):
    """The whole body: a streamed download is read to its end, so that an error raised
    while writing its rows surfaces here (the test client closes it once read)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def visit(client, method, url, page_cache=False):
    """GET or HEAD `url`, through the page cache or not; the answer is never a 5xx, and a
    GET's 4xx says why in French."""
    with transaction.atomic(), override_settings(PAGE_CACHE=page_cache):
        response = client.generic(method.upper(), url)
        body = read(response)
    status = response.status_code
    assert status < 500, f"{method} {url!r}: {status}"
    if method.upper() == "GET" and response.get("Content-Type", "").startswith("application/json"):
        text = body.decode("utf-8", errors="replace")
        if status == 400:  # {"parameter": ["what is wrong with it, in French"]}
            assert text.startswith("{") and text.endswith("]}"), f"{url!r}: {text[:500]}"
        elif status == 404:
            assert API_NOT_FOUND in text, f"{url!r}: {text[:500]}"
    elif method.upper() == "GET":
        text = body.decode("utf-8", errors="replace")
        if status == 400:
            assert BAD_REQUEST_PAGE in text or FILTER_ERRORS in text, f"{url!r}: {text[:500]}"
        elif status == 404:
            assert NOT_FOUND_PAGE in text, f"{url!r}: {text[:500]}"
    return response, body
