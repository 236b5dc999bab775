"""Measure the archive's search page over 100,000 issued documents (not a test: timings are never asserted).

Run it against a throwaway database whose name contains “bench”, never the real one::

    export DATABASE_URL=sqlite:///$PWD/var/bench-archive.sqlite3
    .venv/bin/python manage.py migrate -v 0
    .venv/bin/python manage.py benchmark_archive --setup --rows 100000
    .venv/bin/python manage.py benchmark_archive --measure

`scripts/bench-archive.sh` does all of it on a throwaway SQLite file, then on a throwaway PostgreSQL
server started by `scripts/test-postgres.sh` (ROWS=… to change the size).

`--setup` writes the rows with bulk_create (the folded search columns computed as IssuedDocument.save
would), spread over ten years, six kinds, twenty units and a vocabulary of Vietnamese summary lines and
signers; each row carries a small PDF payload (`--pdf-bytes`). `--measure` times, for a handful of typical
searches, what the search page runs (reports.archive.search_documents, then the paginator's count and its
first page), as the Office and as a unit head: the best and the median of `--repeat` runs, in ms, with
the number of queries, and on PostgreSQL the first line of the plan of the page query.
"""
import random
import re
import statistics
import time
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reports.archive import PAGE_SIZE, search_documents

KINDS = [("plan", "KH"), ("award_decision", "QĐ"), ("council_minutes", "BB"), ("proposal", "TTr"),
         ("summary-report", "BC"), ("registration_rollup", "BC")]
SUBJECTS = [
    "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc", "Phát động phong trào thi đua năm",
    "Về việc công nhận danh hiệu Lao động tiên tiến", "Sơ kết phong trào thi đua 6 tháng đầu năm",
    "Tổng kết công tác thi đua, khen thưởng năm", "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng", "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở",
    "Đăng ký thi đua của các phòng, đơn vị", "Về việc tặng Cờ thi đua của UBND tỉnh",
]
PLACES = ["Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường", "Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính",
          "Trung tâm Phát triển quỹ đất", "Văn phòng Đăng ký đất đai", "Phòng Tài nguyên nước - Khoáng sản"]
SIGNERS = ["Nguyễn Đức Trung", "Trần Văn Phước", "Lê Thị Thu Hà", "Phạm Minh Đức", "Võ Văn Đông", "Huỳnh Thị Mỹ Lệ"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Đức Cường", "Thị Dung", "Minh Hải", "Thu Hằng", "Quốc Khánh", "Ngọc Lan", "Hữu Nghĩa",
         "Thanh Tâm", "Xuân Trường", "Kim Yến"]
#: Searches a clerk types: (label, form data, as the unit head?).
SEARCHES = [
    ("newest first, no filter", {}, False),
    ("summary: “giay khen” (many matches)", {"q": "giay khen"}, False),
    ("summary: two rare words", {"q": "dang khoa quan trac"}, False),
    ("summary: nothing matches", {"q": "khong co van ban nay"}, False),
    ("number “1234/QĐ”", {"number": "1234/QĐ"}, False),
    ("signer “tran van phuoc” since 2024", {"signer": "tran van phuoc", "date_from": date(2024, 1, 1)}, False),
    ("kind decision, one month", {"kind": "award_decision", "date_from": date(2023, 3, 1), "date_to": date(2023, 3, 31)}, False),
    ("unit head, no filter", {}, True),
    ("unit head, summary “lao dong tien tien”", {"q": "lao dong tien tien"}, True),
]


