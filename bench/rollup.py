"""Time `gkcli rollup` over many units: 500 books of 2,000 cases, and 200 published PDF reports.

    python bench/rollup.py --keep DIR          # generate once into DIR (reused next time), then time
    python bench/rollup.py --keep DIR --no-pdf # books only
    python bench/rollup.py --keep DIR --generate-only

The books are bench/books.py's (2,000 cases each over 2022–2024, one million in all), each with an
agency of its own. The reports are the HTML reports (with `narrative init`'s text in all six parts)
of 200 small books printed to PDF by headless
Chromium (the route an office takes from `report -o 年报.html`); without Chromium they are skipped.

Measured: `gkcli rollup 2024 BOOKS --format json` cold (an empty gkcli cache: GKCLI_CACHE_DIR in a
fresh folder) and warm (run again, no book changed), the peak memory of all its processes together
(bench/run.py's `peak_memory_mib`), and `gkcli rollup 2024 PDFS --format json` cold and warm.
Not a test: numbers depend on the machine and on what else runs on it.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from books import write_book  # noqa: E402
from run import GKCLI, PY, peak_memory_mib  # noqa: E402

BOOKS = 500
CASES = 2_000
REPORTS = 200
REPORT_CASES = 60
GOALS = {"books cold": 10.0, "books warm": 1.0, "pdfs": 60.0, "memory": 1024.0}
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DONE = ".complete"  # written last: a folder interrupted while generating is generated again


def agency(n: int) -> str:
    """A name like an office's own (no Arabic digits): 基准测试县甲乙丙镇人民政府 for 12."""
    return "基准测试县" + "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in f"{n:03d}") + "镇人民政府"


def generate_books(folder: Path, count: int = BOOKS, cases: int = CASES, first: int = 1) -> list[Path]:
    """`count` books of `cases` cases each in folder/unit-NNN, each with its own agency and seed."""
    roots = [folder / f"unit-{n:03d}" for n in range(first, first + count)]
    if (folder / DONE).exists():
        return roots
    shutil.rmtree(folder, ignore_errors=True)
    for n, root in enumerate(roots, start=first):
        write_book(root, cases, seed=n)
        config = root / "gkcli.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("基准测试县人民政府", agency(n)), encoding="utf-8")
    (folder / DONE).write_text("", encoding="utf-8")
    return roots


def browser() -> str | None:
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


def generate_pdfs(folder: Path, count: int = REPORTS, cases: int = REPORT_CASES, jobs: int | None = None) -> list[Path]:
    """`count` published reports as PDF: small books' HTML reports printed by headless Chromium."""
    pdfs = [folder / f"年报-{n:03d}.pdf" for n in range(1, count + 1)]
    if (folder / DONE).exists():
        return pdfs
    chrome = browser()
    if chrome is None:
        raise RuntimeError("chromium not found")
    from gkcli.loader import report_analysis, report_document
    from gkcli.render import renderer

    shutil.rmtree(folder, ignore_errors=True)
    work = folder / "books"
    html = renderer("html")

    def one(n: int) -> None:
        root = generate_books(work / f"b{n:03d}", 1, cases, first=BOOKS + n)[0]
        # the starting text of every part, as a published report has text in all six parts
        subprocess.run([*GKCLI, "-q", "--book", str(root), "narrative", "init", "2024"], check=True, capture_output=True)
        page = folder / f"年报-{n:03d}.html"
        page.write_text(html.render(report_document(root, report_analysis(root, 2024), tables_only=False)), encoding="utf-8")
        profile = Path(tempfile.mkdtemp(prefix="gkcli-chrome-"))
        try:
            flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"]
            flags += ["--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdfs[n - 1]}"]
            subprocess.run([chrome, *flags, page.as_uri()], check=False, capture_output=True, timeout=180)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        if not pdfs[n - 1].exists():
            raise RuntimeError(f"chromium made no PDF of {page}")
        page.unlink()

    with ThreadPoolExecutor(jobs or os.cpu_count() or 1) as pool:
        list(pool.map(one, range(1, count + 1)))
    shutil.rmtree(work, ignore_errors=True)
    (folder / DONE).write_text("", encoding="utf-8")
    return pdfs


