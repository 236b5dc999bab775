"""The charts' SVG: readable on a phone, Vietnamese numbers, whole-number count axes, every series visible
(issue 26 item 9)."""
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from reports.charts import GREYS, STYLE, WIDTH, chart_svg, count_ticks
from reports.dashboard import completion_lists

SVG = "{http://www.w3.org/2000/svg}"
#: The narrowest box a chart gets: a 390 px phone's content width.
PHONE_BOX = 358


def axis_texts(svg, axis):
    root = ET.fromstring(svg)
    return [text.text for group in root.iter(f"{SVG}g") if group.get("class", "").startswith(f"axis {axis}")
            for text in group.iter(f"{SVG}text")]


def value_texts(svg):
    root = ET.fromstring(svg)
    return [text.text for text in root.iter(f"{SVG}text") if "value" in (text.get("class") or "").split() and text.text]


def test_chart_fonts_stay_at_least_10_px_in_a_phone_wide_box():
    scale = PHONE_BOX / WIDTH
    sizes = [STYLE.label_font_size, STYLE.major_label_font_size, STYLE.legend_font_size, STYLE.value_font_size,
             STYLE.title_font_size, STYLE.tooltip_font_size]

    assert min(sizes) * scale >= 10


@pytest.mark.parametrize(("maximum", "ticks"), [
    (0, [0, 1]), (1, [0, 1]), (2, [0, 1, 2]), (4, [0, 1, 2, 3, 4]), (7, [0, 2, 4, 6, 8]), (2.5, [0, 1, 2, 3]),
    (23, [0, 5, 10, 15, 20, 25]), (480, [0, 100, 200, 300, 400, 500]),
])
def test_count_ticks_are_whole_numbers_at_most_six(maximum, ticks):
    assert count_ticks(maximum) == ticks


@pytest.mark.parametrize(("name", "axis", "ticks"), [
    ("discipline", "y", ["0", "1", "2", "3", "4"]), ("items", "x", ["0", "1", "2"]), ("awards", "x", ["0", "1"]),
])
def test_count_charts_have_whole_number_ticks(summary, name, axis, ticks):
    assert axis_texts(chart_svg(name, summary.figures), axis) == ticks


def test_completion_chart_writes_percentages_with_a_decimal_comma(summary):
    svg = chart_svg("units", summary.figures)

    assert value_texts(svg) == ["100%", "0%", "66,7%"]  # bottom to top: the units in reverse order
    assert axis_texts(svg, "x") == ["0%", "25%", "50%", "75%", "100%"]
    assert re.findall(r'<desc class="value">([^<]*)', svg) == ["100%", "0%", "66,7%"]  # the tooltips
    assert "66.7" not in svg


def test_counts_over_a_thousand_are_written_with_a_dot(summary):
    figures = summary.figures
    figures["awards"]["by_type"][0]["individual"] = 1234

    assert "1.234" in value_texts(chart_svg("awards", figures))


def test_every_shade_is_visible_on_white_and_outlined_in_black(summary):
    svg = chart_svg("discipline", summary.figures)

    assert max(int(grey[1:3], 16) for grey in GREYS) <= 0xf0  # no shade is white or nearly so
    # pygal outlines each box in its own colour; the chart's own rule (same id, more specific) outlines in black
    assert "#chart-discipline rect.reactive{stroke:#000;stroke-width:1}" in svg
    legend = [text.text for text in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "Chưa báo cáo" in legend


# The dashboard's lowest and highest completion lists ------------------------------------------------------


def ranked_units(count):
    return [{"name": f"Đơn vị {index:02}", "completion": float(index)} for index in range(count)]


def test_completion_lists_of_3_units_are_one_ranking_without_a_second_list():
    lists = completion_lists(ranked_units(3))

    assert [unit["name"] for unit in lists["lowest_units"]] == ["Đơn vị 00", "Đơn vị 01", "Đơn vị 02"]
    assert lists["highest_units"] == []


def test_completion_lists_of_20_units_are_the_5_lowest_and_the_5_highest_without_overlap():
    lists = completion_lists(ranked_units(20))

    assert [unit["name"] for unit in lists["lowest_units"]] == [f"Đơn vị {index:02}" for index in range(5)]
    assert [unit["name"] for unit in lists["highest_units"]] == [f"Đơn vị {index:02}" for index in (19, 18, 17, 16, 15)]


def test_completion_lists_of_11_units_do_not_share_a_unit():
    lists = completion_lists(ranked_units(11))

    lowest = {unit["name"] for unit in lists["lowest_units"]}
    assert len(lowest) == 5 and not lowest & {unit["name"] for unit in lists["highest_units"]}


def test_dashboard_with_few_units_shows_one_ranking_heading(director_client, data):
    response = director_client.get(reverse("reports:dashboard"), {"period": data.period.pk})

    assert response.context["highest_units"] == []
    assert "Tỷ lệ hoàn thành của các đơn vị, từ thấp đến cao" in response.content.decode()
    assert "Tỷ lệ hoàn thành cao nhất" not in response.content.decode()


def test_long_names_beside_horizontal_bars_are_cut_so_the_bars_keep_the_width(summary):
    figures = summary.figures
    figures["awards"]["by_type"][0]["name"] = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"

    assert axis_texts(chart_svg("awards", figures), "y") == ["Bằng khen của Chủ t…"]


def test_a_chart_without_figures_says_so_in_a_moderate_size(summary):
    figures = summary.figures
    figures["awards"]["by_type"] = []

    svg = chart_svg("awards", figures)
    assert "Chưa có số liệu" in svg and "font-size:20px" in svg


def test_a_unit_at_zero_percent_reads_0_percent_in_black_beside_its_empty_bar():
    """Issue 26 leftover: the value of a bar is written in white inside it; a bar of 0 % has no inside, so its
    "0%" was white on the white page."""
    svg = chart_svg("units", {"units": [{"completion": 0, "short_name": "Phòng A"},
                                        {"completion": 50, "short_name": "Phòng B"}]})
    values = {text.text: text for text in ET.fromstring(svg).iter(f"{SVG}text")
              if "value" in (text.get("class") or "").split()}
    assert (values["0%"].get("class"), values["0%"].get("text-anchor")) == ("value zero", "start")
    assert values["50%"].get("class") == "value"
    assert "#chart-units .serie-0 text.value.zero{fill:#000}" in svg
