"""`report -f xlsx`: the three tables as worksheets in the official layout, read back with openpyxl.

Checked as Excel and WPS would open them: a sound zip, sheet names Excel accepts, merged
ranges exactly the grid's spans and never overlapping (the usual cause of a "repair"),
every official label present, and every figure a number equal to the report's JSON.
"""

from __future__ import annotations

import io
import itertools
import os
import pty
import subprocess
import sys
import warnings
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from conftest import SAMPLE_BOOK
from openpyxl import Workbook, load_workbook

from gkcli import spec
from gkcli.render import grid, xlsx_out
from gkcli.tables import Proactive, Tables

SECTIONS = spec.by_code(spec.SECTIONS)


def _load(data: bytes):
    assert data[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert "[Content_Types].xml" in z.namelist()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl warns about what Excel would repair
        return load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def sample_xlsx(tmp_path_factory):
    from conftest import Gk

    out = tmp_path_factory.mktemp("xlsx") / "统计表2024.xlsx"
    Gk(SAMPLE_BOOK).ok("report", "2024", "-o", str(out))
    report = Gk(SAMPLE_BOOK).json("report", "2024", "--format", "json")
    return _load(out.read_bytes()), report


def _merged(sheet) -> set[tuple[int, int, int, int]]:
    return {(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges}


def _expected_merges(cells: list[list[grid.Cell]]) -> set[tuple[int, int, int, int]]:
    width = sum(c.colspan for c in cells[0])
    top = xlsx_out.TITLE_ROWS + 1
    titles = {(r, 1, r, width) for r in range(1, top)}
    return titles | {
        (top + r, 1 + c, top + r + cell.rowspan - 1, c + cell.colspan) for r, c, cell in grid.place(cells) if cell.rowspan > 1 or cell.colspan > 1
    }


def _no_overlap(merges: set[tuple[int, int, int, int]]) -> None:
    for a, b in itertools.combinations(merges, 2):
        apart = a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
        assert apart, (a, b)


def _tables_of(report: dict) -> Tables:
    from gkcli.tables import StockRow

    p = report["proactive"]
    stock = {name: StockRow(**p[name]) for name in spec.STOCK_ROWS}
    proactive = Proactive(**stock, **{n: p[n] for n in spec.DECISION_ROWS}, fees_wan=Decimal(p["fees_wan"]))
    applications = tuple(tuple(report["applications"]["rows"][code]) for code in spec.APPLICATION_ROW_CODES)
    review = tuple(tuple(report["review"][g.code]) for g in spec.REVIEW_GROUPS)
    return Tables(report["year"], report["agency"], proactive, applications, review)


def test_one_sheet_per_table_merged_exactly_as_the_grid(sample_xlsx):
    book, report = sample_xlsx
    assert book.sheetnames == [SECTIONS[s].label for s in spec.TABLE_SECTIONS]
    tables = _tables_of(report)
    for section in spec.TABLE_SECTIONS:
        sheet = book[SECTIONS[section].label]
        cells = grid.table_grid(section, tables)
        assert _merged(sheet) == _expected_merges(cells), section
        _no_overlap(_merged(sheet))
        assert sheet["A1"].value == spec.title(report["agency"], report["year"])
        assert sheet["A2"].value == SECTIONS[section].label
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.freeze_panes is not None and sheet.print_title_rows


def test_every_official_label_is_in_a_cell(sample_xlsx):
    book, _ = sample_xlsx
    texts = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    labels = [spec.IDENTITY_NOTE, spec.APPLICANT_HEADER, spec.ORGANISATION_HEADER, spec.PROACTIVE_HEADER, spec.LITIGATION_HEADER]
    labels += [b.caption for b in spec.PROACTIVE_BLOCKS] + [i.label for b in spec.PROACTIVE_BLOCKS for i in (*b.columns, *b.rows)]
    labels += [i.label for i in (*spec.APPLICATION_ROWS, *spec.APPLICANT_COLUMNS, *spec.REVIEW_GROUPS, *spec.REVIEW_COLUMNS)]
    labels += [g.label for g in spec.APPLICATION_GROUPS]
    assert [label for label in labels if label not in texts] == []


def test_every_figure_is_a_number_equal_to_the_json(sample_xlsx):
    book, report = sample_xlsx
    top = xlsx_out.TITLE_ROWS + 1
    apps = book[SECTIONS["applications"].label]
    for i, code in enumerate(spec.APPLICATION_ROW_CODES):
        row = [apps.cell(row=top + 3 + i, column=4 + c).value for c in range(len(spec.APPLICANT_COLUMNS))]
        assert row == report["applications"]["rows"][code], code
        assert all(type(v) is int for v in row)
    review = book[SECTIONS["review"].label]
    flat = [v for g in spec.REVIEW_GROUPS for v in report["review"][g.code]]
    assert [review.cell(row=top + 3, column=1 + c).value for c in range(len(flat))] == flat
    proactive = book[SECTIONS["proactive"].label]
    by_label = {row[0].value: [c.value for c in row[1:]] for row in proactive.iter_rows(min_row=top)}
    p = report["proactive"]
    for block in spec.PROACTIVE_BLOCKS:
        for item in block.rows:
            if item.code in spec.STOCK_ROWS:
                assert by_label[item.label] == [p[item.code][c.code] for c in block.columns]
            elif item.code == "fees":
                assert Decimal(repr(by_label[item.label][0])) == Decimal(p["fees_wan"])
            else:
                assert by_label[item.label][0] == p[item.code]


def _fee_sheet(fees_wan: Decimal, decimals: int | None):
    book = Workbook()
    book.remove(book.active)
    xlsx_out.tables_sheets(book, Tables(2024, "某县", Proactive(fees_wan=fees_wan)), decimals)
    sheet = _load(xlsx_out.to_bytes(book))[SECTIONS["proactive"].label]
    label = next(i.label for b in spec.PROACTIVE_BLOCKS for i in b.rows if i.code == "fees")
    return next(row[1] for row in sheet.iter_rows() if row[0].value == label)


@pytest.mark.parametrize(
    ("fees", "decimals", "value", "shown"),
    [
        (Decimal("0.123456"), None, 0.123456, "0.000000"),
        (Decimal("12.5"), None, 12.5, "0.0"),
        (Decimal("0.123456"), 2, 0.12, "0.00"),
        (Decimal("0"), None, 0, "0"),
    ],
)
def test_fees_are_numbers_showing_exactly_the_reports_decimals(fees, decimals, value, shown):
    cell = _fee_sheet(fees, decimals)
    assert cell.value == value and cell.data_type == "n"
    assert cell.number_format == shown


def test_a_fee_a_spreadsheet_cannot_hold_exactly_stays_text():
    fees = Decimal("123456789012.345678")  # 18 significant digits: a double would round it
    cell = _fee_sheet(fees, None)
    assert cell.value == "123456789012.345678" and cell.data_type == "s"
    assert xlsx_out.exact_float("0.1") == 0.1 and xlsx_out.exact_float("1234567890123456.5") is None


def test_fee_decimals_of_the_book_are_used(gk, tmp_path):
    config = gk.root / "gkcli.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[report]\nfee_decimals = 4\n", encoding="utf-8")
    gk.ok("event", "add", "fee", "--date", "2024-06-03", "--amount", "1234.56")
    out = tmp_path / "r.xlsx"
    gk.ok("report", "2024", "-o", str(out))
    sheet = _load(out.read_bytes())[SECTIONS["proactive"].label]
    fee = [c for row in sheet.iter_rows() for c in row if c.data_type == "n" and isinstance(c.value, float)]
    assert [(c.value, c.number_format) for c in fee] == [(0.1235, "0.0000")]


def test_hostile_agency_and_values_open_without_repair():
    book = Workbook()
    book.remove(book.active)
    agency = "=HYPERLINK(\"x\")\x01某镇\u202e"
    xlsx_out.tables_sheets(book, Tables(2024, agency), None, title_prefix="[汇总]/:")
    rows = [["=1+1", 3, Decimal("1.50"), date(2024, 5, 6), None, True], ["@SUM(A1)", -1, 0.25, "a\tb\x1b[31m", "", False]]
    xlsx_out.rows_sheet(book, "各单位*?", ["单位", "件数", "金额", "日期", "空", "已定稿"], rows)
    xlsx_out.rows_sheet(book, "各单位*?", ["单位"], [])
    loaded = _load(xlsx_out.to_bytes(book))
    for name in loaded.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    assert len(set(loaded.sheetnames)) == 5
    units = loaded.worksheets[3]
    assert units["A2"].value == "=1+1" and units["A2"].data_type == "s"  # text, never a formula
    assert units["A3"].value == "@SUM(A1)"
    assert (units["B2"].value, units["C2"].value, units["C2"].number_format) == (3, 1.5, "0.00")
    assert units["D2"].value.date() == date(2024, 5, 6)
    assert units["E2"].value is None and units["F2"].value == "是"
    assert "\x1b" not in units["D3"].value
    assert units.freeze_panes == "A2" and units.auto_filter.ref == "A1:F3"
    title = loaded.worksheets[0]["A1"].value
    assert "\x01" not in title and "某镇" in title


def test_sheet_names_are_cut_and_numbered_when_taken():
    book = Workbook()
    long = "很" * 40
    first = xlsx_out.sheet_name(book, long)
    book.create_sheet(first)
    second = xlsx_out.sheet_name(book, long)
    assert len(first) == 31 and len(second) <= 31 and second != first
    assert xlsx_out.sheet_name(book, "History") != "History"
    assert xlsx_out.sheet_name(book, "'") not in ("'", "", "Sheet")  # the workbook's first sheet is called Sheet


def test_xlsx_goes_to_a_pipe_and_by_its_extension(sample, tmp_path):
    result = sample("report", "2024", "-f", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert _load(result.stdout_bytes).sheetnames[0] == SECTIONS["proactive"].label


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
def test_xlsx_on_a_terminal_is_refused(tmp_path):
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "GKCLI_BOOK"}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gkcli", "--book", str(SAMPLE_BOOK), "report", "2024", "-f", "xlsx"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
    os.close(controller)
    assert result.returncode == 2
    assert "XLSX" in result.stderr and "-o 年报2024.xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []
