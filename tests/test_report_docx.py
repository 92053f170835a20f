"""The DOCX report read back with python-docx: order, A4, East Asian fonts, merged tables."""

from __future__ import annotations

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn
from docx.shared import Mm
from test_sample_book import PUBLISHED_2024

from gkcli import spec
from gkcli.render import grid, timeliness
from gkcli.tables import Proactive, Tables


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory):
    from conftest import SAMPLE_BOOK, Gk

    out = tmp_path_factory.mktemp("docx") / "年报2024.docx"
    Gk(SAMPLE_BOOK).ok("report", "2024", "-o", str(out))
    return Docx(str(out))


def _published_tables() -> Tables:
    p = PUBLISHED_2024
    rows = p["applications"]["rows"]
    proactive = Proactive(penalty=p["proactive"]["penalty"])
    return Tables(2024, p["agency"], proactive, applications=tuple(tuple(rows[c]) for c in spec.APPLICATION_ROW_CODES))


def test_paragraphs_are_in_the_official_order(docx_file):
    texts = [p.text for p in docx_file.paragraphs]
    assert texts[0] == spec.title("蓟州区东二营镇人民政府", 2024)
    assert texts[1].endswith(spec.statistics_period(2024))
    headings = [p.text for p in docx_file.paragraphs if p.style.name == "Heading 1"]
    assert headings == [*(s.label for s in spec.SECTIONS), timeliness.HEADING]
    subheadings = [p.text for p in docx_file.paragraphs if p.style.name == "Heading 2"]
    assert subheadings == [p.label for p in spec.OVERVIEW_PARTS]
    assert any("286条" in t for t in texts) and any("信息处理费0元" in t for t in texts)


def test_each_table_follows_its_section_heading(docx_file):
    body = docx_file.element.body
    order = []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            order.append("table")
        elif child.tag == qn("w:p") and child.xpath("string(.)") in {s.label for s in spec.SECTIONS}:
            order.append(child.xpath("string(.)"))
    labels = [s.label for s in spec.SECTIONS]
    assert order == [labels[0], labels[1], "table", labels[2], "table", labels[3], "table", labels[4], labels[5]]  # nothing between


def test_three_tables_with_official_shape_values_and_merges(docx_file):
    tables = docx_file.tables
    assert len(tables) == 3
    published = _published_tables()
    expected = [grid.table_grid(code, published) for code in spec.TABLE_SECTIONS]
    for table, cells in zip(tables, expected):
        width = sum(c.colspan for c in cells[0])
        assert (len(table.rows), len(table.columns)) == (len(cells), width)
        for r, c, cell in grid.place(cells):
            top = table.cell(r, c)
            assert top.text == cell.text, (r, c)
            corner = table.cell(r + cell.rowspan - 1, c + cell.colspan - 1)
            assert corner._tc is top._tc  # a merged cell is one cell in Word
    second = tables[1]
    assert second.cell(0, 0).text == spec.IDENTITY_NOTE and second.cell(2, 2)._tc is second.cell(0, 0)._tc
    assert second.cell(3 + spec.APPLICATION_ROW_CODES.index("unable_not_held"), 9).text == "1"


def test_a4_page_and_east_asian_fonts(docx_file):
    section = docx_file.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)

    def east_asia(style_name):
        return docx_file.styles[style_name].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋_GB2312"
    assert (east_asia("Title"), east_asia("Heading 1"), east_asia("Heading 2")) == ("方正小标宋简体", "黑体", "楷体_GB2312")
    run = docx_file.tables[1].cell(0, 0).paragraphs[0].runs[0]
    assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert docx_file.styles["Heading 1"].element.rPr.rFonts.get(qn("w:asciiTheme")) is None
