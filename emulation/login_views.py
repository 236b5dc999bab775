"""Pages of the Office for its agency's logins (emulation.logins): the list, a new login, a login's page
with its timeline, and the password reset, role and unit change, unlock and deactivate/reactivate actions;
and Django's own password change and e-mailed reset, which leave the login's password its owner's own.

Every page asks `permissions.can_manage_logins` (403 for other roles) and fetches a login through
`permissions.scope_logins` (404 for another agency's). A temporary password is shown once, in the answer
to the POST that set it, and stored nowhere else.
"""
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation import logins, permissions
from emulation.accounts import login_locked_expression
from emulation.forms import LoginCreateForm, LoginFilterForm, LoginRoleForm, TemporaryPasswordForm
from emulation.models import User
from emulation.workflow import labelled_timeline

PAGE_SIZE = 50


def _agency_logins(request):
    permissions.require(permissions.can_manage_logins(request.user))
    return permissions.scope_logins(User.objects.all(), request.user)


def _login_of_agency(request, pk, change=False):
    """The login `pk` of the user's agency (404 otherwise); with `change`, 403 unless the user may change it."""
    login = get_object_or_404(_agency_logins(request).select_related("unit", "staff_record")
                              .annotate(locked=login_locked_expression()), pk=pk)
    if change:
        permissions.require(permissions.can_change_login(request.user, login))
    return login


@login_required
def login_list(request):
    """The agency's logins, 50 a page, each with its person's name, role, unit, last login and whether it is
    locked now (one annotated query for the page, whatever its length)."""
    agency_logins = _agency_logins(request)
    form = LoginFilterForm(request.GET or {"active": "1"})
    rows = agency_logins.select_related("unit", "staff_record").annotate(locked=login_locked_expression())
    if form.is_valid():
        rows = logins.search_logins(rows, form.cleaned_data["q"])
        if form.cleaned_data["active"] != "":
            rows = rows.filter(is_active=form.cleaned_data["active"] == "1")
    page = Paginator(rows.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/login_list.html", {"form": form, "page": page})


@login_required
def login_create(request):
    _agency_logins(request)
    # From a person's page: the person already chosen (the form's queryset still decides what is allowed).
    initial = {"staff": request.GET["staff"]} if request.GET.get("staff", "").isdigit() else {}
    form = LoginCreateForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = data["password"] or logins.temporary_password()
        try:
            login = logins.create_login(staff=data["staff"], username=data["username"], role=data["role"],
                                        unit=data["unit"], password=password, actor=request.user)
        except logins.LoginError as error:
            form.add_error(None, error.message)
        else:
            return _password_shown_once(request, login, password, _("The login has been created."))
    return render(request, "emulation/form.html", {
        "form": form, "title": _("New login"), "back": reverse("login_list"),
    })


@login_required
def login_detail(request, pk):
    login = _login_of_agency(request, pk)
    return render(request, "emulation/login_detail.html", {
        "login": login, "timeline": labelled_timeline(login),
        "is_self": login.pk == request.user.pk,
        "can_change": permissions.can_change_login(request.user, login), "password_form": TemporaryPasswordForm(login=login),
        "role_form": LoginRoleForm(actor=request.user, initial={"role": login.role, "unit": login.unit_id}),
    })


@login_required
@require_POST
def login_password(request, pk):
    login = _login_of_agency(request, pk, change=True)
    form = TemporaryPasswordForm(request.POST, login=login)
    if not form.is_valid():
        for error in form.errors.get("password", []):
            messages.error(request, error)
        return redirect("login_detail", pk=login.pk)
    password = form.cleaned_data["password"] or logins.temporary_password()
    logins.reset_password(login, password=password, actor=request.user)
    return _password_shown_once(request, login, password, _("The password has been reset."))


@login_required
@require_POST
def login_role(request, pk):
    login = _login_of_agency(request, pk, change=True)
    form = LoginRoleForm(request.POST, actor=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("login_detail", pk=login.pk)
    try:
        logins.change_role(login, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"], actor=request.user)
    except logins.LoginError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role and unit have been saved."))
    return redirect("login_detail", pk=login.pk)


@login_required
@require_POST
def login_unlock(request, pk):
    login = _login_of_agency(request, pk, change=True)
    logins.unlock(login, actor=request.user)
    messages.success(request, _("The login %(username)s is unlocked: it may log in again now.")
                     % {"username": login.username})
    return redirect("login_detail", pk=login.pk)


@login_required
@require_POST
def login_active(request, pk):
    login = _login_of_agency(request, pk, change=True)
    active = request.POST.get("active") == "1"
    try:
        logins.set_active(login, active, actor=request.user)
    except logins.LoginError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The login has been reactivated.") if active
                         else _("The login has been deactivated: nobody can log in with it any more."))
    return redirect("login_detail", pk=login.pk)


def _password_shown_once(request, login, password, done):
    return render(request, "emulation/login_password.html", {"login": login, "password": password, "done": done})


class OwnPasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; the password is now the owner's own: no longer sent back to this page."""

    def form_valid(self, form):
        form.user.must_change_password = False  # saved with the new password by the form
        return super().form_valid(form)


class OwnPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset through the e-mailed link: the owner chose the new password themselves."""

    def form_valid(self, form):
        form.user.must_change_password = False
        return super().form_valid(form)
