"""The charts of a summary report and of the dashboard, drawn server-side as SVG with pygal.

The same SVG text goes into the page (served by `summary_chart`, shown with <img>) and into the PDF
(inlined in the document); Word gets the same SVG drawn as PNG (`chart_png`). Nothing is fetched: pygal is given `js=[]` and its inline configuration
script is removed. Readable in black-and-white print: four grey shades far apart, each outlined in black
(the lightest too), values printed on the bars, a legend. Numbers are written the Vietnamese way (66,7%),
like the tables beside them; axes of counts have whole-number ticks only. Charts read only the figures (the
JSON snapshot), never the database.

Size: the SVG is drawn WIDTH units wide and scaled to its box. On a 390 px phone the box is about 360 px
(a scale of 0.75), in the PDF it is at most 130 mm (about 1.0): fonts of 14-17 units stay 10-13 px on the
phone and about 10-13 pt on paper.
"""
import math
import re

import pygal
from pygal.style import Style

from reports import labels
from reports.templatetags.summary_format import vn_number
import cairosvg

#: The last shade is the "Chưa báo cáo" (not reported) one: light, never white, so that it shows on white.
GREYS = ("#262626", "#8c8c8c", "#c4c4c4", "#ececec")
WIDTH = 480
STYLE = Style(
    background="white", plot_background="white", foreground="#000", foreground_strong="#000",
    foreground_subtle="#444", opacity="1", opacity_hover="1", colors=GREYS, stroke_opacity="1",
    font_family="'Document Serif', 'Liberation Serif', serif", title_font_size=17, label_font_size=14,
    major_label_font_size=14, legend_font_size=14, value_font_size=14, tooltip_font_size=14, no_data_font_size=20,
)
#: Beyond this many units the chart shows how many units fall in each band of completion.
MAX_UNIT_BARS = 30
CHARTS = ("discipline", "units", "items", "awards")
_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_ID = re.compile(r"chart-[0-9a-f-]{36}")
_ZERO_VALUE = re.compile(r'<text text-anchor="middle" x="([0-9.]+)"( [^>]*)class="value">0%</text>')


def _count(value):
    """A count as a Vietnamese document writes it (1.234)."""
    return vn_number(value)


def _percent(value):
    """A percentage as the tables write it: 66,7%."""
    return f"{vn_number(value)}%"


