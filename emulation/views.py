"""Pages of the organisation: home, units, staff, their imports and exports."""
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from emulation import guide as user_guide
from emulation import permissions, pickers
from emulation.agency_setup import save_letterhead, setup_needs
from emulation.pickers import PickerWidget
from emulation.concurrency import StaleEdit, claim_revision
from emulation.redirects import is_safe_next
from emulation.sorting import sort_by
from emulation.forms import (
    AgencyLetterheadForm,
    ImportForm, StaffFilterForm, StaffForm, UnitFilterForm, UnitForm, UnitMergeForm, UnitRenameForm,
)
from emulation.exports import dataset_sheet, list_response, workbook_response, xlsx_response
from emulation.import_templates import staff_template
from emulation.history import change_history
from emulation.columns import resource_columns
from emulation.large_exports import large_export
from emulation import imports
from emulation.imports import ImportFileError, confirm_import, preview_import, recheck_import, resource_for
from emulation.jobs.models import Job
from emulation.jobs.runner import start_job, with_live_progress
from emulation.jobs.views import start_and_follow
from emulation.models import Agency, Staff, Unit
from emulation.navigation import tasks_for
from emulation.notifications import mark_read
from emulation.organisation import OrganisationError, merge_unit, rename_unit
from emulation.resources import StaffResource, UnitResource
from emulation.text import search

PAGE_SIZE = 50


@login_required
def home(request):
    return render(request, "emulation/home.html", {"tasks": tasks_for(request.user)})


@login_required
def guide(request):
    """The user guide of the login's role: the steps of the yearly cycle, each linked to its page."""
    return render(request, "emulation/guide.html", {
        "guide": user_guide.GUIDES[user_guide.guide_of(request.user)], "steps": user_guide.steps_for(request.user)})


@login_required
def agency_setup(request):
    """"Thiết lập cơ quan": what the user's agency still needs before its first plan, each with a link."""
    permissions.require(permissions.can_set_up_agency(request.user))
    needs = setup_needs(request.user)
    return render(request, "emulation/agency_setup.html", {
        "needs": needs, "complete": all(need.done for need in needs)})


@login_required
def agency_letterhead(request):
    """The letterhead and signer of the user's own agency (no key in the address: another agency's cannot be
    named), kept by those who set the agency up."""
    permissions.require(permissions.can_set_up_agency(request.user))
    agency_id = permissions.agency_id_of(request.user)
    form = AgencyLetterheadForm(request.POST or None, instance=get_object_or_404(Agency, pk=agency_id))
    if request.method == "POST" and form.is_valid():
        # The form's instance holds the new values once validated: the saved row is read again for the old ones.
        save_letterhead(Agency.objects.get(pk=agency_id), {name: form.cleaned_data[name] for name in form.changed_data},
                        actor=request.user)
        messages.success(request, _("The letterhead and signer have been saved."))
        return redirect("agency_setup")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("The letterhead and signer"), "back": reverse("agency_setup"),
    })


# Units ------------------------------------------------------------------------------------------


@login_required
def unit_list(request):
    """The units the person sees, 50 a page; the staff counts of the page's units only (one grouped
    query), so the page costs the same at 20 or 1,000 units."""
    permissions.require(permissions.can_view_units(request.user))
    visible = Unit.objects.visible_to(request.user)
    form = UnitFilterForm(request.GET or {"active": "1"}, units=visible)
    units = visible.select_related("parent", "merged_into")
    if form.is_valid():
        units = search(units, form.cleaned_data["q"])
        if form.cleaned_data["within"]:
            units = units.filter(path__startswith=form.cleaned_data["within"].path)
        if form.cleaned_data["kind"]:
            units = units.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["active"] != "":
            units = units.filter(active=form.cleaned_data["active"] == "1")
    units, sort = sort_by(request, units, UNIT_SORTS, default=("path",))
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = dict(
        Staff.objects.filter(unit__in=[unit.pk for unit in page], active=True).order_by()
        .values("unit").annotate(n=Count("pk")).values_list("unit", "n")
    ) if page.object_list else {}
    for unit in page:
        unit.staff_count = counts.get(unit.pk, 0)
    return render(request, "emulation/unit_list.html", {
        "form": form, "page": page, "can_manage": permissions.can_manage_units(request.user), "sort": sort,
    })


