"""The admin login's throttling (django-axes), with a second, higher limit per address.

Axes counts failures per username and address (AXES_FAILURE_LIMIT, 5): one address trying
many usernames a few times each would never reach it. This handler also counts every failure
from the address within the cool-off time, whatever the usernames (AXES_ADDRESS_FAILURE_LIMIT,
30): past it, the address is locked out for every username, for the same cool-off time. A
success clears only its own username's failures, so an attacker's own account cannot reset
the address's count.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressLimitHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        limit = settings.AXES_ADDRESS_FAILURE_LIMIT
        if self.address_failures(request) >= limit:
            # Read by the lockout page (templates/admin/lockout.html).
            request.axes_address_failure_limit = limit
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def address_failures(self, request):
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
