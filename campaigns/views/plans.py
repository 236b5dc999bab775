"""Plan pages: thin views (permission → form → campaigns.editing / campaigns.workflow → message → redirect)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import editing, rules, workflow
from campaigns.documents import plan_filename, plan_pdf, plan_preview
from campaigns.docx import plan_docx
from campaigns.forms.plans import (
    CopyForm,
    ImplementationRoleForm,
    LegalBasisForm,
    PlanFilterForm,
    PlanHeaderForm,
    PlanSignerForm,
    RecipientForm,
    TargetForm,
    TextPartForm,
)
from campaigns.models import ContentItem, Plan
from emulation.documents import pdf_response
from emulation.models import Unit
from emulation.permissions import require
from emulation.text import search
from emulation.workflow import TransitionError
from emulation.workflow_views import perform_from_post, unconfirmed
from campaigns.documents import plan_document_context

PAGE_SIZE = 25

#: The editor's parts: URL name → (form class, whether the form is a ModelForm bound to the part).
PART_FORMS = {
    "basis": LegalBasisForm,
    "goal": TextPartForm,
    "item": TextPartForm,
    "point": TextPartForm,
    "target": TargetForm,
    "role": ImplementationRoleForm,
    "recipient": RecipientForm,
}
INLINE_KINDS = {"goal", "item", "point", "recipient"}


def _plan(request, pk):
    """The plan if the user may see it, else 404."""
    return get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)


@login_required
def plan_list(request):
    require(rules.can_view_plans(request.user))
    form = PlanFilterForm(request.GET or None)
    plans = Plan.objects.visible_to(request.user).select_related("replaced_by")
    if form.is_valid():
        data = form.cleaned_data
        plans = search(plans, data["q"])
        if data["year"]:
            plans = plans.filter(year_from__lte=data["year"], year_to__gte=data["year"])
        if data["kind"]:
            plans = plans.filter(kind=data["kind"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/plan_list.html", {
        "form": form, "page": page, "can_manage": rules.can_manage_plans(request.user),
    })


@login_required
def plan_create(request):
    require(rules.can_manage_plans(request.user))
    new = Plan()
    new.take_header_from(request.user.agency)  # the letterhead, place and symbol of the user's agency
    form = PlanHeaderForm(request.POST or None, instance=new)
    if form.is_valid():
        plan = form.save(commit=False)
        plan.created_by = request.user
        plan.save()
        messages.success(request, _("The draft plan has been created. Add its content below."))
        return redirect("campaigns:plan_edit", plan.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("New emulation plan"), "back": reverse("campaigns:plan_list"),
    })


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)

    buttons = workflow.PLAN_WORKFLOW.buttons(
        plan, request.user, lambda action: reverse("campaigns:plan_action", args=[plan.pk, action]))
    actions = {button.action for button in buttons}
    # Submitting needs a signer: ask for it right there (the header form keeps it in a folded section).
    signer_form = PlanSignerForm(instance=plan) if "submit" in actions and not plan.signer_name else None
    if signer_form:
        buttons = [button for button in buttons if button.action != "submit"]
    warnings = workflow.issue_warnings(plan) if "issue" in actions else []
    return render(request, "campaigns/plan_detail.html", {
        **plan_document_context(plan),
        "buttons": buttons,
        "signer_form": signer_form,
        "signer_confirm": workflow.PLAN_WORKFLOW.find(plan, "submit").confirm if signer_form else "",
        "confirm_action": "issue" if warnings else "",
        "confirm_warnings": warnings,
        "timeline": workflow.PLAN_WORKFLOW.timeline(plan),
        "can_edit": rules.can_edit_plan(request.user, plan),
        "can_manage": rules.can_manage_plans(request.user),
        "copy_form": CopyForm(initial={"year_from": plan.year_to + 1, "year_to": plan.year_to + 1}),
    })


def _editor_context(plan, forms=None):
    forms = forms or {}
    add_forms = {kind: forms.get(kind) or _form(kind, plan) for kind in INLINE_KINDS - {"point"}}
    context = plan_document_context(plan)
    for item in context["items"]:
        item.point_form = forms.get(f"point-{item.pk}") or _form("point", plan, parent=item)
    return {
        **context,
        "targets": plan.targets.select_related("goal", "item").prefetch_related("units"),
        "recipient_list": plan.recipients.all(),
        "add_forms": add_forms,
    }


def _editable_plan(request, pk):
    """The plan, for the Office, while its text may change; otherwise a message and the detail page."""
    plan = _plan(request, pk)
    require(rules.can_manage_plans(request.user))
    try:
        editing.ensure_editable(plan)
    except editing.PlanLocked as error:
        messages.error(request, error.message)
        return plan, redirect("campaigns:plan_detail", plan.pk)
    return plan, None


def _parts_response(request, plan, forms=None):
    """After a change: the parts section again (htmx), or the editor page."""
    if request.htmx:
        return render(request, "campaigns/includes/plan_parts.html", {"plan": plan, **_editor_context(plan, forms)})
    if forms:
        return render(request, "campaigns/plan_edit.html", {
            "plan": plan, "header_form": PlanHeaderForm(instance=plan), **_editor_context(plan, forms)})
    return redirect(reverse("campaigns:plan_edit", args=[plan.pk]) + "#parts")


@login_required
def plan_edit(request, pk):
    plan, refused = _editable_plan(request, pk)
    if refused:
        return refused
    form = PlanHeaderForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PlanHeaderForm.Meta.fields}
        try:
            editing.save_header(plan, fields, form.cleaned_data["revision"] or 0)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The plan has been saved."))
        return redirect("campaigns:plan_edit", plan.pk)
    return render(request, "campaigns/plan_edit.html", {"plan": plan, "header_form": form, **_editor_context(plan)})


def _part(plan, kind, part_pk):
    model = editing.PART_MODELS[kind]
    queryset = model.objects.filter(plan=plan)
    if kind == "point":
        queryset = queryset.filter(parent__isnull=False)
    elif kind == "item":
        queryset = queryset.filter(parent__isnull=True)
    return get_object_or_404(queryset, pk=part_pk)


def _form(kind, plan, data=None, part=None, parent=None):
    """The form of a part; text forms get ids of their own, as several share a page."""
    form_class = PART_FORMS[kind]
    if form_class in (TextPartForm, RecipientForm):
        owner = part.pk if part else (parent.pk if parent else "")
        initial = {"text": part.text, "revision": part.revision} if part else None
        return form_class(data, initial=initial, auto_id=f"id_{kind}{owner}_%s")
    extra = {"plan": plan} if form_class is TargetForm else {}
    instance = part or editing.PART_MODELS[kind](plan=plan)
    form = form_class(data, instance=instance, initial={"revision": instance.revision}, **extra)
    for field in form.fields.values():  # units to choose: the plan's agency's
        if getattr(field, "queryset", None) is not None and field.queryset.model is Unit:
            field.queryset = field.queryset.filter(agency_id=plan.issuer_id)
    return form


def _save(kind, form, plan, part=None, parent=None):
    if hasattr(form, "save"):
        part = form.save(commit=False)
    else:
        if part is None:
            part = editing.PART_MODELS[kind](plan=plan, **({"parent": parent} if kind == "point" else {}))
        part.text = form.cleaned_data["text"]
    if part.pk:
        editing.save_part(part, form.cleaned_data["revision"])
    else:
        editing.add_part(part)
    if hasattr(form, "save_m2m"):
        form.save_m2m()
    return part


@login_required
def part_add(request, pk, kind):
    if kind not in PART_FORMS:
        raise Http404
    plan, refused = _editable_plan(request, pk)
    if refused:
        return refused
    parent = None
    if kind == "point":
        parent = get_object_or_404(ContentItem, plan=plan, parent__isnull=True, pk=request.POST.get("parent"))
    form = _form(kind, plan, request.POST or None, parent=parent)
    if request.method == "POST":
        if form.is_valid():
            _save(kind, form, plan, parent=parent)
            return _parts_response(request, plan)
        if kind in INLINE_KINDS:
            key = f"point-{parent.pk}" if parent else kind
            return _parts_response(request, plan, {key: form})
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Add to the plan"), "back": reverse("campaigns:plan_edit", args=[plan.pk]),
    })


@login_required
def part_edit(request, pk, kind, part_pk):
    if kind not in PART_FORMS:
        raise Http404
    plan, refused = _editable_plan(request, pk)
    if refused:
        return refused
    part = _part(plan, kind, part_pk)
    form = _form(kind, plan, request.POST or None, part)
    if request.method == "POST" and form.is_valid():
        try:
            _save(kind, form, plan, part)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            return _parts_response(request, plan)
    if request.htmx and kind in INLINE_KINDS:
        return render(request, "campaigns/includes/part_inline_form.html", {
            "plan": plan, "kind": kind, "part": part, "form": form})
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit"), "back": reverse("campaigns:plan_edit", args=[plan.pk]),
    })


@login_required
@require_POST
def part_move(request, pk, kind, part_pk, direction):
    if kind not in PART_FORMS or direction not in ("up", "down"):
        raise Http404
    plan, refused = _editable_plan(request, pk)
    if refused:
        return refused
    editing.move_part(_part(plan, kind, part_pk), direction)
    return _parts_response(request, plan)


@login_required
@require_POST
def part_delete(request, pk, kind, part_pk):
    if kind not in PART_FORMS:
        raise Http404
    plan, refused = _editable_plan(request, pk)
    if refused:
        return refused
    editing.delete_part(_part(plan, kind, part_pk))
    return _parts_response(request, plan)


@login_required
@require_POST
def plan_action(request, pk, action):
    plan = _plan(request, pk)
    confirmed = request.POST.get("confirm_warnings") == "on"
    perform_from_post(
        request, plan, workflow.PLAN_WORKFLOW,
        lambda plan, action, **kwargs: workflow.act_on_plan(plan, action, confirmed=confirmed, **kwargs), action=action,
        done=lambda action: _("Done: the plan is now “%(status)s”.") % {"status": plan.get_status_display()},
    )
    return redirect("campaigns:plan_detail", plan.pk)


@login_required
@require_POST
def plan_submit_with_signer(request, pk):
    """Fill in who signs and submit to the Director in one step; both or neither."""
    plan = _plan(request, pk)
    require(rules.can_manage_plans(request.user))
    form = PlanSignerForm(request.POST, instance=plan)
    if not form.is_valid():
        messages.error(request, _("Fill in who signs the plan before submitting it."))
        return redirect("campaigns:plan_detail", plan.pk)
    if unconfirmed(request, workflow.PLAN_WORKFLOW, plan, "submit"):
        return redirect("campaigns:plan_detail", plan.pk)
    fields = {name: form.cleaned_data[name] for name in PlanSignerForm.Meta.fields}
    try:
        with transaction.atomic():
            editing.save_header(plan, fields, form.cleaned_data["revision"] or 0)
            workflow.act_on_plan(plan, "submit", actor=request.user)
    except TransitionError as error:  # also PlanLocked, or “somebody changed it meanwhile”
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done: the plan is now “%(status)s”.") % {"status": plan.get_status_display()})
    return redirect("campaigns:plan_detail", plan.pk)


@login_required
def plan_copy(request, pk):
    plan = _plan(request, pk)
    require(rules.can_manage_plans(request.user))
    form = CopyForm(request.POST or None,
                    initial={"year_from": plan.year_to + 1, "year_to": plan.year_to + 1 + plan.year_to - plan.year_from})
    if request.method == "POST" and form.is_valid():
        new = editing.copy_plan(plan, year_from=form.cleaned_data["year_from"], year_to=form.cleaned_data["year_to"],
                                actor=request.user)
        messages.success(request, _("A new draft has been made from the plan. Review it and change what differs."))
        return redirect("campaigns:plan_edit", new.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Copy the plan to other years"),
        "back": reverse("campaigns:plan_detail", args=[plan.pk]),
    })


@login_required
@require_POST
def plan_correct(request, pk):
    plan = _plan(request, pk)
    require(rules.can_manage_plans(request.user))
    try:
        new = editing.correct_plan(plan, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("campaigns:plan_detail", plan.pk)
    messages.success(request, _("A new version has been made as a draft; the issued plan is kept as it was."))
    return redirect("campaigns:plan_edit", new.pk)


@login_required
def plan_download_pdf(request, pk):
    plan = _plan(request, pk)
    return pdf_response(plan_pdf(plan), plan_filename(plan, "pdf"), request=request)


@login_required
def plan_download_docx(request, pk):
    plan = _plan(request, pk)
    response = HttpResponse(
        plan_docx(plan), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(plan, "docx")}"'
    return response


@login_required
def plan_html_preview(request, pk):
    plan = _plan(request, pk)
    return HttpResponse(plan_preview(plan, request))
