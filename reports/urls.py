from django.urls import path

from reports import archive, dossier, views
from reports.statistics.urls import urlpatterns as statistics_urls

app_name = "reports"
urlpatterns = [
    *statistics_urls,
    path("archive/", archive.archive_search, name="archive"),
    path("archive/<int:pk>/download/", archive.archive_download, name="archive_download"),
    path("province/", dossier.province_rounds, name="province_rounds"),
    path("province/<int:pk>/", dossier.province_page, name="province"),
    path("province/<int:pk>/package.zip", dossier.package_download, name="province_package"),
    # Summary reports, unit reports as PDF, the Director's dashboard (issue 11)
    path("summaries/", views.summary_list, name="summary_list"),
    path("summaries/agencies/", views.agency_summary_list, name="agency_summary_list"),
    path("summaries/new/", views.summary_create, name="summary_create"),
    path("summaries/<int:pk>/", views.summary_detail, name="summary_detail"),
    path("summaries/<int:pk>/edit/", views.summary_edit, name="summary_edit"),
    path("summaries/<int:pk>/autosave/", views.summary_autosave, name="summary_autosave"),
    path("summaries/<int:pk>/refresh/", views.summary_refresh, name="summary_refresh"),
    path("summaries/<int:pk>/chart/<slug:name>.svg", views.summary_chart, name="summary_chart"),
    path("summaries/<int:pk>/pdf/", views.summary_pdf_view, name="summary_pdf"),
    path("summaries/<int:pk>/xlsx/", views.summary_xlsx, name="summary_xlsx"),
    path("summaries/<int:pk>/docx/", views.summary_docx_view, name="summary_docx"),
    path("summaries/<int:pk>/<slug:action>/", views.summary_transition, name="summary_transition"),
    path("unit-reports/", views.unit_report_list, name="unit_report_list"),
    path("unit-reports/<int:pk>/pdf/", views.unit_report_pdf_view, name="unit_report_pdf"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/chart/<slug:name>.svg", views.dashboard_chart, name="dashboard_chart"),
]
