"""Bulk input is all or nothing, even when the process dies at any step of its writing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.ledger import journal

CRASHPOINT = Path(__file__).with_name("crashpoint.py")


def ledgers(root: Path) -> dict[str, bytes]:
    """Every ledger file's bytes, times of entry left out (two runs of one batch differ only in those)."""
    return {p.relative_to(root).as_posix(): _ENTRY_TIME.sub(b"", p.read_bytes()) for p in sorted((root / "ledger").rglob("*")) if p.is_file()}


_ENTRY_TIME = re.compile("(?m)^(# 完) [^\n]*".encode())


def batch() -> str:
    """Cases and answers in two years: 2024's file is appended to, 2025's created."""
    lines = []
    for n in range(1, 41):
        year = 2024 if n % 2 else 2025
        line = {"id": f"P{n:03d}", "received": f"{year}-03-{1 + n % 28:02d}", "applicant": "business", "subject": f"批量-{n}"}
        if n % 4 == 1:
            line |= {"answered": f"{year}-04-20", "outcome": "granted"}
        lines.append(line)
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


@pytest.fixture
def book(gk):
    gk.add_case("2024-01-05")
    gk.add_case("2023-12-20")
    gk.ok("event", "add", "penalty", "--date", "2024-02-01")
    return gk


def _run_killed(root: Path, step: int, mode: str, tmp_path: Path, stdin: str) -> tuple[int, int]:
    steps = tmp_path / "steps"
    steps.unlink(missing_ok=True)
    env = {**os.environ, "CRASHPOINT_STEPS": str(steps)}
    done = subprocess.run(
        [sys.executable, str(CRASHPOINT), str(step), mode, "--book", str(root), "-q", "case", "add", "-"],
        input=stdin.encode(),
        capture_output=True,
        env=env,
        timeout=60,
    )
    return done.returncode, int(steps.read_text()) if steps.exists() else -1


def test_a_kill_at_every_write_and_fsync_leaves_the_book_before_or_after(book, tmp_path):
    stdin = batch()
    before = ledgers(book.root)
    original = {rel: (book.root / rel).read_bytes() for rel in before}
    finished = book.root.parent / "finished"
    subprocess.run(["cp", "-a", str(book.root), str(finished)], check=True)
    result = CliRunner().invoke(app, ["--book", str(finished), "case", "add", "-"], input=stdin)
    assert result.exit_code == 0, result.stderr
    after = ledgers(finished)
    assert after != before
    killed = {"before": 0, "half": 0, "after": 0}
    outcomes = set()

    def restore() -> None:  # the book before the batch
        for rel in after:
            path = book.root / rel
            if rel in before:
                path.write_bytes(original[rel])
            else:
                path.unlink()

    for mode in killed:
        step = 1
        while True:
            code, took = _run_killed(book.root, step, mode, tmp_path, stdin)
            if code != -9:  # finished without reaching the step: every step has been tried
                assert code == 0 and took < step
                assert ledgers(book.root) == after
                restore()  # for the next mode
                break
            killed[mode] += 1
            check = book("check")  # the next command finds the unfinished batch and rolls it back
            state = ledgers(book.root)
            assert state in (before, after), f"{mode} step {step}: neither before nor after"
            assert not journal.pending(book.root)
            assert check.exit_code == 0, check.stdout + check.stderr
            outcomes.add("after" if state == after else "before")
            if state == after:  # committed: start again from the book before the batch
                restore()
            step += 1
    print(f"kills: {killed}")
    assert min(killed.values()) >= 8, killed  # journal, two files, commit: each write and fsync was hit
    assert outcomes == {"before", "after"}


def test_rollback_is_said_and_cuts_only_what_the_batch_added(book):
    root = book.root
    before = ledgers(root)
    cases = root / "ledger/2024/cases.toml"
    journal.begin(root, [cases, root / "ledger/2026/cases.toml"])
    with cases.open("ab") as f:
        f.write(b'\n[[case]]\nid = "X1"\nreceived = 2024-06-01\n')
    (root / "ledger/2026").mkdir()
    (root / "ledger/2026/cases.toml").write_bytes(b"# half a file")
    result = book("case", "list", "--format", "csv")
    assert result.exit_code == 0
    assert "上次批量写入被中断" in result.stderr and "截去" in result.stderr
    assert ledgers(root) == before
    assert not journal.pending(root)


def test_a_journal_never_makes_gkcli_touch_anything_but_a_ledger(book):
    (book.root / journal.NAME).write_text("# x\ngkcli.toml\t0\n", encoding="utf-8")
    config = (book.root / "gkcli.toml").read_bytes()
    result = book("report", "2024", "--format", "json")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert (book.root / "gkcli.toml").read_bytes() == config


def test_deleting_the_lock_file_while_clerks_write_gives_no_duplicate_id(book):
    writer = Path(__file__).with_name("writer.py")
    procs = [subprocess.Popen([sys.executable, str(writer), str(book.root), tag, "60"], stdout=subprocess.DEVNULL) for tag in ("a", "b", "c")]
    lock = book.root / ".gkcli.lock"
    while any(p.poll() is None for p in procs):
        lock.unlink(missing_ok=True)
    assert all(p.wait(timeout=120) == 0 for p in procs)
    listing = [json.loads(line) for line in book.ok("case", "list", "--format", "ndjson").splitlines()]
    ids = [row["id"] for row in listing if "id" in row]
    assert len(ids) == 2 + 180 and len(set(ids)) == len(ids)
