"""Measure the summary report of a province-sized Department (not a test: timings are never asserted).

Run it against a throwaway database, never the real one::

    export DATABASE_URL=sqlite:///$PWD/var/bench.sqlite3
    .venv/bin/python manage.py migrate -v 0
    .venv/bin/python manage.py benchmark_summary --setup --units 1000 --items 20
    .venv/bin/python manage.py benchmark_summary --measure full        # our path: figures, HTML, PDF
    .venv/bin/python manage.py benchmark_summary --measure weasyprint  # WeasyPrint alone on the same HTML
    .venv/bin/python manage.py benchmark_summary --measure none        # the process without any work

Each measurement runs in its own process so that its peak resident memory (ru_maxrss) is its own.
`--setup` creates an issued plan with `--items` content items (one target in % and one count target on
every fourth item), `--units` units that must report for the annual period, and their reports: most
accepted, some late, some returned, some missing; and a few award records.
"""
import resource
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from awards.models import AwardRecord, AwardType
from campaigns.models import ContentItem, ItemProgress, ItemStatus, Plan, PlanStatus, ReportingPeriod, ReportStatus, Target, TargetResult, UnitReport
from emulation.models import Role, Unit, User
from reports.models import SummaryKind, SummaryReport
from reports.workflow import create_summary
from weasyprint import HTML
from emulation.documents.rendering import DOCUMENT_BASE_URL, StaticOnlyURLFetcher, _render
from reports.documents import TEMPLATE, summary_context
from reports.summaries import compute_figures

