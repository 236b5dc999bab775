"""Time the rendering of the seed plan's PDF (the 2021–2025 plan): a benchmark, never a test assertion.

    .venv/bin/python manage.py benchmark_plan_pdf [--runs 3] [--out /tmp/seed-plan.pdf]

Renders the seed plan as the demo issues it (it must have been seeded: `make demo`), prints the pages
and the time of each run. Writes nothing to the database.
"""
import subprocess
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.seed_plan import TITLE as SEED_TITLE
from campaigns.documents import TEMPLATE, plan_document_context
from campaigns.models import Plan
from emulation.documents import render_pdf


def _pages(data):
    """The page count, read by poppler's pdfinfo (a system package of the project)."""
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


class Command(BaseCommand):
    help = "Time the rendering of the seed plan's PDF (a benchmark; run `make demo` first)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--out", default="", help="also write the PDF to this file")

    def handle(self, *args, runs, out, **options):
        plan = Plan.objects.filter(title=SEED_TITLE).order_by("-version").first()
        if plan is None:
            raise CommandError("The seed plan is not in this database: run `make demo` first.")
        context = plan_document_context(plan)
        for run in range(1, runs + 1):
            start = time.perf_counter()
            data = render_pdf(TEMPLATE, context)
            elapsed = time.perf_counter() - start
            pages = _pages(data)
            self.stdout.write(f"run {run}: {pages} pages, {len(data) // 1024} KiB, rendered in {elapsed:.2f} s")
        if out:
            Path(out).write_bytes(data)
            self.stdout.write(f"written to {out}")
