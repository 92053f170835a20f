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


def _twips(element, tag: str) -> int:
    return int(element.find(qn(tag)).get(qn("w:w")))


def test_tables_fill_the_type_area_with_widths_from_their_content(docx_file):
    """Word, WPS and LibreOffice each trust a different width: table, grid and every cell agree."""
    type_area = Mm(156).twips
    for table, code in zip(docx_file.tables, spec.TABLE_SECTIONS):
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid_cols = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid_cols) - type_area) <= len(grid_cols) and abs(_twips(tbl.tblPr, "w:tblW") - type_area) <= len(grid_cols)
        for tr in tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                assert abs(_twips(tc.tcPr, "w:tcW") - sum(grid_cols[col : col + span])) <= span, (code, col)
                col += span
        numbers = [w for w, cell in zip(grid_cols, grid.flatten(grid.table_grid(code, _published_tables()))[-1]) if cell.number]
        assert max(numbers) - min(numbers) <= 1  # number columns are equal
        if code != "review":  # the label column is wider than any number column
            assert grid_cols[-len(numbers) - 1] > 1.5 * numbers[0]
    second = [int(c.get(qn("w:w"))) for c in docx_file.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert second[2] > 4 * second[3]  # 「2.申请人逾期未按收费通知…」 on two lines, not ten


def test_table_text_is_wuhao_or_xiaowu(docx_file):
    for table in docx_file.tables:
        sizes = {run.font.size.pt for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs}
        assert sizes and sizes <= {10.5, 9}


def test_header_rows_repeat_rows_never_split_small_tables_kept_together(docx_file):
    for table, code in zip(docx_file.tables, spec.TABLE_SECTIONS):
        rows = table._tbl.tr_lst
        assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        header = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in rows]
        expected = {"proactive": 0, "applications": 3, "review": 3}[code]
        assert header == [True] * expected + [False] * (len(rows) - expected), code
        if code != "applications":  # every row's text keeps with the next: the table stays on one page
            keep = [p.paragraph_format.keep_with_next for row in table.rows[:-1] for cell in row.cells for p in cell.paragraphs]
            assert all(keep), code


def test_page_follows_gbt_9704(docx_file):
    section = docx_file.sections[0]
    margins = [round(getattr(section, f"{edge}_margin") / Mm(1)) for edge in ("top", "bottom", "left", "right")]
    assert margins == [37, 35, 28, 26]  # a 156 × 225 mm type area
    style = docx_file.styles
    assert (style["Title"].font.size.pt, style["Normal"].font.size.pt, style["Heading 1"].font.size.pt) == (22, 16, 16)
    assert docx_file.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert " PAGE " in xml and footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
    fonts = docx_file.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob.decode()
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:altName w:val="仿宋"' in fonts  # a machine without it takes 仿宋
