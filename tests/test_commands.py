"""Building a book through the commands: what clerks type and what they get back."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from gkcli.cli.app import app


def test_init_writes_config_and_merge_rules(tmp_path):
    root = tmp_path / "东二营镇"
    result = CliRunner().invoke(app, ["init", str(root), "--agency", "蓟州区东二营镇人民政府", "--kind", "政府部门"])
    assert result.exit_code == 0, result.stderr
    config = (root / "gkcli.toml").read_text(encoding="utf-8")
    assert 'agency = "蓟州区东二营镇人民政府"' in config and 'kind = "department"' in config
    assert "merge=gkcli-ledger" in (root / ".gitattributes").read_text(encoding="utf-8")


def test_init_refuses_an_existing_book(gk):
    before = gk.snapshot()
    result = CliRunner().invoke(app, ["init", str(gk.root), "--agency", "别的机关"])
    assert result.exit_code == 2 and "已经是 gkcli 账本" in result.stderr
    assert gk.snapshot() == before


def test_case_add_prints_sequential_ids_per_receipt_year(gk):
    assert gk.add_case("2024-01-05") == "2024-0001"
    assert gk.add_case("2024-03-01", "商业企业") == "2024-0002"
    assert gk.add_case("2025-01-02") == "2025-0001"
    assert gk.add_case("2024-12-31", "法律服务", id="依申请-7") == "依申请-7"
    assert gk.add_case("2024-12-31") == "2024-0003"


def test_ledger_is_plain_toml_a_clerk_can_read(gk):
    gk.add_case("2024-05-10", "商业企业", channel="online", subject='含"引号"与|竖线')
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-28", "--outcome", "不掌握")
    text = (gk.root / "ledger/2024/cases.toml").read_text(encoding="utf-8")
    assert "[[case]]\nid = \"2024-0001\"\nreceived = 2024-05-10\napplicant = \"business\"" in text
    assert "[[answer]]\ncase = \"2024-0001\"\ndate = 2024-05-28\noutcome = \"unable_not_held\"" in text


def test_appends_never_rewrite_existing_bytes(gk):
    gk.add_case("2024-05-10")
    path = gk.root / "ledger/2024/cases.toml"
    before = path.read_bytes()
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "granted")
    gk.add_case("2024-06-01")
    assert path.read_bytes().startswith(before)


def test_records_go_to_the_file_of_their_own_year(gk):
    gk.add_case("2024-12-20")
    gk.ok("case", "answer", "2024-0001", "--date", "2025-01-06", "--outcome", "予以公开")
    gk.ok("event", "add", "penalty", "--date", "2025-02-01")
    assert "[[case]]" in (gk.root / "ledger/2024/cases.toml").read_text(encoding="utf-8")
    assert "[[answer]]" in (gk.root / "ledger/2025/cases.toml").read_text(encoding="utf-8")
    assert (gk.root / "ledger/2025/events.toml").exists()


def test_outcome_accepts_code_label_part_and_numbering(gk):
    for outcome in ("unable_not_held", "1.本机关不掌握相关政府信息", "不掌握", "三.四.1", "（四）1"):
        case = gk.add_case("2024-02-01")
        gk.ok("case", "answer", case, "--date", "2024-02-10", "--outcome", outcome)
    data = gk.json("report", "2024", "--format", "json")
    assert data["applications"]["rows"]["unable_not_held"][-1] == 5


def test_ambiguous_outcome_lists_candidates(gk):
    case = gk.add_case("2024-02-01")
    result = gk("case", "answer", case, "--date", "2024-02-10", "--outcome", "公开")
    assert result.exit_code == 2
    assert "不明确" in result.stderr and "granted" in result.stderr and "partial" in result.stderr


def test_answering_twice_needs_amend_and_the_amendment_counts(gk):
    case = gk.add_case("2024-02-01")
    gk.ok("case", "answer", case, "--date", "2024-02-10", "--outcome", "granted")
    again = gk("case", "answer", case, "--date", "2024-02-11", "--outcome", "partial")
    assert again.exit_code == 2 and "--amend" in again.stderr
    gk.ok("case", "answer", case, "--date", "2024-02-11", "--outcome", "partial", "--amend")
    rows = gk.json("report", "2024", "-f", "json")["applications"]["rows"]
    assert rows["partial"][-1] == 1 and rows["granted"][-1] == 0
    assert gk("check").exit_code == 0


def test_case_list_and_show(gk):
    gk.add_case("2024-05-10", "商业企业", subject="用地审批")
    gk.add_case("2024-06-10")
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-28", "--outcome", "不掌握")
    listed = gk.json("case", "list", "--format", "json")
    assert [c["id"] for c in listed] == ["2024-0001", "2024-0002"]
    assert listed[0] | {"source": None} == {
        "id": "2024-0001",
        "received": "2024-05-10",
        "applicant": "business",
        "channel": None,
        "subject": "用地审批",
        "name": "",
        "id_number": "",
        "phone": "",
        "address": "",
        "status": "answered",
        "answered": "2024-05-28",
        "outcome": "unable_not_held",
        "source": None,
    }
    assert listed[0]["source"] == "ledger/2024/cases.toml:3"
    opened = gk.ok("case", "list", "--open", "--format", "ndjson").splitlines()
    assert [json.loads(line)["id"] for line in opened] == ["2024-0002"]
    csv_text = gk.ok("case", "list", "--format", "csv")
    assert csv_text.splitlines()[0].startswith("id,received,applicant")
    table = gk.ok("case", "list")
    assert "2024-0001" in table and "商业企业" in table
    shown = gk.json("case", "show", "2024-0001", "--format", "json")
    assert shown["timeline"][0]["outcome"] == "unable_not_held"
    text = gk.ok("case", "show", "2024-0001")
    assert "本机关不掌握相关政府信息" in text and "收到申请" in text


def test_events_feed_table_one(gk):
    gk.ok("event", "add", "regulation-stock", "--date", "2023-12-31", "--count", "12")
    gk.ok("event", "add", "regulation-issued", "--date", "2024-03-01", "--count", "2")
    gk.ok("event", "add", "regulation-repealed", "--date", "2024-09-01")
    gk.ok("event", "add", "normative-issued", "--date", "2024-04-01", "--count", "3")
    gk.ok("event", "add", "licensing", "--date", "2024-04-01", "--count", "40")
    gk.ok("event", "add", "enforcement", "--date", "2024-04-02", "--count", "2")
    gk.ok("event", "add", "fee", "--date", "2024-05-01", "--amount", "1234.56")
    gk.ok("event", "add", "fee", "--date", "2024-06-01", "--amount", "100")
    p = gk.json("report", "2024", "-f", "json")["proactive"]
    assert p["regulations"] == {"issued": 2, "repealed": 1, "in_force": 13}
    assert p["normative_docs"] == {"issued": 3, "repealed": 0, "in_force": 3}
    assert (p["licensing"], p["penalty"], p["enforcement"]) == (40, 0, 2)
    assert p["fees_wan"] == "0.133456"


def test_reviews_count_in_the_year_filed(gk):
    case = gk.add_case("2024-01-10")
    gk.ok("case", "answer", case, "--date", "2024-01-20", "--outcome", "不予公开 国家秘密".split()[1])
    r1 = gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-03-01", "--case", case).strip()
    r2 = gk.ok("review", "add", "--kind", "litigation_direct", "--filed", "2024-11-01").strip()
    gk.ok("review", "add", "--kind", "复议后起诉", "--filed", "2025-01-05")
    assert (r1, r2) == ("R2024-0001", "R2024-0002")
    gk.ok("review", "decide", r1, "--date", "2024-05-01", "--result", "维持")
    gk.ok("review", "decide", r2, "--date", "2025-02-01", "--result", "撤诉")
    review = gk.json("report", "2024", "-f", "json")["review"]
    assert review == {"reconsideration": [1, 0, 0, 0, 1], "litigation_direct": [0, 0, 0, 1, 1], "litigation_after_review": [0] * 5}


def test_report_writes_files_by_extension(gk, tmp_path):
    gk.add_case("2024-05-10")
    out = tmp_path / "年报2024.md"
    result = gk("report", "2024", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# 测试县某某镇人民政府2024年政府信息公开工作年度报告")
    out_json = tmp_path / "r.json"
    gk.ok("report", "2024", "-o", str(out_json))
    assert json.loads(out_json.read_text(encoding="utf-8"))["applications"]["rows"]["carried_out"][-1] == 1
    assert gk.ok("report", "2024", "-f", "md", "-o", "-").startswith("# ")


def test_book_discovery_order(gk, tmp_path, monkeypatch):
    nested = gk.root / "ledger" / "deep"
    nested.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "GKCLI_BOOK"}
    run = lambda cwd, *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "gkcli", *extra, "report", "2024", "-f", "json"], cwd=cwd, env=env | dict(extra_env), capture_output=True, text=True
    )
    extra_env: dict[str, str] = {}
    found = run(nested)  # nearest gkcli.toml walking up
    assert found.returncode == 0 and json.loads(found.stdout)["agency"] == "测试县某某镇人民政府"
    other = tmp_path / "other"
    CliRunner().invoke(app, ["init", str(other), "--agency", "另一机关"])
    extra_env = {"GKCLI_BOOK": str(other)}  # the environment beats walking up
    assert json.loads(run(nested).stdout)["agency"] == "另一机关"
    assert json.loads(run(nested, "--book", str(gk.root)).stdout)["agency"] == "测试县某某镇人民政府"
    extra_env = {}
    lost = run(tmp_path)
    assert lost.returncode == 2 and "找不到账本" in lost.stderr and "Traceback" not in lost.stderr


def test_python_dash_m_and_version(gk):
    result = subprocess.run([sys.executable, "-m", "gkcli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("gkcli ")
    assert gk.ok("--version").startswith("gkcli ")


def test_help_is_chinese_with_examples():
    result = CliRunner().invoke(app, ["case", "add", "--help"])
    assert result.exit_code == 0
    assert "登记一件政府信息公开申请" in result.stdout and "示例" in result.stdout


def test_usage_errors_are_chinese(gk):
    result = gk("case", "add", "--received", "2024-01-01")
    assert result.exit_code == 2 and "缺少必填选项 --applicant" in result.stderr


def test_check_exit_codes(gk):
    gk.add_case("2024-05-10")
    assert gk("check").exit_code == 0
    gk.write("ledger/2024/cases.toml", (gk.root / "ledger/2024/cases.toml").read_text(encoding="utf-8") + '\n[[answer]]\ncase = "2024-0009"\ndate = 2024-06-01\noutcome = "granted"\n# 完\n')
    result = gk("check", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["errors"] == 1 and found["findings"][0]["code"] == "L6"
    assert found["findings"][0]["where"] == "ledger/2024/cases.toml:9"


def test_piped_output_has_no_colour_even_for_tables(gk):
    gk.add_case("2024-05-10")
    out = gk.ok("case", "list")
    assert "\x1b[" not in out and "│" not in out


