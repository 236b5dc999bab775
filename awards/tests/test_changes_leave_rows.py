"""Every state-changing action leaves a timeline row, not only transitions (issue 10): a condition set
aside, a dossier file added, a delegation granted, a catalogue entry or a rule set changed."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.eligibility import evaluate_nomination, set_aside
from awards.models import EligibilityOverride, RuleSet
from awards.tests.factories import NominationFactory, award
from emulation.models import Delegation, Role
from emulation.workflow import TransitionError, timeline_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(org, staff_in):
    return NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"))


def _rows(obj):
    return [(e.action, e.actor, e.reason) for e in timeline_of(obj)]


def test_setting_a_condition_aside_writes_a_timeline_row_shown_on_the_page(office_client, office_user, nomination):
    failed = evaluate_nomination(nomination).failed[0]
    office_client.post(reverse("awards:nomination_override", args=[nomination.pk]),
                       {"rule_key": failed.key, "reason": "Đã có xác nhận"})
    assert _rows(nomination) == [("set_aside", office_user, "Đã có xác nhận")]
    assert [e.data["rule"] for e in timeline_of(nomination)] == [failed.key]
    page = office_client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Đã bỏ qua điều kiện" in page


def test_setting_the_same_condition_aside_twice_is_refused_with_a_message_not_a_500(office_user, nomination):
    failed = evaluate_nomination(nomination).failed[0]
    set_aside(nomination, failed.key, "Lần một", actor=office_user)
    with pytest.raises(TransitionError, match="Điều kiện này đã được bỏ qua trước đó."):
        set_aside(nomination, failed.key, "Lần hai", actor=office_user)
    assert EligibilityOverride.objects.count() == 1
    assert len(_rows(nomination)) == 1


def test_setting_aside_without_a_reason_or_an_unknown_condition_is_refused(office_user, nomination):
    failed = evaluate_nomination(nomination).failed[0]
    with pytest.raises(TransitionError, match="Hãy nêu lý do bỏ qua điều kiện này."):
        set_aside(nomination, failed.key, "  ", actor=office_user)
    with pytest.raises(TransitionError, match="Hãy nêu lý do bỏ qua điều kiện này."):
        set_aside(nomination, "no-such-rule", "Lý do", actor=office_user)
    assert not EligibilityOverride.objects.exists()
    assert _rows(nomination) == []


def test_adding_a_dossier_file_writes_a_timeline_row(land_head_client, land_head, nomination):
    land_head_client.post(reverse("awards:nomination_upload", args=[nomination.pk]), {
        "file": SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    })
    assert _rows(nomination) == [("dossier_file_added", land_head, "")]
    assert [e.data["file"] for e in timeline_of(nomination)] == ["to-trinh.pdf"]


def test_granting_a_delegation_writes_a_row_on_the_delegation(client, director_user, make_user):
    deputy = make_user(Role.DEPUTY_DIRECTOR)
    client.force_login(director_user)
    client.post(reverse("awards:record_create", args=["delegation"]), {
        "deputy": deputy.pk, "valid_from": "01/01/2020", "document": "Giấy ủy quyền 01",
    })
    delegation = Delegation.objects.get()
    assert delegation.granted_by == director_user
    assert _rows(delegation) == [("delegation_granted", director_user, "")]


def test_changing_the_catalogue_writes_a_row_with_the_changed_fields(office_client, office_user):
    cstdcs = award("CSTDCS")
    data = {f: getattr(cstdcs, f) for f in ["code", "name", "category", "level", "subject", "authority", "deciding_body",
                                            "vote_threshold", "quorum_numerator", "quorum_denominator", "legal_basis",
                                            "dossier_documents", "order"]}
    data.update({"ballot_required": "on", "counts_toward_lookbacks": "on", "active": "on", "quota_percent": 15,
                 "quota_base": award("LDTT").pk})
    office_client.post(reverse("awards:award_type_edit", args=[cstdcs.pk]), data)
    entries = list(timeline_of(cstdcs))
    assert [(e.action, e.actor) for e in entries] == [("catalogue_changed", office_user)]
    assert "quota_percent" in entries[0].data["fields"]


def test_adding_a_rule_set_in_the_administration_writes_a_row(client, make_user):
    admin = make_user(Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(reverse("admin:awards_ruleset_add"), {
        "name": "Quy chế thi đua 2027", "legal_basis": "Quyết định số 01/QĐ-STNMT", "valid_from": "01/01/2027",
        "rules-TOTAL_FORMS": "0", "rules-INITIAL_FORMS": "0", "rules-MIN_NUM_FORMS": "0", "rules-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 302
    rule_set = RuleSet.objects.get(name="Quy chế thi đua 2027")
    assert [(e.action, e.actor) for e in timeline_of(rule_set)] == [("rules_created", admin)]
