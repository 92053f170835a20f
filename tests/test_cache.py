"""The cache of large ledger files: reading through it gives exactly what reading the files gives."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gkcli.ledger import cache, seal
from gkcli.ledger.read import read_book

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from books import write_book  # noqa: E402


def everything(root: Path):
    """Every record with its file:line, and every finding, of a fresh read."""
    book, findings = read_book(root)
    records = [(r, str(r.source)) for part in (book.cases, book.steps, book.events, book.reviews, book.decisions) for r in part]
    return records, findings


def fresh_reading(root: Path):
    """`everything(root)` with the cache turned off."""
    os.environ["GKCLI_CACHE"] = "0"
    try:
        return everything(root)
    finally:
        del os.environ["GKCLI_CACHE"]


@pytest.fixture
def cached_always(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 300), st.integers(0, 1000), st.sampled_from(["", "[[case]]\nid = \"x\"\nreceived = 2024-02-30\n", "[[answer]]\ncase = \"2024-0001\"\nda"]))
def test_cached_reading_equals_fresh_reading(cached_always, tmp_path_factory, cases, seed, tail):
    root = write_book(tmp_path_factory.mktemp("book"), cases, seed)
    with (root / "ledger" / "2024" / "cases.toml").open("a", encoding="utf-8") as f:
        f.write(tail)  # a bad or torn last block: its findings are cached too
    fresh = everything(root)
    rel = "ledger/2024/cases.toml"
    assert cache.load(root, rel, (root / rel).read_bytes()) is not None  # the first read filled the cache
    assert everything(root) == fresh


def test_a_changed_file_is_read_again(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 30)
    before = everything(root)
    path = root / "ledger" / "2024" / "cases.toml"
    assert len(list(cached_always.glob("*.records"))) == 6  # one per ledger file
    path.write_text(path.read_text(encoding="utf-8").replace('"business"', '"research"', 1), encoding="utf-8")  # same size
    after = everything(root)
    assert after != before and after == everything(root) == everything(root)
    assert len(list(cached_always.glob("*.records"))) == 6  # one per ledger file: the old content's entry is gone


def test_no_cache_when_turned_off_or_unwritable(cached_always, tmp_path, monkeypatch):
    root = write_book(tmp_path / "book", 30)
    monkeypatch.setenv("GKCLI_CACHE", "0")
    fresh = everything(root)
    assert not cached_always.exists()
    monkeypatch.delenv("GKCLI_CACHE")
    cached_always.write_text("not a folder")  # cannot be written: read as usual
    assert everything(root) == fresh == everything(root)


appended = st.lists(
    st.sampled_from(
        [
            '\n[[case]]\nid = "2024-9001"\nreceived = 2024-06-01\napplicant = "business"\n# 完\n',
            '\n[[answer]]\ncase = "2024-0001"\ndate = 2024-06-03\noutcome = "granted"\n# 完\n',
            '\n[[answer]]\ncase = "2024-0002"\ndate = 2024-06-03\noutcome = "予以公开"\n',
            '\n[[case]]\nid = "2024-9002"\nreceived = 2024-02-30\napplicant = "business"\n',
            '\n[[case]]\nid = "2024-9003"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """多行\n[[case]]\n内容"""\n# 完\n',
            '\n[[nope]]\nx = 1\n',
            '\n[case.extra]\nx = 1\n',
            'subject = "接在上一块后面"\n',
            '\n# 手写的注释\n',
            '\r\n[[event]]\r\nkind = "penalty"\r\ndate = 2024-06-05\r\n# 完\r\n',
            '\n[[case.sub]]\nx = 1\n',
            '\n[[case]]\nid = "2024-9004"\nreceived = 2024-06-01\n',
            '\n[[case]]\nid = "2024-9005"\nrecei',
            '\n[[event]]\nkind = "penalty"\ndate = 2024-06-05\ncount = [\n[1],\n]\n',
        ]
    ),
    min_size=1,
    max_size=4,
)


# blocks as appends write them, each ending with its end line (ledger/torn.py)
_MULTILINE = '\n[[case]]\nid = "2024-9003"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """多行\n[[case]]\n内容"""\n# 完\n'
_GOOD = '\n[[case]]\nid = "2024-9001"\nreceived = 2024-06-01\napplicant = "business"\n# 完\n'
_FAKE_ANSWER = '\n[[case]]\nid = "2024-9006"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """x\n[[answer]]\ny"""\n# 完\n'
_ANSWER = '\n[[answer]]\ncase = "2024-0001"\ndate = 2024-06-03\noutcome = "granted"\n# 完\n'


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 200), appended, st.booleans(), st.sampled_from([b"", b"\xff\xfe", "注".encode()[:2]]))
@example(cases=1, tails=[_MULTILINE], twice=False, junk=b"")  # a header-like line in a string: lines are given up
@example(cases=1, tails=[_MULTILINE, _GOOD], twice=True, junk=b"")  # ... and the next append does not bring them back
@example(cases=5, tails=[_GOOD, _GOOD], twice=True, junk=b"")  # read from where the reading stopped, twice
@example(cases=0, tails=[_GOOD, _FAKE_ANSWER], twice=True, junk=b"")  # a header-like line of a table not in the new part
@example(cases=0, tails=[_FAKE_ANSWER, _ANSWER], twice=True, junk=b"")  # ... or in the earlier part
def test_reading_only_what_was_appended_equals_reading_the_whole_file(cached_always, tmp_path_factory, cases, tails, twice, junk):
    """After appends (and hand edits) to a cached file, the reading is what a fresh reading gives."""
    root = write_book(tmp_path_factory.mktemp("book"), cases, 3)
    path = root / "ledger" / "2024" / "cases.toml"
    if not cases:  # a file of cases without answers
        path.write_text(_GOOD.lstrip(), encoding="utf-8")
    everything(root)  # cached as it was
    for tail in tails[:1] if twice else tails:
        with path.open("ab") as f:
            f.write(tail.encode("utf-8"))
    if twice:  # a second round, continuing from the first round's reading
        everything(root)
        with path.open("ab") as f:
            f.write("".join(tails[1:]).encode("utf-8") + junk)
    elif junk:
        with path.open("ab") as f:
            f.write(junk)
    assert everything(root) == fresh_reading(root) == everything(root)  # the last: as stored after the append


def test_a_reading_that_needed_block_by_block_is_not_continued(cached_always, tmp_path):
    """A file that parses only block by block (here a stray `case = []`) is read whole after an append."""
    root = write_book(tmp_path / "book", 0)
    path = root / "ledger" / "2024" / "cases.toml"
    path.write_text("case = []\n" + _GOOD.lstrip(), encoding="utf-8")
    everything(root)
    with path.open("a", encoding="utf-8") as f:
        f.write(_ANSWER.replace("2024-0001", "2024-9001"))
    assert everything(root) == fresh_reading(root)


def _entries(folder: Path) -> int:
    return len(list(folder.glob("*.records")))


def test_appends_are_kept_as_links_and_every_few_as_a_whole_entry(cached_always, tmp_path):
    """Each reading after an append keeps only the appended records, linked to the entry before;
    the chain never grows past `MAX_LINKS` links, and every reading equals a fresh one."""
    root = write_book(tmp_path / "book", 20)
    path = root / "ledger" / "2024" / "cases.toml"
    everything(root)
    base = _entries(cached_always)
    for n in range(2 * cache.MAX_LINKS + 3):
        with path.open("a", encoding="utf-8") as f:
            f.write(_GOOD.replace("9001", f"{9100 + n}"))
        assert everything(root) == fresh_reading(root) == everything(root)
        assert base <= _entries(cached_always) <= base + cache.MAX_LINKS
    assert _entries(cached_always) < base + cache.MAX_LINKS  # a whole entry was written again on the way


def test_a_chain_with_a_lost_link_is_read_afresh(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 20)
    path = root / "ledger" / "2024" / "cases.toml"
    everything(root)
    for n in range(3):
        with path.open("a", encoding="utf-8") as f:
            f.write(_GOOD.replace("9001", f"{9100 + n}"))
        everything(root)
    prefix = cache.entry(root, "ledger/2024/cases.toml", b"").prefix
    chain = sorted(cached_always.glob(f"{prefix}-*.records"), key=lambda p: p.stat().st_mtime_ns)
    assert len(chain) == 4  # the whole entry and three links
    chain[0].unlink()  # removed by hand, or by another process
    assert everything(root) == fresh_reading(root)
    with path.open("a", encoding="utf-8") as f:
        f.write(_ANSWER)
    assert everything(root) == fresh_reading(root) == everything(root)


def test_a_full_disk_leaves_no_half_written_entry(cached_always, tmp_path, monkeypatch):
    root = write_book(tmp_path / "book", 20)
    fresh = fresh_reading(root)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.pickle, "dump", full)
    assert everything(root) == fresh
    assert not list(cached_always.glob("*.tmp")) and not list(cached_always.glob("*.records"))


def test_temporary_files_of_a_killed_writer_are_removed_later(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 20)
    path = root / "ledger" / "2024" / "cases.toml"
    everything(root)
    prefix = cache.entry(root, "ledger/2024/cases.toml", b"").prefix
    old, new = cached_always / f"{prefix}-x.999.tmp", cached_always / f"{prefix}-y.998.tmp"
    old.write_bytes(b"half")
    new.write_bytes(b"half")  # perhaps another process writing it now
    os.utime(old, (0, 0))
    with path.open("a", encoding="utf-8") as f:
        f.write(_GOOD)
    assert everything(root) == fresh_reading(root)
    assert not old.exists() and new.exists()


# --- Applicants' personal data never lies in the cache readable ------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(n: int) -> str:
    first = f"110105{19500101 + n % 28 + (n // 28) % 12 * 100:08d}{n % 1000:03d}"
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, _WEIGHTS)) % 11]


def _name(n: int) -> str:
    return "甄" + chr(0x4E00 + n % 20000) + chr(0x4E00 + n // 20000)


def personal_book(gk, cases: int = 6000) -> list[tuple[str, str, str]]:
    """A 2024 ledger of over 1 MB (cached) whose every case has a name, an ID number and a phone."""
    people = [(_name(n), _id_number(n), f"139{n:08d}") for n in range(cases)]
    blocks = [
        f'[[case]]\nid = "2024-{n + 1:04d}"\nreceived = 2024-03-0{n % 9 + 1}\napplicant = "natural_person"\nchannel = "online"\n'
        f'subject = "申请公开第{n}号事项"\nname = "{name}"\nid_number = "{number}"\nphone = "{phone}"\n\n'
        for n, (name, number, phone) in enumerate(people)
    ]
    path = gk.write("ledger/2024/cases.toml", "".join(blocks))
    assert path.stat().st_size > cache.MIN_BYTES
    return people


# every name (甄 and two more), ID number and phone of `personal_book`, also as JSON escapes or masked
_PATTERNS = [re.compile(p) for p in (r"甄[\u4e00-\u9fff]{1,2}", r"\\u7504", r"139\d{8}", r"\d{17}[\dX]", r"\d{6}\*+")]


def readable_in_cache(folder: Path, patterns: list[re.Pattern[str]]) -> list[str]:
    """What any file of the cache folder shows that `patterns` find: in its bytes, and in every
    string of every pickle in it."""
    shown = []
    for path in folder.iterdir():
        raw = path.read_bytes()
        texts = [raw.decode("utf-8", "replace"), raw.decode("latin-1")]
        with path.open("rb") as f:
            while f.tell() < len(raw):
                try:
                    texts.append(repr(pickle.load(f)))
                except Exception:  # noqa: BLE001 - not a pickle (a sealed blob is bytes inside one)
                    break
        shown += [f"{path.name}: {m.group()}" for text in texts for p in patterns for m in p.finditer(text)]
    return shown


def _readable_personal_data(folder: Path) -> list[str]:
    return readable_in_cache(folder, _PATTERNS)


def test_the_cache_holds_no_readable_personal_data(gk, tmp_path, monkeypatch):
    """After report, check and listings of a large book with names, ID numbers and phones, no
    file of the cache folder holds any, in its bytes or once unpickled; folder 0700, files 0600."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(folder))
    people = personal_book(gk)
    report = gk.ok("report", "2024", "--format", "json")
    assert gk("check").exit_code in (0, 1)
    assert list(folder.glob("*.records")) and list(folder.glob("*.analysis"))  # both caches were written
    assert _readable_personal_data(folder) == []
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    # read through the cache, the personal data is the ledger's, whole
    listed = gk.ok("case", "list", "--format", "ndjson", "--with-personal-data").splitlines()
    shown = {c["id"]: (c["name"], c["id_number"], c["phone"]) for c in map(json.loads, listed)}
    assert shown == {f"2024-{n + 1:04d}": p for n, p in enumerate(people)}
    assert gk.ok("report", "2024", "--format", "json") == report
    assert _readable_personal_data(folder) == []


