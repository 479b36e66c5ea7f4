from rest_framework.throttling import AnonRateThrottle

from core.client_ip import client_ip


class PerAddress(AnonRateThrottle):
    """API_RATE_LIMIT answers per client address (core/client_ip.py's: behind
    TRUSTED_PROXY_COUNT proxies, the one they saw). DRF reads « 20/s » as 20 a second."""

    def get_ident(self, request):
        return client_ip(request)
