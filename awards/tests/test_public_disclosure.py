"""Issue 31 §11: the lists the Office makes public on its agency's page, and comments from the public."""
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from awards.disclosure import publish
from awards.models import Disclosure, DisclosureComment, Nomination
from awards.tests.factories import NominationFactory, RoundFactory, award
from emulation.models import Agency, Notification

pytestmark = pytest.mark.django_db
S = Nomination.Status


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limit counts in the cache: every test starts with no comment sent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db):
    return Agency.objects.primary()


@pytest.fixture
def published(org, staff_in, office_user):
    """A published list with one staff member who has an identity number and a birth date."""
    round_ = RoundFactory()
    person = staff_in(org.land, full_name="Lê Văn Được", identity_number="051234567890", date_of_birth=date(1979, 3, 14))
    nomination = NominationFactory(round=round_, staff=person, award_type=award("LDTT"))
    Nomination.objects.filter(pk=nomination.pk).update(status=S.APPROVED)
    return publish(round_, days=10, actor=office_user)


def list_url(agency, disclosure):
    return reverse("public_disclosure", args=[agency.abbreviation, disclosure.pk])


def comment(client, agency, disclosure, **extra):
    data = {"sender": "Trần Thị Dân", "contact": "0905 123 456", "text": "Tôi xin góp ý về danh sách.", **extra}
    return client.post(list_url(agency, disclosure), data)


def test_the_office_makes_a_list_public_with_the_button(office_client, published, agency):
    response = office_client.post(reverse("awards:disclosure_public", args=[published.pk]), {"public": "1"})
    assert response.url == reverse("awards:disclosure_detail", args=[published.pk])
    published.refresh_from_db()
    assert published.public is True
    page = office_client.get(response.url).content.decode()
    assert list_url(agency, published) in page


def test_a_staff_member_cannot_make_a_list_public(client, make_user, org, published):
    client.force_login(make_user(unit=org.env))
    assert client.post(reverse("awards:disclosure_public", args=[published.pk]), {"public": "1"}).status_code == 403
    published.refresh_from_db()
    assert published.public is False


def test_anonymous_sees_a_public_list_without_identity_number_or_birth_date(client, published, agency):
    Disclosure.objects.filter(pk=published.pk).update(public=True)
    index = client.get(reverse("public_disclosures", args=[agency.abbreviation])).content.decode()
    assert published.round.name in index
    page = client.get(list_url(agency, published)).content.decode()
    assert "Lê Văn Được" in page and "Lao động tiên tiến" in page
    assert "051234567890" not in page and "14/03/1979" not in page and "1979" not in page
    assert 'id="mainnav"' not in page  # no menu for the public


def test_a_list_not_made_public_is_404(client, published, agency):
    assert client.get(list_url(agency, published)).status_code == 404
    assert comment(client, agency, published).status_code == 404
    assert published.round.name not in client.get(reverse("public_disclosures", args=[agency.abbreviation])).content.decode()


def test_another_agencys_list_is_not_shown_under_this_agency(client, agency):
    other = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    theirs = Disclosure.objects.create(round=RoundFactory(agency=other, name="Đợt của Sở Y tế"), public=True,
                                       published_on=date(2025, 12, 1), ends_on=date(2099, 12, 31),
                                       entries=[{"nominee": "Bác sĩ Hạnh", "unit": "Bệnh viện", "award": "Giấy khen"}])
    assert "Đợt của Sở Y tế" not in client.get(reverse("public_disclosures", args=[agency.abbreviation])).content.decode()
    assert client.get(list_url(agency, theirs)).status_code == 404
    assert "Bác sĩ Hạnh" in client.get(list_url(other, theirs)).content.decode()


def test_a_comment_from_the_public_reaches_the_office(client, office_client, office_user, published, agency):
    Disclosure.objects.filter(pk=published.pk).update(public=True)
    response = comment(client, agency, published)
    assert response.url == list_url(agency, published)
    row = DisclosureComment.objects.get()
    assert (row.author, row.sender, row.contact, row.text) == (None, "Trần Thị Dân", "0905 123 456", "Tôi xin góp ý về danh sách.")
    assert Notification.objects.filter(recipient=office_user, event_key=f"disclosure-comment:{row.pk}").count() == 1
    internal = office_client.get(reverse("awards:disclosure_detail", args=[published.pk])).content.decode()
    assert "Trần Thị Dân" in internal and "0905 123 456" in internal


def test_a_comment_without_a_name_is_refused_and_nothing_saved(client, published, agency):
    Disclosure.objects.filter(pk=published.pk).update(public=True)
    response = comment(client, agency, published, sender="  ")
    assert response.status_code == 200
    assert not DisclosureComment.objects.exists()


def test_the_sixth_comment_in_an_hour_is_refused_kindly(client, published, agency):
    Disclosure.objects.filter(pk=published.pk).update(public=True)
    for _ in range(5):
        comment(client, agency, published)
    response = comment(client, agency, published, text="Góp ý thứ sáu")
    page = client.get(response.url).content.decode()
    assert DisclosureComment.objects.count() == 5
    assert "Bạn đã gửi nhiều góp ý trong thời gian ngắn" in page


@pytest.mark.parametrize("count", [1, 3])
def test_public_pages_query_count_does_not_grow_with_lists(client, agency, count, django_assert_num_queries):
    round_ = RoundFactory()
    for n in range(count):
        Disclosure.objects.create(round=round_, public=True, published_on=date(2025, 12, 1), ends_on=date(2099, 12, 31),
                                  entries=[{"nominee": f"Người {n}", "unit": "Phòng", "award": "Giấy khen"}] * (n + 1))
    last = Disclosure.objects.order_by("pk").last()
    with django_assert_num_queries(4):  # the agency, the count, the page of lists, their decisions
        assert client.get(reverse("public_disclosures", args=[agency.abbreviation])).status_code == 200
    with django_assert_num_queries(3):  # the agency, the list with its round, the round's decisions
        assert client.get(list_url(agency, last)).status_code == 200


def test_the_login_page_leads_the_public_to_each_agencys_lists(client, published, agency):
    Disclosure.objects.filter(pk=published.pk).update(public=True)
    assert reverse("public_agencies") in client.get(reverse("login")).content.decode()
    index = client.get(reverse("public_agencies")).content.decode()
    assert reverse("public_disclosures", args=[agency.abbreviation]) in index and "1 danh sách công khai" in index


@pytest.mark.parametrize("count", [1, 3])
def test_public_agencies_query_count_does_not_grow_with_agencies(client, count, django_assert_num_queries):
    for n in range(count):
        Agency.objects.create(name=f"SỞ SỐ {n}", parent_authority="UBND TỈNH", abbreviation=f"S{n}", place="Quảng Ngãi")
    with django_assert_num_queries(2):  # the count, the page of agencies with their numbers of public lists
        assert client.get(reverse("public_agencies")).status_code == 200


def test_the_demo_shows_its_list_and_a_citizens_answered_comment_on_the_public_page(demo_data, client):
    disclosure = Disclosure.objects.get()
    page = client.get(list_url(Agency.objects.primary(), disclosure)).content.decode()
    assert disclosure.entries[0]["nominee"] in page
    citizen = disclosure.comments.get(author=None)
    assert (citizen.sender, bool(citizen.answered_at)) == ("Phạm Văn Dũng", True)
