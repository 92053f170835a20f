"""Appends stay cheap: they never import the terminal/table libraries, the tally or renderers."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import atexit, sys
def report():
    heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'tabulate', 'pydantic')
                   or m.startswith(('gkcli.tally', 'gkcli.render', 'gkcli.validate')))
    sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')
atexit.register(report)
sys.argv = ['gkcli'] + sys.argv[1:]
from gkcli.__main__ import main
main()
"""


def heavy_imports(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    line = [x for x in result.stderr.splitlines() if x.startswith("HEAVY=")][-1]
    return [m for m in line.removeprefix("HEAVY=").split(",") if m]


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["case", "add", "--received", "2024-05-10", "--applicant", "自然人"],
        ["case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "不掌握"],
        ["event", "add", "penalty", "--date", "2024-06-03"],
        ["review", "add", "--kind", "reconsideration", "--filed", "2024-07-01"],
    ],
)
def test_appends_import_nothing_heavy(gk, args):
    assert heavy_imports("--book", str(gk.root), *args) == []
