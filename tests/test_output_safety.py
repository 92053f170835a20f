"""Output never lands on a book, and what reaches a terminal cannot act on it.

`-o` refuses every file a book is made of (exit 2, the book byte for byte as before),
folders and impossible names; an output file is replaced whole or not at all. Text from a
ledger or an input (subjects, names, narrative, file names, echoed arguments) reaches the
terminal with control characters shown escaped, and an echoed argument cut short.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO, Gk
from gkcli.cli.app import app

AUDITED = str(REPO / "tests" / "fixtures" / "audit" / "error_a1.txt")
ESC = "\x1b"
# an ESC sequence (colour, clear screen, window title), a C1 CSI, DEL, a bidi override and isolate
HOSTILE = "\x1b[31m红\x1b[2J\x1b]0;title\x07\x9b1m\x7f\u202eabc\u2066x\u2069\r"
RAW = (ESC, "\x07", "\x9b", "\x7f", "\u202e", "\u2066", "\r")


def _state(root: Path) -> dict[str, str]:
    """Every file and folder under the book (lock included), with the bytes of each file."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(root.rglob("*"))
    }


def _run(args: list[str], cwd: Path | None = None):
    if cwd is None:
        return CliRunner().invoke(app, args)
    before = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, args)
    finally:
        os.chdir(before)


def _refused(result, option: str = "-o") -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.startswith("错误："), result.stderr
    assert option in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def book(gk: Gk) -> Gk:
    """A book with every kind of file gkcli reads or manages in it."""
    gk.add_case("2024-03-04", subject="某项目批复")
    gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", "1")
    gk.ok("narrative", "init", "2024")
    gk.write("holidays.toml", "years = [2024]\n")
    gk.write("ledger/2024/cases.toml.torn", "# 移出的记录\n")
    gk.write("templates/report.md", "模板\n")
    gk.write(".git/HEAD", "ref: refs/heads/main\n")
    (gk.root / ".gkcli.lock").touch()
    return gk


PROTECTED = [
    "ledger/2024/cases.toml",
    "ledger/2024/events.toml",
    "ledger/2024/cases.toml.torn",
    "ledger/2024/new.toml",  # not there yet: still inside the ledger folder
    "ledger/2025/cases.toml",
    "ledger/2024",
    "ledger",
    "gkcli.toml",
    "narrative/2024.md",
    "narrative/2030.md",
    "holidays.toml",
    "templates/report.md",
    ".gkcli.lock",
    ".gkcli-journal",
    ".gitattributes",
    ".gitignore",
    ".git",
    ".git/HEAD",
    ".git/config",
    ".",
    "LEDGER/2024/CASES.TOML",  # the same file on the case-insensitive file systems of macOS and Windows
    "Gkcli.toml",
    "narrative/../gkcli.toml",
    "ledger/2099/../2024/cases.toml",
]
COMMANDS = {
    "report": ["report", "2024", "--format", "md"],
    "report-json": ["report", "2024", "--format", "json"],
    "audit": ["audit", AUDITED, "--format", "json"],
    "narrative": ["narrative", "init", "2026"],
}


@pytest.mark.parametrize("target", PROTECTED)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_never_replaces_a_file_of_the_book(book: Gk, target: str, command: str):
    before = _state(book.root)
    result = book(*COMMANDS[command], "-o", str(book.root / target))
    _refused(result)
    assert _state(book.root) == before


@pytest.mark.parametrize("target", ["ledger/2024/cases.toml", "gkcli.toml", ".gkcli.lock", "."])
def test_relative_output_paths_inside_the_book_are_refused(book: Gk, target: str):
    before = _state(book.root)
    _refused(_run(["--book", str(book.root), "report", "2024", "--format", "md", "-o", target], cwd=book.root))
    _refused(_run(["audit", AUDITED, "-o", target], cwd=book.root))
    assert _state(book.root) == before


def test_output_into_another_book_is_refused(book: Gk, tmp_path: Path):
    """audit runs anywhere, report uses one book: a -o inside any other book is refused just the same."""
    other = tmp_path / "other"
    assert CliRunner().invoke(app, ["init", str(other), "--agency", "另一个镇人民政府"]).exit_code == 0
    before = _state(other)
    _refused(book("report", "2024", "--format", "md", "-o", str(other / "gkcli.toml")))
    _refused(_run(["audit", AUDITED, "-o", str(other / "ledger" / "x.txt")], cwd=tmp_path))
    assert _state(other) == before


def test_a_link_to_a_ledger_is_refused(book: Gk, tmp_path: Path):
    link = tmp_path / "out.md"
    link.symlink_to(book.root / "ledger" / "2024" / "cases.toml")
    before = _state(book.root)
    _refused(book("report", "2024", "--format", "md", "-o", str(link)))
    assert _state(book.root) == before and link.is_symlink()


