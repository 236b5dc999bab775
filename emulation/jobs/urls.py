from django.urls import path

from emulation.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.job_status, name="job_status"),
    path("<int:pk>/download/", views.job_download, name="job_download"),
    path("<int:pk>/rerun/", views.job_rerun, name="job_rerun"),
]
