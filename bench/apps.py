from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The province benchmark: its commands (`manage.py bench`, `benchmark_summary`); no models, no pages."""

    name = "bench"
    verbose_name = "Benchmark"
