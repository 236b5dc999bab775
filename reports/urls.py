from django.urls import path

from reports import archive, dossier
from reports.statistics.urls import urlpatterns as statistics_urls

app_name = "reports"
urlpatterns = [
    *statistics_urls,
    path("archive/", archive.archive_search, name="archive"),
    path("archive/<int:pk>/download/", archive.archive_download, name="archive_download"),
    path("province/", dossier.province_rounds, name="province_rounds"),
    path("province/<int:pk>/", dossier.province_page, name="province"),
    path("province/<int:pk>/package.zip", dossier.package_download, name="province_package"),
]
