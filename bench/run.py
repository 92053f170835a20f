"""Time whole gkcli commands on generated books against baselines measured in the same run.

    python bench/run.py            # books of 1k, 100k and 1M cases (1M takes a minute or two)
    python bench/run.py --no-1m    # skip the 1M book
    python bench/run.py --keep DIR # keep (and reuse) the generated books in DIR

Prints each measurement, then each speed goal (docs/performance.md) with its ratio and whether it
holds. Times are the median wall-clock time of several runs of a fresh process; memory
is the peak resident set of the process. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from books import write_book  # noqa: E402

PY = sys.executable
GKCLI = [PY, "-m", "gkcli"]


def run(cmd: list[str], stdin: bytes | None = None, env: dict | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB as the kernel reports it for the child, exit code) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env and os.environ | env
    )
    if stdin is not None:
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:  # the command stopped reading (e.g. it does not exist)
            pass
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.stderr.write(f"  ! {' '.join(cmd[:8])}… exit {code}: {err.decode(errors='replace')[:300]}\n")
    return elapsed, usage.ru_maxrss, code


def timed(name: str, cmd: list[str], repeat: int, stdin: bytes | None = None, warmup: int = 1, env: dict | None = None) -> dict:
    for _ in range(warmup):
        run(cmd, stdin, env)
    samples = [run(cmd, stdin, env) for _ in range(repeat)]
    result = {"name": name, "seconds": statistics.median(s[0] for s in samples), "exit": samples[-1][2]}
    print(f"  {name:<44} {result['seconds'] * 1000:9.1f} ms", flush=True)
    return result


def timed_together(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """`timed` for several quick commands, run in turns so that a slower or busier moment of the
    machine weighs on all of them alike (their ratios are the goals)."""
    for cmd in commands.values():
        run(cmd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    codes: dict[str, int] = {}
    for _ in range(repeat):
        for name, cmd in commands.items():
            seconds, _, codes[name] = run(cmd)
            samples[name].append(seconds)
    out = {}
    for name in commands:
        out[name] = {"name": name, "seconds": statistics.median(samples[name]), "exit": codes[name]}
        print(f"  {name:<44} {out[name]['seconds'] * 1000:9.1f} ms", flush=True)
    return out


def after_an_append(label: str, root: Path, report: list[str], repeat: int) -> dict:
    """`report` right after `case add` (not timed): the current year's ledger grew, so the appended
    block is read and the year's figures are worked out again; all other records come from the cache."""
    add = [*GKCLI, "-q", "--book", str(root), "case", "add", "--received", "2024-06-01", "--applicant", "business"]
    samples = []
    for _ in range(repeat):
        run(add)
        samples.append(run(report)[0])
    name = f"gkcli report 2024 --format json ({label}, after a case add)"
    print(f"  {name:<44} {statistics.median(samples) * 1000:9.1f} ms", flush=True)
    return {"name": name, "seconds": statistics.median(samples)}


def peak_memory_mib(cmd: list[str], env: dict | None = None) -> float:
    """Peak memory of `cmd` and the processes it starts, together: on Linux the sum of their
    proportional set sizes (a page shared by two counts half in each), sampled every few ms;
    elsewhere the peak resident size of the largest, from a small parent (a fork of this
    large process would count its pages)."""
    if not Path("/proc/self/smaps_rollup").exists():
        probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True, env=env and os.environ | env).stdout
        return int(out.split()[-1]) / 1024
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env and os.environ | env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss_kib(pid) for pid in _tree(process.pid)))
        time.sleep(0.003)
    return peak / 1024


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _pss_kib(pid: int) -> int:
    try:
        line = next(line for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines() if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1])


def parse_only(root: Path) -> list[str]:
    """The baseline for `report`: a process that only parses the book's ledgers with gkcli's parser."""
    code = (
        "import sys; from pathlib import Path; from gkcli.ledger import parser\n"
        "for p in sorted(Path(sys.argv[1]).glob('ledger/*/*.toml')): parser.loads(p.read_bytes().decode('utf-8'))"
    )
    return [PY, "-c", code, str(root)]


def read_only(root: Path) -> list[str]:
    """A process that only reads the book into records (parse + records + reading findings)."""
    return [PY, "-c", "import sys; from pathlib import Path; from gkcli.ledger.read import read_book; read_book(Path(sys.argv[1]))", str(root)]


