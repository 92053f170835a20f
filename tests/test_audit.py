"""`gkcli audit`: published reports in every layout read back to their tables, and each
kind of mistake is found. Fixtures: tests/fixtures/audit/ (see make_fixtures.py there)."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import zipfile

import pytest
from conftest import PUBLISHED, REPO, SAMPLE_BOOK
from test_sample_book import PUBLISHED_2024
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.render.json_out import tables_json

FIXTURES = REPO / "tests" / "fixtures" / "audit"
_spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
made = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(made)

TABLE_KEYS = ("year", "agency", "proactive", "applications", "review")


def audit(*args: str):
    return CliRunner().invoke(app, ["audit", *args])


def audit_json(*args: str):
    result = audit(*args, "--format", "json")
    return result, json.loads(result.stdout)


def expected(t) -> dict:
    data = tables_json(t)
    return {k: data[k] for k in TABLE_KEYS}


def codes(data: dict, level: str | None = None) -> set[str]:
    return {f["code"] for f in data["findings"] if level is None or f["level"] == level}


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt"])
def test_the_sample_report_reads_back_to_the_published_tables(tmp_path, suffix):
    """gkcli's own report of the sample book, as a clerk would publish it, reads back exactly, with no finding."""
    out = tmp_path / f"年报{suffix}"
    rendered = CliRunner().invoke(app, ["--book", str(SAMPLE_BOOK), "report", "2024", "-o", str(out)])
    assert rendered.exit_code == 0, rendered.stderr
    result, data = audit_json(str(out))
    assert result.exit_code == 0, result.stderr
    for key in ("year", "agency", "proactive", "applications", "review"):
        assert data[key] == PUBLISHED_2024[key], key
    assert data["agency"].startswith(PUBLISHED["agency_in_title"])
    assert data["findings"] == []


CLEAN_LAYOUTS = [
    "cells_per_line.txt",  # one cell per line, tab-indented, header words split over lines
    "cells_per_line_pipes.txt",  # one cell per line between | separators
    "rows_pipes.txt",  # a row per line, group label in the first cell of its first row
    "messy_labels.txt",  # 「规 章」, half-width brackets and quotes, 1,234
    "pdftotext_layout.txt",  # vertical label, wrapped labels, footer and page number inside the table
    "report.html",  # real <table> with rowspan/colspan inside a layout table, navigation around
    "report.docx",  # Word table with merged cells
    "report.pdf",
    "report_pdftotext.txt",  # poppler's `pdftotext -layout` of report.pdf
]


@pytest.mark.parametrize("name", CLEAN_LAYOUTS)
def test_every_layout_gives_back_the_tables_without_findings(name):
    result, data = audit_json(str(FIXTURES / name))
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.REPORT)
    assert data["findings"] == []
    assert result.exit_code == 0


