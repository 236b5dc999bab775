"""The search page of the archive of issued documents (emulation.documents): find a document by kind,
number and symbol, dates, signer or summary line (without diacritics), download the exact bytes that were
issued and compare their SHA-256. Scoped by reports.rules.scope_documents; paginated. Fast over 100,000
documents: the text is matched in narrow folded columns (diacritics-free, kept by IssuedDocument.save),
which PostgreSQL indexes with pg_trgm GIN indexes (documents migration 0004); kind + date, date, and
symbol + number have b-tree indexes; a typed number is matched exactly. `manage.py bench` measures it
(the pages “archive search, …”)."""
import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from awards.documents import DECISION_KIND, MINUTES_KIND, PROPOSAL_KINDS, ROLLUP_KIND
from awards.forwarding import PROVINCE_DECISION_KIND
from campaigns.workflow import PLAN_DOCUMENT_KIND
from emulation.documents import pdf_response
from emulation.documents.models import IssuedDocument
from emulation.forms import DateInput
from emulation.permissions import require
from emulation.sorting import sort_by
from emulation.text import search
from reports import rules
from reports.workflow import SUMMARY_DOCUMENT_KIND

PAGE_SIZE = 25


def kind_labels():
    """A human label for every kind of archived document (never the code)."""
    return {
        PLAN_DOCUMENT_KIND: _("Emulation plan"), DECISION_KIND: _("Award decision"),
        MINUTES_KIND: _("Council minutes"), PROPOSAL_KINDS[False]: _("Proposal to the Director"),
        PROPOSAL_KINDS[True]: _("Proposal to the province"), ROLLUP_KIND: _("Registration summary"),
        SUMMARY_DOCUMENT_KIND: _("Summary report (sơ kết, tổng kết)"),
        PROVINCE_DECISION_KIND: _("Award decision of the province"),
    }


def kind_label(kind):
    return kind_labels().get(kind, _("Other document"))


class ArchiveSearchForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False)
    number = forms.CharField(label=_("Number and symbol"), required=False, max_length=60)
    q = forms.CharField(label=_("Summary line contains"), required=False, max_length=200)
    signer = forms.CharField(label=_("Signer"), required=False, max_length=150)
    date_from = forms.DateField(label=_("Issued from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Issued until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All types")), *kind_labels().items()]


def documents_for(user):
    return rules.scope_documents(IssuedDocument.objects.all(), user, PLAN_DOCUMENT_KIND)


NUMBER = re.compile(r"^\s*0*(\d{1,9})\s*(?:/\s*(.*))?$")


def search_number(documents, text):
    """“45”, “45/KH” or “45/KH-STNMT”: number 45 exactly (the b-tree index on symbol + number) and the
    symbol's words in the folded text; anything else (“KH-STNMT”): the folded text alone."""
    match = NUMBER.match(text or "")
    if match is None:
        return search(documents, text)
    return search(documents.filter(number=int(match.group(1))), match.group(2) or "")


#: What a row of the list shows (and its Word link: the plan's id).
LIST_COLUMNS = ("kind", "number", "symbol", "issue_date", "title", "signer_name", "sha256", "object_id")


def search_documents(user, data):
    """The documents `user` may see that match the form's cleaned `data`, newest first: only the columns the
    list shows (the bytes are in another table, IssuedDocumentFile, read only by a download)."""
    documents = documents_for(user).only(*LIST_COLUMNS)
    if data.get("kind"):
        documents = documents.filter(kind=data["kind"])
    if data.get("date_from"):
        documents = documents.filter(issue_date__gte=data["date_from"])
    if data.get("date_to"):
        documents = documents.filter(issue_date__lte=data["date_to"])
    documents = search_number(documents, data.get("number", ""))
    documents = search(documents, data.get("q", ""))
    documents = search(documents, data.get("signer", ""), field="signer_search")
    return documents.order_by("-issue_date", "-pk")


@login_required
def archive_search(request):
    require(rules.can_search_archive(request.user))
    form = ArchiveSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    documents, sort = sort_by(request, search_documents(request.user, data), ARCHIVE_SORTS, default=("-issue_date", "-pk"))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(document, kind_label(document.kind), document.kind == PLAN_DOCUMENT_KIND) for document in page]
    return render(request, "reports/archive.html", {"form": form, "page": page, "rows": rows, "sort": sort})


# Only the columns with their own b-tree index (IssuedDocument.Meta.indexes): the date and the number.
ARCHIVE_SORTS = {"date": ("issue_date",), "number": ("number",)}


@login_required
def archive_download(request, pk):
    """The exact bytes that were issued (404 outside the user's scope)."""
    require(rules.can_search_archive(request.user))
    document = get_object_or_404(documents_for(request.user).select_related("content"), pk=pk)
    response = pdf_response(document.pdf, document.filename, request=request)
    response["X-Checksum-SHA256"] = document.sha256
    return response
