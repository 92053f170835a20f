"""The Word report as an office posts it: converted to PDF by LibreOffice and read back with
poppler (where each word sits on which page), so the layout is checked as printed, not only parsed.

Needs `soffice` (Debian: libreoffice-writer-nogui) and `pdftotext`/`pdfinfo` (poppler-utils);
`.ci/run` installs them. Without them the tests are skipped with the reason shown.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from conftest import SAMPLE_BOOK, Gk

from gkcli import spec
from gkcli.render import grid
from gkcli.tables import Tables

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="未安装 LibreOffice，跳过 Word 转 PDF 的版面测试（Debian：apt-get install libreoffice-writer-nogui）"),
    pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdfinfo"), reason="未安装 poppler-utils，跳过 PDF 版面测试"),
]


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    text: str


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    docx = folder / "年报2024.docx"
    Gk(SAMPLE_BOOK).ok("report", "2024", "-o", str(docx))
    profile = (folder / "lo-profile").as_uri()  # a profile of its own: no clash with a running LibreOffice
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = folder / "年报2024.pdf"
    assert out.exists(), result.stdout + result.stderr
    print(f"PDF：{out}")
    return out


@pytest.fixture(scope="module")
def words(pdf) -> list[Word]:
    return read_words(pdf)


def read_words(pdf: Path) -> list[Word]:
    """Every word of a PDF with its page and position (poppler's pdftotext -bbox)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    out, page = [], 0
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if found:
            x0, y0, x1 = (float(found.group(i)) for i in (1, 2, 3))
            out.append(Word(page, x0, y0, x1, unescape(found.group(4))))
    return out


def lines_of(label: str, words: list[Word]) -> tuple[int, int] | None:
    """(page, lines) of a label in the PDF: the fewest lines that spell it, each line the next
    one down in the same column (horizontally overlapping the line above)."""
    best = None
    for start in words:
        if not start.text or not label.startswith(start.text):
            continue
        chain, text = [start], start.text
        while text != label:
            last = chain[-1]
            below = [w for w in words if w.page == last.page and w.y0 > last.y0 + 1 and w.x0 < last.x1 and w.x1 > last.x0]
            if not below:
                break
            following = min(below, key=lambda w: w.y0)
            if not label.startswith(text + following.text):
                break
            chain.append(following)
            text += following.text
        if text == label and (best is None or len(chain) < best[1]):
            best = (start.page, len(chain))
    return best


def _labels(section: str, max_rows: int) -> list[str]:
    """The official labels of a table (no numbers), each in a cell spanning at most `max_rows` rows."""
    cells = grid.table_grid(section, Tables(2024, ""))
    return [c.text for row in cells for c in row if not c.number and c.rowspan <= max_rows and c.text]


def test_a4_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842), info


def test_no_official_label_is_broken_over_more_than_two_lines(words):
    labels_on_at_most_two_lines(words)


def labels_on_at_most_two_lines(words: list[Word], word_headers: bool = False) -> None:
    """Every label of the three tables, and every heading. Group labels that span three or more
    rows (三、本年度办理结果, （三）不予公开 …) stand in narrow columns as the official format has them.
    `word_headers`: a column header of six characters breaks between its two-character words
    (社会/公益/组织, the web page's rule), so it may take three lines."""
    labels = [label for section in spec.TABLE_SECTIONS for label in _labels(section, max_rows=2)]
    labels += [s.label for s in spec.SECTIONS]
    found = {label: lines_of(label, words) for label in labels}
    assert [label for label, at in found.items() if at is None] == []
    most = {label: 3 if word_headers and re.fullmatch(r"[\u4e00-\u9fff]{5,6}", label) else 2 for label in labels}
    assert {label: at[1] for label, at in found.items() if at[1] > most[label]} == {}


def test_table_two_on_at_most_two_pages_and_small_tables_on_one(words):
    tables_on_their_pages(words)


def tables_on_their_pages(words: list[Word]) -> None:
    labels = {section: set(_labels(section, max_rows=99)) for section in spec.TABLE_SECTIONS}
    for section, most in (("applications", 2), ("proactive", 1), ("review", 1)):
        own = labels[section].difference(*(v for k, v in labels.items() if k != section))  # 总计 is in two tables
        pages = {at[0] for label in own if (at := lines_of(label, words))}
        assert max(pages) - min(pages) + 1 <= most, (section, sorted(pages))


def test_page_numbers_below_the_type_area(words):
    page_numbers(words)


def page_numbers(words: list[Word]) -> None:
    """「— 1 —」 on every page, odd pages at the right and even pages at the left."""
    numbers = [w for w in words if re.fullmatch(r"\d+", w.text) and w.y0 > 297 / 25.4 * 72 - 35 / 25.4 * 72]
    pages = max(w.page for w in words)
    assert sorted(int(w.text) for w in numbers) == list(range(1, pages + 1))
    for w in numbers:
        assert (w.x0 > 595 / 2) == (int(w.text) % 2 == 1), w
