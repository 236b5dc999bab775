from django.urls import path

from scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.table_list, name="table_list"),
    path("new/", views.table_create, name="table_create"),
    path("<int:pk>/", views.table_detail, name="table_detail"),
    path("<int:pk>/edit/", views.table_edit, name="table_edit"),
    path("<int:pk>/copy/", views.table_copy, name="table_copy"),
    path("<int:pk>/parts/<slug:kind>/add/", views.part_edit, name="part_add"),
    path("<int:pk>/parts/<slug:kind>/<int:part_pk>/edit/", views.part_edit, name="part_edit"),
    path("<int:pk>/parts/<slug:kind>/<int:part_pk>/delete/", views.part_delete, name="part_delete"),
    path("<int:pk>/action/<slug:action>/", views.table_action, name="table_action"),
    path("<int:pk>/ranking/", views.ranking_page, name="ranking"),
    path("<int:pk>/ranking/chart.svg", views.ranking_chart, name="ranking_chart"),
    path("<int:pk>/ranking/export/", views.ranking_xlsx, name="ranking_xlsx"),
    path("<int:pk>/ranking/notice.pdf", views.notice_pdf, name="notice_pdf"),
    path("<int:pk>/ranking/notice.docx", views.notice_docx, name="notice_docx"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/change/", views.assessment_change, name="assessment_change"),
    path("assessments/<int:pk>/answer/", views.assessment_answer, name="assessment_answer"),
    path("assessments/<int:pk>/<slug:action>/", views.assessment_action, name="assessment_action"),
    path("blocks/", views.block_list, name="block_list"),
    path("blocks/new/", views.block_edit, name="block_create"),
    path("blocks/<int:pk>/edit/", views.block_edit, name="block_edit"),
    path("blocks/<int:pk>/agreement/", views.agreement_edit, name="agreement_edit"),
    path("blocks/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("blocks/<int:pk>/agreement.docx", views.agreement_docx, name="agreement_docx"),
]
