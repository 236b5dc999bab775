"""The summary report as a Word file (.docx) for the clerk who edits it before signing: the core Word
writer reading the same template as the PDF (one content source, two writers; charts stay in the PDF,
as Word cannot show SVG through python-docx)."""
from emulation.documents import render_docx
from reports.documents import TEMPLATE, summary_context


def summary_docx(report):
    """The .docx bytes of the report (drafts marked “DỰ THẢO”), from the template of its PDF."""
    return render_docx(TEMPLATE, summary_context(report))
