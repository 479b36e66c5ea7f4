"""The address a request comes from, for the admin login's throttling (django-axes).

Directly exposed, it is REMOTE_ADDR: X-Forwarded-For is written by the client then, and
trusting it would let anyone pick a fresh address for each attempt. Behind reverse proxies
(`TRUSTED_PROXY_COUNT` = how many), each proxy appends the address it was reached from to
X-Forwarded-For, so the client is the N-th address from the right; whatever stands to its
left was sent by the client and is ignored.

Not django-ipware (axes' default helper): its proxy count counts the proxies' own addresses
in the header, which nginx's `$proxy_add_x_forwarded_for` does not write, and it answers no
address at all when the header is one entry shorter than it expects.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < count:
        return remote  # did not come through every proxy
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
