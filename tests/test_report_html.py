"""The HTML report: a self-contained page with real merged cells, checked in headless Chromium.

The browser tests need Debian's `chromium` (`.ci/run` installs it) and `pdftoppm`
(poppler-utils) for the PNG of the PDF's first page; without them they are skipped
with the reason shown in the test summary.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SAMPLE_BOOK, Gk

from gkcli import spec
from gkcli.render import grid

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="未安装 chromium，跳过 HTML 浏览器测试（Debian：apt-get install chromium）")
A4_CONTENT_PX = round((210 - 28 - 26) / 25.4 * 96)  # A4 width minus the GB/T 9704 margins of the print style, in CSS px


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "年报2024.html"
    Gk(SAMPLE_BOOK).ok("report", "2024", "-o", str(out))
    return out


def official_labels() -> list[str]:
    labels = [spec.title("蓟州区东二营镇人民政府", 2024), spec.IDENTITY_NOTE, spec.APPLICANT_HEADER, spec.ORGANISATION_HEADER]
    labels += [spec.PROACTIVE_HEADER, spec.LITIGATION_HEADER, *(s.label for s in spec.SECTIONS), *(p.label for p in spec.OVERVIEW_PARTS)]
    labels += [b.caption for b in spec.PROACTIVE_BLOCKS] + [i.label for b in spec.PROACTIVE_BLOCKS for i in (*b.columns, *b.rows)]
    labels += [
        i.label for i in (*spec.APPLICATION_ROWS, *spec.APPLICATION_GROUPS, *spec.APPLICANT_COLUMNS, *spec.REVIEW_GROUPS, *spec.REVIEW_COLUMNS)
    ]
    return labels


class _Tables(HTMLParser):
    """Spans of every cell, per table; and every external reference."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[tuple[int, int]]] = []
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag in ("td", "th"):
            self.tables[-1].append((int(a.get("rowspan", 1)), int(a.get("colspan", 1))))
        elif tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(a[key])


def test_page_is_self_contained_with_real_merged_cells(page):
    text = page.read_text(encoding="utf-8")
    parser = _Tables()
    parser.feed(text)
    assert parser.external == [] and parser.scripts == 0 and "@import" not in text and "url(" not in text
    assert len(parser.tables) == 3
    for spans, code in zip(parser.tables, spec.TABLE_SECTIONS):
        cells = grid.table_grid(code, _zero())
        assert spans == [(c.rowspan, c.colspan) for row in cells for c in row]
    assert 'rowspan="3" colspan="3"' in text  # the identity note spans the header block of table 2
    assert "@page { size: A4" in text and 'name="viewport"' in text


def _zero():
    from gkcli.tables import Tables

    return Tables(2024, "")


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"]
    return subprocess.run([BROWSER, *flags, *args], check=False, capture_output=True, text=True, timeout=120)


MEASURE = """<script>
const box = document.documentElement;
const tables = [...document.querySelectorAll("table")].map(t => ({right: t.getBoundingClientRect().right, width: t.scrollWidth}));
// Where the text of each column header (all Chinese characters) starts a new line.
const headers = [...document.querySelectorAll("th:not(.label)")].filter(th => /^[\u4e00-\u9fff]+$/.test(th.textContent)).map(th => {
  const tops = [];
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      tops.push(range.getBoundingClientRect().top);
    }
  }
  const breaks = tops.map((top, i) => i > 0 && top > tops[i - 1] + 2 ? i : 0).filter(i => i);
  return {text: th.textContent, breaks};
});
document.body.insertAdjacentHTML("beforeend", "<pre id=gk-measure></pre>");
document.getElementById("gk-measure").textContent = JSON.stringify(
  {text: document.querySelector("main").innerText, viewport: box.clientWidth, page: box.scrollWidth, tables, headers});
</script>"""


def measure(page: Path, tmp: Path, width: int, print_style: bool = False) -> dict:
    """Layout facts of the page at a window width, read from the DOM by a script added to a copy."""
    html = page.read_text(encoding="utf-8")
    if print_style:  # lay the page out with its print rules, at the width of an A4 page's text area
        html = html.replace("@media print", "@media all")
    copy = tmp / f"measure-{width}.html"
    copy.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    result = chromium(["--dump-dom", "--hide-scrollbars", f"--window-size={width},1200", copy.as_uri()], tmp / f"profile-{width}")
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'<pre id="gk-measure">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found, result.stdout[-2000:]
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))


