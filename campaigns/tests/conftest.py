import pytest

from campaigns.demo import seed_the_plan
from emulation.models import Role


@pytest.fixture
def seeded_plan(db, make_user):
    """The seed plan, issued through the workflow by the demo's Office and Director logins."""
    make_user(Role.OFFICE, username="vanphong")
    make_user(Role.DIRECTOR, username="giamdoc")
    return seed_the_plan()
