import json

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.template import loader
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from emulation.concurrency import RevisionFormMixin
from emulation.mail import queue_email
from emulation.enums import Role
from emulation.models import Agency, Staff, Unit, User
from emulation.pickers import use_picker


def date_picker_labels():
    """The translated words of the date picker (static/js/datepicker.js), in the active language."""
    return {
        "months": [str(month) for month in MONTHS.values()],
        "days": [str(day) for day in WEEKDAY_INITIALS],
        "open": str(_("Choose a date")), "previous": str(_("Previous month")), "next": str(_("Next month")),
        "today": str(_("Today")),
    }


WEEKDAY_INITIALS = [pgettext_lazy("weekday initial", "Mo"), pgettext_lazy("weekday initial", "Tu"),
                    pgettext_lazy("weekday initial", "We"), pgettext_lazy("weekday initial", "Th"),
                    pgettext_lazy("weekday initial", "Fr"), pgettext_lazy("weekday initial", "Sa"),
                    pgettext_lazy("weekday initial", "Su")]


class DateInput(forms.DateInput):
    """THE widget of every date field: a text input showing and accepting dd/mm/yyyy (the format our users
    read and write; ISO is accepted too, see formats/vi), with a small calendar button added by
    static/js/datepicker.js (the browser's own date input would show and send ISO dates only).
    emulation/tests/test_date_picker.py checks that every form's date fields use it."""

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric",
                                                   "autocomplete": "off"}, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-datepicker"] = json.dumps(date_picker_labels(), ensure_ascii=False)
        return context


class NumberText(forms.TextInput):
    """A number typed as text, with the phone's number keyboard: a browser's type=number input drops letters
    silently (and sends nothing), this one sends them and the server answers "Hãy nhập một số …".
    Every number field of every form uses it (`numbers_as_text`; emulation/tests/test_number_fields.py)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


def numbers_as_text(form_class):
    """Class decorator: every field of `form_class` that Django would show as a type=number input (integer and
    decimal fields, declared or from the model) gets `NumberText` instead, with the whole-number keyboard for
    whole numbers; the field still checks the value (and its bounds) on the server."""
    for field in form_class.base_fields.values():
        if isinstance(field.widget, forms.NumberInput):
            whole = isinstance(field, forms.IntegerField)
            kept = {k: v for k, v in field.widget.attrs.items() if k not in {"min", "max", "step"}}
            field.widget = NumberText(attrs={**kept, "inputmode": "numeric" if whole else "decimal"})
    return form_class


class ConfirmWarningsMixin:
    """A form that warns before a save the law allows but that is likely a mistake (a due date already past,
    an empty part of a document). Call `confirm_warnings(warnings)` at the end of `clean()`: when there are
    warnings, no other error, and the user has not ticked “I have checked; continue anyway”, the form is
    invalid, each warning shows at the top and the tick box appears; nothing is saved until it is ticked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm_warnings"] = forms.BooleanField(
            label=_("I have checked; continue anyway"), required=False, widget=forms.HiddenInput)

    def confirm_warnings(self, warnings):
        if not warnings or self.errors:
            return
        # Keep the box shown once it appeared, ticked or not, so that a second error does not hide it.
        self.fields["confirm_warnings"].widget = forms.CheckboxInput()
        if self.cleaned_data.get("confirm_warnings"):
            return
        for warning in warnings:
            self.add_error(None, warning)
        self.add_error(None, _("Check the above; to save anyway, tick “I have checked; continue anyway” and save again."))


@numbers_as_text
class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "kind", "parent", "order", "active", "email", "emulation_body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(active=True, agency_id=self.instance.agency_id)  # the agency's own tree
        if self.instance.pk:
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents
        use_picker(self, "parent", "unit")

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class UnitRenameForm(forms.Form):
    name = forms.CharField(label=_("new name"), max_length=255)
    short_name = forms.CharField(label=_("new short name"), max_length=100, required=False)
    on_date = forms.DateField(label=_("effective from"), widget=DateInput())


class UnitMergeForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("merge into"), queryset=Unit.objects.none())
    on_date = forms.DateField(label=_("effective from"), widget=DateInput())

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Unit.objects.filter(active=True, agency_id=unit.agency_id).exclude(
            path__startswith=unit.path)
        use_picker(self, "successor", "unit")


