from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from emulation.accounts import login_locked_expression, unlock_logins
from emulation.models import Agency, Delegation, Staff, TimelineEntry, Unit, UnitName, User
from emulation.resources import StaffResource, UnitResource


class UnitOfItsAgencyChoice(forms.ModelChoiceField):
    """A unit named with its agency (“Văn phòng Sở — SYT”): every agency has its own “Văn phòng Sở”."""

    def label_from_instance(self, unit):
        return f"{unit.name} — {unit.agency.abbreviation}" if unit.agency_id else unit.name


class AgencyChosenMixin:
    """The admin's login forms: the agency starts empty and must be chosen (`User.save` would otherwise put
    the login in the first agency without a word), and the unit, when one is chosen, is of that agency."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
        self.fields["agency"].error_messages["required"] = _("Choose the agency of this login.")

    def clean(self):
        data = super().clean()
        agency, unit = data.get("agency"), data.get("unit")
        if agency and unit and unit.agency_id != agency.pk:
            self.add_error("unit", _("This unit belongs to another agency: choose a unit of %(agency)s, or leave "
                                     "it empty.") % {"agency": agency.name})
        return data


class LoginCreationForm(AgencyChosenMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "agency")


class LoginChangeForm(AgencyChosenMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class ThiDuaUserAdmin(UserAdmin):
    form, add_form = LoginChangeForm, LoginCreationForm
    fieldsets = UserAdmin.fieldsets + ((_("Role"), {"fields": ("agency", "role", "unit", "must_change_password")}),)
    add_fieldsets = ((None, {"classes": ("wide",), "fields": (
        "username", "agency", "usable_password", "password1", "password2")}),)
    list_display = ("username", "first_name", "last_name", "agency", "role", "unit", "is_active", "login_locked")
    list_filter = ("agency", "role", "is_active")
    list_select_related = ("unit", "agency")
    actions = ["unlock_login"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(login_locked=login_locked_expression())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.select_related("agency").order_by("agency__name", "path")
            kwargs["form_class"] = UnitOfItsAgencyChoice
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Login locked"), boolean=True, ordering="-login_locked")
    def login_locked(self, user):
        return user.login_locked

    @admin.action(description=_("Unlock login (forget failed login attempts)"), permissions=["change"])
    def unlock_login(self, request, queryset):
        usernames = list(queryset.values_list("username", flat=True))
        removed = unlock_logins(usernames)
        self.message_user(request, ngettext(
            "Login unlocked for %(users)d user (%(attempts)d failed-login record removed).",
            "Login unlocked for %(users)d users (%(attempts)d failed-login records removed).",
            len(usernames),
        ) % {"users": len(usernames), "attempts": removed}, messages.SUCCESS)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """The issuing agencies (a new one starts with `manage.py create_agency`, which also makes its top unit
    and its first Office login)."""

    list_display = ("name", "abbreviation", "kind", "parent_authority", "place")
    list_filter = ("kind",)


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [UnitResource]
    list_display = ("code", "name", "kind", "parent", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name", "search_text")
    list_select_related = ("parent",)
    inlines = [UnitNameInline]


@admin.register(Staff)
class StaffAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [StaffResource]
    list_display = ("full_name", "unit", "position", "category", "active")
    list_filter = ("category", "active")
    search_fields = ("full_name", "search_text", "identity_number")
    list_select_related = ("unit",)
    raw_id_fields = ("user",)


@admin.register(TimelineEntry)
class TimelineEntryAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("content_type", "action")
    list_select_related = ("content_type", "actor")
admin.site.register(Delegation)
