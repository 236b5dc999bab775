"""The public page that verifies issued documents (no login): by code (the QR code opens it), by number,
date and checksum, or by uploading the PDF. It says whether such a document was issued, never what it says."""
from django import forms
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.documents import verification
from emulation.forms import DateInput


class CheckForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Verification code"), max_length=20, required=False)
    reference = forms.CharField(label=gettext_lazy("Number and symbol"), max_length=80, required=False,
                                help_text=gettext_lazy("For example 05/QĐ-STNMT"))
    issue_date = forms.DateField(label=gettext_lazy("Issue date"), required=False, widget=DateInput(),
                                 input_formats=["%d/%m/%Y", "%Y-%m-%d"], help_text=gettext_lazy("dd/mm/yyyy"))
    sha256 = forms.CharField(label=gettext_lazy("SHA-256 checksum"), max_length=64, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("PDF file to check"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = verification.max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(size)s.") % {"size": filesizeformat(limit)})
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This is not a PDF file."))
        return upload


def _upload_result(request, expected):
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = b"".join(form.cleaned_data["file"].chunks())
        genuine, found = verification.check_upload(data, expected)
        signatures, readable = verification.check_signatures(data)
        result = {"genuine": genuine, "document": found, "type_name": verification.type_name(found) if found else "",
                  "signatures": signatures, "readable": readable}
    return form, result


def verify_search(request):
    """By code (redirects to its page), or by number, date and checksum all three; or an uploaded PDF
    looked up in the whole archive by its checksum."""
    form = CheckForm(request.GET or None)
    found, asked = None, False
    if request.method == "GET" and form.is_valid():
        data = form.cleaned_data
        if data["code"]:
            document = verification.by_code(data["code"])
            if document is not None:
                return redirect("verify_document", code=document.verification_code)
            asked = True
        elif data["reference"] or data["issue_date"] or data["sha256"]:
            asked = True
            if not (data["reference"] and data["issue_date"] and data["sha256"]):
                form.add_error(None, _("Enter the number and symbol, the issue date and the checksum."))
            else:
                found = next((d for d in verification.IssuedDocument.objects.filter(
                    sha256=data["sha256"].strip().lower(), issue_date=data["issue_date"])
                    if verification.matches(d, reference=data["reference"])), None)
    upload_form, upload_result = _upload_result(request, None)
    return render(request, "documents/verify.html", {
        "check_form": form, "upload_form": upload_form, "upload_result": upload_result,
        "asked": asked and not form.non_field_errors(), "document": found,
        "type_name": verification.type_name(found) if found else "",
    })


def verify_document(request, code):
    """The page the QR code opens: whether a document with this code was issued, its number, date and
    checksum; an uploaded copy is compared byte for byte with it."""
    document = verification.by_code(code)
    upload_form, upload_result = _upload_result(request, document) if document else (UploadForm(), None)
    return render(request, "documents/verify.html", {
        "check_form": CheckForm(), "upload_form": upload_form, "upload_result": upload_result,
        "asked": True, "document": document, "code": code,
        "type_name": verification.type_name(document) if document else "",
    }, status=200 if document else 404)