@needs_browser
def test_every_label_is_rendered_and_tables_fit_a4(page, tmp_path):
    facts = measure(page, tmp_path, A4_CONTENT_PX, print_style=True)
    text = "".join(facts["text"].split())
    missing = [label for label in official_labels() if "".join(label.split()) not in text]
    assert missing == []
    assert facts["page"] <= facts["viewport"] == A4_CONTENT_PX
    assert [t for t in facts["tables"] if t["right"] > A4_CONTENT_PX or t["width"] > A4_CONTENT_PX] == []


def inside_a_word(header: dict) -> list[str]:
    """Line breaks of a column header that fall inside a word. The headers are compounds of
    two-character words, a three-character one first when the length is odd:
    社会|公益|组织, 法人或|其他|组织, 结果|纠正, 自然人."""
    text = header["text"]
    return [f"{text[:i]} / {text[i:]}" for i in header["breaks"] if (len(text) - i) % 2 or i < 2 or (len(text) % 2 and i < 3)]


@needs_browser
@pytest.mark.parametrize("width", [1280, A4_CONTENT_PX])
def test_no_column_header_breaks_inside_a_word(page, tmp_path, width):
    """At a 1280 px screen and at the text width of a printed A4 page (the print style)."""
    facts = measure(page, tmp_path, width, print_style=width == A4_CONTENT_PX)
    assert len(facts["headers"]) >= 25  # the applicant columns, 行政复议/诉讼 results, 信息内容 …
    assert [b for h in facts["headers"] for b in inside_a_word(h)] == []
    assert facts["page"] <= facts["viewport"]


@needs_browser
@pytest.mark.parametrize("width", [1280, 500])  # 500: the narrowest window headless Chromium opens
def test_page_never_scrolls_sideways(page, tmp_path, width):
    """On a desktop and a phone, only a wide table may scroll, inside its own box."""
    facts = measure(page, tmp_path, width)
    assert facts["page"] <= facts["viewport"]


@needs_browser
def test_screenshot_and_pdf_print(page, tmp_path):
    shot, pdf = tmp_path / "report-1280.png", tmp_path / "report.pdf"
    result = chromium([f"--screenshot={shot}", "--window-size=1280,2400", "--hide-scrollbars", page.as_uri()], tmp_path / "profile-shot")
    assert result.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", result.stderr[-2000:]
    result = chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()], tmp_path / "profile-pdf")
    data = pdf.read_bytes()
    assert result.returncode == 0 and data.startswith(b"%PDF"), result.stderr[-2000:]
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box and (round(float(box.group(1))), round(float(box.group(2)))) == (595, 842)  # A4 in points
    if not shutil.which("pdftoppm"):
        pytest.skip("未安装 pdftoppm（poppler-utils），未生成 PDF 第一页的图片")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "report-pdf-page1")], check=True, timeout=60
    )
    assert (tmp_path / "report-pdf-page1.png").stat().st_size > 10_000
    print(f"截图：{shot}\nPDF 第一页：{tmp_path / 'report-pdf-page1.png'}")


@needs_browser
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="未安装 poppler-utils，跳过打印版面测试")
def test_printed_page_is_laid_out_like_the_word_file(page, tmp_path):
    """Printed by Chromium: labels on at most two lines (社会/公益/组织 three: it breaks only between
    words), table 2 on two pages, tables 1 and 3 on one, page numbers as GB/T 9704 places them —
    the checks the Word file's PDF passes."""
    from test_report_pdf import labels_on_at_most_two_lines, page_numbers, read_words, tables_on_their_pages

    pdf = tmp_path / "printed.pdf"
    result = chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()], tmp_path / "profile-print")
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    words = read_words(pdf)
    labels_on_at_most_two_lines(words, word_headers=True)
    tables_on_their_pages(words)
    page_numbers(words)
