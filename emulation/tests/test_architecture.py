"""The house rules that a linter checks (docs/architecture.md, "The layers and the import rule"): the apps
import downwards only and no module imports one that imports it back (import-linter's contracts in
.importlinter), and an import inside a function, which ruff's PLC0415 refuses, says why when it stays."""
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("config", "bench", "emulation", "campaigns", "awards", "reports")


def test_the_layers_and_the_no_circle_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache", "--config", str(ROOT / ".importlinter")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout[-3000:]


def test_every_import_left_inside_a_function_says_why():
    unexplained = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "noqa: PLC0415" in line and not re.search(r"noqa: PLC0415 - \S", line)
    ]
    assert unexplained == []
