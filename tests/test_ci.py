"""CI runs exactly the README's test command (Quickstart), so what the README promises is what
CI proves: every test, the slow ones included."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = re.search(r"# 2\. Install the test extras.*?\n(.*?)\n", readme)
    assert quickstart is not None, "the Quickstart's second command is gone"
    readme_pytest = quickstart.group(1).split("&&")[-1].strip()
    assert readme_pytest.startswith(".venv/bin/pytest ")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci_pytest = [line for line in ci_lines if line.startswith("pytest ")]
    assert ci_pytest == [readme_pytest.removeprefix(".venv/bin/")]
    assert "-m" not in readme_pytest.split()  # no test left out
