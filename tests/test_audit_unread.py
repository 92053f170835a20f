"""`gkcli audit`: an unread cell is null, never 0; pages without layout, misprinted labels,
prose and the title block read as users see them. Fixtures in tests/fixtures/audit/ (hand-made)."""

from __future__ import annotations

import pytest
from test_audit import FIXTURES, audit, audit_json, codes, expected, made

from gkcli.audit.recover import all_cells


def _cells(data: dict, table: str) -> list:
    part = data[table]
    if table == "applications":
        return [v for row in part["rows"].values() for v in row]
    if table == "review":
        return [v for row in part.values() for v in row]
    return [v for value in part.values() if not isinstance(value, str) for v in (value.values() if isinstance(value, dict) else [value])]


def test_one_line_page_reads_every_cell_exactly_or_leaves_it_null():
    """The whole page flattened into one line: headings mid-line, each row's digits run together."""
    result, data = audit_json(str(FIXTURES / "flat_page.txt"))
    want = expected(made.REPORT)
    for table in ("applications", "review"):
        assert data[table] == want[table], table
    # 「行政规范性文件2115」: three readings and no identity to choose → null, and R2 lists them
    assert data["proactive"]["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}
    assert data["unread"] == ["proactive.normative_docs.in_force", "proactive.normative_docs.issued", "proactive.normative_docs.repealed"]
    r2 = [f for f in data["findings"] if f["code"] == "R2"]
    assert r2 and "[2, 1, 15]" in r2[0]["message"] and "[21, 1, 5]" in r2[0]["message"]
    assert "applications.new.total" in data["inferred"]
    assert "S1" not in codes(data) and "S8" not in codes(data)
    assert (data["agency"], data["year"]) == (made.AGENCY, 2024)
    assert result.exit_code == 1  # R2 is an error: a cell could not be read


def test_trailing_digits_glued_to_the_next_rows_numbering(tmp_path):
    """「…00000002.其他法律」: the 2 is the next row's number, not the row's last cell."""
    text = (FIXTURES / "flat_page.txt").read_text(encoding="utf-8")
    assert "00000002.其他法律行政法规禁止公开" in text
    _, data = audit_json(str(FIXTURES / "flat_page.txt"))
    assert data["applications"]["rows"]["withheld_secret"] == [0] * 7
    assert data["applications"]["rows"]["unable_not_held"] == list(made.REPORT.row("unable_not_held"))


def test_a_misprinted_label_is_read_by_position_and_the_identities_still_run():
    result, data = audit_json(str(FIXTURES / "misprinted_label.txt"))
    r6 = [f for f in data["findings"] if f["code"] == "R6"]
    assert [f["where"] for f in r6] == ["applications.withheld_law"]
    assert "2.其他法律行政止公开" in r6[0]["message"]
    assert data["unread"] == []
    # the total altered by hand (3 → 5) is found by A1–A3, not hidden by the misprint
    assert {("A1", "applications.total"), ("A2", "applications.total.natural_person"), ("A3", "applications.natural_person")} <= {
        (f["code"], f["where"]) for f in data["findings"]
    }
    assert result.exit_code == 1


def test_a_missing_table_is_null_and_no_check_fires_on_it():
    """Section 三 without its table: its cells are null; A1–A3 and X1 do not run; one S2 says so."""
    result, data = audit_json(str(FIXTURES / "no_applications_table.txt"))
    assert set(_cells(data, "applications")) == {None}
    assert all(c in data["unread"] for c in all_cells() if c.startswith("applications."))
    assert not codes(data) & {"A1", "A2", "A3", "X1", "Y1"}
    assert [f["message"] for f in data["findings"] if f["code"] == "S2"] == ["没有找到「三、收到和处理政府信息公开申请情况的统计表」，该处数字无法读取"]
    assert [f["message"] for f in data["findings"] if f["code"] == "R5"] == ["表二没有读出任何单元格，A1、A2、A3、A8 都没有核对"]
    assert _cells(data, "review") == [v for row in expected(made.REPORT)["review"].values() for v in row]


def test_text_shows_an_unread_new_applications_figure_as_unread():
    result = audit(str(FIXTURES / "no_applications_table.txt"), str(FIXTURES / "cells_per_line.txt"))
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.startswith("tests/") or "fixtures" in line}
    unread = next(v for k, v in rows.items() if k.endswith("no_applications_table.txt"))
    read = next(v for k, v in rows.items() if k.endswith("cells_per_line.txt"))
    assert unread[3] == "未读出" and read[3] == "4"


