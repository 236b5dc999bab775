from django.urls import path

from awards.views import council, lookup, nominations, registrations

app_name = "awards"
urlpatterns = [
    path("nominations/", nominations.nomination_list, name="nomination_list"),
    path("nominations/new/", nominations.nomination_edit, name="nomination_create"),
    path("nominations/bulk/", nominations.nomination_bulk, name="nomination_bulk"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", nominations.nomination_edit, name="nomination_edit"),
    path("nominations/<int:pk>/act/", nominations.nomination_act, name="nomination_act"),
    path("nominations/<int:pk>/files/", nominations.nomination_upload, name="nomination_upload"),
    path("nominations/<int:pk>/override/", nominations.nomination_override, name="nomination_override"),
    path("nominations/<int:pk>/outcome/", nominations.nomination_outcome, name="nomination_outcome"),
    path("files/<int:pk>/", nominations.dossier_file, name="dossier_file"),
    path("rounds/", council.round_list, name="round_list"),
    path("rounds/new/", council.round_edit, name="round_create"),
    path("rounds/<int:pk>/edit/", council.round_edit, name="round_edit"),
    path("council/", council.session_list, name="session_list"),
    path("council/new/", council.session_create, name="session_create"),
    path("council/<int:pk>/", council.session_detail, name="session_detail"),
    path("council/<int:pk>/vote/<int:nomination_pk>/", council.session_vote, name="session_vote"),
    path("decisions/", council.decision_list, name="decision_list"),
    path("decisions/new/", council.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", council.decision_detail, name="decision_detail"),
    path("registrations/", registrations.registration_list, name="registration_list"),
    path("registrations/new/", registrations.registration_edit, name="registration_create"),
    path("registrations/summary/", registrations.registration_rollup, name="registration_rollup"),
    path("registrations/summary/export/", registrations.registration_rollup_export, name="registration_rollup_export"),
    path("registrations/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path("registrations/<int:pk>/edit/", registrations.registration_edit, name="registration_edit"),
    path("registrations/<int:pk>/act/", registrations.registration_act, name="registration_act"),
    path("lookup/", lookup.lookup, name="lookup"),
    path("lookup/export/", lookup.lookup_export, name="lookup_export"),
    path("people/<int:pk>/", lookup.person_history, name="person_history"),
    path("units/<int:pk>/", lookup.unit_history, name="unit_history"),
]
