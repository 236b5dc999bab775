"""The audit trail across records (issue 31 §9): page and Excel."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import audit, rules
from awards.forms import AuditFilterForm
from emulation.exports import Sheet, workbook_response
from emulation.permissions import require

#: The Excel file holds at most this many rows (the newest): narrow the filters for more.
EXPORT_LIMIT = 5000


def _rows(request):
    form = AuditFilterForm(request.GET or None, kinds=audit.KINDS, actions=audit.action_labels())
    return form, audit.entries(request.user, **form.filters())


@login_required
def audit_trail(request):
    require(rules.can_view_audit(request.user))
    form, rows = _rows(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.describe(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "awards/audit.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def audit_export(request):
    require(rules.can_view_audit(request.user))
    _form, rows = _rows(request)
    rows = audit.describe(list(rows[:EXPORT_LIMIT]))
    lines = [[timezone.localtime(row.at).replace(tzinfo=None), row.actor.get_full_name() if row.actor else _("System"),
              str(row.kind_label), row.object_id, str(row.label), row.reason] for row in rows]
    headers = [_("When"), _("By whom"), _("Record kind"), _("Record number"), _("Action"), _("Reason")]
    return workbook_response("nhat-ky-thao-tac", Sheet("Nhật ký thao tác", headers, lines))