def test_dashes_and_empty_cells_are_read_as_zero_and_flagged():
    result, data = audit_json(str(FIXTURES / "dashes.txt"))
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.REPORT)
    s5 = [f for f in data["findings"] if f["code"] == "S5"]
    assert {f["where"] for f in s5} == {
        "proactive.regulations[1]",
        "proactive.regulations[2]",
        "proactive.regulations[3]",
        "applications.withheld_secret[2]",
        "applications.withheld_secret[4]",
        "applications.withheld_secret[6]",
    }
    assert all(f["level"] == "warning" for f in data["findings"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("name", "code", "level", "where"),
    [
        ("error_a1.txt", "A1", "error", "applications.new"),
        ("error_a2.txt", "A2", "error", "applications.total.natural_person"),
        ("error_a3.txt", "A3", "error", "applications.natural_person"),
        ("error_a4.txt", "A4", "error", "review.reconsideration"),
        ("error_a5.txt", "A5", "error", "proactive.penalty"),
        ("error_a5_decimal.txt", "A5", "error", "proactive.licensing"),
        ("error_a6.txt", "A6", "warning", "proactive.fees_wan"),
        ("error_s1.txt", "S1", "error", "sections.review"),
        ("error_s2.txt", "S2", "error", "applications"),
        ("collapsed_other.txt", "S2", "error", "applications.other"),
        ("error_s8.txt", "S8", "warning", "sections.other"),
        ("error_x1.txt", "X1", "warning", "sections.overview"),
    ],
)
def test_each_deliberate_mistake_is_found(name, code, level, where):
    result, data = audit_json(str(FIXTURES / name))
    hits = [f for f in data["findings"] if f["code"] == code and f["where"] == where]
    assert hits and hits[0]["level"] == level, data["findings"]
    assert result.exit_code == (1 if level == "error" else 0)


def test_older_format_rows_are_named_with_their_format():
    result = audit(str(FIXTURES / "error_s2.txt"))
    assert "「（二）部分公开」是旧表式（国办公开办函〔2019〕60号）" in result.stdout
    assert "「本年新制作数量」是旧表式" in result.stdout


def test_collapsed_other_row_is_read_into_3_other():
    _, data = audit_json(str(FIXTURES / "collapsed_other.txt"))
    assert data["applications"]["rows"]["other_other"] == [0] * 7
    assert not {"A1", "A2", "A3"} & codes(data)


def test_previous_report_adds_y1():
    result, data = audit_json(str(FIXTURES / "rows_pipes.txt"), "--previous", str(FIXTURES / "last_year_y1.txt"))
    assert {f["where"] for f in data["findings"] if f["code"] == "Y1"} == {"applications.carried_in.natural_person", "applications.carried_in.total"}
    assert result.exit_code == 1
    result, data = audit_json(str(FIXTURES / "rows_pipes.txt"), "--previous", str(FIXTURES / "last_year.txt"))
    assert data["findings"] == [] and result.exit_code == 0


def test_previous_year_is_found_among_the_files_themselves():
    _, data = audit_json(str(FIXTURES / "rows_pipes.txt"), str(FIXTURES / "last_year_y1.txt"))
    assert "Y1" in codes(data[0]) and "Y1" not in codes(data[1])


def test_run_together_digits_are_cut_by_the_row_identity():
    result, data = audit_json(str(FIXTURES / "run_together.txt"))
    assert data["applications"]["rows"]["new"] == [217, 1, 0, 0, 0, 0, 218]
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.BIG)
    assert codes(data) == {"R3"} and result.exit_code == 0


def test_run_together_digits_are_cut_by_the_whole_table():
    _, data = audit_json(str(FIXTURES / "run_together_table.txt"))
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.ELEVEN)
    assert codes(data) == {"R3"}


def test_several_readings_are_reported_not_picked():
    result, data = audit_json(str(FIXTURES / "run_together_ambiguous.txt"))
    r2 = [f for f in data["findings"] if f["code"] == "R2"]
    assert {f["where"] for f in r2} == {"applications.new", "applications.granted", "applications.total"}
    assert all("2 种读法" in f["message"] for f in r2)
    assert not {"A1", "A2", "A3"} & codes(data)  # identities are not checked on cells that were not read
    assert result.exit_code == 1


def test_several_files_give_a_summary_then_each_files_findings():
    result = audit(str(FIXTURES / "rows_pipes.txt"), str(FIXTURES / "error_a4.txt"))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["文件", "机关", "年度", "新收申请", "错误", "警告"]
    assert "error_a4.txt" in lines[3] and lines[3].split()[-2:] == ["1", "0"]
    assert "review.reconsideration: 错误 A4：" in result.stdout
    assert result.exit_code == 1
    result, data = audit_json(str(FIXTURES / "rows_pipes.txt"), str(FIXTURES / "error_a4.txt"))
    assert [d["file"].rsplit("/", 1)[-1] for d in data] == ["rows_pipes.txt", "error_a4.txt"]
    assert [d["errors"] for d in data] == [0, 1]