def test_a_ledger_folder_kept_elsewhere_is_protected_where_it_lies(book: Gk, tmp_path: Path):
    """`ledger` may be a link to another disk: the files it leads to are the book's too."""
    elsewhere = tmp_path / "disk" / "ledger"
    elsewhere.parent.mkdir()
    (book.root / "ledger").rename(elsewhere)
    (book.root / "ledger").symlink_to(elsewhere)
    before = _state(elsewhere)
    _refused(book("report", "2024", "--format", "md", "-o", str(elsewhere / "2024" / "cases.toml")))
    _refused(book("report", "2024", "--format", "md", "-o", str(elsewhere)))
    assert _state(elsewhere) == before


@pytest.mark.parametrize("target", ["", " ", ".", "/", "x" * 300, "no/such/folder/out.md", "out/"])
def test_impossible_output_names_are_refused(gk: Gk, tmp_path: Path, target: str):
    work = tmp_path / "work"
    work.mkdir()
    (work / "out").mkdir()
    for args in (["report", "2024", "--format", "md"], ["audit", AUDITED], ["narrative", "init", "2026"]):
        _refused(_run(["--book", str(gk.root), *args, "-o", target], cwd=work))
    assert sorted(p.name for p in work.iterdir()) == ["out"] and not any((work / "out").iterdir())


def test_a_folder_is_not_an_output_file(gk: Gk, tmp_path: Path):
    _refused(gk("report", "2024", "--format", "md", "-o", str(tmp_path)))
    assert tmp_path.is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_refused(gk: Gk, tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _refused(gk("report", "2024", "--format", "md", "-o", str(folder / "out.md")))
        assert not any(folder.iterdir())
    finally:
        folder.chmod(0o755)


def test_a_write_that_fails_midway_leaves_the_old_file(gk: Gk, tmp_path: Path, monkeypatch):
    out = tmp_path / "年报.md"
    out.write_text("旧的报告\n", encoding="utf-8")
    out.chmod(0o640)
    from gkcli.cli import outpath

    def half_then_full_disk(fd, data):
        os.write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outpath, "_write_all", half_then_full_disk)
    _refused(gk("report", "2024", "-o", str(out)))
    assert out.read_text(encoding="utf-8") == "旧的报告\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "book"] == ["年报.md"]  # no temporary file left

    monkeypatch.undo()
    gk.ok("report", "2024", "-o", str(out))
    assert "政府信息公开" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o640  # replacing a file keeps its permissions
    assert [p.name for p in tmp_path.iterdir() if p.name != "book"] == ["年报.md"]


def test_a_rename_that_fails_leaves_the_old_file(gk: Gk, tmp_path: Path, monkeypatch):
    out = tmp_path / "audit.json"
    out.write_text("{}\n", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("gkcli.cli.outpath.os.replace", refuse)
    result = gk("audit", AUDITED, "--format", "json", "-o", str(out))
    _refused(result)
    assert "没有权限" in result.stderr
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.json", "book"]


def test_output_outside_the_book_folders_is_written(book: Gk):
    """Only what gkcli reads or manages is refused: a report beside gkcli.toml is fine."""
    gk = book
    gk.ok("report", "2024", "-o", str(gk.root / "年报2024.md"))
    gk.ok("report", "2024", "-o", str(gk.root / "2024年报.html"))
    assert (gk.root / "年报2024.md").is_file() and (gk.root / "2024年报.html").is_file()
    gk.ok("report", "2024", "--format", "md", "-o", "-")


# --- terminal output -----------------------------------------------------------------


def _no_raw_controls(*texts: str) -> None:
    for text in texts:
        for char in RAW:
            assert char not in text, (char, text[:400])


@pytest.fixture
def hostile(gk: Gk) -> Gk:
    """A book whose texts hold terminal controls: subject, name, agency, narrative."""
    config = gk.root / "gkcli.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('agency = "', 'agency = "\\u001b[5m'), encoding="utf-8")
    case = gk.add_case("2024-03-04", subject=HOSTILE, name="张\u202e三")
    gk.ok("narrative", "init", "2024")
    narrative = gk.root / "narrative" / "2024.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n" + HOSTILE + "\n", encoding="utf-8")
    gk.case = case
    return gk


VIEWS = [
    ("case", "list"),
    ("case", "list", "--format", "md"),
    ("case", "list", "--with-personal-data"),
    ("case", "show", "{case}"),
    ("case", "show", "{case}", "--with-personal-data"),
    ("due", "--today", "2024-03-05"),
    ("check",),
    ("report", "2024"),
    ("report", "2024", "--format", "md"),
    ("report", "2024", "--format", "html"),
    ("explain", "2024", "new.natural_person"),
    ("case", "list", "--format", "json"),
    ("case", "list", "--format", "ndjson"),
    ("case", "show", "{case}", "--format", "json"),
    ("check", "--format", "json"),
    ("report", "2024", "--format", "json"),
]


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_terminal_controls_from_the_book_are_shown_escaped(hostile: Gk, args: tuple[str, ...]):
    result = hostile(*(a.format(case=hostile.case) for a in args))
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr, result.exception)
    _no_raw_controls(result.stdout, result.stderr)