def test_appends_to_a_large_book_keep_personal_data_sealed(gk, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(folder))
    people = personal_book(gk)
    gk.ok("report", "2024")
    for n in range(3):  # each read after an append keeps only the appended records, linked
        name, number, phone = "甄" + "甲乙丙"[n] + "丁", _id_number(9000 + n), f"139{9000 + n:08d}"
        gk.ok("case", "add", "--received", "2024-06-01", "--applicant", "自然人", "--name", name, "--id-number", number, "--phone", phone)
        listed = {c["id"]: c for c in map(json.loads, gk.ok("case", "list", "--format", "ndjson", "--with-personal-data").splitlines())}
        assert len(listed) == len(people) + n + 1 and listed["2024-0001"]["name"] == people[0][0]
        added = [(c["name"], c["phone"]) for c in listed.values() if c["received"] == "2024-06-01"]
        assert added == [("甄" + "甲乙丙"[i] + "丁", f"139{9000 + i:08d}") for i in range(n + 1)]
    assert len(list(folder.glob("*.records"))) > 1  # a chain of links
    assert _readable_personal_data(folder) == []


def test_entries_of_earlier_versions_are_removed_and_files_tightened(gk, tmp_path, monkeypatch):
    """A cache folder an earlier version left open (0755) with plain entries (0644)."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(folder))
    old = folder / "0123456789abcdef0123-0123456789abcdef0123456789abcdef01234567.pickle"
    old.write_bytes(pickle.dumps({"name": "甄三丰", "phone": "13900000001"}))
    other = folder / "0123456789abcdef0123-0123456789abcdef0123456789abcdef01234567.analysis"
    other.write_bytes(b"figures")
    other.chmod(0o644)
    personal_book(gk)
    gk.ok("report", "2024")
    assert not old.exists() and _readable_personal_data(folder) == []
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(other.stat().st_mode) == 0o600


def test_a_sealed_entry_opens_only_with_the_ledgers_bytes(cached_always, tmp_path):
    """Sealed personal data: a changed byte, or another content's key, gives no data — the file is
    read afresh, with the same records."""
    root = write_book(tmp_path / "book", 30)
    path = root / "ledger" / "2024" / "cases.toml"
    with path.open("a", encoding="utf-8") as f:
        f.write('\n[[case]]\nid = "2024-9001"\nreceived = 2024-06-01\napplicant = "natural_person"\n')
        f.write(f'name = "甄三丰"\nid_number = "{_id_number(1)}"\nphone = "13900000001"\n# 完\n')
    fresh = fresh_reading(root)
    assert everything(root) == fresh
    raw = path.read_bytes()
    key = cache.entry(root, "ledger/2024/cases.toml", raw)
    stored = cache._stored(key.where / f"{key.name}{cache.SUFFIX}", key.digest)
    assert stored is not None and stored[1]["case"][0][6][-1] == "甄三丰"
    assert cache._stored(key.where / f"{key.name}{cache.SUFFIX}", hashlib.sha256(raw + b"x").digest()) is None
    entry_file = key.where / f"{key.name}{cache.SUFFIX}"
    with entry_file.open("rb") as f:
        about, columns = pickle.load(f), pickle.load(f)
    nonce, cipher, tag = columns[seal.SEALED]
    columns[seal.SEALED] = (nonce, bytes([cipher[0] ^ 1]) + cipher[1:], tag)
    with entry_file.open("wb") as f:
        pickle.dump(about, f)
        pickle.dump(columns, f)
    assert cache.load(root, "ledger/2024/cases.toml", raw) is None
    assert everything(root) == fresh == everything(root)


names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"), max_size=8)  # TOML: DEL only escaped
phones = st.sampled_from(["", "13812345678", "010-12345678", "+86 (10) 1234 5678"])
id_numbers = st.sampled_from(["", "11010519491231002X", _id_number(5)])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(names, id_numbers, phones), min_size=1, max_size=6), st.integers(1, 3))
@example(people=[("", "", "13812345678"), ("甄", "", "")], rounds=2)  # no name first
@example(people=[("a\x00b", "", "")], rounds=1)  # a NUL in a name
def test_personal_data_read_through_the_cache_is_the_ledgers(cached_always, tmp_path_factory, people, rounds):
    """Any names, ID numbers and phones, appended in rounds: every reading through the cache
    (whole entries and links) gives exactly what a fresh reading gives."""
    root = write_book(tmp_path_factory.mktemp("book"), 20)
    path = root / "ledger" / "2024" / "cases.toml"
    for r in range(rounds):
        with path.open("a", encoding="utf-8") as f:
            for n, (name, number, phone) in enumerate(people):
                f.write(f'\n[[case]]\nid = "P{r}-{n}"\nreceived = 2024-06-01\napplicant = "natural_person"\n')
                f.write(f'name = {json.dumps(name)}\nid_number = "{number}"\nphone = "{phone}"\n# 完\n')
        assert everything(root) == fresh_reading(root) == everything(root)
        assert cache.load(root, "ledger/2024/cases.toml", path.read_bytes()) is not None  # opened, not read afresh
