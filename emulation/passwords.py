"""Password rules of our own (the others are Django's, listed in AUTH_PASSWORD_VALIDATORS)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NotTheCurrentPasswordValidator:
    """A new password may not be the one the person has now.

    Django calls validators before the new password is set, so `user` still holds the current one
    (password change form, set-password form, the administrator's form). A new account has none.
    """

    def validate(self, password, user=None):
        if user is None or not user.pk or not user.has_usable_password():
            return
        current = get_user_model()._default_manager.filter(pk=user.pk).values_list("password", flat=True).first()
        if current and _matches(password, current):
            raise ValidationError(
                _("The new password must be different from the current password."), code="password_unchanged"
            )

    def get_help_text(self):
        return _("Your new password must be different from the current password.")


def _matches(password, encoded):
    return check_password(password, encoded)
