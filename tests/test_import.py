"""`gkcli import`: an Excel register in the shape offices really keep, through a mapping file."""

from __future__ import annotations

import tomllib
from datetime import datetime

import pytest
from openpyxl import Workbook

HEADINGS = ["序号", "申请时间", "申请人", "申请人类型", "申请内容", "答复日期", "答复结果", "备注"]
ROWS = [
    # received in four styles: a date cell, 2024/3/5, 2024年6月1日, an Excel serial number (45356 = 2024-03-05)
    [1, datetime(2024, 1, 8), "王某", "个人", "低保名单", "2024-01-20", "同意公开", ""],
    [2, "2024/3/5", "某某公司", "企业", "用地审批", 45370, "信息不存在", ""],
    [3, "2024年6月1日", "李某", "个人", "拆迁补偿", "2024.6.10", "部分公开", ""],
    [4, 45356, "某律师事务所", "律师事务所", "执法案卷", None, None, "办理中"],
    [5, "2023年12月20日", "赵某", "个人", "道路规划", "2024-01-05", "撤回", ""],
    [6, datetime(2024, 11, 11, 9, 30), "某某商贸公司", "企业", "招标文件", "2024年11月30日", "属于国家秘密", ""],
]
MAPPING = """
[import]
sheet = "2024年"

[columns]
"序号" = ""
"申请时间" = "received"
"申请人" = "name"
"申请人类型" = "applicant"
"申请内容" = "subject"
"答复日期" = "answered"
"答复结果" = "outcome"

[values.outcome]
"同意公开" = "granted"
"信息不存在" = "unable_not_held"
"撤回" = "other_other"

[values.applicant]
"个人" = "natural_person"
"""


def register(path, rows=ROWS):
    """A register as offices keep it: a merged title row, Chinese headings, a signature line below."""
    wb = Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("2024年")
    ws.append(["东二营镇2024年政府信息公开申请登记台账"])
    ws.merge_cells("A1:H1")
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    ws.cell(row=2 + len(rows), column=2).number_format = "yyyy-mm-dd"
    ws.append([])
    ws.append(["制表人：某某"])
    wb.save(path)
    return path


@pytest.fixture
def files(tmp_path):
    mapping = tmp_path / "映射.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return register(tmp_path / "台账.xlsx"), mapping


