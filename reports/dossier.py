"""The dossier package sent to the province for a round's forwarded nominations, and the province's answer.

`build_package(round, actor)` writes one .zip: a table of contents (MUC-LUC.txt), the tờ trình with its
list, the council minutes, each nominee's báo cáo thành tích (all PDF, through awards.documents and the core
renderer) and every uploaded dossier file under a readable name; then it records “dossier package sent” on
each nomination's timeline. A small package (`is_large` false: at most IMMEDIATE_DOSSIER_ITEMS nominees and
uploaded files together, and IMMEDIATE_DOSSIER_BYTES of uploads) is built while the person waits, about
one second of rendering per generated document; a larger one is built by the background worker
(emulation.jobs, kind "dossier-package", reports.jobs.build_dossier) with its progress on the page and the
.zip offered for download when it is ready. The page says how large the package is before it is built.
The .zip is written to a temporary file, uploads copied into it piece by piece (memory stays small
whatever their size), and a package above DOSSIER_MAX_MB is refused with a message (`PackageTooLarge`).

`record_province_answer(...)` records the province's decision for the nominations it names: an award record
for each (awards.decisions.record_outcome), the others stay forwarded until their answer comes.
"""
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import documents
from awards.decisions import record_outcome
from awards.models import AwardRound, CouncilSession, Nomination
from awards.workflow import NOMINATION_WORKFLOW
from emulation.forms import DateInput
from emulation.jobs.models import Job
from emulation.jobs.runner import JobError, JobResult, start_job
from emulation.jobs.views import start_and_follow
from emulation.permissions import require
from emulation.text import fold
from emulation.workflow import TransitionError
from reports import rules


def forwarded(round_):
    """The round's nominations waiting for the province, with what the package needs."""
    return list(Nomination.objects.with_related().filter(round=round_, status=Nomination.Status.FORWARDED)
                .prefetch_related("files").order_by("award_type__order", "unit__path", "pk"))


