from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from awards.views import public_disclosure
from emulation import login_views, views
from emulation.forms import QueuedPasswordResetForm

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/password_reset/", auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
         name="password_reset"),
    path("accounts/password_change/", login_views.OwnPasswordChangeView.as_view(), name="password_change"),
    path("accounts/reset/<uidb64>/<token>/", login_views.OwnPasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("setup/", views.agency_setup, name="agency_setup"),
    path("agency/", views.agency_letterhead, name="agency_letterhead"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/rename/", views.unit_rename, name="unit_rename"),
    path("units/<int:pk>/merge/", views.unit_merge, name="unit_merge"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_edit, name="staff_create"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("logins/", login_views.login_list, name="login_list"),
    path("logins/new/", login_views.login_create, name="login_create"),
    path("logins/<int:pk>/", login_views.login_detail, name="login_detail"),
    path("logins/<int:pk>/password/", login_views.login_password, name="login_password"),
    path("logins/<int:pk>/role/", login_views.login_role, name="login_role"),
    path("logins/<int:pk>/unlock/", login_views.login_unlock, name="login_unlock"),
    path("logins/<int:pk>/active/", login_views.login_active, name="login_active"),
    path("pick/<slug:kind>/", views.pick, name="pick"),
    path("import/<slug:kind>/", views.import_data, name="import_data"),
    path("export/<slug:kind>/", views.export_data, name="export_data"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notification_read, name="notification_read"),
    path("campaigns/", include("campaigns.urls")),
    path("awards/", include("awards.urls")),
    path("reports/", include("reports.urls")),
    path("scoring/", include("scoring.urls")),
    path("jobs/", include("emulation.jobs.urls")),
    path("", include("emulation.documents.urls")),
    path("admin/", admin.site.urls),
    # The public page of each agency (no login): the lists its Office made public, and comments (issue 31 §11).
    path("cong-khai/", public_disclosure.public_agencies, name="public_agencies"),
    path("cong-khai/<str:agency>/", public_disclosure.public_disclosures, name="public_disclosures"),
    path("cong-khai/<str:agency>/<int:pk>/", public_disclosure.public_disclosure, name="public_disclosure"),
]