def test_prose_is_not_a_table_and_none_charged_is_said_in_many_ways():
    """「其中，同意公开2件」 in prose before the table is not an older table's label (S2);
    「无收取信息处理费情况」 says the 信息处理费 (S8)."""
    result, data = audit_json(str(FIXTURES / "prose_and_fee_wording.txt"))
    assert data["findings"] == []
    assert result.exit_code == 0


@pytest.mark.parametrize(
    "sentence",
    ["本年度未收取信息处理费。", "本年度无收取信息处理费情况。", "本年度没有产生处理费。", "本机关均未收取政府信息公开处理费。"],
)
def test_s8_accepts_the_ways_reports_say_none_was_charged(tmp_path, sentence):
    text = (FIXTURES / "cells_per_line.txt").read_text(encoding="utf-8").replace("本年度未收取信息处理费。", sentence)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    assert "S8" not in codes(audit_json(str(path))[1])


def _report_with_title(tmp_path, title: str, name: str = "r.txt"):
    text = (FIXTURES / "cells_per_line.txt").read_text(encoding="utf-8")
    head = "示例县清河街道办事处2024年政府信息公开工作\n年度报告\n\n本报告由示例县清河街道办事处编制。本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    assert head in text
    path = tmp_path / name
    path.write_text(text.replace(head, title), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("示例市交通运输局\n2024年政府信息公开工作年度报告", "示例市交通运输局", 2024),
        ("2024年政府信息公开工作年度报告\n示例市交通运输局", "示例市交通运输局", 2024),
        ("2024年政府信息公开工作年度报告\n发布机构：示例县自然资源局 发布日期：2025-01-20", "示例县自然资源局", 2024),
        ("根据条例要求，特编制示例县地方志办公室2024年政府信息公开工作年度报告。", "示例县地方志办公室", 2024),
        ("现公布我局2024年政府信息公开工作年度报告。", None, 2024),
        ("政府信息公开工作年度报告", None, None),
    ],
)
def test_agency_and_year_come_from_the_title_block_or_are_null(tmp_path, title, agency, year):
    _, data = audit_json(str(_report_with_title(tmp_path, title)))
    assert (data["agency"], data["year"]) == (agency, year)