def test_unreadable_files_exit_2_with_a_chinese_message(tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = audit(str(tmp_path / "没有.txt"))
    assert result.exit_code == 2 and "文件不存在" in result.stderr and "Traceback" not in result.stderr
    result = audit(str(bad), str(FIXTURES / "rows_pipes.txt"))
    assert result.exit_code == 2 and "无法读取 PDF" in result.stderr
    assert "（无法读取）" in result.stdout and "rows_pipes.txt" in result.stdout


def test_a_text_without_tables_is_findings_not_a_crash(tmp_path):
    page = tmp_path / "notice.txt"
    page.write_text("关于做好春节期间值班工作的通知\n各科室：请按排班表值班。\n", encoding="utf-8")
    result, data = audit_json(str(page))
    assert result.exit_code == 1
    assert {f["where"] for f in data["findings"] if f["code"] == "S2"} >= {"proactive", "applications", "review"}


def test_help_has_an_example():
    result = audit("--help")
    assert result.exit_code == 0 and "示例：gkcli audit" in result.stdout


def test_appending_commands_do_not_load_the_audit_readers():
    code = "import sys, gkcli.cli.app; print(sorted(m for m in sys.modules if m.startswith(('gkcli.audit', 'lxml', 'docx', 'pypdfium2'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _docx_with(tmp_path, name, member, change):
    """report.docx with one zip member's bytes changed by `change`, written to `name`."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / "report.docx") as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == member else data)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def _deflate_damaged(tmp_path):
    """report.docx with bytes inside the compressed document.xml flipped: zlib cannot inflate it."""
    import zipfile

    data = bytearray((FIXTURES / "report.docx").read_bytes())
    info = zipfile.ZipFile(FIXTURES / "report.docx").getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 50
    data[start : start + 10] = bytes(b ^ 0xFF for b in data[start : start + 10])
    path = tmp_path / "zlib.docx"
    path.write_bytes(bytes(data))
    return path


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCUMENT = f"<w:document {_W_NS}><w:body>{{}}</w:body></w:document>"
_NESTED = "<w:tbl><w:tr><w:tc>" * 300 + "<w:p><w:r><w:t>1</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 300


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_deflate_damaged, "无法打开 Word 文档：文件已损坏"),
        (lambda t: _docx_with(t, "xml.docx", "word/document.xml", lambda d: d[: len(d) // 2]), "无法打开 Word 文档：文件已损坏"),
        (lambda t: _docx_with(t, "deep.docx", "word/document.xml", lambda d: _DOCUMENT.format(_NESTED).encode()), "无法打开 Word 文档"),
        (lambda t: _docx_with(t, "types.docx", "[Content_Types].xml", lambda d: b"garbage"), "无法打开 Word 文档"),
        (lambda t: _docx_with(t, "rels.docx", "_rels/.rels", lambda d: b"<x"), "无法打开 Word 文档"),
        (lambda t: _docx_with(t, "nobody.docx", "word/document.xml", lambda d: f"<w:document {_W_NS}/>".encode()), "没有可读的文字"),
    ],
    ids=["zlib", "xml-cut", "tables-nested-300", "content-types", "rels", "no-body"],
)
def test_a_damaged_docx_is_exit_2_with_a_chinese_message(tmp_path, make, words):
    result = audit(str(make(tmp_path)))
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert words in result.stderr and "Traceback" not in result.output


def test_spreadsheets_pdfs_and_pages_that_cannot_be_read_are_exit_2(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "申请人"
    book.save(tmp_path / "台账.xlsx")
    (tmp_path / "改名.docx").write_bytes((tmp_path / "台账.xlsx").read_bytes())
    pdf = (FIXTURES / "report.pdf").read_bytes()
    (tmp_path / "半截.pdf").write_bytes(pdf[: len(pdf) // 2])
    (tmp_path / "乱码.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (tmp_path / "空.html").write_bytes(b"")
    (tmp_path / "注释.html").write_bytes(b"<!-- x -->")
    (tmp_path / "二进制.txt").write_bytes(bytes(range(128, 256)) * 20)
    cases = {
        "台账.xlsx": "这是 Excel 电子表格（.xlsx），不是 gkcli audit 能读取的年度报告",
        "改名.docx": "扩展名是 .docx，内容却是 Excel 电子表格（.xlsx）",
        "半截.pdf": "无法读取 PDF：文件已损坏",
        "乱码.pdf": "无法读取 PDF：文件已损坏",
        "空.html": "无法解析 HTML：文件是空的",
        "注释.html": "无法解析 HTML",
        "二进制.txt": "无法识别文件编码",
    }
    for name, words in cases.items():
        result = audit(str(tmp_path / name))
        assert result.exit_code == 2 and words in result.stderr, (name, result.exception, result.stderr)
        assert "Traceback" not in result.output and "BytesIO" not in result.stderr and "PDFium" not in result.stderr


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
FOREIGN = {
    "扫描件.png": (b"\x89PNG\r\n\x1a\n" + bytes(64), "这是 PNG 图片", "OCR"),
    "扫描件.jpg": (b"\xff\xd8\xff\xe0" + bytes(64), "这是 JPEG 图片", "OCR"),
    "年报.ofd": (_zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"}), "这是 OFD 版式文件（.ofd）", "另存为 PDF"),
    "年报.odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "这是 OpenDocument 文本（.odt）", "另存为 .docx"),
    "年报.pptx": (_zip({"ppt/presentation.xml": b"<x/>"}), "这是 PowerPoint 演示文稿（.pptx）", "另存为 .docx"),
    "年报.doc": (_OLE, "这是旧版 Word 文档（.doc）", "另存为 .docx"),
    "年报.wps": (_OLE, "这是 WPS 文字文档（.wps）", "另存为 .docx"),
    "台账.xls": (_OLE, "这是旧版 Excel 电子表格（.xls）", "gkcli import"),
    "年报.rtf": (b"{\\rtf1\\ansi 2024}", "这是 RTF 文档（.rtf）", "另存为 .docx"),
    "年报.zip": (_zip({"年报.pdf": b"%PDF-1.4"}), "这是 ZIP 压缩包", "解压"),
    "年报.pdf": (_zip({"a.txt": b"x"}), "扩展名是 .pdf，内容却是 ZIP 压缩包", "解压"),
    "年报.txt": (_OLE, "扩展名是 .txt，内容却是旧版 Office 或 WPS 文件", "另存为 .docx"),
    "年报.dat": (b"\x00\x01binary\x00" * 50, "这是无法识别类型的二进制文件（扩展名「.dat」）", ""),
    "台账.csv": ("申请人,收到日期\n张三,2024-01-02\n".encode(), "这是 CSV 表格（.csv）", "gkcli import"),
}


@pytest.mark.parametrize("name", FOREIGN)
def test_a_file_type_audit_cannot_read_is_named_with_the_types_it_reads(tmp_path, name):
    data, seen, advice = FOREIGN[name]
    (tmp_path / name).write_bytes(data)
    result = audit(str(tmp_path / name))
    assert result.exit_code == 2, (result.exception, result.stdout)
    first, hint = result.stderr.splitlines()
    assert f"{name}: {seen}" in first and first.endswith("，不是 gkcli audit 能读取的年度报告"), first
    assert hint.startswith("提示：gkcli audit 读取文本（.txt）、Markdown（.md）、HTML（.html）、Word（.docx）和 PDF（.pdf）格式的报告。")
    assert advice in hint and "Traceback" not in result.output


def test_a_web_page_saved_as_doc_is_read_as_the_page_it_is(tmp_path):
    """Websites often serve a report as 「年报.doc」 that is really an HTML page."""
    page = tmp_path / "年报.html"
    rendered = CliRunner().invoke(app, ["--book", str(SAMPLE_BOOK), "report", "2024", "-o", str(page)])
    assert rendered.exit_code == 0, rendered.stderr
    page.rename(tmp_path / "年报.doc")
    result, data = audit_json(str(tmp_path / "年报.doc"))
    assert result.exit_code == 0 and data["input"] == "html" and data["findings"] == []
    assert data["applications"] == PUBLISHED_2024["applications"]


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("行政事业性收费             0.35", "行政事业性收费             " + "9" * 400, "有 400 位，不是统计表中的数"),
        ("行政事业性收费             0.35", "行政事业性收费             1" + "0" * 5000, "有 5001 位"),
        ("收到政府信息公开申请4件", "收到政府信息公开申请" + "9" * 5000 + "件", "X1：总体情况写「收到政府信息公开申请9999"),
    ],
    ids=["fee-400-digits", "fee-5001-digits", "quoted-5000-digits"],
)
def test_absurdly_long_numbers_in_a_report_are_findings_not_a_crash(tmp_path, old, new, words):
    text = (FIXTURES / "report_pdftotext.txt").read_text(encoding="utf-8")
    assert old in text
    page = tmp_path / "long.txt"
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = audit(str(page))
    assert result.exit_code in (0, 1), (result.exception, result.output[-300:])
    assert words in result.stdout and len(max(result.stdout.splitlines(), key=len)) < 300
