"""Start-up: `--version` and appends must not import the heavy parts (rich, tabulate, tally, renderers)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("rich", "tabulate", "gkcli.tally", "gkcli.render", "gkcli.validate", "gkcli.loader", "pydantic", "docx", "lxml", "openpyxl")


def _imported(args: list[str], cwd) -> set[str]:
    code = "import sys, runpy; sys.argv = ['gkcli', *sys.argv[1:]]\ntry:\n    runpy.run_module('gkcli', run_name='__main__')\nexcept SystemExit:\n    pass\nprint('\\n'.join(sys.modules), file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return set(result.stderr.split())


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_version_imports_nothing_heavy(tmp_path):
    modules = _imported(["--version"], tmp_path)
    assert "gkcli" in modules
    assert _heavy(modules) == []
    assert "typer" not in modules


@pytest.mark.parametrize(
    "args",
    [
        ["case", "add", "--received", "2024-05-10", "--applicant", "business"],
        ["event", "add", "penalty", "--date", "2024-06-03"],
        ["review", "add", "--kind", "reconsideration", "--filed", "2024-08-01"],
        ["case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "不掌握"],
        ["case", "extend", "2024-0001", "--date", "2024-05-20", "--days", "10", "--approver", "主任"],
    ],
)
def test_appends_import_nothing_heavy(gk, args):
    gk.add_case("2024-05-09")
    modules = _imported(["--book", str(gk.root), *args], gk.root)
    assert "gkcli.ledger.write" in modules  # the append really ran
    assert _heavy(modules) == []
