"""`gkcli rollup`: many units' books and published reports summed, checked and compared."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SAMPLE_REPORT, Gk

from gkcli import spec
from gkcli.cli.app import app
from gkcli.ledger.write import append_batch
from gkcli.model import Case, CaseStep, Decision, Event, Review

YEAR = "2024"
RUNNER = CliRunner()


def run(*args: str):
    return RUNNER.invoke(app, list(args))


def rollup_json(*args: str) -> dict:
    result = run("rollup", YEAR, *args, "-f", "json", "-q")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def new_book(folder: Path, name: str, agency: str | None = None) -> Gk:
    root = folder / name
    result = run("init", str(root), "--agency", agency or f"测试县{name}人民政府")
    assert result.exit_code == 0, result.stderr
    return Gk(root)


def cells_of(data: dict) -> dict[str, object]:
    """Every cell of the three tables of a report / roll-up JSON, by name."""
    out: dict[str, object] = {}
    for name, value in data["proactive"].items():
        if isinstance(value, dict):
            out |= {f"proactive.{name}.{c}": v for c, v in value.items()}
        else:
            out[f"proactive.{name}"] = value
    for row, values in data["applications"]["rows"].items():
        out |= {f"applications.{row}.{c}": v for c, v in zip(data["applications"]["columns"], values)}
    for group, values in data["review"].items():
        out |= {f"review.{group}.{c}": v for c, v in zip(spec.REVIEW_CODES, values)}
    return out


def cell_sum(reports: list[dict]) -> dict[str, object]:
    total: dict[str, object] = {}
    for report in reports:
        for name, value in cells_of(report).items():
            if name == "proactive.fees_wan":
                total[name] = Decimal(total.get(name, "0")) + Decimal(value)
            else:
                total[name] = total.get(name, 0) + value
    return {k: (format(v.normalize(), "f") if isinstance(v, Decimal) else v) for k, v in total.items()}


def summed(data: dict) -> dict[str, object]:
    found = cells_of(data)
    found["proactive.fees_wan"] = format(Decimal(found["proactive.fees_wan"]).normalize(), "f")
    return found


# --- random small books ----------------------------------------------------------------------------

OUTCOMES = ("granted", "unable_not_held", "refused_repeat", "other_other", "partial")
APPLICANTS = [c.code for c in spec.APPLICANT_TYPES]


@st.composite
def records(draw):
    made = []
    for i in range(draw(st.integers(0, 5))):
        received = date(2024, draw(st.integers(1, 11)), draw(st.integers(1, 28)))
        made.append(("case", Case(f"2024-{i + 1:04d}", received, draw(st.sampled_from(APPLICANTS)))))
        if draw(st.booleans()):
            made.append(("answer", CaseStep("answer", f"2024-{i + 1:04d}", date(2024, 12, draw(st.integers(1, 28))), outcome=draw(st.sampled_from(OUTCOMES)))))
    if draw(st.booleans()):
        made.append(("answer", CaseStep("answer", "2024-0999", date(2024, 12, 1), outcome="granted")))  # no such case: an error for check
    for i in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["penalty", "licensing", "fee"]))
        amount = Decimal(draw(st.integers(1, 99999))) / 100 if kind == "fee" else None
        made.append(("event", Event(kind, date(2024, 6, i + 1), draw(st.integers(1, 4)), amount=amount, id=f"E2024-{i + 1:04d}")))
    if draw(st.booleans()):
        made.append(("review", Review("R2024-0001", draw(st.sampled_from(["reconsideration", "litigation_direct"])), date(2024, 9, 1))))
        if draw(st.booleans()):
            made.append(("decision", Decision("R2024-0001", date(2024, 11, 1), "upheld")))
    return made


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(records(), min_size=1, max_size=3))
def test_the_sum_is_the_cell_wise_sum_of_each_books_report(tmp_path_factory, books):
    folder = tmp_path_factory.mktemp("units")
    reports, checks = [], []
    for n, made in enumerate(books):
        gk = new_book(folder, f"单位{n}")
        if made:
            append_batch(gk.root, made)
        reports.append(gk.json("report", YEAR, "--format", "json"))
        checks.append(json.loads(gk("check", YEAR, "--format", "json").stdout))
    data = rollup_json(str(folder), "--jobs", "1")
    assert data["units_summed"] == len(books) and not data["left_out"]
    assert summed(data) == cell_sum(reports)
    for unit, checked in zip(data["units"], checks):  # the per-unit table says what each book's own check says
        own = [f for f in checked["findings"] if not f["code"].startswith("D")]  # deadlines depend on today: not in a report
        assert unit["errors"] == sum(1 for f in own if f["level"] == "error")
        assert unit["warnings"] == sum(1 for f in own if f["level"] == "warning")
        assert unit["identities"] == sorted({f["code"] for f in own if f["code"] in ("A1", "A2", "A3", "A4", "A5", "A6") and f["level"] == "error"})
        assert unit["closed"] == "open" and unit["source"] == "book"


# --- a district of four books ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("district") / "各单位"
    folder.mkdir()
    for n in range(4):
        gk = new_book(folder, f"镇{n}")
        gk.add_case("2023-12-01", "商业企业")
        for i in range(n + 2):
            gk.add_case(f"2024-0{i + 1}-10", APPLICANTS[i % len(APPLICANTS)])
        gk.ok("case", "answer", "2024-0001", "--date", "2024-03-01", "--outcome", "不掌握")
        gk.ok("case", "answer", "2023-0001", "--date", "2024-01-20", "--outcome", "予以公开")
        gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", str(n + 1))
        gk.ok("event", "add", "fee", "--date", "2024-06-04", "--amount", f"{n}1.5{n}")
        gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001")
    return folder


def test_reports_rendered_from_books_sum_as_the_books_do(district, tmp_path):
    books = sorted(p for p in district.iterdir())
    alone = rollup_json(*map(str, books))
    assert alone["units_summed"] == 4 and alone["findings"] == []
    reports = []
    for book, suffix in zip(books[1:], (".md", ".docx", ".html")):
        out = tmp_path / f"{book.name}{suffix}"
        Gk(book).ok("report", YEAR, "-o", str(out))
        reports.append(out)
    mixed = rollup_json(str(books[0]), *map(str, reports))
    assert [u["source"] for u in mixed["units"]] == ["book", "report", "report", "report"]
    assert mixed["units_summed"] == 4 and all(u["unread"] == [] for u in mixed["units"])
    assert summed(mixed) == summed(alone)
    assert [u["figures"] for u in mixed["units"]] == [u["figures"] for u in alone["units"]]


def test_a_pdf_printed_from_the_html_report_sums_the_same(district, tmp_path):
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        pytest.skip("未安装 chromium，跳过经 HTML 打印的 PDF 报告的汇总测试")
    book = sorted(district.iterdir())[2]
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    Gk(book).ok("report", YEAR, "-o", str(html))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run([browser, *flags, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()], capture_output=True, timeout=120, check=False)
    if not pdf.is_file():
        pytest.skip("chromium 未能打印 PDF")
    assert summed(rollup_json(str(pdf))) == summed(rollup_json(str(book)))


def test_jobs_do_not_change_the_result(district):
    one = run("rollup", YEAR, str(district), "-f", "json", "-q", "--jobs", "1")
    two = run("rollup", YEAR, str(district), "-f", "json", "-q", "--jobs", "2")
    assert one.exit_code == 0 and one.stdout == two.stdout


def test_every_format_shows_the_sum_the_units_and_the_identities(district, tmp_path):
    text = run("rollup", YEAR, str(district)).stdout
    for part in ("2024年度政府信息公开工作年度报告汇总表", "汇总 4 个单位", spec.APPLICATION_ROWS[0].label, "各单位情况", "汇总数的勾稽关系", "镇3"):
        assert part in text
    for suffix in ("md", "html", "docx"):
        out = tmp_path / f"汇总.{suffix}"
        result = run("rollup", YEAR, str(district), "-o", str(out))
        assert result.exit_code == 0 and out.stat().st_size > 1000
    assert "| 镇0 |" in (tmp_path / "汇总.md").read_text(encoding="utf-8").replace("测试县", "").replace("人民政府", "")
    assert "rowspan" in (tmp_path / "汇总.html").read_text(encoding="utf-8")
    rows = run("rollup", YEAR, str(district), "-f", "csv").stdout.splitlines()
    assert rows[0].startswith("name,source,path,kind,summed") and len(rows) == 5  # the per-unit table


def test_the_fees_are_summed_exactly_in_wan(district):
    data = rollup_json(str(district))
    assert Decimal(data["proactive"]["fees_wan"]) == (Decimal("1.50") + Decimal("11.51") + Decimal("21.52") + Decimal("31.53")).scaleb(-4)


def test_xlsx_has_the_tables_with_merged_headers_and_the_units(district, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    result = run("rollup", YEAR, str(district), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    sections = [s.label for s in spec.SECTIONS if s.code in spec.TABLE_SECTIONS]
    assert all(any(name.startswith(label[:20]) for name in book.sheetnames) for label in sections)
    assert all(book[name].merged_cells.ranges for name in book.sheetnames[:3])
    units = book["各单位情况"]
    assert units["A1"].value == "单位" and units.max_row == 5
    # the key figures are numbers, this year, last year and the change each in a column of its own
    head = [c.value for c in units[1]]
    first = dict(zip(head, (c.value for c in units[2])))
    assert (first["新收"], first["新收（上年）"], first["新收（增减）"]) == (2, 1, 1)
    assert first["复议"] == 1 and first["诉讼（上年）"] == 0


def test_explain_lists_each_units_part(district):
    data = json.loads(run("rollup", YEAR, str(district), "--explain", "复议", "-f", "json", "-q").stdout)
    assert data["cell"] == "review.reconsideration.total" and data["value"] == 4
    assert [u["value"] for u in data["units"]] == [1, 1, 1, 1]
    penalty = json.loads(run("rollup", YEAR, str(district), "--explain", "proactive.penalty", "-f", "json", "-q").stdout)
    assert penalty["value"] == sum(u["value"] for u in penalty["units"]) == 1 + 2 + 3 + 4
    result = run("rollup", YEAR, str(district), "--explain", "new.total")
    assert result.exit_code == 0 and "镇2" in result.stdout and "= 14" in result.stderr
    assert run("rollup", YEAR, str(district), "--explain", "没有这一格").exit_code == 2


def test_last_year_beside_this_year(district):
    data = rollup_json(str(district))
    unit = data["units"][0]
    assert unit["figures"]["new"] == 2 and unit["previous"]["new"] == 1 and unit["change"]["new"] == 1
    assert unit["figures"]["carried_out"] == 1 and unit["figures"]["reconsideration"] == 1


# --- what is left out -----------------------------------------------------------------------------


def _with_a_row_unread(tmp_path: Path) -> Path:
    """The sample report with the 一、本年新收 row's figures cut off."""
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    label = spec.APPLICATION_ROWS[0].label
    lines = [(f"| {label} |" if line.startswith(f"| {label} |") else line) for line in text.splitlines()]
    out = tmp_path / "缺数.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_a_report_with_unread_cells_is_left_out_or_marked(district, tmp_path):
    report = _with_a_row_unread(tmp_path)
    book = sorted(district.iterdir())[0]
    data = rollup_json(str(book), str(report))
    unit = data["units"][1]
    assert unit["unread"] and not unit["summed"] and "未读出" in unit["left_out"]
    assert data["units_summed"] == 1 and data["left_out"] == [unit["name"]] and not data["incomplete"]
    assert summed(data) == summed(rollup_json(str(book)))
    marked = rollup_json(str(book), str(report), "--include-incomplete")
    assert marked["incomplete"] and marked["units"][1]["summed"] and marked["units"][1]["incomplete"]
    assert marked["units"][1]["figures"]["new"] is None
    text = run("rollup", YEAR, str(book), str(report), "--include-incomplete").stdout
    assert "汇总数不完整" in text and "已汇总（不完整）" in text