UNIT_SORTS = {"name": ("name",), "code": ("code",), "kind": ("kind", "path"), "status": ("active", "path")}


def _visible_unit(request, pk):
    return get_object_or_404(Unit.objects.visible_to(request.user).select_related("parent", "merged_into"), pk=pk)


@login_required
def unit_detail(request, pk):
    permissions.require(permissions.can_view_units(request.user))
    unit = _visible_unit(request, pk)
    merged_units = list(unit.merged_units.all())
    # A unit head sees the parent unit's name, but its page is outside their scope: link only what opens.
    linked = [unit.parent_id, unit.merged_into_id] + [old.pk for old in merged_units]
    return render(request, "emulation/unit_detail.html", {
        "unit": unit,
        "children": unit.children.order_by("order", "name"),
        "names": unit.names.all(),
        "staff_count": unit.staff.filter(active=True).count(),
        "merged_units": merged_units,
        "openable": set(Unit.objects.visible_to(request.user).filter(pk__in=[pk for pk in linked if pk])
                        .values_list("pk", flat=True)),
        "history": change_history(unit),
        "can_manage": permissions.can_manage_units(request.user),
    })


@login_required
def unit_edit(request, pk=None):
    permissions.require(permissions.can_manage_units(request.user))
    unit = _visible_unit(request, pk) if pk else Unit(agency_id=permissions.agency_id_of(request.user))
    form = UnitForm(request.POST or None, instance=unit, initial=None if pk else _next_unit_initial(request))
    unit = unit if pk else None
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if not unit and "another" in request.POST:
            # "Save and add another unit": the next form starts under the same parent, of the same kind.
            messages.success(request, _("The unit %(name)s has been saved. Add the next one.") % {"name": saved.name})
            next_form = {"parent": saved.parent_id or "", "kind": saved.kind}
            return redirect(f"{reverse('unit_create')}?{urlencode(next_form)}")
        messages.success(request, _("The unit has been saved."))
        return redirect("unit_detail", pk=saved.pk)
    return render(request, "emulation/form.html", {
        "form": form,
        "title": _("Edit unit") if unit else _("New unit"),
        "back": reverse("unit_detail", args=[unit.pk]) if unit else reverse("unit_list"),
        "save_another": None if unit else _("Save and add another unit"),
    })


def _next_unit_initial(request):
    """The parent and kind the new-unit form starts with after "save and add another" (a parent outside the
    person's choices is ignored: the picker offers only the agency's own units)."""
    initial = {}
    if request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    if request.GET.get("kind") in Unit.Kind.values:
        initial["kind"] = request.GET["kind"]
    return initial


@login_required
def unit_rename(request, pk):
    permissions.require(permissions.can_manage_units(request.user))
    unit = _visible_unit(request, pk)
    form = UnitRenameForm(request.POST or None, initial={"name": unit.name, "short_name": unit.short_name})
    if request.method == "POST" and form.is_valid():
        try:
            rename_unit(unit, **form.cleaned_data)
        except OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit has been renamed; its old name stays valid for its dates."))
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Rename %(unit)s") % {"unit": unit}, "back": reverse("unit_detail", args=[pk]),
    })


@login_required
def unit_merge(request, pk):
    permissions.require(permissions.can_manage_units(request.user))
    unit = _visible_unit(request, pk)
    form = UnitMergeForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            merge_unit(unit, **form.cleaned_data)
        except OrganisationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit has been merged; its staff and sub-units moved to the successor."))
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "emulation/form.html", {
        "form": form,
        "title": _("Merge %(unit)s into another unit") % {"unit": unit},
        "back": reverse("unit_detail", args=[pk]),
    })


# Staff ------------------------------------------------------------------------------------------


def _staff_units(user):
    return Unit.objects.visible_to(user).filter(active=True).order_by("path")


