"""Public (no login) verification of issued documents (the QR code printed on each opens verify/<code>/), and
the Office's pages of its agency's signing keys."""
from django.urls import path

from emulation.documents import key_views, views

urlpatterns = [
    path("verify/", views.verify_search, name="verify_search"),
    path("verify/<str:code>/", views.verify_document, name="verify_document"),
]

# The Office's pages of its own agency's signing keys.
urlpatterns += [
    path("agency/signing-keys/", key_views.signing_key_list, name="signing_key_list"),
    path("agency/signing-keys/new/", key_views.signing_key_edit, name="signing_key_create"),
    path("agency/signing-keys/<int:pk>/", key_views.signing_key_edit, name="signing_key_edit"),
    path("agency/signing-keys/<int:pk>/deactivate/", key_views.signing_key_deactivate, name="signing_key_deactivate"),
]
