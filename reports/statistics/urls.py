from django.urls import path

from reports.statistics import views

urlpatterns = [
    path("statistics/", views.form_list, name="statistics"),
    path("statistics/movements/", views.movements, name="statistics_movements"),
    path("statistics/<slug:slug>/", views.form_detail, name="statistics_form"),
    path("statistics/<slug:slug>.pdf", views.form_pdf, name="statistics_pdf"),
    path("statistics/<slug:slug>.xlsx", views.form_xlsx, name="statistics_xlsx"),
]