@login_required
def staff_list(request):
    permissions.require(permissions.can_view_staff_list(request.user))
    units = _staff_units(request.user)
    form = StaffFilterForm(request.GET or {"active": "1"}, units=units)
    staff = Staff.objects.visible_to(request.user).select_related("unit")
    if form.is_valid():
        staff = search(staff, form.cleaned_data["q"])
        if form.cleaned_data["unit"]:
            staff = staff.filter(unit__path__startswith=form.cleaned_data["unit"].path)
        if form.cleaned_data["category"]:
            staff = staff.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["active"] != "":
            staff = staff.filter(active=form.cleaned_data["active"] == "1")
    staff, sort = sort_by(request, staff, STAFF_SORTS, default=("unit__path", "search_text"))
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/staff_list.html", {
        "form": form, "page": page, "can_manage": permissions.can_add_staff(request.user), "sort": sort,
    })


STAFF_SORTS = {"name": ("search_text",), "position": ("position",), "unit": ("unit__path",),
               "category": ("category",), "birth": ("date_of_birth",)}


def _visible_staff(request, pk):
    return get_object_or_404(Staff.objects.visible_to(request.user).select_related("unit", "user"), pk=pk)


@login_required
def staff_detail(request, pk):
    staff = _visible_staff(request, pk)
    return render(request, "emulation/staff_detail.html", {
        "staff": staff,
        "history": change_history(staff),
        "can_manage": permissions.can_manage_staff(request.user, staff.unit),
        "can_manage_logins": permissions.can_manage_logins(request.user),
    })


@login_required
def staff_edit(request, pk=None):
    staff = _visible_staff(request, pk) if pk else None
    units = _staff_units(request.user)
    permissions.require(
        permissions.can_manage_staff(request.user, staff.unit) if staff
        else permissions.can_add_staff(request.user)
    )
    form = StaffForm(request.POST or None, instance=staff, units=units)
    if request.method == "POST" and form.is_valid():
        permissions.require(permissions.can_manage_staff(request.user, form.cleaned_data["unit"]))
        try:
            with transaction.atomic():
                if staff:
                    claim_revision(form.instance, form.cleaned_data["revision"])
                staff = form.save()
        except StaleEdit as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The staff member has been saved."))
            return redirect("staff_detail", pk=staff.pk)
    return render(request, "emulation/form.html", {
        "form": form,
        "title": _("Edit staff member") if staff else _("New staff member"),
        "back": reverse("staff_detail", args=[staff.pk]) if staff else reverse("staff_list"),
    })


# Import and export ------------------------------------------------------------------------------

def _not_found():
    raise Http404


