"""Words used by several apps, translated once (root locale)."""
from django.utils.translation import gettext_lazy

#: The questions asked before what cannot be undone (Transition.confirm).
CONFIRM_SUBMIT_TO_DIRECTOR = gettext_lazy(
    "Submit to the Director? While the Director reviews it, nobody can change it.")
CONFIRM_ACCEPT_REPORT = gettext_lazy(
    "Accept this report? Once accepted, the unit can no longer change it.")
CONFIRM_APPROVE_SUMMARY = gettext_lazy(
    "Approve this summary report? Once approved, it can only be issued, no longer changed.")
CONFIRM_ISSUE = gettext_lazy(
    "Issue it? It takes the next number of its series and can never be changed afterwards.")
