"""Shared fixtures: run the CLI in-process, make books, write ledgers inline."""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from gkcli.cli.app import app

# Property tests draw the same examples on every run, so a run passes or fails the same way on any
# machine; GKCLI_HYPOTHESIS=explore draws new ones each time (to look for counterexamples).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("GKCLI_HYPOTHESIS", "repeatable"))

REPO = Path(__file__).resolve().parent.parent
SAMPLE_BOOK = REPO / "data"
# Facts of the report 蓟州区东二营镇 published for 2024, which the sample book reproduces (nothing outside the repository is read)
PUBLISHED = json.loads((REPO / "tests" / "fixtures" / "published" / "dongerying-2024.json").read_text(encoding="utf-8"))
# gkcli's own rendering of the sample book's whole report, kept as a golden file: what audit tests read
SAMPLE_REPORT = REPO / "tests" / "golden" / "dongerying-2024-report.md"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    """Large ledgers are cached (ledger/cache.py): in a folder of the test run, never the user's."""
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "gkcli-cache"))


class Gk:
    """`gk("case", "add", …)` runs gkcli on one book and returns the click Result."""

    def __init__(self, root: Path):
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, ["--book", str(self.root), *args], input=input)

    def ok(self, *args: str, input: str | None = None) -> str:
        result = self(*args, input=input)
        assert result.exit_code == 0, f"{args}: exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def json(self, *args: str):
        return json.loads(self.ok(*args))

    def add_case(self, received: str, applicant: str = "natural_person", **options: str) -> str:
        extra = [f"--{k.replace('_', '-')}={v}" for k, v in options.items()]
        return self.ok("case", "add", "--received", received, "--applicant", applicant, *extra).strip().splitlines()[-1]

    def write(self, relpath: str, text: str) -> Path:
        """Write a ledger by hand, as a clerk with an editor would."""
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def snapshot(self) -> dict[str, str]:
        """Hash of every file in the book, to prove a command wrote nothing."""
        return {
            p.relative_to(self.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and p.name != ".gkcli.lock"
        }


@pytest.fixture
def gk(tmp_path: Path) -> Gk:
    root = tmp_path / "book"
    result = CliRunner().invoke(app, ["init", str(root), "--agency", "测试县某某镇人民政府"])
    assert result.exit_code == 0, result.stderr
    return Gk(root)


@pytest.fixture
def sample() -> Gk:
    return Gk(SAMPLE_BOOK)
