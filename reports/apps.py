from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Summary reports")

    def ready(self):
        from emulation.jobs.kinds import register  # noqa: PLC0415 - models load after apps.py
        from emulation.navigation import register_menu, register_tasks  # noqa: PLC0415 - models load after apps.py
        from reports import rules  # noqa: PLC0415 - models load after apps.py
        from reports.dossier import DOSSIER_JOB_KIND, build_dossier  # noqa: PLC0415 - models load after apps.py
        from reports.home import summary_tasks  # noqa: PLC0415 - models load after apps.py
        from reports.jobs import ISSUE_KIND, issue_summary, render_summary_pdf, rerun_issue  # noqa: PLC0415 - models load after apps.py

        register_menu(_("Statistical forms"), "reports:statistics", rules.can_view_statistics, order=46, group="awards")
        register_menu(_("Dossiers for the province"), "reports:province_rounds", rules.can_build_dossier, order=47, group="awards")
        register_menu(_("Document archive"), "reports:archive", rules.can_search_archive, order=400, group="movement")
        register_menu(_("Director's dashboard"), "reports:dashboard", rules.can_view_dashboard, order=50)
        register_menu(_("Summary reports"), "reports:summary_list", rules.can_view_summaries, order=320,
                      group="movement")
        register_menu(_("Accepted unit reports (PDF)"), "reports:unit_report_list", rules.can_view_unit_report_pdfs,
                      order=305, group="movement")
        register_tasks(summary_tasks, order=50)
        register("summary-pdf", render_summary_pdf, title=_("PDF of a summary report"))
        register(DOSSIER_JOB_KIND, build_dossier, title=_("Dossier package for the province"))
        register(ISSUE_KIND, issue_summary, title=_("Issuing a summary report"), reload_page=True,
                 rerun=rerun_issue)