HTML_PATH = Path(settings.BASE_DIR, "var", "bench-summary.html")
PERIOD_NAME = "Năm 2025 (đo hiệu năng)"


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Create a province-sized data set, or measure the annual summary report on it."

    def add_arguments(self, parser):
        parser.add_argument("--setup", action="store_true")
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--items", type=int, default=20)
        parser.add_argument("--measure", choices=["full", "weasyprint", "none"])

    def handle(self, *args, **options):
        if "bench" not in str(settings.DATABASES["default"]["NAME"]):
            raise CommandError("Run this against a throwaway database whose name contains “bench” (DATABASE_URL).")
        if options["setup"]:
            self.setup(options["units"], options["items"])
        if options["measure"]:
            getattr(self, f"measure_{options['measure']}")()

    @transaction.atomic
    def setup(self, unit_count, item_count):
        started = time.perf_counter()
        office, _ = User.objects.get_or_create(username="bench-office", defaults={"role": Role.OFFICE})
        department = Unit.objects.create(code="BENCH", name="Sở đo hiệu năng", kind=Unit.Kind.DEPARTMENT)
        units = [Unit.objects.create(code=f"B{i:04d}", name=f"Phòng thử nghiệm số {i:04d} thuộc Sở", parent=department,
                                     order=i) for i in range(unit_count)]
        plan = Plan.objects.create(title="Phát động phong trào thi đua năm 2025 (đo hiệu năng)", year_from=2025,
                                   year_to=2025, status=PlanStatus.ISSUED, number=99, number_year=2025,
                                   signer_name="Nguyễn Đức Trung")
        items = [ContentItem.objects.create(plan=plan, order=i, text=f"Nội dung thi đua số {i + 1}: thi đua hoàn "
                                            "thành xuất sắc nhiệm vụ chuyên môn, cải cách hành chính, chuyển đổi số.")
                 for i in range(item_count)]
        targets = []
        for index, item in enumerate(items[::4]):
            targets.append(Target.objects.create(plan=plan, item=item, indicator=f"Tỷ lệ hồ sơ đúng hạn {index}",
                                                 unit_of_measure="%", target_value=95))
            targets.append(Target.objects.create(plan=plan, item=item, indicator=f"Số sáng kiến {index}",
                                                 unit_of_measure="sáng kiến", target_value=2))
        period = ReportingPeriod.objects.create(plan=plan, kind="year", name=PERIOD_NAME, start=date(2025, 1, 1),
                                                end=date(2025, 12, 31), due=date(2026, 1, 8))
        period.units.set(units)
        local = ZoneInfo(settings.TIME_ZONE)
        reports = []
        for index, unit in enumerate(units):
            if index % 50 == 7:
                continue  # missing
            status = ReportStatus.RETURNED if index % 40 == 3 else ReportStatus.ACCEPTED
            reports.append(UnitReport(period=period, unit=unit, status=status, late=index % 9 == 4,
                                      submitted_at=datetime(2026, 1, 6, 9, tzinfo=local), created_by=office))
        UnitReport.objects.bulk_create(reports, batch_size=500)
        reports = list(UnitReport.objects.filter(period=period))
        states = [ItemStatus.DONE, ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED]
        ItemProgress.objects.bulk_create(
            (ItemProgress(report=report, item=item, status=states[(r + i) % 4], percent=100 if (r + i) % 4 < 2 else 50,
                          text="Đơn vị đã triển khai thực hiện; kết quả đạt yêu cầu đề ra.")
             for r, report in enumerate(reports) for i, item in enumerate(items)), batch_size=2000)
        TargetResult.objects.bulk_create(
            (TargetResult(report=report, target=target, value=90 + (r % 11) if target.unit_of_measure == "%" else r % 4)
             for r, report in enumerate(reports) for target in targets), batch_size=2000)
        collective = AwardType.objects.get(code="TTLDTT")
        AwardRecord.objects.bulk_create(
            AwardRecord(unit=unit, holder_unit=unit, award_type=collective, year=2025, decision_number=f"{i}/QĐ-BENCH",
                        decision_date=date(2025, 12, 20)) for i, unit in enumerate(units[::5]))
        self.stdout.write(f"set up {unit_count} units, {item_count} items, {len(targets)} targets, "
                          f"{len(reports)} reports in {time.perf_counter() - started:.1f} s")

    def _report(self):
        period = ReportingPeriod.objects.get(name=PERIOD_NAME)
        report = SummaryReport.objects.filter(period=period).first()
        return report, period, lambda: create_summary(period, SummaryKind.YEAR, actor=User.objects.get(username="bench-office"))

    def measure_full(self):

        report, period, create = self._report()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            figures = compute_figures(period)
        figures_seconds = time.perf_counter() - started
        if report is None:
            report = create()
        report.figures = figures
        started = time.perf_counter()
        context = summary_context(report)
        html = _render(TEMPLATE, {**context, "preview": False})
        html_seconds = time.perf_counter() - started
        HTML_PATH.write_text(html, encoding="utf-8")
        started = time.perf_counter()
        document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyURLFetcher()).render()
        layout_seconds = time.perf_counter() - started
        started = time.perf_counter()
        data = document.write_pdf()
        write_seconds = time.perf_counter() - started
        self.stdout.write(
            f"figures: {len(queries)} queries, {figures_seconds:.2f} s ({len(figures['units'])} units)\n"
            f"tables, charts and HTML: {html_seconds:.2f} s, {len(html) / 1e6:.1f} MB of HTML\n"
            f"PDF: {len(document.pages)} pages, layout {layout_seconds:.1f} s + writing {write_seconds:.1f} s, "
            f"{len(data) / 1e6:.1f} MB\n"
            f"total {figures_seconds + html_seconds + layout_seconds + write_seconds:.1f} s; peak memory {peak_mb():.0f} MB")

    def measure_weasyprint(self):

        html = HTML_PATH.read_text(encoding="utf-8")
        started = time.perf_counter()
        data = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
        self.stdout.write(f"WeasyPrint alone on the same HTML: {time.perf_counter() - started:.1f} s, "
                          f"{len(data) / 1e6:.1f} MB; peak memory {peak_mb():.0f} MB")

    def measure_none(self):
        self._report()
        self.stdout.write(f"the command without work: peak memory {peak_mb():.0f} MB")
