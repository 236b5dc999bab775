"""Optimistic locking for forms that two people may edit at once (HABITS: every such form carries a version).

A model with a `revision` counter is claimed before it is saved: the update succeeds only if the row still
has the revision the form was opened at, so the second of two saves is refused with a message instead of
silently overwriting the first.
"""
from django import forms
from django.db import DatabaseError
from django.utils.translation import gettext as _

from emulation.workflow import TransitionError


class StaleEdit(TransitionError):
    """Somebody saved the same record after this form was opened; nothing was written."""


def claim_revision(instance, revision):
    """Move `instance` from `revision` to the next one in the database, or raise StaleEdit.

    Call inside the transaction that then saves `instance`; `instance.revision` is set to the new value so
    that its own save keeps it."""
    model = type(instance)
    if revision is None or not model.objects.filter(pk=instance.pk, revision=revision).update(revision=revision + 1):
        raise StaleEdit(_("Somebody else saved this after you opened it. Your changes were NOT saved: "
                          "reload the page to see the current version, then make your changes again."))
    instance.revision = revision + 1


class RevisionFormMixin(forms.Form):
    """A hidden field carrying the revision the form was opened at (set `initial` from the instance)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


#: PostgreSQL's "try again" errors: serialization failure, deadlock, lock wait over lock_timeout.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}


def is_database_busy(error):
    """`error` says the database was busy with someone else's write, not that something is wrong:
    SQLite's lock not freed within the busy timeout, or one of PostgreSQL's retryable errors."""
    while error is not None:
        if isinstance(error, DatabaseError):
            sqlstate = getattr(error.__cause__, "pgcode", None) or getattr(error.__cause__, "sqlstate", None)
            if sqlstate in RETRYABLE_SQLSTATES or "database is locked" in str(error):
                return True
        error = error.__cause__ or error.__context__
    return False
