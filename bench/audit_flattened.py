"""Share of cells `gkcli audit` reads exactly from report text whose layout was destroyed.

Random books are tallied and rendered by gkcli (tests/fixtures/audit/flatten.py), then each
report is flattened four ways — cells of a row run together, the whole body on one line, a row
label with one character dropped, the text cut off inside the tables — and audited. Every cell
is counted as read exactly, left unread (null, with a finding), or read wrong (must be 0).
    python bench/audit_flattened.py [REPORTS]    # default 2000; exit 1 if any cell is read wrong
"""

from __future__ import annotations

import importlib.util
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from gkcli.audit import audit, audit_all, read_report
from gkcli.audit.output import tables_json
from gkcli.render.json_out import tables_json as book_tables_json

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("flatten", ROOT / "tests" / "fixtures" / "audit" / "flatten.py")
flatten = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(flatten)

VARIANTS = {
    "glued": lambda md, rng: flatten.glued(md),
    "one_line": lambda md, rng: flatten.one_line(md),
    "dropped": lambda md, rng: flatten.dropped(md, rng)[0],
    "cut": lambda md, rng: flatten.cut(md, rng),
    "one_line+previous": lambda md, rng: flatten.one_line(md),  # with last year's report, flattened too
}


cell_values = flatten.cell_values


def main(reports: int) -> int:
    counts = {v: Counter() for v in VARIANTS}
    wrong = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        for seed in range(reports):
            for variant, destroy in VARIANTS.items():
                rng = random.Random(seed)
                truth, md, before, before_md = flatten.report_pair(rng)
                path.write_text(destroy(md, rng), encoding="utf-8")
                reading = read_report(str(path))
                if variant.endswith("+previous"):
                    last = Path(folder) / "previous.txt"
                    last.write_text(flatten.one_line(before_md), encoding="utf-8")
                    [(reading, _)] = audit_all([reading], [read_report(str(last))])
                else:
                    audit(reading)
                expected, got = cell_values(book_tables_json(truth)), cell_values(tables_json(reading))
                for name, value in got.items():
                    table = name.split(".")[0]
                    if value is None:
                        outcome = "unread"
                    elif str(value) == str(expected[name]):
                        outcome = "exact"
                    else:
                        outcome = "wrong"
                        wrong.append((variant, seed, name, expected[name], value))
                    counts[variant][outcome] += 1
                    counts[variant][f"{table}:{outcome}"] += 1
    print(f"{reports} 份随机账本生成的报告，每份按四种方式破坏版式后核对（最后一行另给上年报告）：")
    for variant, c in counts.items():
        total = c["exact"] + c["unread"] + c["wrong"]
        by_table = "，".join(
            f"{t} {c[f'{t}:exact'] / max(1, c[f'{t}:exact'] + c[f'{t}:unread'] + c[f'{t}:wrong']):.2%}" for t in ("proactive", "applications", "review")
        )
        print(f"  {variant:17} 准确读出 {c['exact'] / total:.2%}（{by_table}），未读出 {c['unread']}，读错 {c['wrong']}")
    for item in wrong[:20]:
        print("  读错：", item)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
