"""Bulk input: `case add -`, `event add -`, `review add -` read many records, all or nothing."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app


@pytest.fixture
def other(tmp_path):
    from conftest import Gk

    root = tmp_path / "new-book"
    CliRunner().invoke(app, ["init", str(root), "--agency", "测试县某某镇人民政府"])
    return Gk(root)


def busy_book(gk):
    """Cases across three years: answered, amended, open at year end, with personal data."""
    gk.add_case("2023-11-20", "商业企业", subject="规划许可", channel="mail")
    gk.add_case("2023-12-28", name="张三", phone="13812345678")
    gk.add_case("2024-02-01", "法律服务", id="律-1")
    gk.add_case("2024-12-30", "科研")
    gk.add_case("2025-01-03", "社会公益", subject='含"引号"与,逗号')
    gk.ok("case", "answer", "2023-0001", "--date", "2023-12-15", "--outcome", "予以公开")
    gk.ok("case", "answer", "2023-0002", "--date", "2024-01-10", "--outcome", "不掌握")
    gk.ok("case", "answer", "律-1", "--date", "2024-02-20", "--outcome", "granted")
    gk.ok("case", "answer", "律-1", "--date", "2024-03-01", "--outcome", "partial", "--amend")
    gk.ok("case", "answer", "2024-0001", "--date", "2025-01-15", "--outcome", "三.五.2")
    return gk


def reports(gk):
    return {year: gk.json("report", str(year), "--format", "json") for year in (2023, 2024, 2025)}


def test_piping_a_listing_into_a_new_book_reproduces_every_report(gk, other):
    busy_book(gk)
    listing = gk.ok("case", "list", "--format", "ndjson")
    result = other("case", "add", "-", input=listing)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["2023-0001", "2023-0002", "律-1", "2024-0001", "2025-0001"]
    assert reports(other) == reports(gk)
    assert other("check").exit_code == 0
    before = other.snapshot()
    again = other("case", "add", "-", input=listing)
    assert again.exit_code == 0 and again.stdout == "" and "5 条已在账本中" in again.stderr
    assert other.snapshot() == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_arrays_and_csv_listings_round_trip_too(gk, other, fmt):
    busy_book(gk)
    other.ok("case", "add", "-", input=gk.ok("case", "list", "--format", fmt))
    assert reports(other) == reports(gk)


def test_masked_personal_data_is_not_imported(gk, other):
    busy_book(gk)
    result = other("case", "add", "-", input=gk.ok("case", "list", "--format", "ndjson"))
    assert "遮蔽" in result.stderr and "--with-personal-data" in result.stderr
    text = (other.root / "ledger/2023/cases.toml").read_text(encoding="utf-8")
    assert "*" not in text and "name" not in text
    full = gk.ok("case", "list", "--format", "ndjson", "--with-personal-data")
    assert other("case", "add", "-", input=full).exit_code == 2  # now it differs from what was imported: L5
    fresh = other.root.parent / "third"
    CliRunner().invoke(app, ["init", str(fresh), "--agency", "某机关"])
    assert CliRunner().invoke(app, ["--book", str(fresh), "case", "add", "-"], input=full).exit_code == 0
    assert 'name = "张三"' in (fresh / "ledger/2023/cases.toml").read_text(encoding="utf-8")


def test_one_bad_record_among_a_thousand_writes_nothing_and_names_its_line(gk):
    lines = [json.dumps({"received": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", "applicant": "natural_person"}) for n in range(1000)]
    lines[636] = json.dumps({"received": "2024-02-30", "applicant": "natural_person"})
    before = gk.snapshot()
    result = gk("case", "add", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 2
    assert "标准输入:637:" in result.stderr and "不存在" in result.stderr and "1 条记录有误" in result.stderr
    assert gk.snapshot() == before
    lines[636] = lines[635]
    assert gk("case", "add", "-", input="\n".join(lines)).exit_code == 0
    assert gk.json("report", "2024", "-f", "json")["applications"]["rows"]["new"][0] == 1000
    assert (gk.root / "ledger/2024/cases.toml").read_text(encoding="utf-8").count("[[case]]") == 1000


def test_every_bad_record_is_reported_with_its_line(gk):
    text = '[\n  {"received": "2024-05-01", "applicant": "自然人"},\n  {"received": "昨天", "applicant": "自然人"},\n  {"applicant": "外星人", "colour": "red"}\n]\n'
    result = gk("case", "add", "-", input=text)
    assert result.exit_code == 2
    err = result.stderr
    assert "标准输入:3:" in err and "无法识别的日期" in err
    assert "标准输入:4:" in err and "缺少必填字段 received" in err and "未知的申请人类型" in err and "未知字段「colour」" in err
    assert "标准输入:2:" not in err


def test_answers_are_checked_like_hand_written_ones(gk):
    text = "received,applicant,answered,outcome\n2024-05-10,企业,2024-05-01,不掌握\n2024-05-10,企业,2024-05-20,\n"
    result = gk("case", "add", "-", input=text)
    assert result.exit_code == 2
    assert "标准输入:2: 错误 L7" in result.stderr and "早于收到日期" in result.stderr
    assert "标准输入:3: 错误 L3" in result.stderr and "应同时给出" in result.stderr


def test_same_id_with_other_content_is_an_error(gk):
    gk.add_case("2024-05-10", "商业企业", id="A-1")
    gk.ok("case", "answer", "A-1", "--date", "2024-05-20", "--outcome", "granted")
    before = gk.snapshot()
    clash = '{"id": "A-1", "received": "2024-05-11", "applicant": "business"}\n'
    result = gk("case", "add", "-", input=clash)
    assert result.exit_code == 2 and "编号「A-1」已存在（ledger/2024/cases.toml:3），但内容不同：received" in result.stderr
    other_answer = '{"id": "A-1", "received": "2024-05-10", "applicant": "business", "answered": "2024-05-20", "outcome": "partial"}\n'
    result = gk("case", "add", "-", input=other_answer)
    assert result.exit_code == 2 and "--amend" in result.stderr
    twice = '{"id": "B-1", "received": "2024-05-10", "applicant": "business"}\n{"id": "B-1", "received": "2024-05-12", "applicant": "business"}\n'
    assert "标准输入:2:" in gk("case", "add", "-", input=twice).stderr
    assert gk.snapshot() == before


def test_an_answer_given_later_is_appended_to_the_existing_case(gk):
    gk.add_case("2024-05-10", "商业企业")
    line = '{"id": "2024-0001", "received": "2024-05-10", "applicant": "business", "answered": "2024-06-01", "outcome": "granted"}\n'
    gk.ok("case", "add", "-", input=line)
    assert gk.json("case", "list", "-f", "json")[0]["outcome"] == "granted"
    before = gk.snapshot()
    gk.ok("case", "add", "-", input=line)
    assert gk.snapshot() == before


def test_records_without_ids_get_the_next_ids_and_match_on_content(gk):
    gk.add_case("2024-01-05")
    text = "received,applicant,subject\n2024-03-01,自然人,甲\n2024-03-02,自然人,乙\n2025-01-02,商业企业,丙\n"
    assert gk.ok("case", "add", "-", input=text).split() == ["2024-0002", "2024-0003", "2025-0001"]
    before = gk.snapshot()
    assert gk.ok("case", "add", "-", input=text) == ""
    assert gk.snapshot() == before


def test_dry_run_shows_the_blocks_and_writes_nothing(gk):
    before = gk.snapshot()
    line = '{"received": "2024-05-10", "applicant": "企业", "answered": "2024-05-20", "outcome": "予以公开"}\n'
    result = gk("case", "add", "-", "--dry-run", input=line)
    assert result.exit_code == 0, result.stderr
    assert "# → ledger/2024/cases.toml\n[[case]]\nid = \"2024-0001\"" in result.stdout and "[[answer]]" in result.stdout
    assert "试运行" in result.stderr and gk.snapshot() == before


def test_tsv_needs_its_input_format(gk):
    gk.ok("case", "add", "-", "--input-format", "tsv", input="received\tapplicant\n2024-05-10\t自然人\n")
    assert gk.json("case", "list", "-f", "json")[0]["applicant"] == "natural_person"
    result = gk("case", "add", "-", "--input-format", "xml", input="")
    assert result.exit_code == 2 and "--input-format" in result.stderr


def test_events_in_bulk_count_like_a_multiset(gk):
    text = 'kind,date,count,amount\npenalty,2024-06-03,1,\npenalty,2024-06-03,1,\nfee,2024-07-01,,1234.56\n'
    gk.ok("event", "add", "-", input=text)
    gk.ok("event", "add", "-", input=text)  # the same batch again adds nothing
    p = gk.json("report", "2024", "-f", "json")["proactive"]
    assert p["penalty"] == 2 and p["fees_wan"] == "0.123456"
    gk.ok("event", "add", "-", input='[{"kind": "fee", "date": "2024-08-01", "amount": 0.1}]')
    assert gk.json("report", "2024", "-f", "json")["proactive"]["fees_wan"] == "0.123466"
    bad = gk("event", "add", "-", input='{"kind": "fee", "date": "2024-08-01"}\n')
    assert bad.exit_code == 2 and "L9" in bad.stderr


def test_reviews_in_bulk_with_their_decisions(gk):
    gk.add_case("2024-01-10")
    text = '{"kind": "复议", "filed": "2024-03-01", "case": "2024-0001", "decided": "2024-05-01", "result": "维持"}\n{"kind": "litigation_direct", "filed": "2024-11-01"}\n'
    assert gk.ok("review", "add", "-", input=text).split() == ["R2024-0001", "R2024-0002"]
    assert gk.json("report", "2024", "-f", "json")["review"]["reconsideration"] == [1, 0, 0, 0, 1]
    dangling = gk("review", "add", "-", input='{"kind": "复议", "filed": "2024-03-01", "case": "nope"}\n')
    assert "不在账本中" in dangling.stderr


def test_single_add_still_requires_its_options(gk):
    result = gk("case", "add", "--applicant", "自然人")
    assert result.exit_code == 2 and "缺少必填选项 --received" in result.stderr
    assert gk("event", "add", "penalty").exit_code == 2


def test_a_lone_surrogate_in_a_later_years_record_writes_nothing(gk):
    """JSON may spell a lone UTF-16 surrogate (\\udcff) that no UTF-8 ledger can hold: refused before any file is written."""
    first = '{"received": "2024-01-05", "applicant": "natural_person"}\n'
    text = first + '{"received": "2025-01-05", "applicant": "natural_person", "subject": "x\\udcff"}\n'
    before = gk.snapshot()
    result = gk("case", "add", "-", input=text)
    assert result.exit_code == 2, result.output
    assert "标准输入:2: 错误 L4：字段 subject：含有无法保存的字符" in result.stderr
    assert gk.snapshot() == before and not (gk.root / "ledger/2024/cases.toml").exists()
    key = gk("case", "add", "-", input='{"received": "2024-01-05", "applicant": "natural_person", "x\\ud800": 1}\n')
    assert key.exit_code == 2 and "未知字段「x\\ud800」" in key.stderr


def test_bytes_that_are_not_utf8_on_stdin_are_refused_with_their_line(gk):
    before = gk.snapshot()
    result = gk("case", "add", "-", input=b"received,applicant,subject\n2024-01-05,natural_person,\xff\xfe\n")
    assert result.exit_code == 2 and "标准输入:2: 不是 UTF-8 编码" in result.stderr
    assert gk.snapshot() == before


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("json", "received,applicant\n2024-01-05,natural_person\n", "标准输入:1: 不是 JSON 数组"),
        (None, "[" * 100_000, "标准输入:1: 嵌套过深"),
        ("ndjson", "{\"a\": " + "[" * 100_000 + "\n", "标准输入:1: 嵌套过深"),
        (None, "received,applicant,subject\n2024-01-05,natural_person," + "x" * 140_000 + "\n", "标准输入:2: 单元格过长"),
        (None, '{"received": "2024-01-05", "applicant": "natural_person"}\n{"count": ' + "9" * 5000 + "}\n", "标准输入:2: 数字过长"),
        (None, '[{"count": 1.' + "5" * 5000 + "}]", "标准输入:1: 数字过长"),
    ],
    ids=["json-on-csv", "deep-array", "deep-ndjson", "csv-cell-128k", "5000-digit-int", "5000-digit-decimal"],
)
def test_malformed_bulk_input_is_exit_2_naming_the_line(gk, fmt, text, message):
    before = gk.snapshot()
    result = gk("case", "add", "-", *(["--input-format", fmt] if fmt else []), input=text)
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert message in result.stderr and "Traceback" not in result.output
    assert gk.snapshot() == before


def test_values_no_ledger_line_can_hold_are_refused(gk):
    from gkcli.bulk.convert import MAX_TEXT

    long = json.dumps({"received": "2024-01-05", "applicant": "natural_person", "subject": "长" * (MAX_TEXT + 1)})
    nested = json.dumps({"received": "2024-01-05", "applicant": "natural_person", "subject": [[["x"]]]})
    result = gk("case", "add", "-", input=long + "\n" + nested + "\n")
    assert result.exit_code == 2
    assert "标准输入:1: 错误 L4：字段 subject：文字过长" in result.stderr
    assert "标准输入:2: 错误 L4：字段 subject：应为一个取值" in result.stderr
    assert not (gk.root / "ledger/2024/cases.toml").exists()


def test_a_line_separator_inside_a_json_string_is_part_of_the_value(gk):
    line = json.dumps({"received": "2024-01-05", "applicant": "natural_person", "subject": "甲\u2028乙\x85丙"}, ensure_ascii=False)
    gk.ok("case", "add", "-", input=line + "\r\n")
    assert gk.json("case", "list", "-f", "json")[0]["subject"] == "甲\u2028乙\x85丙"


def test_the_longest_text_bulk_input_takes_is_read_back_from_the_ledger(gk):
    """Even written as escapes throughout, a value at the limit leaves a ledger line every reader accepts."""
    from gkcli.bulk.convert import MAX_TEXT

    subject = "\x01" * MAX_TEXT
    gk.ok("case", "add", "-", input=json.dumps({"received": "2024-01-05", "applicant": "natural_person", "subject": subject}) + "\n")
    assert gk("check").exit_code == 0
    assert gk.json("case", "list", "-f", "json")[0]["subject"] == subject
