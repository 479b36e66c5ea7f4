#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ess_portal.settings")
    # manage.py is the developer's tool: debug unless DEBUG says otherwise. The served app
    # (ess_portal/wsgi.py, gunicorn) has no such default: there DEBUG is off unless set.
    os.environ.setdefault("DEBUG", "true")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (reads the environment: a bad value stops here)
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration invalide : {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
