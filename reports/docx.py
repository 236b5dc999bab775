"""The summary report as a Word file (.docx) for the clerk who edits it before signing: the core Word
writer reading the same template as the PDF (one content source, two writers). Word cannot show SVG
through python-docx, so each chart goes in as the PNG drawing of the very same SVG (reports.charts)."""
import base64

from django.utils.html import format_html

from emulation.documents import render_docx
from reports.charts import chart_png
from reports.documents import TEMPLATE, summary_context


def png_image(svg):
    """An <img> carrying the chart's PNG as a data URI: what the core Word writer turns into a picture."""
    return format_html('<img src="data:image/png;base64,{}" alt="">', base64.b64encode(chart_png(svg)).decode("ascii"))


def summary_docx(report):
    """The .docx bytes of the report (drafts marked “DỰ THẢO”), from the template of its PDF, charts
    included as pictures."""
    context = summary_context(report)
    context["charts"] = {name: png_image(svg) for name, svg in context["charts"].items()}
    return render_docx(TEMPLATE, context)
