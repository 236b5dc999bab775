"""The form of an agency's signing key (issue 27 item 4): its files are checked at once (signing_keys)."""
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.documents import signing_keys
from emulation.documents.models import SigningKey
from emulation.forms import numbers_as_text

MAX_FILE_BYTES = 2 * 1024 * 1024


@numbers_as_text
class SigningKeyForm(forms.Form):
    signer_name = forms.CharField(
        label=gettext_lazy("Whose key"), max_length=150, required=False,
        help_text=gettext_lazy("The signer's full name as printed under the signature; leave blank for the agency's "
                               "own key (its seal)."))
    kind = forms.ChoiceField(label=gettext_lazy("Where the key is kept"), choices=SigningKey.Kind.choices)
    pkcs12_file = forms.FileField(
        label=gettext_lazy("Certificate file (.p12, .pfx)"), required=False,
        help_text=gettext_lazy("For a certificate file only. When changing a key, leave empty to keep its file."))
    passphrase = forms.CharField(label=gettext_lazy("Passphrase of the certificate file"), required=False,
                                 max_length=100, widget=forms.PasswordInput(render_value=False))
    pkcs11_module = forms.CharField(label=gettext_lazy("Token driver (PKCS#11 module path)"), max_length=300,
                                    required=False, help_text=gettext_lazy("For a USB token or HSM only."))
    pkcs11_token = forms.CharField(label=gettext_lazy("Token label"), max_length=100, required=False)
    pkcs11_key = forms.CharField(label=gettext_lazy("Key label on the token"), max_length=100, required=False)
    remote_account = forms.CharField(label=gettext_lazy("Remote-signing account"), max_length=150, required=False,
                                     help_text=gettext_lazy("For remote signing only."))
    certificate_file = forms.FileField(
        label=gettext_lazy("Certificate (.cer, .crt, .pem)"), required=False,
        help_text=gettext_lazy("For a token or remote signing: the key's certificate, so that its holder and "
                               "validity show in the list."))
    image = forms.FileField(
        label=gettext_lazy("Image (PNG with a transparent background)"), required=False,
        help_text=gettext_lazy("The seal for the agency's key, the handwritten signature for a person's. When "
                               "changing a key, leave empty to keep its image."))
    seal_mm = forms.IntegerField(label=gettext_lazy("Seal diameter (mm)"), min_value=20, max_value=60, initial=36,
                                 help_text=gettext_lazy("The agency's key only: the seal's real size."))

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in (
                "signer_name", "kind", "pkcs11_module", "pkcs11_token", "pkcs11_key", "remote_account", "seal_mm")})
        super().__init__(*args, **kwargs)

    def _read(self, name):
        upload = self.cleaned_data.get(name)
        if not upload:
            return b""
        if upload.size > MAX_FILE_BYTES:
            self.add_error(name, _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_FILE_BYTES)})
            return b""
        return upload.read()

    def _checked(self, name, check, *args):
        data = self._read(name)
        if not data:
            return b""
        try:
            return check(data, *args)
        except signing_keys.KeyFileError as error:
            self.add_error(name, str(error))
            return b""

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        adding = self.instance is None
        values = {"signer_name": data.get("signer_name", "").strip(), "kind": kind, "seal_mm": data.get("seal_mm")}
        if kind == SigningKey.Kind.PKCS12:
            if self.cleaned_data.get("pkcs12_file"):
                der = self._checked("pkcs12_file", signing_keys.pkcs12_certificate, data.get("passphrase", ""))
                if der:
                    self.cleaned_data["pkcs12_file"].seek(0)
                    values.update(certificate=der, pkcs12=self.cleaned_data["pkcs12_file"].read(),
                                  pkcs12_passphrase=data.get("passphrase", ""))
            elif adding or self.instance.kind != kind:
                self.add_error("pkcs12_file", _("Choose the certificate file (.p12) and give its passphrase."))
        else:
            values.update(pkcs12=b"", pkcs12_passphrase="")
            required = (("pkcs11_module", "pkcs11_token", "pkcs11_key") if kind == SigningKey.Kind.PKCS11
                        else ("remote_account",))
            for name in required:
                if not data.get(name, "").strip():
                    self.add_error(name, _("Fill this in for this kind of key."))
            for name in ("pkcs11_module", "pkcs11_token", "pkcs11_key", "remote_account"):
                values[name] = data.get(name, "").strip() if name in required else ""
            if self.cleaned_data.get("certificate_file"):
                der = self._checked("certificate_file", signing_keys.certificate_der)
                if der:
                    values["certificate"] = der
            elif not adding and self.instance.kind == SigningKey.Kind.PKCS12:
                values["certificate"] = b""  # the file's certificate went with the file
        if self.cleaned_data.get("image"):
            png = self._checked("image", signing_keys.checked_png)
            if png:
                values["image"] = png
        elif adding:
            self.add_error("image", _("Choose the image: the seal for the agency's key, the signature for a "
                                      "person's."))
        self.values = values
        return data
