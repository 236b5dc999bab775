"""FILE_STORAGE switches the storage of uploaded files between a local folder (the default) and an
S3-compatible bucket through django-storages (docs/deployment.md, several servers). The settings are read
once per process, so each case runs in its own process. No network: signing a URL is local."""
import json
import os
import subprocess
import sys

from django.conf import settings

from emulation.tests.passes import ONCE

pytestmark = [ONCE]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
out = {"backend": settings.STORAGES["default"]["BACKEND"], "class": type(storage).__name__}
if out["class"] == "S3Storage":
    out["url"] = storage.url("evidence/2026/11/a.pdf")
print(json.dumps(out))
"""


def _probe(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "FILE_STORAGE"))}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return done.returncode, done.stdout, done.stderr


def test_uploaded_files_stay_in_a_local_folder_by_default():
    code, out, err = _probe()
    assert code == 0, err
    assert json.loads(out) == {"backend": "django.core.files.storage.FileSystemStorage", "class": "FileSystemStorage"}


def test_file_storage_s3_puts_uploaded_files_in_a_private_bucket_of_the_given_service():
    code, out, err = _probe(FILE_STORAGE="s3", S3_BUCKET="thidua-files", S3_ENDPOINT_URL="https://s3.example.gov.vn",
                            S3_REGION="vn-1", S3_ACCESS_KEY_ID="AKIAEXAMPLE", S3_SECRET_ACCESS_KEY="secret")
    assert code == 0, err
    probed = json.loads(out)
    assert probed["backend"] == "storages.backends.s3.S3Storage"
    assert probed["class"] == "S3Storage"
    # A signed, expiring address on the given service: the bucket itself is never public.
    assert probed["url"].startswith("https://s3.example.gov.vn/thidua-files/evidence/2026/11/a.pdf?")
    assert "Signature=" in probed["url"] or "X-Amz-Signature=" in probed["url"]


def test_an_unknown_file_storage_is_refused_at_start():
    code, _out, err = _probe(FILE_STORAGE="ftp")
    assert code != 0
    assert "FILE_STORAGE must be 'local' or 's3'" in err
