"""Generate large books for benchmarks, writing ledger text directly (no gkcli, no TOML library).

A book of N cases spreads them over three years with the proportions a busy office
sees: most answered in a few weeks, some carried into the next year, a few reviews,
and proactive-disclosure events. Generation is deterministic (seeded) and fast:
one million cases take a few seconds.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

APPLICANTS = ("natural_person",) * 6 + ("business", "business", "research", "nonprofit", "legal_service", "other_org")
CHANNELS = ("online", "online", "in_person", "mail", "letter", "fax")
OUTCOMES = ("granted", "granted", "partial", "unable_not_held", "unable_not_held", "withheld_process", "refused_repeat", "other_other")
EVENT_KINDS = ("penalty", "licensing", "enforcement", "normative-issued", "publication")
YEARS = (2022, 2023, 2024)
NOTE = "只追加：更正请追加新记录，不要修改已有记录；每条记录以「# 完」开头的一行结束。"
HEAD = "# 政府信息公开申请及办理记录（{year}年）。" + NOTE + "\n\n"
# the end line appends write after every block, with the time of entry (src/gkcli/ledger/torn.py)
END = "# 完 {}T09:30:00.000000\n"


def write_book(root: Path, cases: int, seed: int = 7) -> Path:
    """A book with `cases` applications (about 95 % answered) and a few events and reviews."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "gkcli.toml").write_text('[book]\nagency = "基准测试县人民政府"\nkind = "government"\nschema = 1\n', encoding="utf-8")
    per_year = [cases // len(YEARS)] * len(YEARS)
    per_year[-1] += cases - sum(per_year)
    for year, count in zip(YEARS, per_year):
        folder = root / "ledger" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cases.toml").write_text(_cases_text(rng, year, count), encoding="utf-8")
        (folder / "events.toml").write_text(_events_text(rng, year, max(1, count // 100)), encoding="utf-8")
    return root


def _cases_text(rng: random.Random, year: int, count: int) -> str:
    parts = [HEAD.format(year=year)]
    start = date(year, 1, 1)
    for n in range(1, count + 1):
        received = start + timedelta(days=rng.randrange(365))
        parts.append(
            f'[[case]]\nid = "{year}-{n:04d}"\nreceived = {received.isoformat()}\n'
            f'applicant = "{rng.choice(APPLICANTS)}"\nchannel = "{rng.choice(CHANNELS)}"\nsubject = "申请公开第{n}号事项的相关文件"\n{END.format(received)}\n'
        )
        if rng.random() < 0.95:
            answered = received + timedelta(days=rng.randrange(1, 40))
            if answered.year == year:  # a later year's answer would belong in that year's file
                parts.append(f'[[answer]]\ncase = "{year}-{n:04d}"\ndate = {answered.isoformat()}\noutcome = "{rng.choice(OUTCOMES)}"\n{END.format(answered)}\n')
    return "".join(parts)


def _events_text(rng: random.Random, year: int, count: int) -> str:
    parts = [f"# 主动公开事项记录（{year}年）。{NOTE}\n\n"]
    start = date(year, 1, 1)
    for _ in range(count):
        day = start + timedelta(days=rng.randrange(365))
        kind = rng.choice(EVENT_KINDS)
        channel = f'channel = "{rng.choice(("website", "wechat"))}"\n' if kind == "publication" else ""
        parts.append(f'[[event]]\nkind = "{kind}"\ndate = {day.isoformat()}\ncount = {rng.randrange(1, 20)}\n{channel}{END.format(day)}\n')
    return "".join(parts)


if __name__ == "__main__":
    import sys

    write_book(Path(sys.argv[1]), int(sys.argv[2]))
