from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from emulation.accounts import login_locked_expression, unlock_logins
from emulation.models import Agency, Delegation, Staff, TimelineEntry, Unit, UnitName, User
from emulation.resources import StaffResource, UnitResource


@admin.register(User)
class ThiDuaUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Role"), {"fields": ("agency", "role", "unit", "must_change_password")}),)
    list_display = ("username", "first_name", "last_name", "agency", "role", "unit", "is_active", "login_locked")
    list_filter = ("agency", "role", "is_active")
    list_select_related = ("unit", "agency")
    actions = ["unlock_login"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(login_locked=login_locked_expression())

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
