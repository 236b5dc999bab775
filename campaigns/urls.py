from django.urls import include, path

from campaigns.views import plans as views

app_name = "campaigns"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/parts/<slug:kind>/add/", views.part_add, name="part_add"),
    path("<int:pk>/parts/<slug:kind>/<int:part_pk>/edit/", views.part_edit, name="part_edit"),
    path("<int:pk>/parts/<slug:kind>/<int:part_pk>/move/<slug:direction>/", views.part_move, name="part_move"),
    path("<int:pk>/parts/<slug:kind>/<int:part_pk>/delete/", views.part_delete, name="part_delete"),
    path("<int:pk>/action/<slug:action>/", views.plan_action, name="plan_action"),
    path("<int:pk>/submit-with-signer/", views.plan_submit_with_signer, name="plan_submit_with_signer"),
    path("<int:pk>/copy/", views.plan_copy, name="plan_copy"),
    path("<int:pk>/correct/", views.plan_correct, name="plan_correct"),
    path("<int:pk>/pdf/", views.plan_download_pdf, name="plan_pdf"),
    path("<int:pk>/docx/", views.plan_download_docx, name="plan_docx"),
    path("<int:pk>/preview/", views.plan_html_preview, name="plan_preview"),
    path("", include("campaigns.report_urls")),  # reporting periods, unit reports, the board
]