def test_escaped_views_still_show_the_value(hostile: Gk):
    table = hostile("case", "list").stdout
    assert "\\x1b[31m红" in table and "\\u202eabc" in table
    assert "\\x1b[5m" in hostile("report", "2024").stdout


def test_findings_quoting_a_value_show_controls_escaped(gk: Gk):
    """A hand-entered value quoted by check, and by a command refusing the book, reaches the terminal escaped."""
    gk.write("ledger/2023/events.toml", '[[event]]\nkind = "penalty"\ndate = "2023-02-\\u001b[2J\\u202e"\ncount = 1\n')
    for args in (("check",), ("case", "list"), ("report", "2024"), ("check", "--format", "json")):
        result = gk(*args)
        assert result.exit_code in (1, 2), (args, result.exception)
        _no_raw_controls(result.stdout, result.stderr)
        assert "\\x1b[2J" in result.stdout + result.stderr or args[-1] == "json"
    finding = json.loads(gk("check", "--format", "json").stdout)["findings"][0]
    assert "2023-02-\x1b[2J\u202e" in finding["message"]  # JSON keeps the value exact


def test_rich_tables_on_a_terminal_show_controls_escaped(hostile: Gk, monkeypatch):
    monkeypatch.setattr("gkcli.render.terminal.is_interactive", lambda: True)
    for args in (("case", "list"), ("due", "--today", "2024-03-05"), ("report", "2024")):
        result = hostile(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert "红" in result.stdout
        _no_raw_controls(result.stdout)
        assert "x1b" in result.stdout


def test_machine_formats_keep_exact_values(hostile: Gk):
    """JSON carries the value exactly (control characters as escapes); CSV keeps the bytes."""
    [record] = json.loads(hostile.ok("case", "list", "--format", "json"))
    assert record["subject"] == HOSTILE
    [line] = hostile.ok("case", "list", "--format", "ndjson").splitlines()
    assert json.loads(line)["subject"] == HOSTILE
    shown = json.loads(hostile.ok("case", "show", hostile.case, "--format", "json", "--with-personal-data"))
    assert shown["subject"] == HOSTILE and shown["name"] == "张\u202e三"
    assert HOSTILE in hostile.ok("case", "list", "--format", "csv")


def test_repair_preview_shows_controls_escaped(gk: Gk):
    gk.add_case("2024-03-04")
    ledger = gk.root / "ledger" / "2024" / "cases.toml"
    with ledger.open("a", encoding="utf-8") as f:
        f.write(f'\n[[case]]\nid = "2024-0002"\nsubject = "{ESC}[2J')
    result = gk("repair")
    _no_raw_controls(result.stdout, result.stderr)
    assert "\\x1b[2J" in result.stdout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(subject=st.text(st.characters(codec="utf-8", categories=("Cc", "Cf", "Zl", "Zp", "Ll", "Lo")), min_size=1, max_size=40))
def test_any_subject_reaches_the_terminal_without_raw_controls(gk: Gk, subject: str):
    result = gk("case", "add", "--received", "2024-03-04", "--applicant", "个人", "--subject", subject)
    assert result.exit_code in (0, 2), result.exception
    for args in (("case", "list"), ("due", "--today", "2024-03-05")):
        listed = gk(*args)
        assert listed.exit_code in (0, 1), listed.exception
        _no_raw_controls(listed.stdout, listed.stderr)


# --- echoed arguments ------------------------------------------------------------------

LONG = "年" * 100_000


@pytest.mark.parametrize(
    "args",
    [
        ("report", LONG),
        ("report", "2024", "--format", LONG),
        ("case", "list", "--year", LONG),
        ("case", "show", LONG),
        ("case", "add", "--received", LONG, "--applicant", "个人"),
        ("case", "add", "--received", "2024-01-02", "--applicant", LONG),
        ("report", "2024", "--format", "md", "-o", LONG),
        ("audit", AUDITED, "-o", LONG + ".json"),
        (LONG,),  # an unknown command, as the parser reports it
        ("report", "2024", LONG),
    ],
    ids=lambda args: " ".join(a[:10] for a in args),
)
def test_a_long_argument_is_echoed_cut(gk: Gk, args: tuple[str, ...]):
    result = gk(*args)
    assert result.exit_code == 2, (result.exit_code, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert len(result.stderr) < 1000, len(result.stderr)
    assert "…" in result.stderr and "（共 " in result.stderr and " 字）" in result.stderr


def test_a_long_book_path_is_echoed_cut():
    for args in (["--book", "b" * 100_000, "check"], ["--book", "/tmp/" + "b" * 300, "case", "list"]):
        result = CliRunner().invoke(app, args)
        _refused(result, "--book")
        assert len(result.stderr) < 400


def test_controls_in_an_argument_are_echoed_escaped(gk: Gk):
    result = gk("case", "show", f"2024-{ESC}[2J\u202e1")
    assert result.exit_code == 2
    _no_raw_controls(result.stderr)
    assert "\\x1b[2J\\u202e1" in result.stderr
