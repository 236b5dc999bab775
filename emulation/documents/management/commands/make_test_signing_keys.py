"""Make the demo's signing keys: a test certificate authority of our own (settings.SIGNING_TEST_CA_DIR:
root.pem, which /verify/ trusts by default, and its key), then for every agency a key for itself (the seal)
and one for each of its directors and deputy directors and for each --signer name (their signature
image). For tests and the demo only: never for real documents. Safe to run twice: what exists is kept."""
from django.core.management.base import BaseCommand

from emulation.documents import demo_keys


class Command(BaseCommand):
    help = "Make the demo's test CA and signing keys (tests and demo only). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--signer", action="append", default=[], help="Also a key for this name, in every agency.")

    def handle(self, *args, signer, **options):
        made = demo_keys.make_demo_keys(extra_signers=signer)
        self.stdout.write(f"Test CA: {demo_keys.root_path()}; signing keys made: {made}")
