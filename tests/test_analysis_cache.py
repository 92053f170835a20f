"""The cache of a report's figures: a cached report is byte for byte the report computed afresh,
and any change to any input (a ledger, holidays.toml, gkcli.toml, the year) is seen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import Gk

from gkcli import analysis_cache, loader
from gkcli.ledger import cache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from books import END, write_book  # noqa: E402


@pytest.fixture
def cached_always(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(analysis_cache, "MIN_BYTES", 0)
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def fresh(gk, monkeypatch, *args: str) -> str:
    with monkeypatch.context() as m:
        m.setenv("GKCLI_CACHE", "0")
        return gk.ok(*args)


def no_reading(monkeypatch):
    """From here on, reading the book fails the test: the figures must come from the cache."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the book was read although its figures were cached")

    monkeypatch.setattr(loader, "read_book", refuse)


def test_a_cached_report_is_the_fresh_report(cached_always, tmp_path, monkeypatch):
    gk = Gk(write_book(tmp_path / "book", 400))
    for fmt in ("json", "md", "csv"):
        expected = fresh(gk, monkeypatch, "report", "2024", "--format", fmt)
        assert gk.ok("report", "2024", "--format", fmt) == expected  # computes and keeps
    assert len(list(cached_always.glob("*.analysis"))) == 1
    with monkeypatch.context() as m:
        no_reading(m)
        for fmt in ("json", "md", "csv", "html"):
            assert gk.ok("report", "2024", "--format", fmt) == fresh_without_patch(gk, fmt)


def fresh_without_patch(gk, fmt: str) -> str:
    """The fresh report, computed in a child process so the patched reader is not in the way."""
    import os
    import subprocess

    env = os.environ | {"GKCLI_CACHE": "0"}
    out = subprocess.run([sys.executable, "-m", "gkcli", "--book", str(gk.root), "report", "2024", "--format", fmt], capture_output=True, env=env, check=True)
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "change",
    [
        "ledger",  # same size, another applicant type
        "holidays",  # a closure moves deadlines (timeliness)
        "config",  # another agency name
        "narrative",  # not cached at all: read each time
    ],
)
def test_every_input_change_is_seen(cached_always, tmp_path, monkeypatch, change):
    root = write_book(tmp_path / "book", 400)
    gk = Gk(root)
    gk.ok("narrative", "init", "2024")
    before = gk.ok("report", "2024", "--format", "md")
    if change == "ledger":
        path = root / "ledger" / "2024" / "cases.toml"
        path.write_text(path.read_text(encoding="utf-8").replace('"business"', '"research"', 1), encoding="utf-8")
    elif change == "holidays":
        (root / "holidays.toml").write_text('[[holiday]]\ndate = 2024-03-04\nend = 2024-03-29\nname = "闭馆"\n', encoding="utf-8")
    elif change == "config":
        path = root / "gkcli.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("基准测试县", "另一个县"), encoding="utf-8")
    else:
        path = root / "narrative" / "2024.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n补充说明一段。\n", encoding="utf-8")
    after = gk.ok("report", "2024", "--format", "md")
    assert after != before
    assert after == fresh(gk, monkeypatch, "report", "2024", "--format", "md")
    assert len(list(cached_always.glob("*.analysis"))) == 1  # the entry of the old content is gone


def test_each_year_is_kept_apart(cached_always, tmp_path, monkeypatch):
    gk = Gk(write_book(tmp_path / "book", 300))
    reports = {y: gk.ok("report", y, "--format", "json") for y in ("2023", "2024")}
    assert reports["2023"] != reports["2024"]
    for y, text in reports.items():
        assert gk.ok("report", y, "--format", "json") == text == fresh(gk, monkeypatch, "report", y, "--format", "json")
    assert len(list(cached_always.glob("*.analysis"))) == 2


def test_a_broken_book_is_refused_every_time(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 100)
    gk = Gk(root)
    with (root / "ledger" / "2024" / "cases.toml").open("a", encoding="utf-8") as f:
        f.write('[[case]]\nid = "x"\nreceived = 2024-02-30\napplicant = "business"\n')
    for _ in range(2):
        result = gk("report", "2024", "--format", "json")
        assert result.exit_code == 2 and "无法使用" in result.stderr
    assert not list(cached_always.glob("*.analysis"))


def test_an_unreadable_entry_is_computed_again(cached_always, tmp_path, monkeypatch):
    gk = Gk(write_book(tmp_path / "book", 200))
    expected = gk.ok("report", "2024", "--format", "json")
    for entry in cached_always.glob("*.analysis"):
        entry.write_bytes(b"not a pickle")
    assert gk.ok("report", "2024", "--format", "json") == expected
    monkeypatch.setenv("GKCLI_CACHE", "0")
    assert gk.ok("report", "2024", "--format", "json") == expected


def test_a_book_inside_a_folder_named_ledger(cached_always, tmp_path):
    """Only the ledger files are read as ledgers, wherever the book lies (its parent may be called ledger)."""
    from conftest import app
    from typer.testing import CliRunner

    root = tmp_path / "ledger" / "book"
    assert CliRunner().invoke(app, ["init", str(root), "--agency", "测试镇人民政府"]).exit_code == 0
    gk = Gk(root)
    gk.ok("case", "add", "--received", "2024-05-10", "--applicant", "商业企业")
    (root / "holidays.toml").write_text('[[holiday]]\ndate = 2024-03-04\nname = "闭馆"\n', encoding="utf-8")
    for _ in range(2):
        assert gk.ok("report", "2024", "--format", "csv") == fresh_without_patch(gk, "csv")


def test_figures_are_not_kept_when_the_settings_change_meanwhile(cached_always, tmp_path, monkeypatch):
    """An edit of gkcli.toml while a report is computed: that report's figures are not kept under the old digest."""
    root = write_book(tmp_path / "book", 200)
    gk = Gk(root)
    config = root / "gkcli.toml"
    original = config.read_text(encoding="utf-8")
    real_read = loader.read_book

    def read_then_edit(*args, **kwargs):
        found = real_read(*args, **kwargs)
        config.write_text(original.replace("基准测试县", "另一个县"), encoding="utf-8")
        return found

    with monkeypatch.context() as m:
        m.setattr(loader, "read_book", read_then_edit)
        gk.ok("report", "2024", "--format", "json")
    assert not list(cached_always.glob("*.analysis"))
    config.write_text(original, encoding="utf-8")
    assert gk.ok("report", "2024", "--format", "json") == fresh_without_patch(gk, "json")
