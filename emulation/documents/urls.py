"""Public (no login) verification of issued documents; the QR code printed on each opens verify/<code>/."""
from django.urls import path

from emulation.documents import views

urlpatterns = [
    path("verify/", views.verify_search, name="verify_search"),
    path("verify/<str:code>/", views.verify_document, name="verify_document"),
]
