"""How long `gkcli audit` takes to read a 50-page PDF and a 2 MB HTML page.

The inputs are generated at run time (nothing committed): the made-up report of
tests/fixtures/audit/make_fixtures.py, padded with narrative to 50 pages, and inside an
HTML page padded with navigation, link lists and comments to 2 MB. Needs the `bench`
extra (fpdf2) and a CJK font (Noto CJK on Debian: fonts-noto-cjk).
    python bench/audit_bench.py        # prints seconds; exit 1 if any takes 2 s or more
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

from gkcli.audit import audit, read_report

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 2.0
_spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "tests" / "fixtures" / "audit" / "make_fixtures.py")
made = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(made)

PARAGRAPH = "全年围绕重点领域信息公开，持续做好政策文件、财政资金、民生事项等信息的发布和解读工作，回应社会关切。"


def pdf_of_pages(path: Path, pages: int) -> int:
    from pypdfium2 import PdfDocument

    filler = ""
    while True:
        made.pdf_file(made.REPORT, path, filler=filler)
        count = len(PdfDocument(str(path)))
        if count >= pages:
            return count
        filler += ("\n" + PARAGRAPH * 3) * 12 * (pages - count)


def html_of_size(path: Path, size: int) -> int:
    page = made.html_page(made.REPORT)
    links = "".join(f'<li><a href="/zwgk/{i}.html">关于印发第{i}号工作方案的通知</a><span>2024-0{i % 9 + 1}-1{i % 9}</span></li>' for i in range(400))
    block = f"<div class=sidebar><ul>{links}</ul></div><div class=comment><p>{PARAGRAPH * 8}</p></div>\n"
    copies = max(1, (size - len(page.encode())) // len(block.encode()) + 1)
    half = copies // 2
    text = page.replace("<body>", "<body>" + block * half).replace("</body>", block * (copies - half) + "</body>")
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def timed(path: Path) -> tuple[float, list]:
    start = time.perf_counter()
    reading = read_report(str(path))
    findings = audit(reading)
    elapsed = time.perf_counter() - start
    assert reading.tables == made.REPORT, f"{path.name}: tables read wrong"
    return elapsed, findings


def main() -> int:
    slow = False
    with tempfile.TemporaryDirectory() as folder:
        pdf, html = Path(folder) / "report.pdf", Path(folder) / "report.html"
        pages = pdf_of_pages(pdf, 50)
        size = html_of_size(html, 2 * 1024 * 1024)
        for path, what in ((pdf, f"PDF，{pages} 页，{pdf.stat().st_size // 1024} KB"), (html, f"HTML，{size / 1024 / 1024:.1f} MB")):
            elapsed, findings = timed(path)
            slow |= elapsed >= LIMIT
            print(f"{what}：读取并核对用时 {elapsed:.2f} 秒，{len(findings)} 条发现")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
