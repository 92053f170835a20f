"""Several processes appending to one book at once lose nothing, interleave nothing, reuse no id."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from gkcli.ledger.read import read_book

WRITER = Path(__file__).with_name("writer.py")
PROCESSES, CASES = 4, 250


def test_concurrent_appends(gk):
    procs = [
        subprocess.Popen([sys.executable, str(WRITER), str(gk.root), f"w{k}", str(CASES)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for k in range(PROCESSES)
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err.decode()
    book, findings = read_book(gk.root)
    assert findings == []
    subjects = Counter(c.subject for c in book.cases)
    assert subjects == Counter(f"w{k}-{i}" for k in range(PROCESSES) for i in range(CASES))
    titles = Counter(e.title for e in book.events)
    assert titles == Counter(f"w{k}-{i}" for k in range(PROCESSES) for i in range(0, CASES, 2))
    ids = [c.id for c in book.cases]
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == [f"2024-{n:04d}" for n in range(1, PROCESSES * CASES + 1)]
    result = gk("check", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["errors"] == 0
