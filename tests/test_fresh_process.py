"""Every command in a fresh process, as a clerk runs it: whatever order modules load in,
no command ends in a traceback (bad input exits 2 with a Chinese message)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import SAMPLE_BOOK, SAMPLE_REPORT

COMMANDS = [
    (["report", "2024", "-f", "json"], 0),
    (["check", "2024"], 0),
    (["due", "--today", "2024-06-01"], 0),
    (["due", "--within", "abc"], 2),
    (["case", "list"], 0),
    (["case", "show", "2024-0001", "--explain"], 0),
    (["case", "show", "2099-9"], 2),
    (["explain", "2024", "new.total"], 0),
    (["narrative", "fields", "2024"], 0),
    (["fee", "--pages", "250"], 0),
    (["audit", str(SAMPLE_REPORT)], 0),
    (["audit", "/nonexistent/年报.pdf"], 2),
]


@pytest.mark.parametrize("args,code", COMMANDS, ids=[" ".join(a[:2]) + f"→{c}" for a, c in COMMANDS])
def test_command_in_a_fresh_process(args, code, tmp_path):
    env = os.environ | {"GKCLI_CACHE_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "gkcli", "--book", str(SAMPLE_BOOK), *args], capture_output=True, text=True, timeout=120, env=env
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stdout + result.stderr
    if code == 2:
        assert result.stderr.startswith("错误：")


def test_every_module_imports_first_in_a_fresh_interpreter():
    """No import cycle hides behind the order in which the tests happen to import modules."""
    from conftest import REPO

    names = sorted(
        ".".join(p.relative_to(REPO / "src").with_suffix("").parts).removesuffix(".__init__") for p in (REPO / "src" / "gkcli").rglob("*.py")
    )
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n    for m in [m for m in sys.modules if m.startswith('gkcli')]:\n        del sys.modules[m]\n"
    result = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
