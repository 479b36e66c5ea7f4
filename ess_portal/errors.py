"""The answer to an unhandled exception (handler500): « Service indisponible » (503) when the
database cannot be reached, the French 500 page otherwise.

Why handler500 and not a middleware: Django turns an exception into a response at every
middleware it crosses, so a middleware above sessions, authentication or the page cache
would only ever see a 500 response, never the OperationalError. handler500 is where every
unhandled exception ends, wherever it was raised (a view, a template, the page cache's
version read, the session's save), with the exception still in flight. Django logs each of
them once (logger `django.request`, with its status, 503 here). In debug mode Django shows
its technical page instead, as for any error.

Neither page touches the database: templates rendered without a request, so no context
processor runs (`{% url %}` and `{% static %}` need no query).

Recovery: the connection that failed is closed here, so the next request opens a new one
once the database is back, with nothing restarted. Outside the test client Django also
closes unusable connections when a request ends, but the test client does not.
"""

import logging
import sys

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


class ServiceUnavailable(HttpResponseServerError):
    status_code = 503


def database_unavailable(error):
    """Whether `error` (or what caused it) says the database cannot be reached."""
    while error is not None:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
    return False


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if not database_unavailable(error):
        return HttpResponseServerError(loader.get_template("500.html").render())
    discard_broken_connections()
    response = ServiceUnavailable(loader.get_template("503.html").render())
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def discard_broken_connections():
    """Close the connections whose last query failed and that no longer answer."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or not connection.errors_occurred:
            continue
        try:
            connection.close()
        except Exception:  # a dead connection may fail to close: dropped all the same
            logger.warning("Connexion %s non fermée proprement.", connection.alias)
            connection.connection = None
