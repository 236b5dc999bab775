"""The results of one benchmark run: `results.json` (one object per measurement, with only the fields
of issue 17 — name, kind, database, scale, queries, median_ms, p95_ms, peak_mb, rps, errors,
baseline_ms — absent ones omitted, so that two runs compare key by key) and a Markdown table beside it.
The generation's own timings and counts go to `generation.json` beside them."""
import json
import os
import platform
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

FIELDS = ["name", "kind", "database", "scale", "queries", "median_ms", "p95_ms", "peak_mb", "rps", "errors",
          "baseline_ms"]


def clean(measurement):
    """Only the issue's fields, in its order, absent (None) ones left out."""
    return {key: measurement[key] for key in FIELDS if measurement.get(key) is not None}


def percentile(values, share):
    """The nearest-rank percentile of `values` (share 0.5: the median, 0.95: p95)."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * share // 1))  # ceil
    return ordered[int(rank) - 1]


@dataclass
class Run:
    database: str
    scale: str
    output: Path
    measurements: list = field(default_factory=list)
    generation: dict = field(default_factory=dict)
    load_averages: list = field(default_factory=list)  # the machine's 1-minute load at each measurement

    def add(self, result):
        self.load_averages.append(os.getloadavg()[0])
        for measurement in result if isinstance(result, list) else [result]:
            self.measurements.append({"database": self.database, "scale": self.scale, **measurement})

    def write(self):
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.output.write_text(json.dumps([clean(m) for m in self.measurements], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.output.with_suffix(".md").write_text(markdown(self.measurements, self.generation, self.load_averages),
                                                  encoding="utf-8")
        if self.generation:
            self.output.with_name("generation.json").write_text(json.dumps(self.generation, indent=1) + "\n")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown(measurements, generation=None, load_averages=()):
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = measurements[0] if measurements else {}
    lines = [f"# Benchmark: {head.get('scale', '?')} scale on {head.get('database', '?')}", "",
             f"Run {when} on {platform.node()} ({platform.processor() or platform.machine()}, Python "
             f"{platform.python_version()}, {os.cpu_count()} cores).", ""]
    if load_averages:
        lines += [f"The machine's 1-minute load average during the measurements: {min(load_averages):.1f} to "
                  f"{max(load_averages):.1f} (above {os.cpu_count()}, other work was competing for the cores).", ""]
    if generation:
        counts = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in generation.get("counts", {}).items())
        lines += [f"Generated in {generation['seconds']:,.0f} s: {counts}.", ""]
        largest = generation.get("largest_agency")
        if largest:
            lines += [f"The province is made of {generation['counts'].get('agencies', 1)} agencies and the standing body; "
                      f"the agencies' pages are measured in the largest, {largest['agency']} ({largest['units']:,} units, "
                      f"{largest['staff']:,} staff, {largest['nominations']:,} nominations, {largest['documents']:,} "
                      "archived documents), the province's pages as the standing body's logins.", ""]
    lines += ["| measurement | kind | queries | median ms | p95 ms | HTML KB | peak MB | rps | errors | WeasyPrint alone ms |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in measurements:
        lines.append("| " + " | ".join(_cell(m.get(k)) for k in ["name", "kind", "queries", "median_ms", "p95_ms", "html_kb",
                                                                   "peak_mb", "rps", "errors", "baseline_ms"]) + " |")
    return "\n".join(lines) + "\n"