def ndjson_cases(n: int) -> bytes:
    rows = (json.dumps({"id": f"B{i:07d}", "received": "2024-03-01", "applicant": "business", "channel": "online", "subject": f"批量{i}"}) for i in range(n))
    return ("\n".join(rows) + "\n").encode("utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-1m", action="store_true", help="skip the book of one million cases")
    ap.add_argument("--keep", metavar="DIR", help="generate books in DIR and reuse them next time")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gkcli-bench-"))
    sizes = {"1k": 1_000, "100k": 100_000} | ({} if args.no_1m else {"1M": 1_000_000})
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}")
    from gkcli.ledger import parser

    print(f"TOML parser: {parser.name()}")
    # An installed package has its bytecode compiled (pip does it); an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
    import compileall

    import gkcli

    compileall.compile_dir(Path(gkcli.__file__).parent, quiet=1)
    books = {}
    for label, n in sizes.items():
        root = base / label
        if not (root / "gkcli.toml").exists():
            t = time.perf_counter()
            write_book(root, n)
            print(f"generated {label} book in {time.perf_counter() - t:.1f} s ({sum(p.stat().st_size for p in root.glob('ledger/*/*.toml')) / 1e6:.0f} MB)")
        books[label] = root

    r = args.repeat
    os.environ["GKCLI_CACHE_DIR"] = str(base / "cache")  # ledger/cache.py: the user's own cache stays untouched
    m = {}
    print("baselines and commands (median of", r, "runs):")
    quick = {
        "python -c pass": [PY, "-c", "pass"],
        'python -c "import tomllib"': [PY, "-c", "import tomllib"],
        "gkcli --version": [*GKCLI, "--version"],
    }
    for label in ("1k", "100k"):
        quick[f"gkcli case add ({label} book)"] = [*GKCLI, "-q", "--book", str(books[label]), "case", "add", "--received", "2024-06-01", "--applicant", "business"]
    found = timed_together(quick, r * 6)
    m["pass"], m["tomllib"], m["version"], m["add 1k"], m["add 100k"] = found.values()
    for label in [s for s in ("100k", "1M") if s in books]:
        rep = r if label == "100k" else 1
        m[f"parse {label}"] = timed(f"parse only, {parser.name()} ({label})", parse_only(books[label]), rep)
        m[f"read {label}"] = timed(f"read records only ({label}, no cache)", read_only(books[label]), rep, env={"GKCLI_CACHE": "0"})
        report = [*GKCLI, "--book", str(books[label]), "report", "2024", "--format", "json"]
        m[f"uncached {label}"] = timed(f"gkcli report 2024 --format json ({label}, no cache)", report, rep, env={"GKCLI_CACHE": "0"})
        m[f"report {label}"] = timed(f"gkcli report 2024 --format json ({label}, cached)", report, rep)
        m[f"appended {label}"] = after_an_append(label, books[label], report, rep)
    report_100k = [*GKCLI, "--book", str(books["100k"]), "report", "2024", "--format", "json"]
    m["report 100k"]["rss_mib"] = max(peak_memory_mib(report_100k), peak_memory_mib(report_100k, {"GKCLI_CACHE": "0"}))
    print(f"  {'peak memory of report (100k), all processes':<44} {m['report 100k']['rss_mib']:9.1f} MiB")
    bulk_root = base / "bulk"
    bulk_input = ndjson_cases(100_000)
    results = []
    for _ in range(r):
        shutil.rmtree(bulk_root, ignore_errors=True)
        write_book(bulk_root, 10)
        results.append(run([*GKCLI, "-q", "--book", str(bulk_root), "case", "add", "-"], bulk_input))
    m["bulk"] = {"name": "gkcli case add - (100k NDJSON)", "seconds": statistics.median(x[0] for x in results)}
    print(f"  {m['bulk']['name']:<44} {m['bulk']['seconds'] * 1000:9.1f} ms")

    print("goals (docs/performance.md):")
    goals = [
        ("gkcli --version / python -c pass", m["version"]["seconds"] / m["pass"]["seconds"], 1.5, "×"),
        ("case add (100k) / import tomllib", m["add 100k"]["seconds"] / m["tomllib"]["seconds"], 3.5, "×"),
        ("case add (100k) / case add (1k)", m["add 100k"]["seconds"] / m["add 1k"]["seconds"], 1.10, "×"),
        ("report (100k) / parse only (100k), cached", m["report 100k"]["seconds"] / m["parse 100k"]["seconds"], 1.3, "×"),
        ("report (100k) / parse only (100k), after a case add", m["appended 100k"]["seconds"] / m["parse 100k"]["seconds"], 1.3, "×"),
        ("report (100k) / parse only (100k), no cache", m["uncached 100k"]["seconds"] / m["parse 100k"]["seconds"], 1.3, "×"),
        ("report (100k), seconds, cached", m["report 100k"]["seconds"], 1.0, "s"),
        ("report (100k), seconds, after a case add", m["appended 100k"]["seconds"], 1.0, "s"),
        ("report (100k), seconds, no cache", m["uncached 100k"]["seconds"], 1.0, "s"),
        ("bulk input of 100k cases, seconds", m["bulk"]["seconds"], 2.0, "s"),
        ("report (100k) peak memory, MiB", m["report 100k"]["rss_mib"], 350, "MiB"),
    ]
    if "report 1M" in m:
        goals.insert(9, ("report (1M), seconds, cached", m["report 1M"]["seconds"], 10.0, "s"))
        goals.insert(10, ("report (1M), seconds, after a case add", m["appended 1M"]["seconds"], 10.0, "s"))
        goals.insert(11, ("report (1M), seconds, no cache", m["uncached 1M"]["seconds"], 10.0, "s"))
    for name, value, goal, unit in goals:
        print(f"  {name:<52} {value:8.2f} {unit:<3} goal ≤ {goal:<5} {'ok' if value <= goal else 'MISSED'}")


if __name__ == "__main__":
    main()
