"""When PostgreSQL cannot be reached the portal answers a French 503 with Retry-After, and
it recovers by itself when the database is back: same process, nothing restarted.

The database really goes away: the test connection is pointed at a TCP forwarder to the
server, which the test cuts (live connections killed, new ones refused) and restores; or at
a port nothing listens on, then back at the real one. Each is seen through the test client
and through Django's WSGI handler as gunicorn calls it (request_started and
request_finished signals, which the test client leaves out, included).

PostgreSQL only: SQLite's database is a file the process opens, it cannot go away."""

import socket
from contextlib import contextmanager
from io import BytesIO

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from tests.pages import page_text
from tests.security.tcp_forwarder import TcpForwarder

TITLE = "Service momentanément indisponible"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Base injoignable : testé sous PostgreSQL seulement (DATABASE_URL=postgres://…)."
        )


@contextmanager
def database_address(host, port):
    """The default connection's server is host:port inside the block; the connection open
    before and after it is closed, so that the next query connects to the right one."""
    settings_dict = connection.settings_dict
    saved = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = host, str(port)
    try:
        yield
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = saved


@pytest.fixture
def forwarder():
    forwarder = TcpForwarder(
        connection.settings_dict["HOST"] or "127.0.0.1", connection.settings_dict["PORT"] or 5432
    )
    forwarder.start()
    yield forwarder
    if forwarder.running:
        forwarder.stop()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Answer:
    def __init__(self, status_code, headers, content):
        self.status_code = status_code
        self.headers = headers
        self.content = content

    def __getitem__(self, name):
        return self.headers[name]

    def __contains__(self, name):
        return name in self.headers


def wsgi_get(path):
    """GET `path` through Django's WSGI application as gunicorn does, closing the response
    at the end (which sends request_finished)."""
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": BytesIO(),
    }
    response = WSGIHandler()(environ, start_response)
    try:
        content = b"".join(response)
    finally:
        response.close()
    return Answer(captured["status"], captured["headers"], content)


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = page_text(response)
    assert f"<h1>{TITLE}</h1>" in text
    assert "Traceback" not in text and "OperationalError" not in text


@pytest.fixture(params=["test client", "wsgi"])
def get(request, client):
    if request.param == "wsgi":
        return wsgi_get
    client.raise_request_exception = False
    return client.get


def test_database_cut_then_back(get, forwarder, settings):
    with database_address("127.0.0.1", forwarder.port):
        assert get("/").status_code == 200
        assert get("/poles/").status_code == 200

        forwarder.stop()  # the server's connections die, new ones are refused

        assert_unavailable(get("/"))
        assert_unavailable(get("/poles/"))
        # With the page cache on, the data version's query (in its middleware, before any
        # view) is the one that fails.
        settings.PAGE_CACHE = True
        assert_unavailable(get("/territoires/"))
        settings.PAGE_CACHE = False
        assert_unavailable(get("/"))

        forwarder.start()  # the database is back, on the same address

        assert get("/").status_code == 200
        assert get("/poles/").status_code == 200
        settings.PAGE_CACHE = True
        assert get("/territoires/").status_code == 200


def test_closed_port_then_the_real_one(get):
    with database_address("127.0.0.1", free_port()):
        assert_unavailable(get("/"))
        assert_unavailable(get("/acteurs/"))

    assert get("/").status_code == 200
    assert get("/acteurs/").status_code == 200
