"""The plan as an official document (Decree 30 “Mẫu 1.4”): PDF, HTML preview and Word file.

Issued and closed plans are served from the archive (the exact bytes issued); other plans are rendered
live and marked “DỰ THẢO”.
"""
from django.db.models import Prefetch

from campaigns.models import Target
from emulation.documents import DocumentHeader, issued_document, render_html, render_pdf

TEMPLATE = "campaigns/plan_document.html"
#: The kind under which an issued plan is archived (emulation.documents).
PLAN_DOCUMENT_KIND = "plan"


def plan_header(plan):
    return DocumentHeader(
        type_name="KẾ HOẠCH",
        summary=plan.title,
        number=plan.number,
        symbol=plan.symbol,
        issue_date=plan.issue_date,
        year=plan.year_from,
        place=plan.place,
        parent_authority=plan.parent_authority,
        agency=plan.agency,
        signer_lines=plan.signer_lines,
        signer_name=plan.signer_name,
        recipients=list(plan.recipients.values_list("text", flat=True)),
        draft=not plan.is_published,
    )


def plan_document_context(plan):
    """Everything the plan's document template prints, read in a fixed number of queries."""
    targets = Prefetch("targets", queryset=Target.objects.prefetch_related("units"))
    items = plan.numbered_items()
    item_targets = {}
    for target in Target.objects.filter(plan=plan, item__isnull=False).prefetch_related("units"):
        item_targets.setdefault(target.item_id, []).append(target)
    for item in items:
        item.target_list = item_targets.get(item.pk, [])
        for point in item.points:
            point.target_list = item_targets.get(point.pk, [])
    return {
        "doc": plan_header(plan),
        "plan": plan,
        "legal_bases": list(plan.legal_bases.all()),
        "goals": list(plan.goals.prefetch_related(targets)),
        "items": items,
        "roles": list(plan.implementation_roles.select_related("unit")),
    }


def plan_filename(plan, extension):
    stem = plan.number_symbol.replace("/", "-") if plan.number else f"du-thao-ke-hoach-{plan.pk}"
    return f"{stem}.{extension}"


def plan_pdf(plan):
    """The PDF bytes of the plan: the archived ones once issued, a live draft otherwise."""
    archived = issued_document(plan, PLAN_DOCUMENT_KIND) if plan.is_published else None
    if archived is not None:
        return bytes(archived.pdf)
    return render_pdf(TEMPLATE, plan_document_context(plan))


def plan_preview(plan, request=None):
    return render_html(TEMPLATE, plan_document_context(plan), request=request)
