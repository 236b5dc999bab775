from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Emulation plans and unit reports")

    def ready(self):
        from campaigns import report_rules
        from campaigns.report_tasks import report_tasks
        from emulation.navigation import register_menu, register_tasks

        register_menu(_("Unit reports"), "campaigns:report_board", report_rules.can_view_board, order=300)
        register_menu(_("Reporting periods"), "campaigns:period_list", report_rules.can_view_periods, order=310)
        register_tasks(report_tasks, order=300)
