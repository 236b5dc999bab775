from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Emulation plans and unit reports")

    def ready(self):
        from campaigns import rules  # noqa: PLC0415 - models load after apps.py
        from campaigns.home import report_tasks  # noqa: PLC0415 - models load after apps.py
        from campaigns.home import plan_tasks, setup_needs  # noqa: PLC0415 - models load after apps.py
        from emulation.agency_setup import register_needs  # noqa: PLC0415 - models load after apps.py
        from emulation.navigation import register_menu, register_tasks  # noqa: PLC0415 - models load after apps.py

        register_menu(_("Emulation plans"), "campaigns:plan_list", rules.can_view_plans, order=100, group="movement")
        register_tasks(plan_tasks, order=100)
        register_menu(_("Unit reports"), "campaigns:report_board", rules.can_view_board, order=300, group="movement")
        register_menu(_("Reporting periods"), "campaigns:period_list", rules.can_view_periods, order=310, group="movement")
        register_tasks(report_tasks, order=300)
        register_needs(setup_needs, order=700)
