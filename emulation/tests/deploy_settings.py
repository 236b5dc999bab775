"""Settings of a worker in the deployment test (emulation/tests/test_deployment.py) that runs on "another
machine": the production settings with the uploads in a storage shared with the web server (a folder
standing for the S3 bucket of FILE_STORAGE=s3, which the test cannot start), and a media folder of its
own (DJANGO_MEDIA_ROOT), where the file the web server received is not."""
from config.settings import *  # noqa: F403
from config.settings import STORAGES, env

STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                    "OPTIONS": {"location": env("DEPLOY_TEST_SHARED_STORAGE")}}}
