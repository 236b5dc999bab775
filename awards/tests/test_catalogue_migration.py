"""Migration 0002 loads a frozen copy of the catalogue (issue 10: no live code called from a migration);
a fresh database holds exactly what awards/catalogue_data.py describes today."""
import importlib

import pytest

from awards import catalogue_data
from awards.models import AwardType, RuleSet

pytestmark = pytest.mark.django_db


def test_migration_0002_calls_no_live_code_of_the_app():
    source = importlib.util.find_spec("awards.migrations.0002_load_catalogue").loader.get_source(
        "awards.migrations.0002_load_catalogue")
    assert "catalogue_data" not in source.split('"""', 2)[2]
    assert "from awards" not in source


def test_the_frozen_catalogue_equals_the_live_one_on_a_fresh_database():
    fields = [(t.code, t.name, t.category, t.vote_threshold, t.legal_basis) for t in AwardType.objects.order_by("order")]
    assert fields == [(row[0], row[1], row[2], row[7], row[12]) for row in catalogue_data.AWARD_TYPES]
    sets = [(s.name, s.rules.count(), s.lookback_basis, s.initiative_basis) for s in RuleSet.objects.order_by("valid_from")]
    assert sets == [(name, len(rules), principles["lookback_basis"], principles["initiative_basis"])
                    for name, _basis, _from, _to, rules, principles in catalogue_data.RULE_SETS]
    paths = sorted(RuleSet.objects.first().rules.filter(kind="declared_path", nominees="all").values_list(
        "params__path", "legal_basis"))
    assert paths == sorted((params["path"], basis) for _c, _s, _k, params, _a, _b, basis in catalogue_data.PATH_RULES)
    outsiders = sorted(RuleSet.objects.first().rules.filter(nominees="outsiders").values_list("kind", "legal_basis"))
    assert outsiders == sorted((kind, basis) for _c, _s, kind, _p, _a, _b, basis in catalogue_data.OUTSIDER_RULES)
