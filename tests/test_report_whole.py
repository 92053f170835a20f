"""`gkcli report YEAR`: the whole report — narrative with live figures, in the official order."""

from __future__ import annotations

import hashlib

from conftest import PUBLISHED, REPO

from gkcli import spec
from gkcli.render import timeliness


def _headings(markdown: str) -> list[str]:
    return [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("## ")]


def test_sample_report_has_the_published_sections_in_order(sample):
    text = sample.ok("report", "2024", "--format", "md")
    assert text.startswith("# 蓟州区东二营镇人民政府2024年政府信息公开工作年度报告\n")
    assert _headings(text) == [*(s.label for s in spec.SECTIONS), timeliness.HEADING]  # the appendix after 六
    assert PUBLISHED["sections"] == [s.label for s in spec.SECTIONS]  # the published report has the same six
    assert spec.statistics_period(2024) in text and PUBLISHED["statistics_period_stated"]
    # the tables follow their headings, in order
    assert text.index("## 二、") < text.index("第二十条第（一）项") < text.index("## 三、") < text.index(spec.IDENTITY_NOTE) < text.index("## 四、")


def test_sample_narrative_figures_equal_the_published_ones(sample):
    """The figures the published text quotes (83 items and 78 news posts on the website, 286 on WeChat, 1 application)."""
    text = sample.ok("report", "2024", "--format", "md")
    overview = text[text.index("## 一、") : text.index("## 二、")]
    figures = PUBLISHED["overview_figures"]
    for figure in (f"{figures['website_items']}件", f"{figures['website_news']}条", f"{figures['wechat']}条", f"申请{figures['applications']}件"):
        assert figure in overview
    assert "处罚决定1件" in overview
    other = text[text.index("## 六、") :]
    assert "收费通知0件" in other and "信息处理费0元" in other and "www.tjjz.gov.cn" in other
    assert "{" not in text


def test_sample_narrative_does_not_copy_the_published_prose():
    """No sentence of the published report (known by its fingerprint only) appears in the sample narrative."""
    mine = (REPO / "data" / "narrative" / "2024.md").read_text(encoding="utf-8")
    prints = {(p["length"], p["sha256"]) for p in PUBLISHED["sentence_sha256"]}
    assert len(prints) > 10
    copied = [
        mine[i : i + n]
        for n in {n for n, _ in prints}
        for i in range(len(mine) - n + 1)
        if (n, hashlib.sha256(mine[i : i + n].encode("utf-8")).hexdigest()) in prints
    ]
    assert copied == []


