"""Letters to applicants (告知书): a golden letter for every outcome and every step, read back as Word;
numbered once (reissued identically, never two alike, under concurrent issuing); drafts record nothing;
bad input and bad templates refused with nothing written; listings mask; the remedy follows the law
of the letter's date; `check` asks for the letter when the book requires it.

GKCLI_REGENERATE=1 rewrites the golden letters (tests/golden/notices/) from the code; read them
against the 条例 before committing them.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO

from gkcli import spec

GOLDEN = REPO / "tests" / "golden" / "notices"
REGENERATE = os.environ.get("GKCLI_REGENERATE") == "1"
TODAY = "2024-06-20"
LETTER_DAY = "2024-06-05"
CONFIG = """
[notices]
short = "东二营镇"
review_body = "蓟州区人民政府"
court = "天津市蓟州区人民法院"
"""
END = "# 完 2024-06-01T09:00:00.000000\n"


def block(table: str, **fields: object) -> str:
    lines = [f"[[{table}]]"]
    for key, value in fields.items():
        plain = not isinstance(value, str) or re.fullmatch(r"\d{4}-\d\d-\d\d", value)  # a number or a date
        value = str(value).lower() if isinstance(value, bool) else value
        lines.append(f"{key} = {value}" if plain else f'{key} = "{value}"')
    return "\n".join(lines) + "\n" + END


def case_block(case_id: str, received: str = "2024-05-10") -> str:
    return block("case", id=case_id, received=received, applicant="natural_person", channel="online",
                 subject="2023年东二营镇财政预算执行情况", name="张三")


# case id -> the blocks of its steps after receipt (one case per outcome, one per step kind)
OUTCOME_CASES = {f"2024-{i + 1:04d}": o.code for i, o in enumerate(spec.OUTCOMES)}
CASE_OF = {o: c for c, o in OUTCOME_CASES.items()}
STEP_CASES = {
    "correction": ("2024-0101", block("correction_requested", case="2024-0101", date="2024-05-13", period=15)),
    "extension": ("2024-0102", block("extension", case="2024-0102", date="2024-06-03", days=20, approver="王主任")),
    "consult": ("2024-0103", block("consultation", case="2024-0103", date="2024-05-20", party="third_party")),
    "fee": ("2024-0104", block("fee_notice", case="2024-0104", date="2024-05-20", amount="300", method="per_application")),
    "withdrawal": ("2024-0105", block("withdrawal", case="2024-0105", date="2024-05-21")),
}


@pytest.fixture
def book(gk):
    with (gk.root / "gkcli.toml").open("a", encoding="utf-8") as f:
        f.write(CONFIG)
    text = "".join(case_block(c) for c in OUTCOME_CASES)
    text += "".join(block("answer", case=c, date="2024-06-03", outcome=o) for c, o in OUTCOME_CASES.items())
    text += "".join(case_block(c) + step for c, step in STEP_CASES.values())
    gk.write("ledger/2024/cases.toml", text)
    assert gk("check", "--today", TODAY).exit_code in (0, 1)  # it reads: warnings of the clock are no matter here
    return gk


def issue(gk, *args: str) -> str:
    return gk.ok("notice", *args, "--today", TODAY)


def golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.md"
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} differs (GKCLI_REGENERATE=1 rewrites it)"


@pytest.mark.parametrize("case_id", list(OUTCOME_CASES), ids=list(OUTCOME_CASES.values()))
def test_the_answer_letter_of_every_outcome(book, case_id):
    text = issue(book, case_id, "--date", LETTER_DAY)
    golden(f"answer-{OUTCOME_CASES[case_id]}", text)
    assert text.startswith("# 政府信息公开申请答复告知书\n") and "张三：" in text
    assert "东二营镇依申答复〔2024〕1号" in text
    assert "蓟州区人民政府" in text and "天津市蓟州区人民法院" in text  # the remedies name the book's bodies


@pytest.mark.parametrize("kind", list(STEP_CASES))
def test_the_letter_of_every_step(book, kind):
    case_id, _ = STEP_CASES[kind]
    text = issue(book, case_id, "--date", LETTER_DAY)  # the case's latest step that calls for a letter
    golden(kind, text)
    assert text.startswith(f"# {spec.by_code(spec.NOTICE_KINDS)[kind].label}\n")
    assert f"东二营镇依申{ {'correction': '补正', 'extension': '延期', 'consult': '征求', 'fee': '收费', 'withdrawal': '撤回'}[kind] }〔2024〕1号" in text
    assert ("张三" in text) == (kind != "consult")  # a letter to a third party does not name the applicant


def test_the_docx_reads_back_in_the_official_layout(book, tmp_path):
    from docx import Document

    from gkcli.render import docx_page

    out = tmp_path / "答复告知书.docx"
    book.ok("notice", CASE_OF["unable_not_held"], "--date", LETTER_DAY, "--today", TODAY, "-o", str(out))
    doc = Document(io.BytesIO(out.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "政府信息公开申请答复告知书" and doc.paragraphs[0].style.name == "Title"
    assert "东二营镇依申答复〔2024〕1号" in texts and "张三：" in texts
    assert any("第三十六条第（四）项" in t for t in texts)  # 本机关不掌握
    assert any("检索" in t for t in texts)
    assert texts[-2:] == ["测试县某某镇人民政府", "2024年6月5日"]
    assert doc.paragraphs[-1].alignment == 2  # right: the date that closes the letter
    assert doc.sections[0].left_margin.mm == pytest.approx(docx_page.MARGINS_MM["left"], abs=0.1)
    assert doc.styles["Normal"].font.name == docx_page.BODY_FONT
    html = tmp_path / "答复告知书.html"
    book.ok("notice", CASE_OF["unable_not_held"], "--today", TODAY, "-o", str(html))
    assert "<h1>政府信息公开申请答复告知书</h1>" in html.read_text(encoding="utf-8")


def test_issuing_again_gives_the_same_letter_and_records_it_once(book, tmp_path):
    first = issue(book, "2024-0001", "--date", LETTER_DAY)
    again = book("notice", "2024-0001", "--today", "2024-07-01")  # another day: the letter keeps its date
    assert again.exit_code == 0 and again.stdout == first and "重新生成" in again.stderr
    notices = (book.root / "ledger" / "2024" / "notices.toml").read_text(encoding="utf-8")
    assert notices.count("[[notice]]") == 1
    other = issue(book, "2024-0002", "--date", LETTER_DAY)
    assert "东二营镇依申答复〔2024〕2号" in other
    refused = book("notice", "2024-0001", "--date", "2024-06-06", "--today", TODAY)
    assert refused.exit_code == 2 and "2024-06-05" in refused.stderr  # the date of an issued letter stays
    docx = [tmp_path / f"{n}.docx" for n in (1, 2)]
    for path, today in zip(docx, (TODAY, "2024-07-01")):
        book.ok("notice", "2024-0001", "--today", today, "-o", str(path))
    assert docx[0].read_bytes() == docx[1].read_bytes()  # the same file, byte for byte


def test_a_draft_records_nothing(book):
    before = book.snapshot()
    result = book("notice", "2024-0001", "--draft", "--today", TODAY)
    assert result.exit_code == 0 and "（草稿，未编号）" in result.stdout and "依申答复" not in result.stdout
    assert book.snapshot() == before
    assert "东二营镇依申答复〔2024〕1号" in issue(book, "2024-0001")  # the draft took no number


def test_an_unknown_placeholder_names_the_template_and_line(book):
    book.ok("notice", "init")
    template = book.root / "notices" / "answer.md"
    lines = template.read_text(encoding="utf-8").splitlines()
    at = lines.index("{申请人}：")
    lines[at] = "{申请人名称}："
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = book.snapshot()
    result = book("notice", "2024-0001", "--today", TODAY)
    assert result.exit_code == 2 and f"notices/answer.md:{at + 1}" in result.stderr and "{申请人}" in result.stderr
    assert book.snapshot() == before
    # the book's own wording is used once it is valid
    lines[at] = "{{致}}{申请人}："
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "{致}张三：" in issue(book, "2024-0001")
    kept = book("notice", "init")
    assert kept.exit_code == 0 and "未覆盖" in kept.stderr and "{致}" in template.read_text(encoding="utf-8").replace("{{致}}", "{致}")
    book.ok("notice", "init", "--force")
    assert "{{致}}" not in template.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, where",
    [
        (["2024-9999"], "ID"),
        (["2024-0001", "--step", "赔偿"], "--step"),
        (["2024-0001", "--step", "correction"], "--step"),  # the case had no 补正
        (["2024-0001", "-o", "告知书.pdf"], "-o"),
        (["2024-0001", "--date", "2024-06-01"], "--date"),  # before the answer it tells of
        (["2024-0001", "--date", "2024-06-21"], "--date"),  # after today
        (["2024-0001", "--date", "2024-02-30"], "--date"),
        (["2024-0001", "-o", "ledger/2024/cases.toml"], "-o"),  # a file of the book
    ],
)
def test_bad_input_is_refused_with_nothing_written(book, args, where, monkeypatch):
    monkeypatch.chdir(book.root)
    before = book.snapshot()
    result = book("notice", *args, "--today", TODAY)
    assert result.exit_code == 2 and result.stderr.startswith("错误：") and where in result.stderr, result.stderr
    assert book.snapshot() == before


def test_a_bad_configuration_is_refused(book):
    config = book.root / "gkcli.toml"
    for bad in ('pattern = "{short}〔{year}〕号"', 'pattern = "{n}{年}"', "required = 1", 'colour = "红"'):
        config.write_text(config.read_text(encoding="utf-8").replace(CONFIG, "") + CONFIG + bad + "\n", encoding="utf-8")
        result = book("notice", "list")
        assert result.exit_code == 2 and "[notices]" in result.stderr and "gkcli.toml" in result.stderr, (bad, result.stderr)
        config.write_text(config.read_text(encoding="utf-8").replace(bad + "\n", ""), encoding="utf-8")


def test_notice_list_masks_the_applicant(book):
    issue(book, "2024-0001", "--date", LETTER_DAY)
    issue(book, "2024-0101", "--date", "2024-05-14")
    table = book.ok("notice", "list")
    assert "张*" in table and "张三" not in table
    listed = book.json("notice", "list", "--format", "json")
    assert [(n["number"], n["kind"], n["name"]) for n in listed] == [
        ("东二营镇依申答复〔2024〕1号", "answer", "张*"), ("东二营镇依申补正〔2024〕1号", "correction", "张*"),
    ]
    assert book.json("notice", "list", "--format", "json", "--with-personal-data")[0]["name"] == "张三"
    assert [n["kind"] for n in book.json("notice", "list", "--format", "json", "--kind", "补正")] == ["correction"]
    assert [n["kind"] for n in book.json("notice", "list", "--format", "json", "--kind", "答复")] == ["answer"]  # not 延期答复
    assert book.json("notice", "list", "--format", "json", "--year", "2023") == []
    # the letters' text is nowhere else: not in the export, not in the report
    assert "张三" not in book.ok("report", "2024", "-f", "md")
    exported = book.ok("export", "--without-personal-data")
    assert '"table": "notice"' in exported and "张三" not in exported


def test_one_sequence_for_every_kind_when_the_number_does_not_name_it(book):
    config = book.root / "gkcli.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'pattern = "{short}告〔{year}〕{n}号"\n', encoding="utf-8")
    assert "东二营镇告〔2024〕1号" in issue(book, "2024-0101", "--date", "2024-05-14")
    assert "东二营镇告〔2024〕2号" in issue(book, "2024-0001", "--date", LETTER_DAY)


def test_the_remedy_follows_the_law_on_the_letters_date(gk):
    """From 2024-01-01 (行政复议法 as revised in 2023) a refusal to disclose goes to 行政复议 first."""
    gk.write(
        "ledger/2023/cases.toml",
        case_block("2023-0001", "2023-12-01") + block("answer", case="2023-0001", date="2023-12-20", outcome="withheld_internal")
        + case_block("2023-0002", "2023-12-01") + block("answer", case="2023-0002", date="2023-12-20", outcome="withheld_internal"),
    )
    before = gk.ok("notice", "2023-0001", "--date", "2023-12-29", "--today", "2024-01-05")
    after = gk.ok("notice", "2023-0002", "--date", "2024-01-02", "--today", "2024-01-05")
    assert "直接向" in before and "先申请行政复议" not in before
    assert "先申请行政复议" in after and "第二十三条" in after
    assert "〔2023〕1号" in before and "〔2024〕1号" in after  # each year its own sequence


def test_check_asks_for_the_answer_letter_when_required(book):
    def n1() -> list[str]:
        found = json.loads(book("check", "--format", "json", "--today", TODAY).stdout)["findings"]
        return [f["message"] for f in found if f["code"] == "N1"]

    assert n1() == []  # off by default
    config = book.root / "gkcli.toml"
    config.write_text(config.read_text(encoding="utf-8") + "required = true\n", encoding="utf-8")
    assert len(n1()) == len(OUTCOME_CASES)
    issue(book, "2024-0001")
    assert len(n1()) == len(OUTCOME_CASES) - 1 and not any("2024-0001" in m for m in n1())


def test_a_closed_year_accepts_letters(gk):
    gk.write("ledger/2024/cases.toml", case_block("2024-0001") + block("answer", case="2024-0001", date="2024-06-03", outcome="granted"))
    gk.ok("close", "2024", "--date", "2025-01-10", "--today", "2025-01-10")
    text = gk.ok("notice", "2024-0001", "--date", "2025-01-12", "--today", "2025-01-12")
    assert "依申答复〔2025〕1号" in text
    assert "[[reopen]]" not in (gk.root / "ledger" / "2025" / "closes.toml").read_text(encoding="utf-8")


def test_numbers_stay_unique_when_clerks_issue_at_once(gk):
    """Four processes each issue the letters of the same twelve cases, in their own order: every case
    gets one letter, and the numbers are 1 … 12, each once."""
    cases = [f"2024-{i:04d}" for i in range(1, 13)]
    gk.write("ledger/2024/cases.toml", "".join(case_block(c) + block("answer", case=c, date="2024-06-03", outcome="granted") for c in cases))
    script = (
        "import sys, random; from gkcli.__main__ import main\n"
        "root, seed, *cases = sys.argv[1:]\n"
        "random.Random(int(seed)).shuffle(cases)\n"
        "for case in cases:\n"
        "    sys.argv = ['gkcli', '-q', '--book', root, 'notice', case, '--date', '2024-06-05', '--today', '2024-06-20']\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as e:\n"
        "        assert not e.code, e.code\n"
    )
    seeds = random.sample(range(10**6), 4)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(gk.root), str(s), *cases], stdout=subprocess.DEVNULL) for s in seeds]
    for p in procs:
        p.wait(timeout=120)
        assert p.returncode == 0
    listed = gk.json("notice", "list", "--format", "json")
    assert sorted(n["case"] for n in listed) == cases
    assert sorted(n["seq"] for n in listed) == list(range(1, 13))
    assert len({n["number"] for n in listed}) == 12
    assert gk("check").exit_code == 0


def test_the_letters_move_with_the_book(book, tmp_path):
    """Exported and loaded, the notice records keep the numbering: the next letter takes the next number."""
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    issue(book, "2024-0001", "--date", LETTER_DAY)
    target = tmp_path / "新账本"
    assert CliRunner().invoke(app, ["init", str(target), "--agency", "测试县某某镇人民政府"]).exit_code == 0
    (target / "gkcli.toml").write_text((book.root / "gkcli.toml").read_text(encoding="utf-8"), encoding="utf-8")
    moved = CliRunner().invoke(app, ["--book", str(target), "load", "-", "--today", TODAY], input=book.ok("export"))
    assert moved.exit_code == 0, moved.stderr
    again = CliRunner().invoke(app, ["--book", str(target), "notice", "2024-0002", "--date", LETTER_DAY, "--today", TODAY])
    assert "东二营镇依申答复〔2024〕2号" in again.stdout


def test_goldens_cover_every_outcome_and_step():
    if REGENERATE:
        pytest.skip("regenerating")
    names = {p.stem for p in Path(GOLDEN).glob("*.md")}
    assert names == {f"answer-{o}" for o in spec.OUTCOME_CODES} | set(STEP_CASES) | {"answer-granted-address"}


ADDRESS = "天津市蓟州区东二营镇东二营村1号"


@pytest.mark.parametrize("kind", ["answer", "correction", "extension", "fee", "withdrawal"])
def test_a_letter_to_an_applicant_with_an_address_has_it_under_the_addressee(book, kind):
    """The address line is the only difference from the same letter to an applicant without one."""
    if kind == "answer":
        old, steps = CASE_OF["granted"], block("answer", case="2024-0201", date="2024-06-03", outcome="granted")
    else:
        old, step = STEP_CASES[kind]
        steps = step.replace(old, "2024-0201")
    with (book.root / "ledger" / "2024" / "cases.toml").open("a", encoding="utf-8") as f:
        f.write(case_block("2024-0201").replace('name = "张三"\n', f'name = "张三"\naddress = "{ADDRESS}"\n') + steps)
    text = issue(book, "2024-0201", "--date", LETTER_DAY)
    assert f"张三：\n\n（地址：{ADDRESS}）\n\n" in text
    if kind == "answer":
        golden("answer-granted-address", text)
    without = (GOLDEN / ("answer-granted" if kind == "answer" else kind)).with_suffix(".md").read_text(encoding="utf-8")
    assert text.replace(f"（地址：{ADDRESS}）\n\n", "").replace("2024-0201", old) == without
    assert "（地址：" not in without
    from docx import Document

    out = book.root.parent / f"{kind}.docx"
    book.ok("notice", "2024-0201", "--today", TODAY, "-o", str(out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[texts.index("张三：") + 1] == f"（地址：{ADDRESS}）"
    listed = book.ok("notice", "list", "--format", "json")
    assert ADDRESS not in listed and "东二营村" not in listed  # the address is in the letter only


def test_a_corrected_answer_gets_a_letter_of_its_own(book):
    first = issue(book, "2024-0001", "--date", LETTER_DAY)  # granted
    with (book.root / "ledger" / "2024" / "cases.toml").open("a", encoding="utf-8") as f:
        f.write(block("answer", case="2024-0001", date="2024-06-03", outcome="partial", amend=True))
    corrected = issue(book, "2024-0001", "--date", "2024-06-06")
    assert "〔2024〕2号" in corrected and "第三十七条" in corrected and corrected != first
    assert issue(book, "2024-0001") == corrected
    assert issue(book, "2024-0001", "--step", "answer") == corrected


def test_an_extension_beyond_twenty_days_gets_no_letter(gk):
    gk.write("ledger/2024/cases.toml", case_block("2024-0001") + block("extension", case="2024-0001", date="2024-06-03", days=25, approver="王主任"))
    before = gk.snapshot()
    result = gk("notice", "2024-0001", "--today", TODAY)
    assert result.exit_code == 2 and "第三十三条第二款" in result.stderr and "cases.toml:" in result.stderr
    assert gk.snapshot() == before


@settings(max_examples=40, deadline=None)
@given(
    issues=st.lists(st.tuples(st.sampled_from(sorted(spec.NOTICE_KIND_CODES)), st.sampled_from([2023, 2024, 2025])), max_size=30),
    pattern=st.sampled_from(["{short}依申{kind}〔{year}〕{n}号", "{short}告〔{year}〕{n}号", "{year}-{kind}-{n}"]),
)
def test_numbers_are_unique_and_without_gaps_whatever_the_pattern(issues, pattern):
    """Letters issued one after another (as the book lock orders them): every number differs, and the
    sequence of each year (and kind, when the number names it) runs 1, 2, 3 … without a gap."""
    from datetime import date

    from gkcli.model import Book, BookConfig, Notice
    from gkcli.notices import issuing
    from gkcli.notices.settings import format_number, per_kind

    book = Book(BookConfig(agency="测试县某某镇人民政府", notice_short="某某镇", notice_pattern=pattern), root="")
    for i, (kind, year) in enumerate(issues):
        seq = issuing.next_seq(book, kind, year)
        number = format_number(book.config, kind, year, seq)
        book = book._replace(notices=(*book.notices, Notice(f"{year}-{i:04d}", kind, number, seq, date(year, 6, 1), date(year, 6, 1))))
    numbers = [n.number for n in book.notices]
    assert len(set(numbers)) == len(numbers)
    groups: dict = {}
    for n in book.notices:
        groups.setdefault((n.date.year, n.kind if per_kind(book.config) else ""), []).append(n.seq)
    assert all(seqs == list(range(1, len(seqs) + 1)) for seqs in groups.values())


def test_a_pattern_changed_during_the_year_never_gives_a_number_twice(book):
    config = book.root / "gkcli.toml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain + 'pattern = "{short}告{n}号"\n', encoding="utf-8")
    assert "东二营镇告1号" in issue(book, "2024-0001", "--date", LETTER_DAY)
    assert "东二营镇告2号" in issue(book, "2024-0101", "--date", LETTER_DAY)
    # now each kind its own sequence, and a kind's word that adds nothing: 「告2号」 is taken already
    config.write_text(plain + 'pattern = "{short}告{kind}{n}号"\nwords = { answer = "" }\n', encoding="utf-8")
    assert "东二营镇告3号" in issue(book, "2024-0002", "--date", LETTER_DAY)
    numbers = [n["number"] for n in book.json("notice", "list", "--format", "json")]
    assert len(set(numbers)) == len(numbers) == 3


def test_check_finds_a_number_given_twice_after_a_merge(book):
    issue(book, "2024-0001", "--date", LETTER_DAY)
    ledger = book.root / "ledger" / "2024" / "notices.toml"
    text = ledger.read_text(encoding="utf-8")
    other = text[text.index("[[notice]]"):].replace('case = "2024-0001"', 'case = "2024-0002"')  # the other clerk's branch
    ledger.write_text(text + "\n" + other, encoding="utf-8")
    found = json.loads(book("check", "--format", "json", "--today", TODAY).stdout)["findings"]
    n2 = [f for f in found if f["code"] == "N2"]
    assert len(n2) == 1 and "东二营镇依申答复〔2024〕1号" in n2[0]["message"] and n2[0]["where"].startswith("ledger/2024/notices.toml:")
    assert "〔2024〕2号" in issue(book, "2024-0003")  # the next number is past both


def test_a_letter_is_dated_the_day_of_its_step_unless_told(book):
    """The answer letter is the answer: without --date it bears the answer's date, and its number that year."""
    issue(book, "2024-0001")
    issue(book, "2024-0101", "--step", "correction")
    listed = book.json("notice", "list", "--format", "json")
    assert [(n["date"], n["kind"]) for n in listed] == [("2024-06-03", "answer"), ("2024-05-13", "correction")]