@login_required
def import_data(request, kind):
    """Upload → preview (dry run, nothing written; the columns as matched, which the person may correct
    and check again) → confirm (the same file imported for real, once).
    Every row is scoped to the units the person manages (`permissions.managed_units`). An import may
    take parameters from the query string (`spec["params"]`, e.g. the round of a nominations list)."""
    spec = imports.import_spec(kind) or _not_found()
    permissions.require(spec["allowed"](request.user))
    params = spec["params"](request) if "params" in spec else {}
    resource = resource_for(spec, request.user, **params)
    run_kind = getattr(resource, "run_kind", kind)
    done = spec["done"](**params) if callable(spec["done"]) else reverse(spec["done"])
    here = request.get_full_path()
    context = {"title": spec["title"], "kind": kind, "back": done, "here": here,
               "heading": spec.get("heading", lambda **kw: "")(**params),
               "template_url": spec.get("template_url", lambda **kw: reverse("export_data", args=[kind]) + "?template=1")(**params)}
    # An import with parameters (a round) goes to the background when it says how a job keeps them.
    background = "params" not in spec or "job_params" in spec
    job_params = spec["job_params"](**params) if "job_params" in spec else {}
    if request.method == "GET" and request.GET.get("job"):
        return _import_job_page(request, kind, context, job_params)
    if request.method == "POST" and "confirm" in request.POST:
        token = request.POST.get("token")
        if background and imports.is_large(imports.pending_size(run_kind, token, request.user)):
            return _start_import_job(request, kind, token, "confirm", job_params)
        try:
            report = confirm_import(run_kind, resource, request.POST.get("token"), user=request.user)
        except ImportFileError as error:
            messages.error(request, error.message)
            return redirect(here)
        if report.ok:
            messages.success(request, _("Imported: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
                "new": report.new, "updated": report.updated, "unchanged": report.unchanged,
            })
            return redirect(done)
        return render(request, "emulation/import.html", {**context, "form": ImportForm(), "report": report})
    if request.method == "POST" and "recheck" in request.POST:
        chosen, values = {}, {}
        for name, value in request.POST.items():
            if name.startswith("col-") and name[4:].isdigit():
                chosen[int(name[4:])] = value if value in resource_columns(resource) else ""
            if name.startswith("val-") and name[4:].isdigit():
                values[int(name[4:])] = value.strip()
        try:
            report, run = recheck_import(run_kind, resource, request.POST.get("token"), chosen, user=request.user,
                                         values=values)
        except ImportFileError as error:
            messages.error(request, error.message)
            return redirect(here)
        return render(request, "emulation/import.html", {**context, "form": ImportForm(), **_preview_context(report, run)})
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if background and upload.size > settings.IMPORT_BACKGROUND_BYTES:
            try:
                run = imports.stage_import(run_kind, upload.read(settings.IMPORT_MAX_BYTES + 1), upload.name,
                                           user=request.user, encoding=form.cleaned_data["encoding"],
                                           sheet=form.cleaned_data["sheet"])
            except ImportFileError as error:
                form.add_error("file", error.message)
                return render(request, "emulation/import.html", {**context, "form": form})
            return _start_import_job(request, kind, run.token, "preview", job_params)
        try:
            report, run = preview_import(run_kind, resource, upload.read(settings.IMPORT_MAX_BYTES + 1), upload.name,
                                         user=request.user, encoding=form.cleaned_data["encoding"],
                                         sheet=form.cleaned_data["sheet"])
        except ImportFileError as error:
            form.add_error("file", error.message)
            if isinstance(error, imports.SheetQuestion):
                form.offer_sheets(error.sheets)
        else:
            context.update(_preview_context(report, run))
    context["form"] = form
    return render(request, "emulation/import.html", context)


def _start_import_job(request, kind, token, action, job_params):
    """Check (action "preview") or import ("confirm") a large staged file in the background; the
    import page (with its parameters, e.g. `?round=`) follows the job (`?job=`). `job_params`: the
    import's parameters as the job keeps them (`spec["job_params"]`)."""
    title = _("Import check: %(title)s") if action == "preview" else _("Import: %(title)s")
    query = request.GET.copy()
    query.pop("job", None)
    page = reverse("import_data", args=[kind]) + (f"?{query.urlencode()}" if query else "")
    return start_and_follow(
        request, lambda: start_job("import", request.user, title=title % {"title": imports.import_spec(kind)["title"]},
                                   import_kind=kind, token=token, action=action, import_params=job_params),
        page, anchor="")


