"""Two offices append on two git branches; the merge keeps both sides and `check` finds clashes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git 不可用")


def git(root, *args):
    env = os.environ | {"GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "o@example.invalid", "GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "o@example.invalid"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False)


def commit(gk, message):
    git(gk.root, "add", "-A")
    done = git(gk.root, "commit", "-qm", message)
    assert done.returncode == 0, done.stdout + done.stderr


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
    found = sorted((f["code"], f["message"]) for f in json.loads(result.stdout)["findings"])
    assert [code for code, _ in found] == ["L5", "L8"]  # the shared id, and the case answered on both branches
    assert "改为未用的编号" in found[0][1]  # what to do about it


def test_a_fact_recorded_on_both_branches_is_kept_twice_and_reported(gk):
    """Git calls the driver (the files differ); the old driver dropped their block as ours ended with it."""
    start_repository(gk)
    gk.ok("event", "add", "licensing", "--date", "2024-05-01", "--count", "1")
    commit(gk, "期初事项")
    git(gk.root, "checkout", "-qb", "窗口")
    gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", "1")
    commit(gk, "窗口登记")
    git(gk.root, "checkout", "-q", "main")
    gk.ok("event", "add", "licensing", "--date", "2024-06-01", "--count", "1")
    gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", "1")
    commit(gk, "机关登记")
    done = git(gk.root, "merge", "-q", "--no-edit", "窗口")
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert gk.json("report", "2024", "--format", "json")["proactive"]["penalty"] == 2
    result = gk("check", "--format", "json")
    assert result.exit_code == 0 and [f["code"] for f in json.loads(result.stdout)["findings"]] == ["L11"]


def test_union_merge_would_have_corrupted_records_but_ours_does_not():
    from gkcli.ledger.merge import merge_appends

    base = b'[[case]]\nid = "2024-0001"\n'
    ours = base + b'\n[[case]]\nid = "2024-0002"\napplicant = "business"\n'
    theirs = base + b'\n[[case]]\nid = "2024-0002"\napplicant = "research"\n'
    merged = merge_appends(base, ours, theirs)
    assert merged == ours + b'\n[[case]]\nid = "2024-0002"\napplicant = "research"\n'
    assert merge_appends(base, ours, base) == ours and merge_appends(base, base, theirs) == theirs
    assert merge_appends(base, b"edited in place", theirs) is None


def test_an_edited_record_is_merged_by_lines_with_a_notice(gk):
    start_repository(gk)
    gk.add_case("2024-03-02", "科研机构")  # the edited record is not the last: no conflict by lines
    git(gk.root, "commit", "-qam", "再登记")
    git(gk.root, "checkout", "-qb", "手工修改")
    path = gk.root / "ledger/2024/cases.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("natural_person", "business"), encoding="utf-8")
    git(gk.root, "commit", "-qam", "改申请人类型")
    git(gk.root, "checkout", "-q", "main")
    gk.add_case("2024-04-02")
    git(gk.root, "commit", "-qam", "登记")
    merged = git(gk.root, "merge", "-q", "--no-edit", "手工修改")
    assert merged.returncode == 0 and "已按行合并" in merged.stderr  # not an append: the clerk is told to check
    assert [c["applicant"] for c in _cases(gk)] == ["business", "research", "natural_person"]


def test_records_edited_on_both_sides_leave_a_visible_conflict(gk):
    start_repository(gk)
    path = gk.root / "ledger/2024/cases.toml"
    git(gk.root, "checkout", "-qb", "手工修改")
    path.write_text(path.read_text(encoding="utf-8").replace("natural_person", "business"), encoding="utf-8")
    git(gk.root, "commit", "-qam", "改为企业")
    git(gk.root, "checkout", "-q", "main")
    path.write_text(path.read_text(encoding="utf-8").replace("natural_person", "research"), encoding="utf-8")
    git(gk.root, "commit", "-qam", "改为科研机构")
    merged = git(gk.root, "merge", "-q", "--no-edit", "手工修改")
    assert merged.returncode != 0 and "冲突" in merged.stderr
    assert gk("check").exit_code == 1  # the conflict markers are a syntax error check points at


def _cases(gk, year=2024):
    import tomllib

    return tomllib.loads((gk.root / f"ledger/{year}/cases.toml").read_text(encoding="utf-8")).get("case", [])


# --- merge_appends on bytes: every block appended on either side is kept ---------------------

TITLE = "# 主动公开事项记录（2024年）。只追加。\n\n"


def block(n: int, end: str = "# 完\n") -> str:
    return f'[[event]]\nkind = "penalty"\ndate = 2024-06-{n:02d}\ncount = 1\n{end}'


def ledger(*numbers: int, title: str = TITLE) -> bytes:
    return (title + "\n".join(block(n) for n in numbers)).encode()


def events(data: bytes):
    import tomllib
    from collections import Counter

    return Counter(e["date"].day for e in tomllib.loads(data.decode()).get("event", []))


def merged(base: bytes, ours: bytes, theirs: bytes) -> bytes:
    from gkcli.ledger.merge import merge_appends

    result = merge_appends(base, ours, theirs)
    assert result is not None and result.startswith(ours)  # our file is never rewritten
    return result


def test_identical_appends_on_both_sides_are_both_kept():
    from collections import Counter

    base = ledger(1)
    assert events(merged(base, ledger(1, 3), ledger(1, 3))) == Counter({1: 1, 3: 2})
    assert events(merged(b"", ledger(3), ledger(3))) == Counter({3: 2})  # a file both sides created


def test_interleaved_and_overlapping_appends_are_all_kept():
    from collections import Counter

    base = ledger(1, 2)
    assert events(merged(base, ledger(1, 2, 3, 5), ledger(1, 2, 4, 6))) == Counter({1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1})
    assert events(merged(base, ledger(1, 2, 3), ledger(1, 2, 3, 4))) == Counter({1: 1, 2: 1, 3: 2, 4: 1})
    assert events(merged(base, ledger(1, 2, 3, 3), ledger(1, 2, 3))) == Counter({1: 1, 2: 1, 3: 3})


def test_one_side_unchanged_gives_the_other_side():
    base = ledger(1)
    assert merged(base, base, ledger(1, 2)) == ledger(1, 2)
    assert merged(base, ledger(1, 2), base) == ledger(1, 2)
    assert merged(b"", b"", ledger(2)) == ledger(2)


def test_a_file_both_sides_created_has_one_title():
    result = merged(b"", ledger(2), ledger(3))
    assert result.count(TITLE.encode().strip()) == 1 and events(result) == events(ledger(2, 3))


def test_a_base_without_final_newline():
    base = ledger(1).rstrip(b"\n")
    ours, theirs = base + b"\n\n" + block(2).encode(), base + b"\n\n" + block(3).encode()
    assert events(merged(base, ours, theirs)) == events(ledger(1, 2, 3))
    assert events(merged(base, base, theirs)) == events(ledger(1, 3))


def test_blocks_without_end_lines_and_without_titles():
    base = block(1, end="").encode()
    ours, theirs = base + b"\n" + block(2, end="").encode(), base + b"\n" + block(2, end="").encode()
    assert events(merged(base, ours, theirs)) == events(ledger(1, 2, 2))


def test_a_changed_or_removed_block_is_not_an_append():
    from gkcli.ledger.merge import merge_appends

    base = ledger(1, 2)
    edited = base.replace(b"count = 1", b"count = 7", 1)
    assert merge_appends(base, edited + block(3).encode(), ledger(1, 2, 4)) is None
    assert merge_appends(base, ledger(1, 2, 3), ledger(2, 4)) is None  # block 1 removed
    assert merge_appends(base, ledger(1, 2, 3), ledger(1, 2, 4, title="# 改过的标题\n\n")) is None
    # a cut last line completed by hand on one side is an edit of the base's last block
    cut = ledger(1, 2)[: -len(b"1\n# \xe5\xae\x8c\n")]
    assert merge_appends(cut, cut + b"12\n", cut + b"1\n# \xe5\xae\x8c\n\n" + block(3).encode()) is None


def test_a_torn_tail_moved_aside_on_one_side_is_not_an_append():
    from gkcli.ledger.merge import merge_appends

    base = ledger(1) + b'\n[[event]]\nkind = "pen'
    repaired = ledger(1)
    assert merge_appends(base, repaired + b"\n" + block(2).encode(), repaired + b"\n" + block(3).encode()) is None  # left to git's line merge
    assert merge_appends(base, repaired, base) == repaired  # only one side changed


def test_a_later_merge_after_an_earlier_one_duplicates_and_drops_nothing():
    """A's file is no longer a prefix of B's once B merged A: blocks are counted, not matched by position."""
    from gkcli.ledger.merge import merge_appends

    base = ledger(1)
    a = ledger(1, 2)
    b_merged_a = merged(base, ledger(1, 3), a)  # B merges A: 1 3 2
    b_merged_c = merged(base, b_merged_a, ledger(1, 4))  # then C
    a_again = ledger(1, 2, 5)  # A appended again; its merge base with B is A's earlier version
    for ours, theirs in ((a_again, b_merged_c), (b_merged_c, a_again)):
        assert events(merged(a, ours, theirs)) == events(ledger(1, 2, 3, 4, 5))
    # criss-cross: both merged each other at once; the base git makes is the merge of their bases
    a_b, b_a = merged(base, a, ledger(1, 3)), merged(base, ledger(1, 3), a)
    virtual = merged(base, a, ledger(1, 3))
    assert events(merge_appends(virtual, a_b, b_a)) == events(merge_appends(virtual, b_a, a_b)) == events(ledger(1, 2, 3))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(1, 4), max_size=3),
    st.lists(st.integers(1, 4), max_size=4),
    st.lists(st.integers(1, 4), max_size=4),
    st.lists(st.integers(1, 4), max_size=3),
    st.booleans(),
)
def test_merging_keeps_exactly_what_each_side_appended(base_blocks, ours_new, theirs_new, later, from_nothing):
    """Blocks drawn from four, so equal ones are common: the merge holds base + both sides' new blocks."""
    base = b"" if from_nothing else ledger(*base_blocks)
    ours, theirs = ledger(*base_blocks, *ours_new), ledger(*base_blocks, *theirs_new)
    result = merged(base, ours, theirs)
    kept = events(ledger(*base_blocks))  # once, or from each side when both created the file
    assert events(result) == kept + (kept if from_nothing else events(b"")) + events(ledger(*ours_new)) + events(ledger(*theirs_new))
    # ours then appends more, and merges their result again (base: ours' earlier version)
    again = merged(ours, ours + b"\n" + ledger(*later, title=""), result)
    assert events(again) == events(result) + events(ledger(*later))


