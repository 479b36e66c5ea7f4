"""The campaign tests' SMTP server (tests/campaigns/smtp.py)."""

from tests.campaigns.smtp import smtp_down, smtp_server

__all__ = ["smtp_down", "smtp_server"]