def _import_job_page(request, kind, context, job_params):
    """The import page of a background check or import: its progress until it has finished, then its
    report, paged (PAGE_SIZE rows of the preview or of the errors a page). The job is its owner's, of
    this import with these parameters (a list checked for one round is not shown under another)."""
    jobs = Job.objects.visible_to(request.user).filter(kind="import", params__import_kind=kind)
    if job_params:
        jobs = jobs.filter(params__import_params=job_params)
    job = get_object_or_404(jobs, pk=request.GET["job"])
    context = {**context, "form": ImportForm(), "job": with_live_progress(job)}
    if job.status != "done":
        return render(request, "emulation/import.html", context)
    report = imports.report_from_data(json.loads(bytes(job.result)))
    rows = report.errors if report.errors else report.preview
    page = Paginator(rows, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    context.update(report=report, rows_page=page, error_count=len(report.errors))
    if report.errors:
        report.errors = list(page.object_list)
    else:
        report.preview = list(page.object_list)
    if job.params.get("action") == "confirm":
        context["imported"] = report.ok
        if not report.ok:  # nothing was written: the same file may be checked again once corrected
            context.pop("job")
        return render(request, "emulation/import.html", context)
    run = imports.ImportRun.objects.filter(token=job.params.get("token"), user=request.user).first()
    if run is not None:
        context.update(_preview_context(report, run))
    return render(request, "emulation/import.html", context)


def _preview_context(report, run):
    """`run_token` lets the person correct the columns and check again; `token` (confirm) only when the
    file has no error (the page offers it only when the file was not imported before)."""
    context = {"report": report, "run_token": run.token,
               # a unit is chosen with a search field, never a <select> of every unit (pickers)
               "value_rows": [(index, item, PickerWidget("unit").render(f"val-{index}", None, {"id": f"id_val_{index}"})
                               if item.kind == "unit" else None) for index, item in enumerate(report.unknown_values)]}
    if report.ok:
        context["token"] = run.token
    return context


EXPORTS = {
    "units": (UnitResource, lambda user: Unit.objects.visible_to(user).select_related("parent").order_by("path"),
              permissions.can_view_units, "don-vi", gettext_lazy("List of units")),
    "staff": (StaffResource, lambda user: Staff.objects.visible_to(user).select_related("unit").order_by("unit__path", "search_text"),
              permissions.can_view_staff_list, "can-bo", gettext_lazy("List of staff")),
}


@login_required
def export_data(request, kind):
    """The rows the user may see, as an .xlsx file in the same format the import reads; `?layout=office`
    gives the office layout (title, headers, STT), which the import reads back as well."""
    resource_class, rows, allowed, filename, title = EXPORTS.get(kind) or _not_found()
    permissions.require(allowed(request.user))
    background = large_export(request, kind)  # thousands of rows: made by a job, offered when ready
    if background:
        return background
    if request.GET.get("template") and kind == "staff":  # with drop-down lists and an example (import_templates)
        return xlsx_response(filename, workbook=staff_template(request.user))
    # "?template=1": the empty file with its column headers, for a clerk to fill in.
    queryset = rows(request.user)
    dataset = resource_class().export(queryset.none() if request.GET.get("template") else queryset)
    if request.GET.get("layout") != "office":
        return workbook_response(filename, dataset_sheet(dataset, str(title)))
    return list_response(request, filename, dataset, title=str(title),
                         subtitle=_("As of %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")})


# Notifications ----------------------------------------------------------------------------------


@login_required
def notification_list(request):
    """The user's own notifications, newest first (nobody sees another person's)."""
    notifications = request.user.notifications.all()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request):
    """Mark one notification (`pk`) or all as read; with `pk`, go on to where it points."""
    pk = request.POST.get("pk")
    if pk:
        notification = get_object_or_404(request.user.notifications, pk=pk)
        mark_read(request.user, notification.pk)
        if is_safe_next(request, notification.link):
            return redirect(notification.link)
    else:
        mark_read(request.user)
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notification_list")


# Search-as-you-type choices (emulation.pickers) ---------------------------------------------------


@login_required
def pick(request, kind):
    """The <select> of a picker field: the current choice(s) posted back with the search (kept on top)
    and up to pickers.LIMIT matches, all within what the person may pick (404 for another kind, 403 for a
    role that picks nothing). An htmx fragment."""
    spec = pickers.KINDS.get(kind) or _not_found()
    permissions.require(spec.allowed(request.user))
    name = request.GET.get("name", "")
    multiple = request.GET.get("multiple") == "1"
    text = request.GET.get(f"{name}__search", "")
    current = pickers.chosen(kind, request.user, request.GET.getlist(name))
    found, more = pickers.matches(kind, request.user, text)
    kept = {row.pk for row in current}
    options = [(str(row.pk), spec.label(row), True) for row in current]
    options += [(str(row.pk), spec.label(row), False) for row in found if row.pk not in kept]
    return render(request, "emulation/widgets/picker_select.html", {
        "name": name, "id": request.GET.get("id", ""), "multiple": multiple, "options": options,
        "searched": bool(text.strip()), "found": len(found), "more": more,
    })