# --- real repositories -----------------------------------------------------------------------


def clone(gk, origin, name):
    from conftest import Gk

    root = origin.parent / name
    git(origin.parent, "clone", "-q", str(origin), name)
    copy = Gk(root)
    copy.ok("git-setup")
    return copy


def test_two_clones_recording_the_same_facts_keep_both(gk):
    """Two offices each record a penalty decision and an application that read the same: two of each.
    (git merges equal versions of a file without asking any merge driver: the time of entry on each
    block's end line is what makes the two offices' files differ.)"""
    start_repository(gk)
    git(gk.root, "config", "receive.denyCurrentBranch", "ignore")
    first, second = clone(gk, gk.root, "科室甲"), clone(gk, gk.root, "科室乙")
    for office in (first, second):
        office.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", "1")
        assert office.add_case("2024-06-03") == "2024-0002"
        git(office.root, "add", "-A")
        git(office.root, "commit", "-qm", "登记")
    git(first.root, "push", "-q", "origin", "main")
    pulled = git(second.root, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert pulled.returncode == 0, pulled.stderr
    report = second.json("report", "2024", "--format", "json")
    assert report["proactive"]["penalty"] == 2 and report["applications"]["rows"]["new"][-1] == 3
    result = second("check", "--format", "json")
    found = {f["code"]: f for f in json.loads(result.stdout)["findings"]}
    assert result.exit_code == 1 and "L5" in found and "L11" in found  # the same id twice; the same penalty twice
    assert "改为" in found["L5"]["message"]  # what to do about it


def test_three_branches_merged_back_and_forth_keep_every_record(gk):
    start_repository(gk)
    branches = {"甲": "2024-05-01", "乙": "2024-05-02", "丙": "2024-05-03"}
    for name, day in branches.items():
        git(gk.root, "checkout", "-q", "-b", name, "main")
        gk.ok("event", "add", "licensing", "--date", day, "--count", "1")
        commit(gk, name)

    def merge(into, other):
        git(gk.root, "checkout", "-q", into)
        done = git(gk.root, "merge", "-q", "--no-edit", other)
        assert done.returncode == 0 and not done.stderr, done.stdout + done.stderr  # no line merge: all appends

    merge("乙", "甲")  # 乙's file: its record, then 甲's
    merge("乙", "丙")
    git(gk.root, "checkout", "-q", "甲")
    gk.ok("event", "add", "licensing", "--date", "2024-05-04", "--count", "1")
    commit(gk, "甲再登记")
    merge("甲", "乙")  # the merge base is 甲's first version, which 乙's file does not begin with
    merge("丙", "甲")
    merge("乙", "丙")
    for name in branches:
        git(gk.root, "checkout", "-q", name)
        assert gk.json("report", "2024", "--format", "json")["proactive"]["licensing"] == 4, name
        assert gk("check").exit_code == 0
