"""What the operating system refuses — a read-only book or output folder, a full disk — and
defects of gkcli itself: one Chinese line naming the path and exit 2, or a defect message and
exit 70; never a traceback, never a half-written or temporary file.

Tests run as root here, and root ignores file modes: a read-only file system and a full disk
are simulated in-process (os and io functions refuse what writes under a folder), and the
real thing is tried as an unprivileged user where the machine allows it.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli import app as app_module
from gkcli.cli.app import app
from gkcli.ledger import cache

REPO = Path(__file__).resolve().parent.parent

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Refusing:
    """Make every write under some folders fail as the operating system would (EROFS by default)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *folders: Path, code: int = errno.EROFS, reads: bool = False):
        self.folders = [os.path.abspath(f) for f in folders]
        self.code = code
        real_open, real_io_open = os.open, io.open

        def os_open(path, flags, *args, **kwargs):
            if reads or flags & _WRITE_FLAGS:
                self.check(path)
            return real_open(path, flags, *args, **kwargs)

        def io_open(file, mode="r", *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and (reads or any(c in mode for c in "wax+")):
                self.check(file)
            return real_io_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(io, "open", io_open)
        monkeypatch.setattr("builtins.open", io_open)
        for name in ("mkdir", "rmdir", "unlink", "remove", "truncate", "chmod", "utime"):
            monkeypatch.setattr(os, name, self.guard(getattr(os, name)))
        for name in ("replace", "rename", "link", "symlink"):
            monkeypatch.setattr(os, name, self.guard(getattr(os, name), paths=2))

    def check(self, path) -> None:
        if isinstance(path, int):
            return
        full = os.path.abspath(os.fsdecode(path))
        if any(full == f or full.startswith(f + os.sep) for f in self.folders):
            raise OSError(self.code, os.strerror(self.code), os.fsdecode(path))

    def guard(self, real, paths: int = 1):
        def guarded(*args, **kwargs):
            for path in args[:paths]:
                self.check(path)
            return real(*args, **kwargs)

        return guarded


class FullDisk:
    """A disk with `free` bytes left for files under `folder`: a write past them puts what fits,
    then fails with ENOSPC, as a real full disk does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, free: int):
        self.folder = os.path.abspath(folder)
        self.free = free
        real_write = os.write

        def write(fd, data):
            if not self.ours(fd):
                return real_write(fd, data)
            if self.free <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            done = real_write(fd, bytes(data)[: self.free])
            self.free -= done
            return done

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "pwrite", self.refuse_when_full(os.pwrite))

    def ours(self, fd: int) -> bool:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return False
        return target.startswith(self.folder + os.sep)

    def refuse_when_full(self, real):
        def guarded(fd, data, offset):
            if self.ours(fd) and len(data) > self.free:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(fd, data, offset)

        return guarded


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the lock file's id index too) and every folder, with its bytes."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.rglob("*"))}


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def assert_clean_refusal(result, *named: str) -> None:
    """Exit 2 with one Chinese 错误 line naming the path; no exception escaped, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "\n错误：" in "\n" + result.stderr, result.stderr  # after any note of what was read
    assert "Traceback" not in result.output and "Errno" not in result.stderr, result.stderr
    for name in named:
        assert name in result.stderr, (name, result.stderr)


# --- every command against a read-only book and a read-only output folder -----------------------

CASE = '{"received": "2024-07-01", "applicant": "natural_person"}\n{"received": "2025-01-03", "applicant": "business"}\n'
MAPPING = '[columns]\n"收到日期" = "received"\n"申请人类型" = "applicant"\n'

# A command gkcli has, with arguments: {book}, {torn} (a book whose last record is cut short),
# {out} (a read-only folder outside the books), {files} (a writable folder of inputs).
WRITES_BOOK = [
    ("init", ["init", "{book}/新账本", "--agency", "某县某某镇人民政府"]),
    ("case add", ["case", "add", "--received", "2024-06-01", "--applicant", "natural_person"]),
    ("case add --id", ["case", "add", "--received", "2024-06-01", "--applicant", "natural_person", "--id", "2024-0099"]),
    ("case add -", ["case", "add", "-"]),
    ("case answer", ["case", "answer", "2024-0002", "--date", "2024-05-20", "--outcome", "granted"]),
    ("case correction-requested", ["case", "correction-requested", "2024-0002", "--date", "2024-05-15", "--period", "15"]),
    ("case correction-received", ["case", "correction-received", "2024-0003", "--date", "2024-05-22"]),
    ("case extend", ["case", "extend", "2024-0002", "--date", "2024-06-05", "--days", "20", "--approver", "王主任"]),
    ("case consult", ["case", "consult", "2024-0002", "--date", "2024-05-20", "--party", "third_party"]),
    ("case consult-end", ["case", "consult-end", "2024-0004", "--date", "2024-06-07"]),
    ("case fee-notice", ["case", "fee-notice", "2024-0002", "--date", "2024-05-20", "--amount", "3000", "--method", "per_application"]),
    ("case fee-paid", ["case", "fee-paid", "2024-0005", "--date", "2024-05-30"]),
    ("case withdraw", ["case", "withdraw", "2024-0002", "--date", "2024-05-18"]),
    ("event add", ["event", "add", "penalty", "--date", "2024-06-03", "--count", "1"]),
    ("event add -", ["event", "add", "-"]),
    ("review add", ["review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001"]),
    ("review decide", ["review", "decide", "R2024-0001", "--date", "2024-10-20", "--result", "upheld"]),
    ("case amend", ["case", "amend", "2024-0002", "--subject", "某项目批复", "--reason", "漏登申请内容"]),
    ("case void", ["case", "void", "2024-0002", "--reason", "重复登记"]),
    ("event amend", ["event", "amend", "E2024-0001", "--count", "2", "--reason", "漏登一件"]),
    ("event void", ["event", "void", "E2024-0001", "--reason", "重复登记"]),
    ("review amend", ["review", "amend", "R2024-0001", "--filed", "2024-07-02", "--reason", "立案日期有误"]),
    ("review void", ["review", "void", "R2024-0001", "--reason", "重复登记"]),
    ("narrative init", ["narrative", "init", "2024"]),
    ("close", ["close", "2024"]),
    ("reopen", ["reopen", "2023", "--reason", "补登漏登的记录"]),
    ("notice issue", ["notice", "2024-0001", "--date", "2024-05-29"]),
    ("notice init", ["notice", "init"]),
    ("import", ["import", "{files}/台账.csv", "--map", "{files}/映射.toml"]),
    ("load -", ["load", "-"]),
    ("repair", ["--book", "{torn}", "repair", "--yes"]),
]
WRITES_OUT = [
    ("report -o md", ["report", "2024", "-o", "{out}/年报.md"]),
    ("report -o html", ["report", "2024", "-o", "{out}/年报.html"]),
    ("report -o docx", ["report", "2024", "-o", "{out}/年报.docx"]),
    ("audit -o", ["audit", "{files}/年报.md", "-f", "json", "-o", "{out}/核查.json"]),
    ("narrative init -o", ["narrative", "init", "2024", "-o", "{out}/正文.md"]),
    ("merge-ledger", ["merge-ledger", "{files}/base.toml", "{out}/ours.toml", "{files}/theirs.toml"]),
    ("export -o", ["export", "-o", "{out}/全部记录.ndjson"]),
    ("notice issue -o", ["notice", "2024-0001", "--draft", "--today", "2024-05-29", "-o", "{out}/答复告知书.docx"]),
    ("rollup -o", ["rollup", "2024", "{book}", "-o", "{out}/汇总.md"]),
]
READS = [
    ("report", ["report", "2024"]),
    ("report json", ["report", "2024", "-f", "json"]),
    ("check", ["check", "2024"]),
    ("due", ["due", "--today", "2024-12-31"]),
    ("case list", ["case", "list"]),
    ("case show", ["case", "show", "2024-0001"]),
    ("event list", ["event", "list"]),
    ("review list", ["review", "list"]),
    ("review show", ["review", "show", "R2024-0001"]),
    ("narrative fields", ["narrative", "fields", "2024"]),
    ("explain", ["explain", "2024", "new.natural_person"]),
    ("fee", ["fee", "--applications", "35"]),
    ("audit", ["audit", "{files}/年报.md"]),
    ("rollup", ["rollup", "2024", "{book}"]),
    ("import --suggest", ["import", "{files}/台账.csv", "--suggest"]),
    ("import --dry-run", ["import", "{files}/台账.csv", "--map", "{files}/映射.toml", "--dry-run"]),
    ("codes", ["codes"]),
    ("export", ["export"]),
    ("notice list", ["notice", "list"]),
    ("help", ["help", "report"]),
]
READS = [(label, args) for label, args in READS if label.split(" ")[0] in app_module.COMMANDS]  # as commands land
STDIN = {"case add -": CASE, "event add -": '{"kind": "penalty", "date": "2024-06-04", "count": 2}\n'}
STDIN["load -"] = '{"table": "event", "kind": "penalty", "date": "2024-06-04", "count": 2, "id": "E2024-0099"}\n'
# not in a git repository: refused before anything is written, whatever the permissions
ELSEWHERE = {"git-setup": ["git-setup"]}


def _subcommands() -> set[str]:
    """Every command a user can type, as `name` or `group sub`."""
    from importlib import import_module

    names = set()
    for name, module in app_module.COMMANDS.items():
        if name in app_module.GROUPS:
            source = import_module(f"gkcli.cli.{module}").app
            names |= {f"{name} {c.name}" for c in source.registered_commands}
        else:
            names.add(name)
    return names


def test_the_table_covers_every_command():
    covered = {label.split(" -")[0] for label, _ in WRITES_BOOK + WRITES_OUT + READS} | set(ELSEWHERE)
    assert _subcommands() <= covered, sorted(_subcommands() - covered)


def make_books(base: Path) -> dict[str, Path]:
    """A book with an application, a review and events; a book with a torn last record; inputs."""
    book, torn, out, files = base / "book", base / "torn", base / "out", base / "files"
    for folder in (out, files):
        folder.mkdir(parents=True)
    for args in (
        ["init", str(book), "--agency", "测试县某某镇人民政府"],
        ["init", str(torn), "--agency", "测试县某某镇人民政府"],
        ["--book", str(book), "case", "add", "--received", "2024-05-10", "--applicant", "natural_person"],
        ["--book", str(book), "case", "add", "--received", "2024-05-11", "--applicant", "business"],
        ["--book", str(book), "case", "answer", "2024-0001", "--date", "2024-05-28", "--outcome", "unable_not_held"],
        *(["--book", str(book), "case", "add", "--received", "2024-05-13", "--applicant", "natural_person"] for _ in range(3)),
        ["--book", str(book), "case", "correction-requested", "2024-0003", "--date", "2024-05-15", "--period", "15"],
        ["--book", str(book), "case", "consult", "2024-0004", "--date", "2024-05-20", "--party", "third_party"],
        ["--book", str(book), "case", "fee-notice", "2024-0005", "--date", "2024-05-20", "--amount", "3000", "--method", "per_application"],
        ["--book", str(book), "review", "add", "--kind", "reconsideration", "--filed", "2024-07-01", "--case", "2024-0001"],
        ["--book", str(book), "event", "add", "penalty", "--date", "2024-06-03", "--count", "1"],
        ["--book", str(torn), "case", "add", "--received", "2024-05-10", "--applicant", "natural_person"],
        ["--book", str(book), "close", "2023"],  # a closed year to reopen
    ):
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.stderr)
    with (torn / "ledger" / "2024" / "cases.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[case]]\nid = "2024-0002"\nreceived = 2024-0')  # a power cut in mid-record
    (files / "台账.csv").write_text("收到日期,申请人类型\n2024-09-01,natural_person\n", encoding="utf-8")
    (files / "映射.toml").write_text(MAPPING, encoding="utf-8")
    (files / "年报.md").write_text(invoke("--book", str(book), "report", "2024", "-f", "md").stdout, encoding="utf-8")
    ledger = (book / "ledger" / "2024" / "cases.toml").read_bytes()
    (files / "base.toml").write_bytes(ledger)
    (files / "theirs.toml").write_bytes(ledger + b'\n[[case]]\nid = "2024-0050"\nreceived = 2024-06-01\napplicant = "business"\n# \xe5\xae\x8c\n')
    (out / "ours.toml").write_bytes(ledger)
    return {"book": book, "torn": torn, "out": out, "files": files}


def _args(args: list[str], places: dict[str, Path]) -> list[str]:
    filled = [a.format(**{k: str(v) for k, v in places.items()}) for a in args]
    return filled if filled[0] == "--book" else ["--book", str(places["book"]), *filled]


@pytest.fixture
def places(tmp_path):
    return make_books(tmp_path)


def test_every_write_of_the_table_works_on_a_writable_book(tmp_path):
    """So that what the read-only tests see refused is refused for being read-only, and nothing else."""
    base = make_books(tmp_path / "base")
    for label, args in WRITES_BOOK + WRITES_OUT:
        copy = shutil.copytree(tmp_path / "base", tmp_path / label.replace(" ", "_"))
        places = {name: copy / path.name for name, path in base.items()}
        result = invoke(*_args(args, places), input=STDIN.get(label))
        assert result.exit_code == 0, (label, result.stderr)


def test_every_command_on_a_read_only_book_and_output_folder(places, monkeypatch):
    """Writes are refused with the path named and exit 2, nothing changed; reads work as before."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the cache is used, in a folder that is read-only too
    expected = {label: invoke(*_args(args, places)) for label, args in READS}
    for result in expected.values():
        assert result.exit_code in (0, 1), result.stderr
    before = {name: snapshot(places[name]) for name in ("book", "torn", "out")}
    Refusing(monkeypatch, places["book"], places["torn"], places["out"], Path(os.environ["GKCLI_CACHE_DIR"]))
    for label, args in WRITES_BOOK + WRITES_OUT:
        result = invoke(*_args(args, places), input=STDIN.get(label))
        assert_clean_refusal(result)
        # the file refused (a long path is cut in its middle), or the book's folder
        named = Path(next(a for a in args if "{out}" in a)).name if (label, args) in WRITES_OUT else str(places["torn" if label == "repair" else "book"])
        assert named in result.stderr, (label, result.stderr)
        assert {name: snapshot(places[name]) for name in before} == before, label
    for label, args in READS:
        result = invoke(*_args(args, places))
        assert (result.exit_code, result.stdout) == (expected[label].exit_code, expected[label].stdout), (label, result.stderr)
    result = invoke(*_args(ELSEWHERE["git-setup"], places))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_read_only_book_is_named_as_such(places, monkeypatch):
    book = places["book"]
    Refusing(monkeypatch, book)
    result = invoke("--book", str(book), "event", "add", "penalty", "--date", "2024-06-03")
    assert_clean_refusal(result, "只读", str(book), "本次未写入任何记录")  # the id index, or the ledger
    Refusing(monkeypatch, book, code=errno.EACCES)
    result = invoke("--book", str(book), "case", "add", "--received", "2024-06-01", "--applicant", "个人")
    assert_clean_refusal(result, "没有权限", str(book))


READS_BOOK = ["report", "report json", "check", "due", "case list", "case show", "narrative fields", "explain"]


@pytest.mark.parametrize("unreadable", ["ledger/2024/cases.toml", "gkcli.toml"])
def test_an_unreadable_book_file_is_named(places, monkeypatch, unreadable):
    """Every command that reads the book, and every append to a ledger it may not read (appends do
    not need the configuration), stops at the file it may not read."""
    before = snapshot(places["book"])
    table = [(label, args) for label, args in READS if label in READS_BOOK]
    table += WRITES_BOOK[1:11] if unreadable.startswith("ledger/") else []
    with monkeypatch.context() as m:
        Refusing(m, places["book"] / unreadable, code=errno.EACCES, reads=True)
        for label, args in table:
            result = invoke(*_args(args, places), input=STDIN.get(label))
            assert_clean_refusal(result, "没有权限", unreadable)
    assert snapshot(places["book"]) == before


def test_init_in_a_read_only_folder_leaves_nothing(tmp_path, monkeypatch):
    Refusing(monkeypatch, tmp_path / "只读")
    result = invoke("init", str(tmp_path / "只读" / "账本"), "--agency", "某县某某镇人民政府")
    assert_clean_refusal(result, "只读", "未创建账本")
    assert list(tmp_path.iterdir()) == []


def test_init_that_fails_late_removes_what_it_made(tmp_path, monkeypatch):
    """The configuration is written last: when the disk refuses it, the folders and files made before go too."""
    Refusing(monkeypatch, tmp_path / "新" / "账本" / "gkcli.toml", code=errno.ENOSPC)
    result = invoke("init", str(tmp_path / "新" / "账本"), "--agency", "某县某某镇人民政府")
    assert_clean_refusal(result, "磁盘已满", "gkcli.toml", "未创建账本")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_setup_in_a_repository_git_cannot_write(gk):
    subprocess.run(["git", "init", "-q", str(gk.root)], check=True)
    (gk.root / ".git" / "config.lock").write_text("", encoding="utf-8")  # another git holds the configuration
    result = gk("git-setup")
    assert_clean_refusal(result, "git 未能登记账本合并方式", str(gk.root))


# --- a full disk ------------------------------------------------------------------------------


@pytest.mark.parametrize("free", [0, 1, 40, 90])
def test_a_full_disk_leaves_the_ledger_as_it_was(gk, monkeypatch, free):
    """Whatever part of the record fits, the ledger afterwards holds exactly what it held before."""
    gk.add_case("2024-05-10")
    before = snapshot(gk.root)
    FullDisk(monkeypatch, gk.root, free)
    result = gk("case", "add", "--received", "2024-05-11", "--applicant", "natural_person", "--id", "2024-0100")
    assert_clean_refusal(result, "磁盘已满", str(gk.root / "ledger" / "2024" / "cases.toml"), "恢复为写入前的样子")
    assert snapshot(gk.root) == before


@pytest.mark.parametrize("free", [0, 60, 200])
def test_a_full_disk_leaves_no_new_ledger_file_or_folder(gk, monkeypatch, free):
    before = snapshot(gk.root)
    FullDisk(monkeypatch, gk.root, free)
    result = gk("case", "add", "--received", "2031-05-11", "--applicant", "natural_person", "--id", "2031-0001", "--today", "2031-06-01")
    assert_clean_refusal(result, "磁盘已满", str(gk.root / "ledger" / "2031" / "cases.toml"))
    assert snapshot(gk.root) == before


def test_a_full_disk_in_a_batch_writes_none_of_it(gk, tmp_path, monkeypatch):
    """Two ledger files and the journal: wherever the disk fills up, no ledger keeps any of the batch."""
    gk.add_case("2024-05-10")
    before = snapshot(gk.root)
    trial = shutil.copytree(gk.root, tmp_path / "trial")
    with monkeypatch.context() as m:
        disk = FullDisk(m, trial, 1 << 30)
        assert invoke("--book", str(trial), "case", "add", "-", input=CASE).exit_code == 0
    needed = (1 << 30) - disk.free
    for free in sorted({0, 1, needed // 4, needed // 2, needed * 3 // 4, needed - 1}):
        with monkeypatch.context() as m:
            FullDisk(m, gk.root, free)
            result = gk("case", "add", "-", input=CASE)
        assert_clean_refusal(result, "磁盘已满")
        assert snapshot(gk.root) == before, free


def test_a_full_disk_under_report_output_leaves_no_file(gk, tmp_path, monkeypatch):
    out = tmp_path / "输出"
    out.mkdir()
    (out / "旧年报.md").write_text("旧的", encoding="utf-8")
    FullDisk(monkeypatch, out, 100)
    result = gk("report", "2024", "-o", str(out / "旧年报.md"))
    assert_clean_refusal(result, "磁盘已满", "旧年报.md")
    assert [p.name for p in out.iterdir()] == ["旧年报.md"] and (out / "旧年报.md").read_text(encoding="utf-8") == "旧的"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_standard_output_on_a_full_disk_is_named(tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "gkcli", "--book", str(REPO / "data"), "report", "2024"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=_env(tmp_path),
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("错误：标准输出: 磁盘已满") and "Traceback" not in done.stderr and "Exception" not in done.stderr


# --- a defect of gkcli ------------------------------------------------------------------------


def _defect(*args, **kwargs):
    raise ZeroDivisionError("张三 13812345678")  # what a defect's message holds is not shown: it may be personal


def test_a_defect_is_reported_as_such_with_exit_70(gk, monkeypatch):
    from gkcli import loader

    monkeypatch.setattr(loader, "load_book", _defect)
    monkeypatch.delenv("GKCLI_DEBUG", raising=False)
    result = gk("check", "2024")
    assert result.exit_code == 70 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("错误：gkcli 内部错误（ZeroDivisionError）") and "缺陷" in result.stderr
    assert f"GKCLI_DEBUG=1 gkcli --book {gk.root} check 2024" in result.stderr
    assert "Traceback" not in result.output and "张三" not in result.output
    monkeypatch.setenv("GKCLI_DEBUG", "1")
    result = gk("check", "2024")
    assert result.exit_code == 70 and "Traceback" in result.stderr and "ZeroDivisionError: 张三" in result.stderr


def test_a_defect_in_a_real_process(tmp_path):
    """The whole process: exit 70 and two lines, whatever Python itself would print."""
    code = (
        "import sys, gkcli.loader as l\n"
        "def defect(*a, **k): raise KeyError('x')\n"
        "l.load_book = defect\n"
        "sys.argv = ['gkcli', '--book', sys.argv[1], 'check', '2024']\n"
        "from gkcli.cli.app import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(REPO / "data")], capture_output=True, text=True, env=_env(tmp_path))
    assert done.returncode == 70 and done.stdout == ""
    assert done.stderr.count("\n") == 2 and "Traceback" not in done.stderr and "GKCLI_DEBUG=1" in done.stderr


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GKCLI_DEBUG"}
    env["GKCLI_CACHE_DIR"] = str(tmp_path / "cache")
    return env


# --- for real, as an unprivileged user ----------------------------------------------------------

_DRIVER = """
import json, sys
from typer.testing import CliRunner
from gkcli.cli.app import app
runs = json.loads(sys.stdin.read())
out = []
for args, stdin in runs:
    r = CliRunner().invoke(app, args, input=stdin)
    out.append([r.exit_code, r.stdout, r.stderr, repr(r.exception)])
print(json.dumps(out))
"""


def _as_nobody() -> tuple[list[str], dict[str, str]] | str:
    """How to run Python as a user file modes apply to, or why it cannot be done here."""
    import typer

    paths = os.pathsep.join([str(REPO / "src"), str(Path(typer.__file__).parent.parent)])
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": paths, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    if os.geteuid() != 0:
        return [sys.executable], env
    tool = shutil.which("setpriv")
    if tool is None:
        return "setpriv is not installed: cannot drop root's privileges"
    try:
        import pwd

        nobody = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return "no user 'nobody' on this system"
    drop = [tool, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in dict.fromkeys([sys.executable, getattr(sys, "_base_executable", ""), shutil.which(version) or "", f"/usr/bin/{version}"]):
        if python and subprocess.run([*drop, python, "-c", "import gkcli.cli.app"], env=env, capture_output=True).returncode == 0:
            return [*drop, python], env
    return f"no {version} interpreter that the user 'nobody' may run with this project's packages"


@pytest.fixture
def shared_tmp():
    """A folder another user may enter (pytest's own temporary folders are their owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="gkcli-os-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_every_command_as_a_user_who_may_not_write(shared_tmp):
    how = _as_nobody()
    if isinstance(how, str):
        pytest.skip(how)
    command, env = how
    places = make_books(shared_tmp / "w")
    if shutil.which("git"):  # so that git-setup meets a repository it may not write to
        subprocess.run(["git", "init", "-q", str(places["book"])], check=True)
    for path in [shared_tmp, *shared_tmp.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    if os.geteuid() != 0:  # the same user: take the write permission away instead
        for path in [*(shared_tmp / "w").rglob("*"), shared_tmp / "w"]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    before = snapshot(shared_tmp)
    env = env | {"HOME": str(shared_tmp), "GKCLI_CACHE_DIR": str(shared_tmp / "w" / "cache")}
    table = WRITES_BOOK + WRITES_OUT + [("git-setup", ELSEWHERE["git-setup"])]
    runs = [[_args(args, places), STDIN.get(label)] for label, args in table + READS]
    done = subprocess.run([*command, "-c", _DRIVER], input=json.dumps(runs), env=env, capture_output=True, text=True, cwd=shared_tmp)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for (label, _), (code, _, stderr, exception) in zip(table, results):
        assert code == 2 and "\n错误：" in "\n" + stderr and "Traceback" not in stderr, (label, code, stderr, exception)
        assert "SystemExit" in exception, (label, exception)
    for (label, _), (code, _, stderr, exception) in zip(READS, results[len(table) :]):
        assert code in (0, 1) and "Traceback" not in stderr, (label, code, stderr, exception)
    # a real gkcli process: the message and exit code, nothing from Python itself
    for args in (["case", "add", "--received", "2024-06-01", "--applicant", "natural_person"], ["report", "2024", "-o", f"{places['out']}/年报.md"]):
        real = subprocess.run([*command, "-m", "gkcli", "--book", str(places["book"]), *args], env=env, capture_output=True, text=True, cwd=shared_tmp)
        assert real.returncode == 2 and real.stderr.startswith("错误：") and "Traceback" not in real.stderr, real.stderr
    if os.geteuid() != 0:
        for path in [shared_tmp / "w", *(shared_tmp / "w").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert snapshot(shared_tmp) == before
