"""Writers killed (SIGKILL) at random moments leave every ledger readable up to its last complete record."""

from __future__ import annotations

import random
from collections import Counter
import signal
import subprocess
import sys
import time
from pathlib import Path

from gkcli.ledger import journal
from gkcli.ledger.read import TORN, read_book

WRITER = Path(__file__).with_name("writer.py")
ROUNDS = 10


def _start(root: Path, round_: int) -> list[subprocess.Popen]:
    args = [(f"r{round_}a", "1000"), (f"r{round_}b", "1000"), (f"r{round_}c", "50", "bulk")]
    return [subprocess.Popen([sys.executable, str(WRITER), str(root), *a], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for a in args]


def test_sigkill_at_random_points(gk):
    rng = random.Random(20240101)
    seen_torn = 0
    for round_ in range(ROUNDS):
        procs = _start(gk.root, round_)
        time.sleep(rng.uniform(0.1, 0.35))
        for p in procs:
            p.send_signal(signal.SIGKILL)
        for p in procs:
            p.wait(timeout=30)
        book, findings = read_book(gk.root)
        assert {f.code for f in findings} <= {TORN}, [str(f) for f in findings]
        for f in findings:  # only ever the last record of a file: no record starts after it
            path, line = f.where.rsplit(":", 1)
            after = (gk.root / path).read_bytes().split(b"\n")[int(line) :]
            assert not any(row.startswith(b"[[") for row in after)
        seen_torn += len(findings)
        if findings or journal.pending(gk.root):
            assert gk("repair", "--yes").exit_code == 0  # rolls back an unfinished batch, then moves torn tails aside
        after, rest = read_book(gk.root)
        assert [f for f in rest if f.level == "error"] == []
        batches = Counter(c.id.rsplit("-", 1)[0] for c in after.cases if c.id.startswith(f"r{round_}c-"))
        assert set(batches.values()) <= {600}  # a batch is all or nothing
        kept = tuple(c for c in book.cases if not c.id.startswith(f"r{round_}c-") or c.id.rsplit("-", 1)[0] in batches)
        assert after.cases == kept and after.events == book.events  # nothing else removed
        ids = [c.id for c in after.cases]
        assert len(ids) == len(set(ids))
    assert gk("check").exit_code == 0
    print(f"torn tails found and repaired: {seen_torn}")
