"""Two offices append on two git branches; the merge keeps both sides and `check` finds clashes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git 不可用")


def git(root, *args):
    env = os.environ | {"GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "o@example.invalid", "GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "o@example.invalid"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False)


def start_repository(gk):
    """A git repository holding the book, with one case committed on main."""
    git(gk.root, "init", "-q", "-b", "main")
    gk.ok("git-setup")
    gk.add_case("2024-03-01")
    git(gk.root, "add", "-A")
    git(gk.root, "commit", "-qm", "期初")


def test_branches_merge_cleanly_and_duplicates_are_found(gk):
    start_repository(gk)
    git(gk.root, "checkout", "-qb", "乡镇窗口")
    gk.add_case("2024-04-01", "商业企业")  # gets 2024-0002 on this branch
    gk.ok("case", "answer", "2024-0001", "--date", "2024-03-20", "--outcome", "granted")
    git(gk.root, "commit", "-qam", "窗口登记")
    git(gk.root, "checkout", "-q", "main")
    gk.add_case("2024-04-02", "科研机构")  # also gets 2024-0002 here
    gk.ok("case", "answer", "2024-0001", "--date", "2024-03-21", "--outcome", "partial")
    git(gk.root, "commit", "-qam", "机关登记")
    merged = git(gk.root, "merge", "-q", "--no-edit", "乡镇窗口")
    assert merged.returncode == 0, merged.stdout + merged.stderr  # no conflict markers
    text = (gk.root / "ledger/2024/cases.toml").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and text.count("[[case]]") == 3 and text.count("[[answer]]") == 2
    result = gk("check", "--format", "json")
    assert result.exit_code == 1
    codes = sorted(f["code"] for f in json.loads(result.stdout)["findings"])
    assert codes == ["L5", "L8"]  # the shared id, and the case answered on both branches


def test_union_merge_would_have_corrupted_records_but_ours_does_not():
    from gkcli.ledger.merge import merge_appends

    base = b'[[case]]\nid = "2024-0001"\n'
    ours = base + b'\n[[case]]\nid = "2024-0002"\napplicant = "business"\n'
    theirs = base + b'\n[[case]]\nid = "2024-0002"\napplicant = "research"\n'
    merged = merge_appends(base, ours, theirs)
    assert merged == ours + b'\n[[case]]\nid = "2024-0002"\napplicant = "research"\n'
    assert merge_appends(base, ours, base) == ours and merge_appends(base, base, theirs) == theirs
    assert merge_appends(base, b"edited in place", theirs) is None


def test_edited_records_leave_a_visible_conflict(gk):
    start_repository(gk)
    git(gk.root, "checkout", "-qb", "手工修改")
    path = gk.root / "ledger/2024/cases.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("natural_person", "business"), encoding="utf-8")
    git(gk.root, "commit", "-qam", "改申请人类型")
    git(gk.root, "checkout", "-q", "main")
    gk.add_case("2024-04-02")
    git(gk.root, "commit", "-qam", "登记")
    merged = git(gk.root, "merge", "-q", "--no-edit", "手工修改")
    assert merged.returncode != 0
    assert gk("check").exit_code == 1  # the conflict markers are a syntax error check points at