def test_register_imports_and_matches_a_hand_count(gk, files):
    xlsx, mapping = files
    result = gk("import", str(xlsx), "--map", str(mapping))
    assert result.exit_code == 0, result.stderr
    rows = gk.json("report", "2024", "-f", "json")["applications"]["rows"]
    #                       自然人 商业 科研 公益 法律 其他 总计
    assert rows["new"] == [2, 2, 0, 0, 1, 0, 5]
    assert rows["carried_in"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["partial"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["withheld_secret"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["unable_not_held"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["other_other"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["total"] == [3, 2, 0, 0, 0, 0, 5]
    assert rows["carried_out"] == [0, 0, 0, 0, 1, 0, 1]
    assert gk.json("report", "2023", "-f", "json")["applications"]["rows"]["carried_out"][-1] == 1
    listed = {c["subject"]: c for c in gk.json("case", "list", "-f", "json", "--with-personal-data")}
    assert listed["用地审批"]["received"] == "2024-03-05" and listed["用地审批"]["answered"] == "2024-03-19"
    assert listed["执法案卷"]["received"] == "2024-03-05" and listed["执法案卷"]["name"] == "某律师事务所"
    assert gk("check").exit_code == 0


def test_importing_the_same_register_again_adds_nothing(gk, files):
    xlsx, mapping = files
    gk.ok("import", str(xlsx), "--map", str(mapping))
    before = gk.snapshot()
    result = gk("import", str(xlsx), "--map", str(mapping))
    assert result.exit_code == 0 and "6 条已在账本中" in result.stderr
    assert gk.snapshot() == before


def test_unmappable_rows_are_listed_by_sheet_and_row_and_nothing_is_written(gk, files, tmp_path):
    _, mapping = files
    rows = [r[:] for r in ROWS]
    rows[1][6] = "同意"  # not in the value map, not an outcome
    rows[2][1] = "六月一日"
    xlsx = register(tmp_path / "坏台账.xlsx", rows)
    before = gk.snapshot()
    result = gk("import", str(xlsx), "--map", str(mapping))
    assert result.exit_code == 2
    assert "工作表「2024年」第 4 行" in result.stderr and "列「答复结果」的办理结果「同意」没有对应的编码" in result.stderr
    assert "工作表「2024年」第 5 行" in result.stderr and "无法识别的日期" in result.stderr
    assert gk.snapshot() == before
    skipped = gk("import", str(xlsx), "--map", str(mapping), "--skip-bad")
    assert skipped.exit_code == 0, skipped.stderr
    assert "已跳过 2 条" in skipped.stderr and "第 4 行" in skipped.stderr and "第 5 行" in skipped.stderr
    assert len(gk.json("case", "list", "-f", "json")) == 4


def test_suggest_guesses_columns_and_values(gk, files):
    xlsx, _ = files
    text = gk.ok("import", str(xlsx), "--suggest", "--sheet", "2024年")
    data = tomllib.loads(text)
    assert data["import"] == {"sheet": "2024年", "header_row": 2}
    assert data["columns"] == {
        "序号": "",
        "申请时间": "received",
        "申请人": "name",
        "申请人类型": "applicant",
        "申请内容": "subject",
        "答复日期": "answered",
        "答复结果": "outcome",
        "备注": "",
    }
    assert data["values"]["outcome"]["同意公开"] == "granted" and data["values"]["outcome"]["部分公开"] == "partial"
    assert data["values"]["applicant"] == {"个人": "natural_person", "企业": "business", "律师事务所": "legal_service"}


def test_csv_registers_in_gbk_import_too(gk, tmp_path):
    path = tmp_path / "台账.csv"
    path.write_bytes("申请日期,申请人类型,办理结果\n2024/5/6,企业,予以公开\n2024年5月7日,自然人,\n".encode("gb18030"))
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\n"申请日期" = "received"\n"申请人类型" = "applicant"\n', encoding="utf-8")
    gk.ok("import", str(path), "--map", str(mapping))
    assert gk.json("report", "2024", "-f", "json")["applications"]["rows"]["new"][-1] == 2


@pytest.mark.parametrize(
    "args,words",
    [
        (["import", "nope.xlsx", "--map", "m.toml"], "不存在"),
        (["import", "{xlsx}"], "--map"),
        (["import", "{xlsx}", "--map", "{map}", "--sheet", "2019年"], "没有名为「2019年」的工作表"),
    ],
)
def test_bad_import_arguments(gk, files, args, words):
    xlsx, mapping = files
    result = gk(*(a.format(xlsx=xlsx, map=mapping) for a in args))
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_old_xls_files_are_refused_with_advice(gk, tmp_path):
    path = tmp_path / "旧台账.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    result = gk("import", str(path), "--suggest")
    assert result.exit_code == 2 and "另存为 .xlsx" in result.stderr


def _rezip(source, target, member, content):
    """A copy of an xlsx with one member's bytes replaced: damage a spreadsheet program might leave."""
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, content if item.filename == member else zin.read(item.filename))
    return target


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[columns]\n"申请时间" = ' + "[" * 5000 + "]" * 5000 + "\n", "映射文件无法读取"),
        ("[columns]\n" + "a = {b = " * 5000 + "1" + "}" * 5000 + "\n", "映射文件无法读取"),
        ('[columns]\n"申请时间" = "received"\n[import]\nheader_row = ' + "9" * 5000 + "\n", "映射文件无法读取"),
        ('values = 1\n[columns]\n"申请时间" = "received"\n', "[values] 无效"),
        ('import = "2024年"\n[columns]\n"申请时间" = "received"\n', "[import] 无效"),
        ('[import]\nheader_row = "2"\n[columns]\n"申请时间" = "received"\n', "header_row"),
        ('[import]\nsheet = ["2024年"]\n[columns]\n"申请时间" = "received"\n', "sheet"),
        ('[columns]\n"申请时间" = ["received"]\n', "应对应一个字段名"),
        ('[columns]\n"申请时间" = "received"\n[values.outcome]\n"同意" = {a = 1}\n', "都应为文本"),
        ('[columns]\n"申请时间" = "received"\n[columns', "映射文件无法读取"),
    ],
    ids=["deep-array", "deep-table", "huge-int", "values-not-table", "import-not-table"]
    + ["header-row-text", "sheet-list", "field-list", "value-table", "broken"],
)
def test_hostile_mapping_files_are_exit_2_with_a_chinese_message(gk, files, text, words):
    xlsx, mapping = files
    mapping.write_text(text, encoding="utf-8")
    before = gk.snapshot()
    result = gk("import", str(xlsx), "--map", str(mapping))
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert words in result.stderr and "Traceback" not in result.output
    assert gk.snapshot() == before


def test_a_folder_given_as_mapping_file_is_exit_2(gk, files, tmp_path):
    xlsx, _ = files
    result = gk("import", str(xlsx), "--map", str(tmp_path))
    assert result.exit_code == 2 and "映射文件无法读取" in result.stderr


def test_damaged_registers_are_exit_2_not_a_traceback(gk, files, tmp_path):
    xlsx, mapping = files
    before = gk.snapshot()
    import zipfile

    sheet = zipfile.ZipFile(xlsx).read("xl/worksheets/sheet2.xml")
    cut = sheet[: sheet.index(b"</row>") + 6]  # opens fine, breaks off while its rows are read
    damaged = _rezip(xlsx, tmp_path / "坏.xlsx", "xl/worksheets/sheet2.xml", cut)
    result = gk("import", str(damaged), "--map", str(mapping))
    assert result.exit_code == 2 and "Excel 文件已损坏" in result.stderr, (result.exception, result.stderr)
    huge = tmp_path / "大.csv"
    huge.write_text("申请时间,申请人类型,申请内容\n2024-01-05,个人," + "长" * 140_000 + "\n", encoding="utf-8")
    result = gk("import", str(huge), "--map", str(mapping))
    assert result.exit_code == 2 and "第 2 行：单元格过长" in result.stderr, (result.exception, result.stderr)
    assert gk.snapshot() == before


def _channel_register(path, channels):
    """A CSV register with the wording offices use for applicant, channel and outcome."""
    lines = ["申请日期,申请人类型,申请方式,办理结果,答复日期"]
    lines += [f"2024-05-{n:02d},{applicant},{channel},{outcome},2024-05-28" for n, (applicant, channel, outcome) in enumerate(channels, 6)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


COMMON_WORDS = [("律所", "网上申请", "不予公开（行政执法案卷）"), ("个人", "现场", "同意公开")]


def test_suggest_maps_the_words_registers_use_and_marks_the_rest(gk, tmp_path):
    path = _channel_register(tmp_path / "台账.csv", [*COMMON_WORDS, ("个人", "信鸽", "同意")])
    text = gk.ok("import", str(path), "--suggest")
    values = tomllib.loads(text)["values"]
    assert values["applicant"] == {"律所": "legal_service", "个人": "natural_person"}
    assert values["channel"] == {"网上申请": "online", "现场": "in_person", "信鸽": ""}
    assert values["outcome"]["不予公开（行政执法案卷）"] == "withheld_enforcement_file" and values["outcome"]["同意"] == ""
    assert '"同意" = ""  # 未能识别；最接近的编码：granted' in text and "gkcli codes outcome" in text


def test_values_left_empty_in_the_mapping_are_read_through_the_shared_wordings(gk, tmp_path):
    path = _channel_register(tmp_path / "台账.csv", COMMON_WORDS)
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[columns]\n"申请日期" = "received"\n"申请人类型" = "applicant"\n"申请方式" = "channel"\n"办理结果" = "outcome"\n"答复日期" = "answered"\n'
        '[values.applicant]\n"律所" = ""\n[values.channel]\n"网上申请" = ""\n',
        encoding="utf-8",
    )
    result = gk("import", str(path), "--map", str(mapping))
    assert result.exit_code == 0, result.stderr
    cases = gk.json("case", "list", "-f", "json")
    assert [(c["applicant"], c["channel"], c["outcome"]) for c in cases] == [
        ("legal_service", "online", "withheld_enforcement_file"),
        ("natural_person", "in_person", "granted"),
    ]


def test_an_unmapped_value_is_reported_with_the_line_to_add_and_never_dropped(gk, tmp_path):
    path = _channel_register(tmp_path / "台账.csv", [*COMMON_WORDS, ("律所", "信鸽", "同意公开")])
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[columns]\n"申请日期" = "received"\n"申请人类型" = "applicant"\n"申请方式" = "channel"\n"办理结果" = "outcome"\n"答复日期" = "answered"\n'
        '[values.channel]\n"信鸽" = ""\n',
        encoding="utf-8",
    )
    before = gk.snapshot()
    result = gk("import", str(path), "--map", str(mapping))
    assert result.exit_code == 2
    assert "第 4 行" in result.stderr and "列「申请方式」的申请渠道「信鸽」没有对应的编码" in result.stderr
    assert '[values.channel] 下加一行 "信鸽" = "' in result.stderr and "gkcli codes channel" in result.stderr
    assert "缺少必填字段" not in result.stderr and "Traceback" not in result.output
    assert gk.snapshot() == before
    skipped = gk("import", str(path), "--map", str(mapping), "--skip-bad")
    assert skipped.exit_code == 0 and "已跳过 1 条" in skipped.stderr and "第 4 行" in skipped.stderr
    assert sorted(c["channel"] for c in gk.json("case", "list", "-f", "json")) == ["in_person", "online"]
