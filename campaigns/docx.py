"""The plan as a Word file (.docx): the core Word writer reading the same document as the PDF."""
from campaigns.documents import TEMPLATE, plan_document_context
from emulation.documents import render_docx


def plan_docx(plan):
    """The .docx bytes of the plan (drafts marked “DỰ THẢO”), from the template of its PDF."""
    return render_docx(TEMPLATE, plan_document_context(plan))
