from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Summary reports")

    def ready(self):
        from emulation.navigation import register_menu
        from reports import rules

        register_menu(_("Statistical forms"), "reports:statistics", rules.can_view_statistics, order=46, group="awards")
        register_menu(_("Dossiers for the province"), "reports:province_rounds", rules.can_build_dossier, order=47, group="awards")
        register_menu(_("Document archive"), "reports:archive", rules.can_search_archive, order=400, group="movement")
