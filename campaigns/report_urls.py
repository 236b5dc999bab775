from django.urls import path

from campaigns.views import reports as views

urlpatterns = [
    path("periods/", views.period_list, name="period_list"),
    path("periods/new/", views.period_edit, name="period_create"),
    path("periods/standard/", views.period_standard, name="period_standard"),
    path("periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("periods/<int:period_pk>/units/<int:unit_pk>/", views.report_open, name="report_open"),
    path("board/", views.board, name="report_board"),
    path("board/remind/", views.board_remind, name="report_board_remind"),
    path("board/remind/letter/", views.board_letter, name="report_board_letter"),
    path("board/export/", views.board_export, name="report_board_export"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/versions/<int:number>/", views.report_version, name="report_version"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/autosave/", views.report_autosave, name="report_autosave"),
    path("reports/<int:pk>/confirm/", views.report_confirm, name="report_confirm"),
    path("reports/<int:pk>/copy/", views.report_copy, name="report_copy"),
    path("reports/<int:pk>/delegates/", views.report_delegates, name="report_delegates"),
    path("reports/<int:pk>/<slug:action>/", views.report_transition, name="report_transition"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