def slug(text, limit=60):
    """A readable ASCII file name part: “Đặng Đình Khoa” → “dang-dinh-khoa”."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:limit] or "tep"


#: A package of at most this many nominees and uploaded files together is built in the request (about
#: one second per generated document, so a person waits ten seconds at most); a larger one goes to the worker.
IMMEDIATE_DOSSIER_ITEMS = 8
#: …and at most this many bytes of uploaded files (zipping more keeps a request busy too long).
IMMEDIATE_DOSSIER_BYTES = 20 * 1024 * 1024
DOSSIER_JOB_KIND = "dossier-package"


def _no_progress(percent, step=""):
    return None


@dataclass
class Entry:
    path: str
    title: str
    data: bytes = b""
    #: An uploaded file (FieldFile), copied into the package from storage instead of held in `data`.
    upload: object = None

    @property
    def size(self):
        return self.upload.size if self.upload is not None else len(self.data)


class PackageTooLarge(TransitionError):
    """The package would pass DOSSIER_MAX_MB; the message says what to do."""

    def __init__(self):
        super().__init__(_("The dossier package would be larger than the %(limit)d MB allowed. Send the largest "
                           "uploaded files to the higher authority separately, or ask the administrator to raise "
                           "the limit.") % {"limit": settings.DOSSIER_MAX_MB})


def max_package_bytes():
    return settings.DOSSIER_MAX_MB * 1024 * 1024


def _sessions(round_, nominations):
    return list(CouncilSession.objects.filter(round=round_, votes__nomination__in=nominations).distinct().order_by("held_on", "pk"))


def _minutes(session):
    """The issued minutes once the session is closed (archived bytes), a draft before."""
    return documents.minutes_pdf(session)


def package_entries(round_, nominations, progress=_no_progress):
    """The files of the package, in the order of the table of contents; `progress(percent, step)` is told
    about each nominee (from 10 to 80 %)."""
    progress(5, _("The proposal and its list"))
    entries = [Entry("01-to-trinh-va-danh-sach.pdf", "Tờ trình đề nghị khen thưởng kèm danh sách",
                     documents.proposal_file(round_, True))]
    for index, session in enumerate(_sessions(round_, nominations), start=1):
        entries.append(Entry(f"02-bien-ban-hop-hoi-dong-{index:02d}.pdf",
                             f"Biên bản họp Hội đồng Thi đua - Khen thưởng ngày {session.held_on:%d/%m/%Y}", _minutes(session)))
    for index, nomination in enumerate(nominations, start=1):
        progress(10 + 70 * (index - 1) // len(nominations),
                 _("Dossier %(index)d of %(count)d: %(name)s") % {"index": index, "count": len(nominations),
                                                                 "name": nomination.nominee_name})
        folder = f"03-ho-so/{index:02d}-{slug(nomination.nominee_name)}"
        entries.append(Entry(f"{folder}/bao-cao-thanh-tich.pdf",
                             f"Báo cáo thành tích: {nomination.nominee_name} ({nomination.award_type.name})",
                             documents.achievements_file(nomination)))
        for number, upload in enumerate(nomination.files.all(), start=1):
            stem, dot, extension = upload.name.rpartition(".")
            name = f"{slug(stem or upload.name)}.{slug(extension, 10)}" if dot else slug(upload.name)
            entries.append(Entry(f"{folder}/{number:02d}-{name}", f"Tệp đính kèm: {upload.name}", upload=upload.file))
    return entries


def table_of_contents(round_, entries, when):
    lines = [f"HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG – {round_.name}", f"Lập ngày {when:%d/%m/%Y %H:%M}", "", "MỤC LỤC", ""]
    lines += [f"{index}. {entry.title}\n   {entry.path} ({entry.size:,} bytes)".replace(",", ".")
              for index, entry in enumerate(entries, start=1)]
    return "\n".join(lines) + "\n"


def upload_bytes(nominations):
    """The size of the uploaded files of `nominations` (files missing from storage count nothing)."""
    return sum(f.file.size for n in nominations for f in n.files.all() if f.file.storage.exists(f.file.name))


def is_large(nominations):
    """Whether the package of `nominations` is built by the worker rather than in the request."""
    items = len(nominations) + sum(len(n.files.all()) for n in nominations)
    return items > IMMEDIATE_DOSSIER_ITEMS or upload_bytes(nominations) > IMMEDIATE_DOSSIER_BYTES


def package_filename(round_):
    return f"ho-so-de-nghi-khen-thuong-{round_.year}-{round_.pk}.zip"


def build_package(round_, actor, progress=_no_progress, job=None):
    """The .zip, as an open temporary file at its start (the caller closes it; it is deleted then), and
    the nominations it covers; each gets “dossier package sent” on its timeline (with the background
    job's number when a job built it). Raises PackageTooLarge, before rendering anything when the uploads
    alone pass DOSSIER_MAX_MB, or as soon as the .zip being written does; nothing is recorded then."""
    nominations = forwarded(round_)
    if not nominations:
        raise TransitionError(_("No nomination of this round is waiting for the higher authority."))
    limit = max_package_bytes()
    if upload_bytes(nominations) > limit:
        raise PackageTooLarge()
    entries = package_entries(round_, nominations, progress)
    progress(85, _("Packing %(count)d files") % {"count": len(entries) + 1})
    package = tempfile.TemporaryFile(prefix="thidua-dossier-")
    try:
        with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("00-MUC-LUC.txt", table_of_contents(round_, entries, timezone.localtime()).encode("utf-8"))
            for entry in entries:
                if entry.upload is None:
                    archive.writestr(entry.path, entry.data)
                else:
                    with entry.upload.open("rb") as source, archive.open(entry.path, "w", force_zip64=True) as target:
                        shutil.copyfileobj(source, target, 1024 * 1024)
                if package.tell() > limit:
                    raise PackageTooLarge()
        size = package.tell()
        if size > limit:
            raise PackageTooLarge()
        with transaction.atomic():
            for nomination in nominations:
                NOMINATION_WORKFLOW.perform(nomination, "send_dossier", actor=actor,
                                            data={"files": len(entries), "bytes": size,
                                                  **({"job": job.pk} if job is not None else {})})
        package.seek(0)
        return package, nominations
    except BaseException:
        package.close()
        raise


def record_province_answer(round_, *, nominations, decision_number, decision_date, authority, actor):
    """Award records for the `nominations` the province's decision awards (all or nothing)."""
    with transaction.atomic():
        for nomination in nominations:
            record_outcome(nomination, awarded=True, actor=actor, decision_number=decision_number,
                           decision_date=decision_date, authority=authority)
    return len(nominations)


class ProvinceAnswerForm(forms.Form):
    decision_number = forms.CharField(label=gettext_lazy("decision number"), max_length=60)
    decision_date = forms.DateField(label=gettext_lazy("decision date"), widget=DateInput())
    authority = forms.CharField(label=gettext_lazy("issued by"), max_length=200, required=False,
                                help_text=gettext_lazy("Empty: the deciding body of each award."))
    awarded = forms.ModelMultipleChoiceField(label=gettext_lazy("Awarded"), queryset=Nomination.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded"].queryset = Nomination.objects.filter(pk__in=[n.pk for n in nominations]).with_related()
        self.fields["awarded"].label_from_instance = lambda n: f"{n.nominee_name} – {n.award_type.name}"


def _round(request, pk):
    return get_object_or_404(AwardRound.objects.visible_to(request.user), pk=pk)


@login_required
def province_page(request, pk):
    """The forwarded nominations of a round: download the dossier package, record the province's answer."""
    require(rules.can_build_dossier(request.user))
    round_ = _round(request, pk)
    nominations = forwarded(round_)
    form = ProvinceAnswerForm(request.POST or None, nominations=nominations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = record_province_answer(round_, nominations=list(data["awarded"]), decision_number=data["decision_number"],
                                           decision_date=data["decision_date"], authority=data["authority"], actor=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The province's decision is recorded: %(count)d award(s) entered the history.") % {"count": count})
            return redirect("reports:province", pk=pk)
    job = None
    if request.GET.get("job", "").isdigit():
        job = Job.objects.visible_to(request.user).defer("result").filter(
            pk=request.GET["job"], kind=DOSSIER_JOB_KIND, params__round=round_.pk).first()
    uploads = upload_bytes(nominations)
    return render(request, "reports/province.html", {
        "round": round_, "nominations": nominations, "form": form, "upload_bytes": uploads,
        "large": is_large(nominations), "job": job,
        # Said before anyone clicks: the uploads alone pass the limit, the package would be refused.
        "too_large": PackageTooLarge().message if uploads > max_package_bytes() else "",
        "sessions": _sessions(round_, nominations) if nominations else [],
    })


@login_required
def package_download(request, pk):
    require(rules.can_build_dossier(request.user))
    round_ = _round(request, pk)
    if request.method != "POST":
        return redirect("reports:province", pk=pk)
    nominations = forwarded(round_)
    if nominations and is_large(nominations):
        return start_and_follow(
            request, lambda: start_job(DOSSIER_JOB_KIND, request.user, round=round_.pk,
                                       title=_("Dossier package of “%(round)s”") % {"round": round_.name[:200]}),
            reverse("reports:province", args=[pk]),
            message=_("The package is large: it is being built in the background. Download it here when it is ready."))
    try:
        package, nominations = build_package(round_, request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("reports:province", pk=pk)
    # Streamed from the temporary file, which the response closes (and so deletes) when sent.
    return FileResponse(package, as_attachment=True, filename=package_filename(round_), content_type="application/zip")


def build_dossier(job, progress):
    """The worker's half of a large package (emulation.jobs kind DOSSIER_JOB_KIND)."""
    round_ = AwardRound.objects.filter(pk=job.params.get("round")).first()
    if round_ is None or not rules.can_build_dossier(job.owner):
        raise JobError(_("This award round does not exist any more."))
    try:
        package, _nominations = build_package(round_, job.owner, progress=progress, job=job)
    except TransitionError as error:
        raise JobError(error.message) from error
    # The job stores its result as bytes (emulation.jobs); DOSSIER_MAX_MB bounds them.
    with package:
        return JobResult(package.read(), package_filename(round_), "application/zip")


@login_required
def province_rounds(request):
    """Rounds with nominations waiting for the province."""
    require(rules.can_build_dossier(request.user))
    rounds = (AwardRound.objects.visible_to(request.user).filter(nominations__status=Nomination.Status.FORWARDED).distinct().order_by("-year", "-opens_on"))
    return render(request, "reports/province_rounds.html", {"rounds": list(rounds)})