def test_a_book_with_blocking_errors_is_left_out_and_listed(district, tmp_path):
    broken = new_book(tmp_path, "坏账本")
    broken.write("ledger/2024/cases.toml", '[[case]]\nid = "2024-0001"\nreceived = 2024-13-45\napplicant = "business"\n# 完\n')
    result = run("rollup", YEAR, str(sorted(district.iterdir())[0]), str(broken.root), "-f", "json")
    data = json.loads(result.stdout)
    assert data["units_summed"] == 1 and data["units"][1]["blocking"] and data["units"][1]["left_out"]
    assert "未汇总" in result.stderr
    text = run("rollup", YEAR, str(broken.root)).stdout
    assert "未汇总的单位" in text and "坏账本" in text


def test_the_rollups_own_output_is_not_summed_again(district, tmp_path):
    folder = tmp_path / "混合"
    shutil.copytree(sorted(district.iterdir())[0], folder / "镇0")
    assert run("rollup", YEAR, str(folder), "-o", str(folder / "汇总.md")).exit_code == 0
    data = rollup_json(str(folder))
    (own,) = [u for u in data["units"] if u["source"] == "report"]
    assert data["units_summed"] == 1 and "汇总表" in own["left_out"]


# --- the units file and bad input -----------------------------------------------------------------