def test_previous_is_not_paired_when_the_agency_is_unknown(tmp_path):
    """Several reports with --previous: one whose agency cannot be read is paired with nothing, and R4 says why."""
    unknown = _report_with_title(tmp_path, "现公布我局2024年政府信息公开工作年度报告。", "a.txt")
    known = tmp_path / "b.txt"
    known.write_text((FIXTURES / "cells_per_line.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result, data = audit_json(str(unknown), str(known), "--previous", str(FIXTURES / "last_year.txt"))
    first, second = data
    r4 = [f["message"] for f in first["findings"] if f["code"] == "R4"]
    assert r4 and "无法从标题识别机关或年度" in r4[0]
    assert not {"Y1", "Y2"} & codes(first)
    assert "R4" not in codes(second)


def _flat(tmp_path, name: str, source: str, old: str, new: str):
    text = "".join((FIXTURES / source).read_text(encoding="utf-8").replace("|", " ").split())
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_y2_settles_a_run_together_stock_row_with_last_years_report(tmp_path):
    """「行政规范性文件2017」 reads as [2, 0, 17] or [20, 1, 7]; last year's 现行有效 15 leaves the first."""
    now = _flat(tmp_path, "now.txt", "cells_per_line.txt", "行政规范性文件2115", "行政规范性文件2017")
    last = _flat(tmp_path, "last.txt", "last_year.txt", "行政规范性文件1014", "行政规范性文件1015")
    _, alone = audit_json(str(now))
    assert alone["proactive"]["normative_docs"]["in_force"] is None
    result, data = audit_json(str(now), "--previous", str(last))
    assert data["proactive"]["normative_docs"] == {"issued": 2, "repealed": 0, "in_force": 17}
    assert "proactive.normative_docs.in_force" in data["inferred"] and data["unread"] == []
    assert any(f["code"] == "R3" and "Y2" in f["message"] for f in data["findings"])


def test_y2_leaves_a_stock_row_unread_when_two_readings_still_fit(tmp_path):
    """「2115」 with last year's 14: [2, 1, 15] and [2, 11, 5] both give 14 + 制发 − 废止 — no guess."""
    last = _flat(tmp_path, "last.txt", "last_year.txt", "行政规范性文件1014", "行政规范性文件1014")
    _, data = audit_json(str(FIXTURES / "flat_page.txt"), "--previous", str(last))
    assert data["proactive"]["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}
    assert "Y2" not in codes(data)


def _with_prose(tmp_path, sentence: str):
    """flat_page.txt (「行政规范性文件2115」, three readings) with a sentence added to 一（一）主动公开."""
    text = (FIXTURES / "flat_page.txt").read_text(encoding="utf-8")
    anchor = "（一）主动公开。"
    assert anchor in text and "行政规范性文件2115" in text
    path = tmp_path / "prose.txt"
    path.write_text(text.replace(anchor, anchor + sentence, 1), encoding="utf-8")
    return path


def test_the_reports_own_prose_settles_a_run_together_stock_row(tmp_path):
    """「2115」 reads as [2, 1, 15], [2, 11, 5] or [21, 1, 5]; the text says 印发 2 件、废止 1 件 and 现行有效 15 件."""
    path = _with_prose(tmp_path, "本年度街道印发行政规范性文件2件，废止1件，截至年底现行有效15件。")
    result, data = audit_json(str(path))
    assert data["proactive"]["normative_docs"] == {"issued": 2, "repealed": 1, "in_force": 15}
    assert "proactive.normative_docs.repealed" in data["inferred"] and data["unread"] == []
    r3 = [f["message"] for f in data["findings"] if f["code"] == "R3" and f["where"] == "proactive.normative_docs"]
    assert r3 and "正文" in r3[0] and "[2, 1, 15]" in r3[0]
    assert "R2" not in codes(data)


def test_one_figure_is_enough_when_it_leaves_one_reading(tmp_path):
    """Only 现行有效 is stated: 15 fits [2, 1, 15] alone."""
    _, data = audit_json(str(_with_prose(tmp_path, "目前现行有效的规范性文件共15件。")))
    assert data["proactive"]["normative_docs"] == {"issued": 2, "repealed": 1, "in_force": 15}


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度制发规章和规范性文件共2件。",  # two subjects for one figure: whose 2 is it
        "全年废止规范性文件1件。",  # 1 fits both [2, 1, 15] and [21, 1, 5]
        "本年制发规范性文件2件，另制发规范性文件21件。",  # two figures for one cell
        "累计制发规范性文件21件，修订和废止规范性文件11件。",  # a running total; a figure shared by two verbs
        "2023年制发规范性文件21件。",  # another year
    ],
)
def test_prose_that_does_not_settle_the_row_leaves_it_unread(tmp_path, sentence):
    _, data = audit_json(str(_with_prose(tmp_path, sentence)))
    assert data["proactive"]["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}
    assert any(f["code"] == "R2" and f["where"] == "proactive.normative_docs" for f in data["findings"])
    assert "proactive.normative_docs.issued" not in data["inferred"]


@pytest.mark.parametrize(
    "text, figures",
    [
        ("全年制发规章1件、规范性文件3件。", {("regulations", "issued"): 1, ("normative_docs", "issued"): 3}),
        ("规章制发2件，废止一件。", {("regulations", "issued"): 2, ("regulations", "repealed"): 1}),
        ("出台行政规范性文件4件；现行有效规范性文件共计30件。", {("normative_docs", "issued"): 4, ("normative_docs", "in_force"): 30}),
        ("发布规范性文件解读3件，完善规章制度5项，制定党内规范性文件2件。", {}),
        ("废止规章和规范性文件5件。", {}),
        ("制发行政规范性文件69件、废止17件，现行有效127件。", {("normative_docs", c): v for c, v in (("issued", 69), ("repealed", 17), ("in_force", 127))}),
        ("制发规范性文件3件、修订和废止2件。", {("normative_docs", "issued"): 3}),  # 2 is shared by two verbs
        ("全年修订、废止规范性文件5件。", {}),
    ],
)
def test_figures_are_taken_from_prose_only_where_row_and_column_are_plain(text, figures):
    from gkcli.audit.prose import stated_figures

    assert stated_figures(text, 2024) == figures


def test_a_row_cut_off_at_the_end_of_the_text_stays_unread_whatever_the_prose_says(tmp_path):
    """The page stops inside 「行政规范性文件6917…」 (69, 17, 127): the prose figures would pick a reading of
    the short digits, but the row may be cut short, so it is never read."""
    text = (FIXTURES / "flat_page.txt").read_text(encoding="utf-8")
    anchor = "（一）主动公开。"
    head = text[: text.index("行政规范性文件2115")]
    sentence = "本年度制发行政规范性文件69件、废止1件，现行有效7件。"
    path = tmp_path / "cut.txt"
    path.write_text(head.replace(anchor, anchor + sentence, 1) + "行政规范性文件6917", encoding="utf-8")
    _, data = audit_json(str(path))
    assert data["proactive"]["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}
