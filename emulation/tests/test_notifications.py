import pytest
from django.core import mail
from django.urls import reverse

from emulation.models import Notification, Role
from emulation.notifications import notify


@pytest.mark.django_db
def test_notify_records_and_emails_once_per_event(make_user, mail_queue):
    user = make_user(Role.UNIT_HEAD, email="head@example.vn")
    with mail_queue():
        first = notify(user, "Báo cáo quý I sắp đến hạn", link="/campaigns/", event_key="due:1:1")
        second = notify(user, "Báo cáo quý I sắp đến hạn", link="/campaigns/", event_key="due:1:1")
    assert first is not None and second is None
    assert Notification.objects.filter(recipient=user).count() == 1
    assert [m.to for m in mail.outbox] == [["head@example.vn"]]
    assert mail.outbox[0].body.endswith("/campaigns/")


@pytest.mark.django_db
def test_notifications_without_event_key_are_not_deduplicated(make_user):
    user = make_user(Role.OFFICE)
    notify(user, "Một")
    notify(user, "Hai")
    assert Notification.objects.filter(recipient=user).count() == 2


@pytest.mark.django_db
def test_navigation_shows_unread_count_loaded_with_the_user(client, make_user):
    user = make_user(Role.OFFICE)
    notify(user, "Một")
    notify(user, "Hai")
    client.force_login(user)
    response = client.get(reverse("notification_list"))
    assert response.context["user"].unread_notifications == 2
    assert 'data-testid="notifications"' in response.content.decode()


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_follows_the_link(client, make_user):
    user = make_user(Role.OFFICE)
    notification = notify(user, "Một", link="/units/")
    client.force_login(user)
    response = client.post(reverse("notification_read"), {"pk": notification.pk})
    assert response.status_code == 302 and response.url == "/units/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_another_persons_notification_cannot_be_marked(client, make_user):
    owner = make_user(Role.OFFICE)
    notification = notify(owner, "Một")
    client.force_login(make_user(Role.OFFICE))
    assert client.post(reverse("notification_read"), {"pk": notification.pk}).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_mark_all_read_clears_the_count(client, make_user):
    user = make_user(Role.OFFICE)
    notify(user, "Một")
    notify(user, "Hai")
    client.force_login(user)
    client.post(reverse("notification_read"))
    assert client.get(reverse("notification_list")).context["user"].unread_notifications == 0


@pytest.mark.django_db
def test_notification_list_shows_only_own_notifications(client, make_user):
    notify(make_user(Role.OFFICE), "Của người khác")
    user = make_user(Role.OFFICE)
    notify(user, "Của tôi")
    client.force_login(user)
    content = client.get(reverse("notification_list")).content.decode()
    assert "Của tôi" in content and "Của người khác" not in content


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_notification_list_query_count_does_not_grow_with_rows(client, make_user, count, django_assert_num_queries):
    user = make_user(Role.OFFICE)
    for index in range(count):
        notify(user, f"Thông báo {index}")
    client.force_login(user)
    with django_assert_num_queries(4):
        response = client.get(reverse("notification_list"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.django_db
def test_email_goes_to_the_staff_record_when_the_login_has_none(make_user, staff_in, org, mail_queue):
    user = make_user(Role.UNIT_HEAD, unit=org.land)
    staff_in(org.land, user=user, email="vo.van.dong@stnmt.quangngai.gov.vn")
    with mail_queue():
        notify(user, "Nhắc nộp báo cáo")
    assert [m.to for m in mail.outbox] == [["vo.van.dong@stnmt.quangngai.gov.vn"]]
