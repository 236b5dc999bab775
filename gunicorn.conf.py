"""gunicorn settings for `make serve` (scripts/serve.sh); values come from the Django settings."""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings  # noqa: E402  (after the settings module is named)

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = settings.GUNICORN_WORKERS
timeout = settings.GUNICORN_TIMEOUT
graceful_timeout = 30
# One line per request on standard output; errors on standard error.
accesslog = "-"
# The address of the HTTPS proxy in front of us is trusted for X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (a shared path under the home folder) is not used: a service manager
# starts and stops the server, and several checkouts on one machine must not clash.
control_socket_disable = True