def count_ticks(maximum):
    """Whole-number ticks from 0 to at least `maximum`, at most six, in steps of 1, 2, 5, 10, 20, 50…"""
    maximum = max(math.ceil(maximum or 0), 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if maximum <= 5 * step:
                return list(range(0, math.ceil(maximum / step) * step + 1, step))
        magnitude *= 10


def _counts(series):
    """The settings of a chart of counts: whole-number ticks up to the largest stacked total, counts in words."""
    totals = [sum(value or 0 for value in column) for column in zip(*series)] if series else []
    return {"y_labels": count_ticks(max(totals, default=0)), "value_formatter": _count}


def _config(**extra):
    return {
        "style": STYLE, "js": [], "disable_xml_declaration": True, "explicit_size": False, "print_values": True, "print_zeroes": False,
        "legend_at_bottom": True, "legend_at_bottom_columns": 2, "width": WIDTH, "show_y_guides": True,
        # truncate_legend None: pygal cuts a legend to its column's width (the columns start under the plot)
        "truncate_label": 24, "truncate_legend": None, "no_data_text": labels.NO_DATA, **extra,
    }


def _svg(chart, name):
    """The chart's SVG without any script, with a stable id (the same bytes for the same figures)."""
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", svg)
    svg = _ID.sub(f"chart-{name}", svg)
    # Every bar and legend box gets a black outline (pygal outlines each in its own colour, so the lightest
    # shade would vanish on white paper); the rule names the chart's id to win over pygal's colour rules.
    svg = svg.replace("</style>", f" #chart-{name} rect.reactive{{stroke:#000;stroke-width:1}}"
                                  f" #chart-{name} text.value{{fill:#000}} #chart-{name} .serie-0 text.value{{fill:#fff}}"
                                  f" #chart-{name} .serie-0 text.value.zero{{fill:#000}}</style>", 1)
    # The first series' values are white inside its dark bars; a bar of 0 % has no inside: its "0%" starts at
    # the axis, in black.
    svg = _ZERO_VALUE.sub(lambda m: f'<text text-anchor="start" x="{float(m[1]) + 6:g}"{m[2]}class="value zero">0%</text>',
                          svg)
    return svg.replace("activate-serie-", f"{name}-serie-")


def _stacked(chart_class, name, title, x_labels, series, **extra):
    """A chart of counts: `series` is a list of (legend, values), one value per x label (None when 0)."""
    chart = chart_class(**_config(**_counts([values for _, values in series]), **extra))
    chart.title = title
    chart.x_labels = x_labels
    for legend, values in series:
        chart.add(legend, values)
    return _svg(chart, name)


def _bar_height(rows):
    return 150 + 34 * max(rows, 1)


#: Horizontal bars: the names on the left are cut shorter, so that the plot keeps most of a phone's width
#: (the full names are in the tables beside the chart). pygal's truncate_label does not reach them.
HORIZONTAL_LABEL = 20


def _short(name):
    return name if len(name) <= HORIZONTAL_LABEL else name[:HORIZONTAL_LABEL - 1].rstrip() + "…"


def discipline_chart(figures):
    history = figures["history"]
    return _stacked(pygal.StackedBar, "discipline", labels.CHART_TITLES["discipline"],
                    [row["period"] for row in history],
                    [(labels.DISCIPLINE[key], [row[key] or None for row in history])
                     for key in ("on_time", "late", "returned", "missing")],
                    height=380, x_label_rotation=30 if len(history) > 2 else 0)


def units_chart(figures):
    units = [unit for unit in figures["units"] if unit["completion"] is not None]
    if len(figures["units"]) > MAX_UNIT_BARS:
        bands = [0] * 5
        for unit in units:
            bands[min(int(unit["completion"] // 20), 4)] += 1
        return _stacked(pygal.Bar, "units", labels.CHART_TITLES["units_bands"],
                        ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%"], [(labels.UNITS_WORD, bands)],
                        height=360, show_legend=False, x_label_rotation=30)
    chart = pygal.HorizontalBar(**_config(height=_bar_height(len(units)) - 40, show_legend=False, range=(0, 100),
                                          y_labels=[0, 25, 50, 75, 100], value_formatter=_percent))
    chart.title = labels.CHART_TITLES["units"]
    chart.x_labels = [_short(unit["short_name"]) for unit in reversed(units)]
    chart.add(labels.COMPLETION_WORD, [unit["completion"] for unit in reversed(units)])
    return _svg(chart, "units")


def items_chart(figures):
    items = list(reversed([item for item in figures["items"] if not item["point"]]))
    return _stacked(pygal.HorizontalStackedBar, "items", labels.CHART_TITLES["items"],
                    [f"{labels.ITEM_WORD} {item['number']}" for item in items],
                    [(labels.ITEM_STATES[key], [item[key] or None for item in items])
                     for key in ("done", "in_progress", "not_started")],
                    height=_bar_height(len(items)))


def awards_chart(figures):
    types = list(reversed(figures["awards"]["by_type"]))
    return _stacked(pygal.HorizontalStackedBar, "awards", labels.CHART_TITLES["awards"],
                    [_short(row["name"]) for row in types],
                    [(labels.INDIVIDUALS_WORD, [row["individual"] or None for row in types]),
                     (labels.COLLECTIVES_WORD, [row["collective"] or None for row in types])],
                    height=_bar_height(len(types)))


def _agency_labels(figures):
    return [_short(row["abbreviation"] or row["name"]) for row in reversed(figures["agencies"])]


def agencies_chart(figures):
    """The province's summary: each agency's reports of the span, by state."""
    agencies = list(reversed(figures["agencies"]))
    return _stacked(pygal.HorizontalStackedBar, "agencies", labels.CHART_TITLES["agencies"], _agency_labels(figures),
                    [(labels.DISCIPLINE[key], [row[key] or None for row in agencies])
                     for key in ("on_time", "late", "returned", "missing")],
                    height=_bar_height(len(agencies)))


def agency_awards_chart(figures):
    """The province's summary: each agency's awards of the span, by level."""
    agencies = list(reversed(figures["agencies"]))
    return _stacked(pygal.HorizontalStackedBar, "agency_awards", labels.CHART_TITLES["agency_awards"],
                    _agency_labels(figures),
                    [(labels.AWARD_LEVELS.get(level, level), [row["levels"][level] or None for row in agencies])
                     for level in figures["levels"]],
                    height=_bar_height(len(agencies)))


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


#: Word pictures are drawn at three times the SVG's width so that they stay sharp when printed.
PNG_WIDTH = 3 * WIDTH


def chart_png(svg):
    """The PNG picture of a chart's SVG text, for Word (python-docx cannot embed SVG): the very SVG of the
    page and the PDF, drawn by CairoSVG. `unsafe=False` (its default, said here on purpose): no external
    entity and no file or URL is ever read while drawing."""
    # CairoSVG takes only the first family named; 'Document Serif' is the PDF's @font-face, unknown here.
    svg = svg.replace("'Document Serif',", "")
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=PNG_WIDTH, unsafe=False)
