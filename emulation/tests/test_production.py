"""Issue 9, hole 9: production mode serves. The production settings run end to end in a fresh process:
collectstatic into a temporary folder with the manifest storage, then pages and a hashed static file
served through WhiteNoise, with DEBUG off."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k7#Qp2!vZr9@Lm4$Wx8^Tn1&Yb6*Hc3(Jd5)Fg0_Se2+Ua7=Oi9"

PRODUCTION_RUN = r'''
import json, re, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client

call_command("collectstatic", interactive=False, verbosity=0)
client = Client(HTTP_HOST="thidua.example")
login = client.get("/accounts/login/", secure=True)
html = login.content.decode()
css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', html).group(1)
js = re.search(r'src="(/static/vendor/bootstrap/bootstrap\.bundle\.min\.[0-9a-f]{12}\.js)"', html).group(1)
static = client.get(css, secure=True, HTTP_ACCEPT_ENCODING="gzip, br")
missing = client.get("/no-such-page/", secure=True)
print(json.dumps({
    "debug": settings.DEBUG, "storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "login": [login.status_code, "Đăng nhập" in html, login.headers.get("Content-Security-Policy", "")],
    "js_found": js is not None,
    "static": [static.status_code, static.headers.get("Content-Encoding"), static.headers.get("Cache-Control")],
    "not_found": [missing.status_code, "Không tìm thấy trang" in missing.content.decode()],
    "plain_http": [client.get("/accounts/login/").status_code],
}))
'''


def test_production_settings_collect_static_files_and_serve_pages_through_whitenoise(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET,
               DJANGO_ALLOWED_HOSTS="thidua.example", DJANGO_STATIC_ROOT=str(tmp_path / "static"),
               DATABASE_URL="sqlite:///:memory:", DJANGO_DEBUG="false")
    result = subprocess.run([sys.executable, "-c", PRODUCTION_RUN], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.splitlines()[-1])

    assert (seen["debug"], seen["storage"]) == (False, "config.storage.ManifestStaticStorage")
    assert seen["login"][:2] == [200, True]
    assert "default-src 'self'" in seen["login"][2]
    assert seen["js_found"]
    assert seen["static"] == [200, "br", "max-age=315360000, public, immutable"]
    assert seen["not_found"] == [404, True]
    assert seen["plain_http"] == [301]
    assert (tmp_path / "static" / "staticfiles.json").is_file()


def test_gunicorn_takes_bind_workers_and_timeout_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(BIND="127.0.0.1:18999", GUNICORN_WORKERS="5", GUNICORN_TIMEOUT="77", DATABASE_URL="sqlite:///:memory:")
    result = subprocess.run([str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py", "--print-config"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    config = dict(map(str.strip, line.split(" = ", 1)) for line in result.stdout.splitlines() if " = " in line)
    assert (config["bind"], config["workers"], config["timeout"]) == ("['127.0.0.1:18999']", "5", "77")
    assert config["wsgi_app"] == "config.wsgi:application"
