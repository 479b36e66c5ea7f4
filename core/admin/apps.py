from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, whose default site (`admin.site`) is the portal's (site.py)."""

    default_site = "core.admin.site.PortalAdminSite"
