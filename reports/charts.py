"""The charts of a summary report and of the dashboard, drawn server-side as SVG with pygal.

The same SVG text goes into the page (served by `summary_chart`, shown with <img>) and into the PDF
(inlined in the document); Word gets the same SVG drawn as PNG (`chart_png`). Nothing is fetched: pygal is given `js=[]` and its inline configuration
script is removed. Readable in black-and-white print: four grey shades far apart, values printed on the
bars, a legend. Charts read only the figures (the JSON snapshot), never the database.
"""
import re

import pygal
from pygal.style import Style

from reports import labels

GREYS = ("#262626", "#a6a6a6", "#e3e3e3", "#ffffff")
STYLE = Style(
    background="white", plot_background="white", foreground="#000", foreground_strong="#000",
    foreground_subtle="#444", opacity="1", opacity_hover="1", colors=GREYS, stroke_opacity="1",
    font_family="'Document Serif', 'Liberation Serif', serif", title_font_size=15, label_font_size=11,
    major_label_font_size=11, legend_font_size=12, value_font_size=10, tooltip_font_size=10,
)
#: Beyond this many units the chart shows how many units fall in each band of completion.
MAX_UNIT_BARS = 30
CHARTS = ("discipline", "units", "items", "awards")
_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_ID = re.compile(r"chart-[0-9a-f-]{36}")


def _config(**extra):
    return {
        "style": STYLE, "js": [], "disable_xml_declaration": True, "explicit_size": False, "print_values": True, "print_zeroes": False,
        "legend_at_bottom": True, "legend_at_bottom_columns": 4, "width": 760, "show_y_guides": True,
        "truncate_label": 40, "truncate_legend": 40, "no_data_text": labels.NO_DATA, **extra,
    }


def _svg(chart, name):
    """The chart's SVG without any script, with a stable id (the same bytes for the same figures)."""
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", svg)
    # Bars drawn in white need an outline to stay visible on paper.
    svg = svg.replace(
        "</style>", " .reactive{stroke:#000;stroke-width:0.6} text.value{fill:#000} .serie-0 text.value{fill:#fff}</style>", 1)
    svg = svg.replace("activate-serie-", f"{name}-serie-")
    return _ID.sub(f"chart-{name}", svg)


def discipline_chart(figures):
    history = figures["history"]
    chart = pygal.StackedBar(**_config(height=340, x_label_rotation=20 if len(history) > 4 else 0))
    chart.title = labels.CHART_TITLES["discipline"]
    chart.x_labels = [row["period"] for row in history]
    for key in ("on_time", "late", "returned", "missing"):
        chart.add(labels.DISCIPLINE[key], [row[key] or None for row in history])
    return _svg(chart, "discipline")


def units_chart(figures):
    units = [unit for unit in figures["units"] if unit["completion"] is not None]
    if len(figures["units"]) > MAX_UNIT_BARS:
        bands = [0] * 5
        for unit in units:
            bands[min(int(unit["completion"] // 20), 4)] += 1
        chart = pygal.Bar(**_config(height=320, show_legend=False))
        chart.title = labels.CHART_TITLES["units_bands"]
        chart.x_labels = ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%"]
        chart.add(labels.UNITS_WORD, bands)
        return _svg(chart, "units")
    chart = pygal.HorizontalBar(**_config(height=110 + 26 * max(len(units), 1), show_legend=False, range=(0, 100),
                                          value_formatter=lambda v: f"{v:g}%"))
    chart.title = labels.CHART_TITLES["units"]
    chart.x_labels = [unit["short_name"] for unit in reversed(units)]
    chart.add(labels.COMPLETION_WORD, [unit["completion"] for unit in reversed(units)])
    return _svg(chart, "units")


def items_chart(figures):
    items = [item for item in figures["items"] if not item["point"]]
    chart = pygal.HorizontalStackedBar(**_config(height=130 + 30 * max(len(items), 1)))
    chart.title = labels.CHART_TITLES["items"]
    chart.x_labels = [f"{labels.ITEM_WORD} {item['number']}" for item in reversed(items)]
    for key in ("done", "in_progress", "not_started"):
        chart.add(labels.ITEM_STATES[key], [item[key] or None for item in reversed(items)])
    return _svg(chart, "items")


def awards_chart(figures):
    types = figures["awards"]["by_type"]
    chart = pygal.HorizontalStackedBar(**_config(height=130 + 30 * max(len(types), 1)))
    chart.title = labels.CHART_TITLES["awards"]
    chart.x_labels = [row["name"] for row in reversed(types)]
    chart.add(labels.INDIVIDUALS_WORD, [row["individual"] or None for row in reversed(types)])
    chart.add(labels.COLLECTIVES_WORD, [row["collective"] or None for row in reversed(types)])
    return _svg(chart, "awards")


def _agency_labels(figures):
    return [row["abbreviation"] or row["name"] for row in reversed(figures["agencies"])]


def agencies_chart(figures):
    """The province's summary: each agency's reports of the span, by state."""
    agencies = figures["agencies"]
    chart = pygal.HorizontalStackedBar(**_config(height=130 + 30 * max(len(agencies), 1)))
    chart.title = labels.CHART_TITLES["agencies"]
    chart.x_labels = _agency_labels(figures)
    for key in ("on_time", "late", "returned", "missing"):
        chart.add(labels.DISCIPLINE[key], [row[key] or None for row in reversed(agencies)])
    return _svg(chart, "agencies")


def agency_awards_chart(figures):
    """The province's summary: each agency's awards of the span, by level."""
    agencies = figures["agencies"]
    chart = pygal.HorizontalStackedBar(**_config(height=130 + 30 * max(len(agencies), 1)))
    chart.title = labels.CHART_TITLES["agency_awards"]
    chart.x_labels = _agency_labels(figures)
    for level in figures["levels"]:
        chart.add(labels.AWARD_LEVELS.get(level, level), [row["levels"][level] or None for row in reversed(agencies)])
    return _svg(chart, "agency_awards")


BUILDERS = {"discipline": discipline_chart, "units": units_chart, "items": items_chart, "awards": awards_chart,
            "agencies": agencies_chart, "agency_awards": agency_awards_chart}
#: The charts of the province's own summary (reports.province).
PROVINCE_CHARTS = ("agencies", "agency_awards")


def charts_for(figures):
    """The names of the charts of a report's (or the dashboard's) figures."""
    return PROVINCE_CHARTS if figures.get("scope") == "province" else CHARTS


def chart_svg(name, figures):
    """The SVG text of chart `name` (one of CHARTS) for `figures`."""
    return BUILDERS[name](figures)


def all_charts(figures):
    return {name: chart_svg(name, figures) for name in charts_for(figures)}


#: Word pictures are drawn at twice the SVG's width so that they stay sharp when printed.
PNG_WIDTH = 1520


def chart_png(svg):
    """The PNG picture of a chart's SVG text, for Word (python-docx cannot embed SVG): the very SVG of the
    page and the PDF, drawn by CairoSVG. `unsafe=False` (its default, said here on purpose): no external
    entity and no file or URL is ever read while drawing."""
    import cairosvg

    # CairoSVG takes only the first family named; 'Document Serif' is the PDF's @font-face, unknown here.
    svg = svg.replace("'Document Serif',", "")
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=PNG_WIDTH, unsafe=False)