class Command(BaseCommand):
    help = "Fill a throwaway archive with many documents, or time the archive's search page on it."

    def add_arguments(self, parser):
        parser.add_argument("--setup", action="store_true")
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--pdf-bytes", type=int, default=2048)
        parser.add_argument("--measure", action="store_true")
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args, **options):
        if "bench" not in str(settings.DATABASES["default"]["NAME"]):
            raise CommandError("Run this against a throwaway database whose name contains “bench” (DATABASE_URL).")
        if options["setup"]:
            self.setup(options["rows"], options["pdf_bytes"])
        if options["measure"]:
            self.measure(options["repeat"])

    def _people(self):
        from emulation.models import Role, Unit, User

        department, _ = Unit.objects.get_or_create(code="BENCH", defaults={"name": "Sở (đo hiệu năng)", "kind": "department"})
        units = [Unit.objects.get_or_create(code=f"BENCH-{i:02d}", defaults={"name": f"Đơn vị {i:02d}", "parent": department})[0]
                 for i in range(20)]
        office = User.objects.filter(username="bench.office").first() or User.objects.create_user(
            "bench.office", password=None, role=Role.OFFICE)
        head = User.objects.filter(username="bench.head").first() or User.objects.create_user(
            "bench.head", password=None, role=Role.UNIT_HEAD, unit=units[3])
        return units, office, head

    @transaction.atomic
    def setup(self, rows, pdf_bytes):
        from django.contrib.contenttypes.models import ContentType

        from emulation.documents.models import IssuedDocument, document_search_text
        from emulation.models import Unit
        from emulation.text import fold

        units, _office, _head = self._people()
        content_type = ContentType.objects.get_for_model(Unit)
        start = IssuedDocument.objects.order_by("-object_id").values_list("object_id", flat=True).first() or 0
        rng = random.Random(2025)
        payload = b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(max(0, pdf_bytes - 9)))
        through = IssuedDocument.units.through
        began = time.perf_counter()
        for offset in range(0, rows, 5000):
            batch, links = [], []
            for index in range(offset, min(rows, offset + 5000)):
                kind, prefix = KINDS[index % len(KINDS)]
                day = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
                number, symbol = rng.randrange(1, 2000), f"{prefix}-STNMT"
                person = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
                title = f"{rng.choice(SUBJECTS)} {day.year} – {rng.choice(PLACES)}, {person}"
                signer = rng.choice(SIGNERS)
                batch.append(IssuedDocument(
                    content_type=content_type, object_id=start + index + 1, kind=kind, number=number, symbol=symbol,
                    issue_date=day, title=title, signer_name=signer, pdf=payload, sha256=f"{index:064x}",
                    size=len(payload), search_text=document_search_text(number, symbol, title, signer),
                    signer_search=fold(signer)[:150]))
            created = IssuedDocument.objects.bulk_create(batch)
            if created and created[0].pk is None:  # a backend that does not return keys
                created = list(IssuedDocument.objects.order_by("-pk")[:len(batch)])[::-1]
            links = [through(issueddocument_id=document.pk, unit_id=units[rng.randrange(len(units))].pk)
                     for document in created if document.kind != "plan"]
            through.objects.bulk_create(links)
            self.stdout.write(f"  {offset + len(batch):,} rows")
        self.stdout.write(f"setup: {rows:,} documents in {time.perf_counter() - began:.1f} s "
                          f"({connection.vendor}, {pdf_bytes} bytes of PDF each)")

    def measure(self, repeat):
        from emulation.documents.models import IssuedDocument

        _units, office, head = self._people()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE documents_issueddocument")
        total = IssuedDocument.objects.count()
        self.stdout.write(f"{connection.vendor}: {total:,} documents in the archive; best / median of {repeat} runs")
        for label, data, as_head in SEARCHES:
            user = head if as_head else office
            timings, queries, found = [], 0, 0
            for _ in range(repeat):
                began = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    page = Paginator(search_documents(user, data), PAGE_SIZE).get_page(1)
                    rows = list(page)
                    found = page.paginator.count
                timings.append((time.perf_counter() - began) * 1000)
                queries = len(captured.captured_queries)
            plan = self._plan(search_documents(user, data)[:PAGE_SIZE]) if connection.vendor == "postgresql" else ""
            self.stdout.write(f"  {label:<45} {min(timings):8.1f} / {statistics.median(timings):8.1f} ms  "
                              f"{queries} queries, {found:,} found, {len(rows)} shown{plan}")

    def _plan(self, queryset):
        """The indexes (or sequential scans) PostgreSQL's plan for the page query uses."""
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        used = re.findall(r"(Index Scan(?: Backward)? using \w+|Index Only Scan using \w+|Bitmap Index Scan on \w+|"
                          r"Seq Scan on \w+)", plan)
        return "  [" + "; ".join(dict.fromkeys(used)) + "]"