@numbers_as_text
class StaffForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = Staff
        fields = [
            "full_name", "gender", "date_of_birth", "unit", "position", "category",
            "identity_number", "email", "phone", "employed_since", "active",
            "leadership", "education", "emulation_work_since",
        ]
        widgets = {"date_of_birth": DateInput(), "employed_since": DateInput()}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        use_picker(self, "unit", "unit")
        self.fields["revision"].initial = self.instance.revision

    def clean_identity_number(self):
        return (self.cleaned_data.get("identity_number") or "").strip() or None


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx, .xls) or CSV"))
    encoding = forms.ChoiceField(
        label=_("Code page of a CSV file"), required=False, initial="auto",
        choices=[("auto", _("Detect it")), ("utf-8", "UTF-8"), ("cp1258", "Windows-1258")],
        help_text=_("Only for .csv files. Excel files need no choice."),
    )

    sheet = forms.CharField(label=_("Sheet to read"), required=False, widget=forms.HiddenInput)

    def clean_encoding(self):
        return self.cleaned_data.get("encoding") or "auto"

    def offer_sheets(self, names):
        """Ask which sheet to read: the first had no header row, `names` have one."""
        self.fields["sheet"] = forms.ChoiceField(label=_("Sheet to read"), choices=[(n, n) for n in names],
                                                 required=False)
        self._bound_fields_cache.pop("sheet", None)  # cleaning built the hidden one


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    category = forms.ChoiceField(label=_("Category"), choices=[("", _("All"))] + Staff.Category.choices, required=False)
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("1", _("Working")), ("0", _("No longer working")), ("", _("All"))],
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        use_picker(self, "unit", "unit")


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    within = forms.ModelChoiceField(label=_("Within unit"), queryset=Unit.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All"))] + Unit.Kind.choices, required=False)
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("1", _("Active")), ("0", _("Inactive")), ("", _("All"))],
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].queryset = units
        use_picker(self, "within", "unit-all")


class LoginFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Login name or the person's name."))
    active = forms.ChoiceField(
        label=_("Status"), choices=[("1", _("Active")), ("0", _("Deactivated")), ("", _("All"))], required=False,
    )


class TemporaryPasswordForm(forms.Form):
    """The temporary password of a new login or of a reset: typed by the Office, or generated when empty."""

    password = forms.CharField(
        label=_("temporary password"), required=False, strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Leave empty to have one generated. The person must change it at their first login."),
    )

    def __init__(self, *args, login=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.login = login

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            validate_password(password, self.login)
        return password


def grantable_roles(actor):
    """The roles `actor` may give a login: every role but the administrator's, which only an administrator
    gives."""
    return [(value, label) for value, label in Role.choices
            if value != Role.ADMIN or actor.is_superuser or actor.role == Role.ADMIN]


class LoginRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("role"))
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("A unit head leads this unit and its sub-units."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(actor).filter(active=True)
        self.fields["role"].choices = grantable_roles(actor)
        use_picker(self, "unit", "unit")

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.UNIT_HEAD and not data.get("unit"):
            self.add_error("unit", _("A unit head needs the unit they lead."))
        return data


class LoginCreateForm(TemporaryPasswordForm):
    """A login for a person of the agency's staff. The person and the unit are searched, never listed in
    full; the querysets (the actor's agency only) decide what may be posted."""

    # A context of its own: the root catalogue would otherwise retranslate every model's "person" field.
    staff = forms.ModelChoiceField(label=pgettext_lazy("login of", "person"), queryset=Staff.objects.none())
    username = forms.CharField(label=_("login name"), max_length=150, validators=[User.username_validator],
                               help_text=_("Letters, digits and . @ + - _ only, e.g. nguyenvana."))
    role = forms.ChoiceField(label=_("role"))
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("Empty: the person's own unit. A unit head leads this unit."))
    field_order = ["staff", "username", "role", "unit", "password"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.visible_to(actor).filter(active=True)
        self.fields["unit"].queryset = Unit.objects.visible_to(actor).filter(active=True)
        self.fields["role"].choices = grantable_roles(actor)
        self.fields["role"].initial = Role.STAFF
        use_picker(self, "staff", "staff")
        use_picker(self, "unit", "unit")

    def clean_staff(self):
        staff = self.cleaned_data["staff"]
        if staff.user_id:
            raise forms.ValidationError(_("This person already has a login; open it from the list of logins."))
        return staff

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login name is already taken; choose another."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("staff") and not data.get("unit"):
            data["unit"] = data["staff"].unit
        return data


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, whose e-mail goes through the queue like every other (emulation.mail):
    the request neither waits for the mail server nor takes longer when the address has an account."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        queue_email(subject, loader.render_to_string(email_template_name, context), to_email)


class AgencyLetterheadForm(forms.ModelForm):
    """What the agency's documents print above and below their text (emulation.agency_setup
    .LETTERHEAD_FIELDS, and the local legal bases of its plans). The abbreviation is left out: it is in
    the symbols of the documents already numbered."""

    class Meta:
        model = Agency
        fields = ["name", "parent_authority", "place", "head_title", "office_chief", "legal_bases"]
