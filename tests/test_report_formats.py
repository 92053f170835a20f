"""Report output: formats from -o, stdout, atomic replacement, and escaping of embedded text."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import Gk
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from gkcli.cli.app import app

HOSTILE_NARRATIVE = """
## 一、总体情况

甲 | 乙 | 丙
--- | ---

<script>alert("x")</script>

### # 井号开头的小标题

不是强调 *星号* [不是链接](http://example.com) `不是代码` 1. 不是列表

= 不是公式

## 五、存在的主要问题及改进情况

无。

## 六、其他需要报告的事项

未收取信息处理费。
"""


@pytest.fixture
def hostile(tmp_path) -> Gk:
    """A book whose agency name and narrative carry Markdown, HTML and formula syntax."""
    root = tmp_path / "hostile"
    result = CliRunner().invoke(app, ["init", str(root), "--agency", '=HYPERLINK("x")|<b>某镇</b>'])
    assert result.exit_code == 0, result.stderr
    gk = Gk(root)
    gk.write("narrative/2024.md", HOSTILE_NARRATIVE)
    gk.add_case("2024-03-01", "natural_person", subject="=1+1|<script>")
    return gk


@pytest.mark.parametrize(
    ("name", "marker"),
    [("r.md", b"# "), ("r.html", b"<!DOCTYPE html>"), ("r.docx", b"PK"), ("r.json", b"{"), ("r.csv", b"year,agency")],
)
def test_format_is_inferred_from_the_output_suffix(sample, tmp_path, name, marker):
    out = tmp_path / name
    result = sample("report", "2024", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(marker)
    assert f"已写入 {out}" in result.stderr


def test_text_formats_go_to_stdout_with_dash(sample):
    assert sample.ok("report", "2024", "--format", "html", "-o", "-").startswith("<!DOCTYPE html>")
    assert sample.ok("report", "2024", "--format", "csv", "-o", "-").startswith("year,agency,table")


def test_unknown_suffix_or_format_is_a_usage_error(sample, tmp_path):
    result = sample("report", "2024", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2 and ".pdf" in result.stderr
    result = sample("report", "2024", "--format", "rtf")
    assert result.exit_code == 2 and "rtf" in result.stderr


def test_existing_output_is_replaced_atomically(sample, tmp_path):
    out = tmp_path / "年报.html"
    out.write_text("旧内容", encoding="utf-8")
    sample.ok("report", "2024", "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["年报.html"]  # no temporary file left behind


def test_markdown_escapes_embedded_text(hostile):
    text = hostile.ok("report", "2024", "--format", "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert sum(t.type == "table_open" for t in tokens) == 3  # only the three official tables
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert not any(t.type in ("html_block", "html_inline", "em_open", "link_open", "code_inline", "ordered_list_open") for t in tokens)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in html and "<b>" not in html
    assert "甲 | 乙 | 丙" in html and "不是强调 *星号* [不是链接](http://example.com) `不是代码`" in html
    assert "<h3># 井号开头的小标题</h3>" in html and "<p>= 不是公式</p>" in html


def test_html_escapes_embedded_text(hostile):
    page = hostile.ok("report", "2024", "--format", "html")
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;某镇&lt;/b&gt;" in page


@pytest.mark.parametrize(
    ("text", "shown"), [("# 标题", "# 标题"), ("1. 列表", "1. 列表"), ("> 引用", "> 引用"), ("- 项", "- 项"), ("2024年", "2024年")]
)
def test_markdown_line_starts_stay_text(text, shown):
    from gkcli.render.markdown import escape_text

    html = MarkdownIt("commonmark").render(escape_text(text))
    assert html == f"<p>{shown.replace('>', '&gt;')}</p>\n"


def test_csv_neutralises_formulas(hostile):
    rows = list(csv.DictReader(io.StringIO(hostile.ok("report", "2024", "--format", "csv"))))
    assert rows and all(r["agency"].startswith("'=") for r in rows)
    cases = list(csv.DictReader(io.StringIO(hostile.ok("case", "list", "--format", "csv"))))
    assert cases[0]["subject"] == "'=1+1|<script>"


def test_csv_holds_every_table_cell(sample):
    rows = list(csv.DictReader(io.StringIO(sample.ok("report", "2024", "--format", "csv"))))
    assert len(rows) == 2 * 3 + 3 + 1 + 25 * 7 + 15
    cell = {(r["table"], r["row"], r["column"]): r["value"] for r in rows}
    assert cell[("applications", "unable_not_held", "business")] == "1"
    assert cell[("proactive", "penalty", "decisions")] == "1"
    assert cell[("proactive", "fees", "amount_wan")] == "0"