def test_report_without_narrative_prints_tables_and_says_sections_are_missing(gk):
    result = gk("report", "2024", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert _headings(result.stdout) == [*(s.label for s in spec.SECTIONS), timeliness.HEADING]
    assert "narrative/2024.md" in result.stdout
    assert "第一、五、六部分没有正文" in result.stderr
    assert spec.IDENTITY_NOTE in result.stdout


def test_tables_only_leaves_the_narrative_out(sample):
    text = sample.ok("report", "2024", "--format", "md", "--tables-only")
    assert _headings(text) == [s.label for s in spec.SECTIONS[1:4]]
    assert "总体情况" not in text


def test_placeholders_are_filled_from_the_tally(gk):
    gk.add_case("2024-03-01", "natural_person")
    gk.add_case("2024-12-20", "business")
    gk.write(
        "narrative/2024.md",
        """
        开篇。

        ## 总体情况

        新收{applications.new.total}件，其中自然人{applications.new.natural_person}件；结转{ applications.carried_out.total }件。
        不予公开{applications.withheld.total}件，{{字面括号}}。

        ## 五

        无。

        ## other

        未收取信息处理费（{fees.collected}元）。
        """,
    )
    text = gk.ok("report", "2024", "--format", "md")
    assert "新收2件，其中自然人1件；结转2件。不予公开0件，{字面括号}。" in text
    assert "开篇。" + spec.statistics_period(2024) in text
    assert _headings(text)[4:] == [spec.SECTIONS[4].label, spec.SECTIONS[5].label, timeliness.HEADING]


def test_unknown_placeholder_names_file_and_line_and_writes_nothing(gk, tmp_path):
    gk.write(
        "narrative/2024.md",
        """
        ## 一、总体情况

        第一行，
        新收{applications.new.totl}件。
        """,
    )
    out = tmp_path / "r.html"
    result = gk("report", "2024", "-o", str(out))
    assert result.exit_code == 2
    assert "narrative/2024.md:4" in result.stderr and "{applications.new.totl}" in result.stderr
    assert "applications.new.total" in result.stderr  # the closest name as a hint
    assert "Traceback" not in result.stderr and not out.exists()


def test_unsupported_markdown_and_unknown_headings_name_the_line(gk):
    gk.write("narrative/2024.md", "## 一、总体情况\n\n正文。\n\n- 列表项\n")
    result = gk("report", "2024")
    assert result.exit_code == 2 and "narrative/2024.md:5" in result.stderr
    gk.write("narrative/2024.md", "## 一、总体情况\n\n## 七、附录\n")
    result = gk("report", "2024")
    assert result.exit_code == 2 and "narrative/2024.md:3" in result.stderr and "七、附录" in result.stderr


def test_narrative_checks_report_missing_sections_and_fees(gk):
    gk.write("narrative/2024.md", "## 一、总体情况\n\n" + "字" * 1200 + "\n\n## 六、其他需要报告的事项\n\n无。\n")
    result = gk("report", "2024", "--format", "md")
    assert result.exit_code == 0
    assert "第五部分没有正文" in result.stderr and "1 个错误、2 个警告" in result.stderr


def test_narrative_init_writes_a_draft_that_reports_cleanly(gk):
    result = gk("narrative", "init", "2024")
    assert result.exit_code == 0, result.stderr
    draft = (gk.root / "narrative" / "2024.md").read_text(encoding="utf-8")
    assert "{applications.new.total}" in draft and "{fees.collected}" in draft
    text = gk.ok("report", "2024", "--format", "md")
    assert _headings(text) == [*(s.label for s in spec.SECTIONS), timeliness.HEADING]  # the appendix after 六
    assert all(p.label in text for p in spec.OVERVIEW_PARTS)
    assert "{" not in text


def test_narrative_init_never_overwrites(gk):
    gk.ok("narrative", "init", "2024")
    path = gk.root / "narrative" / "2024.md"
    path.write_text("我写的正文\n", encoding="utf-8")
    before = gk.snapshot()
    result = gk("narrative", "init", "2024")
    assert result.exit_code == 2 and "已存在" in result.stderr
    assert gk.snapshot() == before
    assert gk.ok("narrative", "init", "2025", "-o", "-").startswith("<!--")


def test_narrative_fields_lists_every_placeholder_with_its_value(sample):
    rows = sample.json("narrative", "fields", "2024", "--format", "json")
    values = {r["name"]: r["value"] for r in rows}
    assert values["applications.new.total"] == "1"
    assert values["publications.website"] == "161" and values["publications.total"] == "447"
    assert values["proactive.penalty"] == "1" and values["fees.collected"] == "0"
    assert values["applications.unable.business"] == "1"


def test_figures_typed_as_digits_are_flagged_with_their_line(gk):
    gk.write(
        "narrative/2024.md",
        """
        ## 一、总体情况

        {year}年共收到申请{applications.new.total}件，
        办结3件，收费1,200.50元。

        ## 五、存在的主要问题及改进情况

        无。

        ## 六、其他需要报告的事项

        未收取信息处理费。
        """,
    )
    result = gk("check", "2024")
    assert result.exit_code == 0, result.stdout
    flagged = [line for line in result.stdout.splitlines() if "X1" in line]
    assert len(flagged) == 2 and all(line.startswith("narrative/2024.md:4:") for line in flagged)
    assert "「3件」" in flagged[0] and "「1,200.50元」" in flagged[1]
