"""The Office's pages of its agency's signing keys (issue 27 item 4): the list, a key's form, taking a key out
of use. Keys are read through the user's own agency (no agency in the address): another agency's key is a 404."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation import permissions
from emulation.documents import signing_keys
from emulation.documents.forms import SigningKeyForm
from emulation.documents.models import SigningKey
from emulation.workflow import labelled_timeline

PAGE_SIZE = 50


def _own_keys(request):
    permissions.require(permissions.can_set_up_agency(request.user))
    # The PKCS#12 file and its passphrase are never read for a page.
    return SigningKey.objects.filter(agency_id=permissions.agency_id_of(request.user)).defer(
        "pkcs12", "pkcs12_passphrase")


@login_required
def signing_key_list(request):
    """The agency's keys, those in use first: whose, kind, what the certificate says, the image."""
    keys = _own_keys(request).order_by(F("active").desc(), "signer_name", "-pk")
    page = Paginator(keys, PAGE_SIZE).get_page(request.GET.get("page"))
    for key in page:
        key.facts = signing_keys.certificate_facts(key.certificate)
        key.image_uri = signing_keys.image_data_uri(key.image)
    return render(request, "documents/signing_key_list.html", {"page": page})


@login_required
def signing_key_edit(request, pk=None):
    keys = _own_keys(request)
    key = get_object_or_404(keys, pk=pk) if pk is not None else None
    form = SigningKeyForm(request.POST or None, request.FILES or None, instance=key)
    if request.method == "POST" and form.is_valid():
        signing_keys.save_key(permissions.agency_id_of(request.user), form.values, actor=request.user, key=key)
        messages.success(request, _("The signing key has been saved."))
        return redirect("signing_key_list")
    return render(request, "documents/signing_key_form.html", {
        "form": form, "key": key, "history": labelled_timeline(key) if key else [],
        "title": _("Change a signing key") if key else _("Add a signing key"), "back": reverse("signing_key_list"),
    })


@login_required
@require_POST
def signing_key_deactivate(request, pk):
    key = get_object_or_404(_own_keys(request), pk=pk)
    if signing_keys.deactivate_key(key, actor=request.user):
        messages.success(request, _("The key is no longer used: documents are signed with another key, or issued "
                                    "unsigned."))
    else:
        messages.info(request, _("This key was already out of use."))
    return redirect("signing_key_list")
