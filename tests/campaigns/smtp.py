"""A real SMTP server for the e-mail tests (aiosmtpd, in a thread, on a free port of
127.0.0.1), and the settings that send to it through Django's SMTP backend.

    def test_…(smtp_server):          # accepts every message: smtp_server.messages
        smtp_server.refusing = True   # answers « 550 » to every message from now on
        smtp_server.unknown.add("camille@example.org")  # « 550 » to that recipient
    def test_…(smtp_down):            # a port nobody listens on: the connection is refused
"""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
REFUSAL = "550 5.7.1 Message refused by the test server"  # SMTP replies are ASCII
UNKNOWN = "550 5.1.1 No such user here"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd's handler: keeps each accepted message, parsed, with its envelope's
    recipients; refuses the recipients of `unknown`, and every message while `refusing`."""

    def __init__(self):
        self.messages = []
        self.refusing = False
        self.unknown = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.unknown:
            return UNKNOWN
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return REFUSAL
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.envelope_recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def send_to(settings, port):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server, and Django's SMTP backend sending to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    send_to(settings, controller.port)
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings):
    """Django's SMTP backend sending to a port where no server listens."""
    send_to(settings, free_port())
