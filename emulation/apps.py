from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Organisation")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415 - models load after apps.py

        from emulation import permissions  # noqa: PLC0415 - models load after apps.py
        from emulation.agency_setup import letterhead_needs, organisation_needs, register_needs  # noqa: PLC0415 - models load after apps.py
        from emulation.imports import register_import  # noqa: PLC0415 - models load after apps.py
        from emulation.resources import StaffResource, UnitResource  # noqa: PLC0415 - models load after apps.py
        from emulation.logins import stamp_login  # noqa: PLC0415 - models load after apps.py
        from emulation.navigation import register_menu, register_tasks  # noqa: PLC0415 - models load after apps.py
        from emulation.home import organisation_tasks  # noqa: PLC0415 - models load after apps.py

        register_menu(_("Units"), "unit_list", permissions.can_view_units, order=900, group="organisation")
        register_menu(_("Staff"), "staff_list", permissions.can_view_staff_list, order=910, group="organisation")
        register_menu(_("Logins"), "login_list", permissions.can_manage_logins, order=920, group="organisation")
        register_tasks(organisation_tasks, order=900)
        register_needs(organisation_needs, order=100)
        register_needs(letterhead_needs, order=600)
        register_import("units", title=_("Import units"), resource=UnitResource, allowed=permissions.can_manage_units,
                        done="unit_list")
        register_import("staff", title=_("Import staff"), resource=StaffResource, allowed=permissions.can_add_staff,
                        done="staff_list")
        user_logged_in.connect(stamp_login, dispatch_uid="emulation.stamp_login")
        _register_exports()


def _register_exports():
    """Large exports run in the background (emulation.large_exports): the job kind and the lists of units
    and staff (the rows their export views give)."""
    from emulation.jobs.kinds import register  # noqa: PLC0415 - models load after apps.py
    from emulation.imports import import_job  # noqa: PLC0415 - models load after apps.py
    from emulation.large_exports import register_export, run_export  # noqa: PLC0415 - models load after apps.py
    from emulation.views import EXPORTS  # noqa: PLC0415 - models load after apps.py

    register("export", run_export, title=_("Excel file"))
    # No failure hook: a confirmation's claim and rows are one transaction, so a worker that dies
    # mid-import leaves nothing claimed (emulation.imports.confirm_import).
    register("import", import_job, title=_("Import"))
    for kind, (resource, rows, allowed, filename, title) in EXPORTS.items():
        register_export(kind, rows=lambda user, params, rows=rows: rows(user), resource=resource, allowed=allowed,
                        filename=filename, title=lambda title=title: title)