def rollup_once(folder: Path, cache: Path) -> tuple[float, float, int, dict | None]:
    """(seconds, CPU seconds of it and its worker processes, exit code, the JSON it printed) of one
    `gkcli rollup 2024 FOLDER --format json`. The CPU time is what a busy machine changes least."""
    cmd = [*GKCLI, "rollup", "2024", str(folder), "--format", "json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=os.environ | {"GKCLI_CACHE_DIR": str(cache)})
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code not in (0, 1):
        sys.stderr.write(f"  ! exit {code}: {stderr.decode(errors='replace')[-600:]}\n")
    try:
        data = json.loads(stdout)
    except ValueError:
        data = None
    return elapsed, usage.ru_utime + usage.ru_stime, code, data


def summary(data: dict | None) -> str:
    """What the roll-up found, to tell a fast run from one that read nothing."""
    if not isinstance(data, dict):
        return "no JSON"
    try:
        total = data["applications"]["rows"]["new"][-1]
    except (KeyError, IndexError, TypeError):
        total = "?"
    return f"{data.get('units_total')} units, {data.get('units_summed')} summed, 新收 total {total}"


def measure(label: str, folder: Path, base: Path, repeat: int) -> dict:
    """Cold (fresh cache each time) and warm (the same cache again) medians, and peak memory."""
    cold, warm, cold_cpu, warm_cpu, codes, data = [], [], [], [], set(), None
    for i in range(repeat):
        cache = base / f"cache-{label}-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        seconds, cpu, code, data = rollup_once(folder, cache)
        cold.append(seconds)
        cold_cpu.append(cpu)
        codes.add(code)
        seconds, cpu, code, _ = rollup_once(folder, cache)
        warm.append(seconds)
        warm_cpu.append(cpu)
        codes.add(code)
        shutil.rmtree(cache, ignore_errors=True)
    out = {"cold": statistics.median(cold), "warm": statistics.median(warm), "exit": sorted(codes), "found": summary(data)}
    out["cold cpu"], out["warm cpu"] = statistics.median(cold_cpu), statistics.median(warm_cpu)
    cmd = [*GKCLI, "rollup", "2024", str(folder), "--format", "json"]
    cache = base / f"cache-{label}-memory"
    shutil.rmtree(cache, ignore_errors=True)
    out["memory cold"] = peak_memory_mib(cmd, {"GKCLI_CACHE_DIR": str(cache)})
    out["memory warm"] = peak_memory_mib(cmd, {"GKCLI_CACHE_DIR": str(cache)})
    shutil.rmtree(cache, ignore_errors=True)
    print(f"  gkcli rollup 2024 {label} --format json: cold {out['cold']:.2f} s (runs {', '.join(f'{s:.2f}' for s in cold)}), warm {out['warm']:.2f} s "
          f"(runs {', '.join(f'{s:.2f}' for s in warm)}), CPU {out['cold cpu']:.1f} s cold / {out['warm cpu']:.1f} s warm, peak memory {out['memory cold']:.0f} MiB cold / {out['memory warm']:.0f} MiB warm, exit {out['exit']}; {out['found']}", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", metavar="DIR", help="generate the units in DIR once and reuse them")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-pdf", action="store_true", help="skip the 200 PDF reports")
    ap.add_argument("--generate-only", action="store_true", help="generate the units, time nothing")
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gkcli-rollup-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}")
    import compileall

    import gkcli

    compileall.compile_dir(Path(gkcli.__file__).parent, quiet=1)
    t = time.perf_counter()
    books = base / "books"
    generate_books(books)
    print(f"books: {BOOKS} × {CASES} cases in {books} ({time.perf_counter() - t:.1f} s to generate or find)", flush=True)
    pdfs = base / "pdfs"
    if not args.no_pdf:
        if browser() is None:
            print("pdfs: skipped, no Chromium (Debian: apt-get install chromium)")
            args.no_pdf = True
        else:
            t = time.perf_counter()
            generate_pdfs(pdfs)
            print(f"pdfs: {REPORTS} reports in {pdfs} ({time.perf_counter() - t:.1f} s to generate or find)", flush=True)
    if args.generate_only:
        return
    m = {"books": measure("BOOKS", books, base, args.repeat)}
    if not args.no_pdf:
        m["pdfs"] = measure("PDFS", pdfs, base, max(1, args.repeat - 1))
    print("goals (issue 18, docs/performance.md):")
    goals = [
        ("rollup of 500 books, seconds, cold", m["books"]["cold"], GOALS["books cold"], "s"),
        ("rollup of 500 books, seconds, warm", m["books"]["warm"], GOALS["books warm"], "s"),
        ("rollup of 500 books, peak memory, MiB", max(m["books"]["memory cold"], m["books"]["memory warm"]), GOALS["memory"], "MiB"),
    ]
    if "pdfs" in m:
        goals += [
            ("rollup of 200 PDF reports, seconds, cold", m["pdfs"]["cold"], GOALS["pdfs"], "s"),
            ("rollup of 200 PDF reports, peak memory, MiB", max(m["pdfs"]["memory cold"], m["pdfs"]["memory warm"]), GOALS["memory"], "MiB"),
        ]
    for name, value, goal, unit in goals:
        print(f"  {name:<46} {value:8.2f} {unit:<3} goal ≤ {goal:<6} {'ok' if value <= goal else 'MISSED'}")


if __name__ == "__main__":
    main()
