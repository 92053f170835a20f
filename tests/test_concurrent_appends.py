"""Several processes appending to one book at once lose nothing and never share an id."""

from __future__ import annotations

import subprocess
import sys

from gkcli.ledger.read import read_book


def test_parallel_case_add_gives_unique_ids_and_keeps_every_record(gk):
    script = (
        "import sys; from gkcli.__main__ import main\n"
        "root, name = sys.argv[1:3]\n"
        "for i in range(15):\n"
        "    sys.argv = ['gkcli', '-q', '--book', root, 'case', 'add', '--received', '2024-03-01', '--applicant', '自然人', '--subject', f'{name}-{i}']\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as e:\n"
        "        assert not e.code, e.code\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(gk.root), f"w{w}"], stdout=subprocess.PIPE, text=True) for w in range(4)]
    ids = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        ids += out.split()
    assert len(ids) == 60 and len(set(ids)) == 60
    book, findings = read_book(gk.root)
    assert findings == []
    assert sorted(c.subject for c in book.cases) == sorted(f"w{w}-{i}" for w in range(4) for i in range(15))
    assert gk("check").exit_code == 0
