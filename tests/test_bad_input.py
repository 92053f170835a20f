"""Every bad argument or ledger: a Chinese message naming it, exit 2, no traceback, nothing written."""

from __future__ import annotations

import pytest


@pytest.fixture
def book(gk):
    gk.add_case("2024-05-10", "商业企业")
    gk.ok("event", "add", "penalty", "--date", "2024-06-03")
    return gk


BAD_COMMANDS = [
    (["case", "add", "--received", "2024-02-30", "--applicant", "自然人"], "--received", "不存在"),
    (["case", "add", "--received", "2023-02-29", "--applicant", "自然人"], "--received", "不存在"),
    (["case", "add", "--received", "昨天", "--applicant", "自然人"], "--received", "无法识别的日期"),
    (["case", "add", "--received", "2024-05-01", "--applicant", "外星人"], "--applicant", "未知的申请人类型"),
    (["case", "add", "--received", "2024-05-01", "--applicant", "自然人", "--channel", "飞鸽"], "--channel", "未知的申请渠道"),
    (["case", "add", "--received", "2024-05-01", "--applicant", "自然人", "--id", "2024-0001"], "--id", "已存在"),
    (["case", "add", "--received", "2024-05-01", "--applicant", "自然人", "--id", 'a"b'], "--id", "不可用"),
    (["case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "同意"], "--outcome", "未知的办理结果"),
    (["case", "answer", "2099-0001", "--date", "2024-05-20", "--outcome", "granted"], "ID", "没有编号为「2099-0001」"),
    (["case", "answer", "2024-0001", "--date", "2024-05-01", "--outcome", "granted"], "--date", "早于收到申请的日期"),
    (["case", "answer", "2024-0001", "--date", "2024-13-01", "--outcome", "granted"], "--date", "不存在"),
    (["event", "add", "penalty", "--date", "2024-06-03", "--count", "-1"], "--count", "不能为负数"),
    (["event", "add", "penalty", "--date", "2024-06-03", "--count", "三"], "--count", "非负整数"),
    (["event", "add", "fee", "--date", "2024-06-03", "--amount", "一百元"], "--amount", "金额必须是"),
    (["event", "add", "fee", "--date", "2024-06-03", "--amount", "-5"], "--amount", "不能为负数"),
    (["event", "add", "fee", "--date", "2024-06-03", "--amount", "1.234"], "--amount", "精确到分"),
    (["event", "add", "fee", "--date", "2024-06-03"], "--amount", "必须给出金额"),
    (["event", "add", "penalty", "--date", "2024-06-03", "--amount", "5"], "--amount", "只有 fee"),
    (["event", "add", "parade", "--date", "2024-06-03"], "KIND", "未知的事项类型"),
    (["review", "add", "--kind", "reconsideration", "--filed", "2024-07-01", "--case", "nope"], "--case", "没有编号为"),
    (["review", "decide", "R2024-0009", "--date", "2024-07-01", "--result", "upheld"], "ID", "没有编号为"),
    (["report", "24"], "YEAR", "年份应为四位数字"),
    (["report", "2024", "--format", "pdf"], "--format", "不支持的格式"),
    (["report", "2024", "-o", "/nonexistent-dir/x.md"], "-o", "不存在"),
    (["check", "--format", "xml"], "--format", "不支持的格式"),
]


@pytest.mark.parametrize("args,where,words", BAD_COMMANDS, ids=[" ".join(a[:3]) for a, _, _ in BAD_COMMANDS])
def test_bad_argument_exits_2_and_writes_nothing(book, args, where, words):
    before = book.snapshot()
    result = book(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("错误："), result.stderr
    assert where in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert book.snapshot() == before


def test_toml_syntax_error_names_file_line_and_column(book):
    book.write("ledger/2024/events.toml", '[[event]]\nkind = "penalty"\ndate = 2024-06-03\ncount = 1\n\n[[event]]\nkind = "penalty\n')
    before = book.snapshot()
    for command in (["report", "2024"], ["case", "list"]):
        result = book(*command)
        assert result.exit_code == 2
        assert "ledger/2024/events.toml:7:" in result.stderr and "TOML 语法错误" in result.stderr
    check = book("check")
    assert check.exit_code == 1 and "ledger/2024/events.toml:7:" in check.stdout
    assert book.snapshot() == before


@pytest.mark.parametrize(
    "block,message",
    [
        ('[[case]]\nid = "x-1"\nreceived = 2024-02-30\napplicant = "business"\n', "日期无效或不存在"),
        ('[[case]]\nid = "x-1"\nreceived = 2024-02-03\napplicant = "alien"\n', "未知的申请人类型"),
        ('[[case]]\nid = "x-1"\napplicant = "business"\n', "缺少必填字段 received"),
        ('[[event]]\nkind = "penalty"\ndate = 2024-02-03\ncount = -3\n', "不能为负数"),
        ('[[event]]\nkind = "fee"\ndate = 2024-02-03\namount = "abc"\n', "金额必须是"),
        ('[[event]]\nkind = "fee"\ndate = 2024-02-03\namount = 12.5\n', "带引号的文本"),
        ('[[casse]]\nid = "x"\n', "未知的记录类型"),
        ('[case]\nid = "x"\n', "[[case]]"),
    ],
)
def test_bad_values_in_a_hand_edited_ledger(book, block, message):
    book.write("ledger/2024/extra.toml", "# 手工录入\n\n" + block)
    before = book.snapshot()
    result = book("report", "2024")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "ledger/2024/extra.toml:3" in result.stderr or "ledger/2024/extra.toml" in result.stderr
    check = book("check")
    assert check.exit_code == 1 and message in check.stdout
    assert book.snapshot() == before


def test_non_utf8_ledger(book):
    (book.root / "ledger/2024/events.toml").write_bytes('[[event]]\nkind = "penalty"\ntitle = "处罚"\n'.encode("gbk"))
    result = book("report", "2024")
    assert result.exit_code == 2 and "UTF-8" in result.stderr


def test_broken_config(book):
    (book.root / "gkcli.toml").write_text("[book]\nkind = 'government'\n", encoding="utf-8")
    result = book("report", "2024")
    assert result.exit_code == 2 and "agency" in result.stderr


def test_a_byte_order_mark_from_a_windows_editor_is_harmless(book):
    path = book.root / "ledger/2024/events.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert book.json("report", "2024", "-f", "json")["proactive"]["penalty"] == 1
    assert book("check").exit_code == 0
