"""The Cờ thi đua của UBND tỉnh's condition reads the issued ranking of a block the province organises
(Luật Thi đua, khen thưởng 2022 Điều 26 khoản 1: the collective that leads its cụm or khối)."""
from datetime import date
from decimal import Decimal as D

import pytest

from awards.eligibility import evaluate
from awards.models import Rule
from awards.tests.factories import award
from emulation.models import Agency
from scoring.enums import TableStatus
from scoring.models import Assessment, Block, ScoringTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG", abbreviation="BTĐKT",
                                 place="Quảng Ngãi")


def _ranked(agency, unit, *, rank, size=5, total=D("96.5"), kind_of_block="cum"):
    table = ScoringTable.objects.create(agency=agency, year=2025, title="Chấm điểm cụm thi đua 2025",
                                        status=TableStatus.ISSUED, number=3, issue_date=date(2026, 1, 15))
    block = Block.objects.create(agency=agency, year=2025, name="Cụm thi đua các sở kinh tế", kind=kind_of_block)
    block.members.add(unit)
    return Assessment.objects.create(table=table, unit=unit, status="approved", total=total, rank=rank, block=block,
                                     block_rank=rank, block_size=size)


def _flag_check(unit):
    verdict = evaluate(award("CTD_TINH"), 2025, unit=unit)
    return verdict.check(Rule.Kind.LEADS_BLOCK)


def test_the_leader_of_a_province_block_meets_the_condition_with_its_rank_points_and_notice(org, province):
    _ranked(province, org.department, rank=1)
    check = _flag_check(org.department)
    assert check.met
    assert check.reason == "Xếp hạng 1/5 trong Cụm thi đua các sở kinh tế với 96,5 điểm"
    assert "Điều 26 khoản 1" in check.legal_basis and "03/TB-BTĐKT" in check.legal_basis


def test_second_in_the_block_does_not_lead_it(org, province):
    _ranked(province, org.department, rank=2, total=D("91"))
    check = _flag_check(org.department)
    assert not check.met
    assert check.reason == "Xếp hạng 2/5 trong Cụm thi đua các sở kinh tế với 91 điểm"


def test_leading_a_block_inside_the_agency_is_not_leading_one_the_province_organises(org):
    agency = org.department.agency
    _ranked(agency, org.department, rank=1)
    check = _flag_check(org.department)
    assert not check.met
    assert "Chưa có kết quả xếp hạng" in check.reason


def test_a_disqualified_member_is_not_ranked(org, province):
    assessment = _ranked(province, org.department, rank=None, total=D("88"))
    Assessment.objects.filter(pk=assessment.pk).update(disqualified=True)
    assert not _flag_check(org.department).met
