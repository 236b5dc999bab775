"""Demo data of the documents app: the demo's test CA and signing keys, so that the documents the other
apps' demo data issue afterwards are signed by their signer and their agency (manage.py seed_demo)."""
from emulation.documents.demo_keys import make_demo_keys


def seed():
    return f"{make_demo_keys()} signing keys made"
