"""The archive of issued documents and the number series they are numbered from."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.documents.symbols import number_symbol
from emulation.text import fold


class NumberSeries(models.Model):
    """The last number given in one series (document symbol) in one year, of one agency (each agency and
    its council number their documents independently)."""

    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, on_delete=models.PROTECT,
                               related_name="+")
    series = models.CharField(_("series"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [models.UniqueConstraint(fields=["agency", "series", "year"], name="number_series_unique")]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"


def document_search_text(number, symbol, title, signer_name):
    """What the archive's search matches: “45/KH-STNMT”, the summary line and the signer, folded."""
    reference = number_symbol(number, symbol) if number else symbol
    return fold(f"{reference} {title} {signer_name}")[:600]


class IssuedDocument(models.Model):
    """An issued document exactly as it went out: its number, date, summary line, signer, the checksum and
    size of its PDF, rendered once; the bytes themselves are in IssuedDocumentFile (`pdf`).

    Later downloads serve those bytes, so the document never changes when data or templates change. The
    bytes live apart so that this row stays narrow: the archive's lists, searches and counts read, sort and
    scope these rows by the hundred thousand without ever reading a PDF.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=40)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    issue_date = models.DateField(_("issue date"))
    title = models.TextField(_("summary line"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    units = models.ManyToManyField(
        "emulation.Unit", verbose_name=_("units concerned"), blank=True, related_name="+",
        help_text=_("The units the document is addressed to or about: their heads find it in the archive."),
    )
    #: Number and symbol, summary line and signer without diacritics or case, for the archive's search.
    search_text = models.CharField(max_length=600, editable=False, default="")
    signer_search = models.CharField(max_length=150, editable=False, default="")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("archived at"), auto_now_add=True)
    verification_code = models.CharField(_("verification code"), max_length=12, unique=True, null=True, editable=False)
    #: The agency that issued it (its subject's agency): the archive shows each agency its own documents.
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issue_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "kind"], name="issued_document_once"),
        ]
        indexes = [
            models.Index(fields=["symbol", "number"]),
            models.Index(fields=["kind", "issue_date"], name="issued_document_kind_date"),
            models.Index(fields=["issue_date"], name="issued_document_date"),
            # A typed number is matched exactly, always within the user's agency, newest first.
            models.Index(fields=["agency", "number", "issue_date"], name="issued_document_agency_number"),
            models.Index(fields=["sha256"], name="issued_document_sha256"),
            # The archive's scope and order: an agency's documents newest first, walked in this index;
            # kind and id in it so that a unit head's scope (kind = plan OR id IN their units' documents)
            # and the page's count are decided from the index alone (reports.rules.scope_documents).
            models.Index(fields=["agency", "issue_date", "id", "kind"], name="issued_document_scope"),
        ]

    def __str__(self):
        return f"{self.number_symbol} {self.title}".strip()

    def save(self, *args, **kwargs):
        self.search_text = document_search_text(self.number, self.symbol, self.title, self.signer_name)
        self.signer_search = fold(self.signer_name)[:150]
        super().save(*args, **kwargs)

    @property
    def pdf(self):
        """The exact bytes that were issued (one query unless loaded with ``select_related("content")``)."""
        return self.content.pdf

    @property
    def number_symbol(self):
        return number_symbol(self.number, self.symbol) if self.number else ""

    @property
    def code_display(self):
        """“ABCDE-FGHJK”: the verification code as printed."""
        code = self.verification_code or ""
        return f"{code[:5]}-{code[5:]}" if len(code) == 10 else code

    @property
    def filename(self):
        """“45-KH-STNMT.pdf” (no slash in a file name)."""
        stem = self.number_symbol.replace("/", "-") if self.number else f"{self.kind}-{self.object_id}"
        return f"{stem}.pdf"


class IssuedDocumentFile(models.Model):
    """The exact PDF bytes of one issued document (their SHA-256 and size are on the document): one row
    each, read only to serve or check a download, never by the archive's lists."""

    document = models.OneToOneField(IssuedDocument, verbose_name=_("issued document"), primary_key=True,
                                    on_delete=models.CASCADE, related_name="content")
    pdf = models.BinaryField(_("PDF"))

    class Meta:
        verbose_name = _("issued document file")
        verbose_name_plural = _("issued document files")

    def __str__(self):
        return str(self.document_id)


class SigningKey(models.Model):
    """A key that signs an agency's issued documents, with the image its signature shows (Decree 30,
    Appendix I): the agency's own (``signer_name`` blank: the văn thư signs with it, the image is the seal,
    red, at its real diameter `seal_mm`) or a person's (their name as printed under the signature; the
    image is their handwritten signature, blue). Where the key is kept is `kind`: a PKCS#12 file (tests and
    the demo only, made by `manage.py make_test_signing_keys`), a PKCS#11 token or HSM (its PIN comes from
    settings.SIGNING_PKCS11_PIN, never from the database), or a remote-signing account."""

    class Kind(models.TextChoices):
        PKCS12 = "pkcs12", _("Certificate file (tests and demo)")
        PKCS11 = "pkcs11", _("USB token or HSM (PKCS#11)")
        REMOTE = "remote", _("Remote signing")

    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), on_delete=models.CASCADE,
                               related_name="+")
    signer_name = models.CharField(_("signer"), max_length=150, blank=True,
                                   help_text=_("As printed under the signature; blank for the agency's own key."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    certificate = models.BinaryField(_("certificate (DER)"), blank=True, default=b"")
    pkcs12 = models.BinaryField(blank=True, default=b"")
    pkcs12_passphrase = models.CharField(max_length=100, blank=True)
    pkcs11_module = models.CharField(max_length=300, blank=True)
    pkcs11_token = models.CharField(max_length=100, blank=True)
    pkcs11_key = models.CharField(max_length=100, blank=True)
    remote_account = models.CharField(max_length=150, blank=True)
    image = models.BinaryField(_("image (PNG)"), blank=True, default=b"")
    seal_mm = models.PositiveSmallIntegerField(_("seal diameter (mm)"), default=36)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(fields=["agency", "signer_name"], condition=models.Q(active=True),
                                    name="signing_key_one_active"),
        ]

    def __str__(self):
        return self.signer_name or str(self.agency_id)