def test_units_file_names_units_with_kind_and_previous(district, tmp_path):
    books = sorted(district.iterdir())
    old = tmp_path / "上年.md"
    shutil.copy(SAMPLE_REPORT, tmp_path / "本年.md")
    shutil.copy(SAMPLE_REPORT, old)
    units = tmp_path / "单位清单.toml"
    units.write_text(
        f'[[unit]]\nname = "一号镇"\nbook = "{books[0]}"\nkind = "government"\n\n'
        '[[unit]]\nname = "某局"\nreport = "本年.md"\nkind = "department"\nprevious = "上年.md"\n',
        encoding="utf-8",
    )
    data = rollup_json("--units", str(units))
    assert [(u["name"], u["kind"], u["source"]) for u in data["units"]] == [("一号镇", "government", "book"), ("某局", "department", "report")]
    assert data["units"][1]["previous"] == data["units"][1]["figures"] and set(data["units"][1]["change"].values()) == {0}


@pytest.mark.parametrize(
    "text,where",
    [
        ('[[unit]]\nname = "甲"\nbook = \n', ":3"),  # not TOML
        ('[[unit]]\nname = "甲"\nreport = "x.md"\n\n[[unit]]\nreport = "x.md"\n', ":5"),  # no name
        ('[[unit]]\nname = "甲"\nbook = "没有"\n', ":3"),  # no such book
        ('[[unit]]\nname = "甲"\nreport = "x.md"\ncolour = "红"\n', ":4"),  # unknown field
        ('[[unit]]\nname = "甲"\nreport = "x.md"\nkind = "county"\n', ":4"),  # bad kind
        ('[[unit]]\nname = "甲"\nreport = "x.md"\n[[unit]]\nname = "甲"\nreport = "x.md"\n', ":5"),  # twice
        ('[[unit]]\nname = "甲"\nreport = "x.md"\nbook = "."\n', ":1"),  # both
    ],
)
def test_a_bad_units_file_is_refused_naming_file_and_line(tmp_path, text, where):
    (tmp_path / "x.md").write_text(SAMPLE_REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    units = tmp_path / "units.toml"
    units.write_text(text, encoding="utf-8")
    result = run("rollup", YEAR, "--units", str(units), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2 and f"units.toml{where}" in result.stderr
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (["2024", "{tmp}/没有"], "不存在"),
        (["24", "{tmp}"], "年份"),
        (["2024", "{tmp}", "-f", "pdf"], "不支持的格式"),
        (["2024", "{tmp}", "--jobs", "0"], "进程数"),
        (["2024", "{tmp}/空"], "既没有账本"),
        (["2024"], "没有要汇总的单位"),
        (["2024", "{book}", "{book}"], "两次"),
        (["2024", "{tmp}", "-f", "md", "-o", "{book}/gkcli.toml"], "账本"),
        (["2024", "{tmp}", "--explain", "new", "-f", "docx", "-o", "{tmp}/x.docx"], "--explain"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(district, tmp_path, args, message):
    (tmp_path / "空").mkdir()
    book = sorted(district.iterdir())[0]
    before = (book / "gkcli.toml").read_bytes()
    shown = [a.format(tmp=tmp_path, book=book) for a in args]
    result = run("rollup", *shown)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert (book / "gkcli.toml").read_bytes() == before and not (tmp_path / "x.docx").exists()


def test_a_sum_whose_identities_fail_exits_1(tmp_path):
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    label = spec.APPLICATION_ROWS[0].label
    lines = []
    for line in text.splitlines():
        if line.startswith(f"| {label} |"):
            cells = line.split("|")
            cells[-2] = f" {int(cells[-2]) + 5} "  # the row's 总计 no longer adds up (A1)
            line = "|".join(cells)
        lines.append(line)
    report = tmp_path / "错.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("rollup", YEAR, str(report), "-f", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and "A1" in {f["code"] for f in data["findings"]}
    assert "A1" in data["units"][0]["identities"]


# --- one reading per book, cached ---------------------------------------------------------------


def test_a_books_two_years_come_from_one_reading_and_one_cache_entry(tmp_path, monkeypatch):
    """What the roll-up takes of a book (the year's tables and findings, last year's tables) is what
    `report` computes for each year, from one reading; run again, from the cache without reading;
    a changed ledger is read again; report's own cache entries are kept beside it."""
    import sys

    from gkcli import analysis_cache, loader
    from gkcli.ledger import cache

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from books import END, write_book

    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(analysis_cache, "MIN_BYTES", 0)
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(tmp_path / "cache"))
    root = write_book(tmp_path / "book", 300)
    report = loader.report_analysis(root, 2024)
    reads = []
    real = loader.read_book
    monkeypatch.setattr(loader, "read_book", lambda *a, **k: reads.append(1) or real(*a, **k))
    got = loader.rollup_analysis(root, 2024)
    assert len(reads) == 1 and got.timeliness is None
    assert (got.tables, got.findings, got.closed) == (report.tables, report.findings, report.closed)
    with monkeypatch.context() as m:
        m.setenv("GKCLI_CACHE", "0")
        assert got.previous == loader.report_analysis(root, 2023).tables
    reads.clear()
    assert loader.rollup_analysis(root, 2024) == got and loader.report_analysis(root, 2024).tables == report.tables
    assert not reads and len(list((tmp_path / "cache").glob("*.analysis"))) == 2
    ledger = root / "ledger" / "2023" / "cases.toml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + '[[case]]\nid = "2023-9999"\nreceived = 2023-12-01\napplicant = "business"\n' + END.format("2023-12-01"), encoding="utf-8")
    again = loader.rollup_analysis(root, 2024)
    assert len(reads) == 1 and again.previous.row("new")[-1] == got.previous.row("new")[-1] + 1
