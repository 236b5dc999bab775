"""The province benchmark: generate a synthetic province into the benchmark's own database, measure the
pages, the long jobs and the load, write `var/bench/results.json` and `var/bench/results.md`.

    manage.py bench                      # province scale (1,000 units, 50,000 staff, 10 years) on SQLite
    manage.py bench --scale small        # 20 units, 500 staff, 2 years: a quick run
    manage.py bench --only pages         # measure again on the province already generated (--reuse)
    make bench / make bench SCALE=small / make bench DB=postgresql

The benchmark never touches the development database: without a DATABASE_URL whose database name
contains "bench", the command runs itself again on `var/bench/bench.sqlite3` (`make bench DB=postgresql`
starts a throwaway PostgreSQL server and points DATABASE_URL at it). The database is emptied and migrated
first unless `--reuse` is given and it already holds a province. Uploaded and archived files go to
`var/bench/media`. Timings are never asserted anywhere; this command only reports them.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import province as generator
from bench import measure, results
from emulation.models import Unit
from bench import load

BENCH_DIR = Path(settings.BASE_DIR, "var", "bench")
SQLITE_PATH = BENCH_DIR / "bench.sqlite3"
PARTS = ["generate", "pages", "jobs", "load"]


def is_bench_database():
    """The database's own name (the file name on SQLite, not its folder) contains "bench"."""
    return "bench" in Path(str(settings.DATABASES["default"]["NAME"])).name


class Command(BaseCommand):
    help = "Generate a synthetic province into the benchmark's own database and measure pages, jobs and load."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(generator.SCALES), default="province")
        parser.add_argument("--units", type=int)
        parser.add_argument("--staff", type=int)
        parser.add_argument("--years", type=int)
        parser.add_argument("--only", default=",".join(PARTS),
                            help="comma-separated parts among generate, pages, jobs, load (default: all; "
                                 "load only on PostgreSQL)")
        parser.add_argument("--skip", default="", help="comma-separated names of measurements to leave out")
        parser.add_argument("--page", action="append", dest="pages",
                            help="measure only this page (its name as in the results; may be repeated)")
        parser.add_argument("--reuse", action="store_true", help="keep a province already generated in the database")
        parser.add_argument("--requests", type=int, default=20, help="requests per page (median and p95 over them)")
        parser.add_argument("--load-seconds", type=int, default=60)
        parser.add_argument("--load-users", type=int, default=20)
        parser.add_argument("--output", default=str(BENCH_DIR / "results.json"))
        parser.add_argument("--job", help=argparse.SUPPRESS)  # internal: run one job in this process, print JSON

    def handle(self, *args, **options):
        if not is_bench_database():
            return self._rerun_on_bench_sqlite()
        if options["job"]:
            result = measure.run_job(options["job"])
            self.stdout.write("BENCH-JOB " + json.dumps(result))
            return
        scale = generator.SCALES[options["scale"]]
        if options["units"] or options["staff"] or options["years"]:
            scale = generator.custom_scale(options["units"] or scale.units, options["staff"] or scale.staff,
                                           options["years"] or scale.years)
        parts = [p.strip() for p in options["only"].split(",") if p.strip()]
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise CommandError(f"Unknown part(s): {', '.join(sorted(unknown))}")
        skip = {s.strip() for s in options["skip"].split(",") if s.strip()}

        database = connection.vendor
        run = results.Run(database=database, scale=scale.name, output=Path(options["output"]))
        if "generate" in parts:
            self.generate(scale, reuse=options["reuse"], run=run)
        failed = []
        if "pages" in parts:
            for result in measure.measure_pages(scale.name, requests=options["requests"], skip=skip,
                                                 only=options["pages"], log=self.log):
                run.add(result)
                run.write()
                if result.get("errors"):
                    failed.append(result["name"])
        if "load" in parts:
            if database != "postgresql":
                self.log("load: skipped (it runs gunicorn on PostgreSQL only: make bench DB=postgresql)")
            else:
                run.add(load.run_load(scale.name, users=options["load_users"], seconds=options["load_seconds"],
                                      log=self.log))
                run.write()
        if "jobs" in parts:
            for name in measure.JOBS:
                if name in skip:
                    continue
                run.add(self.job_in_own_process(name, scale.name))
                run.write()
        run.write()
        self.log(f"written {run.output} and {run.output.with_suffix('.md')}")
        if failed:  # a page that does not answer 200 measures an error page: the run is not a benchmark
            raise CommandError("these pages did not answer 200 on every request: " + "; ".join(failed))

    def log(self, text):
        self.stdout.write(text)
        self.stdout.flush()

    def generate(self, scale, *, reuse, run):
        if reuse and Unit.objects.exists():
            self.log("generate: the database already holds a province (--reuse)")
            return
        self.log(f"generate: {scale.name} ({scale.units} units, {scale.staff} staff, {scale.years} years) "
                 f"into {settings.DATABASES['default']['NAME']}")
        started = time.perf_counter()
        empty_database()
        call_command("migrate", verbosity=0, interactive=False)
        migrated = time.perf_counter() - started
        province = generator.generate(scale, log=self.log)
        total = time.perf_counter() - started
        run.generation = {"seconds": round(total, 1), "migrate_seconds": round(migrated, 1), "steps": province.seconds,
                          "counts": province.counts, "largest_agency": generator.largest_agency_counts(province),
                          "forwarded": province.forwardings}
        self.log(f"generate: {total:.0f} s in all; " + ", ".join(f"{k} {v:,}" for k, v in province.counts.items()))

    def job_in_own_process(self, name, scale):
        """Each job in a fresh process, so that its peak resident memory is its own."""
        self.log(f"job {name} …")
        command = [sys.executable, str(Path(settings.BASE_DIR, "manage.py")), "bench", "--job", name]
        done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
        line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH-JOB ")), None)
        if done.returncode or line is None:
            raise CommandError(f"job {name} failed:\n{done.stderr[-3000:]}")
        result = json.loads(line[len("BENCH-JOB "):])
        for measured in result:
            measured.update(database=connection.vendor, scale=scale)
            self.log(f"  {measured}")
        return result

    def _rerun_on_bench_sqlite(self):
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{SQLITE_PATH}"}
        self.log(f"The benchmark uses its own database: {SQLITE_PATH}")
        done = subprocess.run([sys.executable, *sys.argv], env=env)
        if done.returncode:
            raise CommandError("the benchmark failed")


def empty_database():
    """Drop every table of the benchmark database (its name contains "bench": checked by the caller)."""
    if not is_bench_database():
        raise CommandError("Refusing to empty a database that is not the benchmark's.")
    if connection.vendor == "sqlite":
        connection.close()
        name = Path(settings.DATABASES["default"]["NAME"])
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        name.parent.mkdir(parents=True, exist_ok=True)
        name.touch()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
