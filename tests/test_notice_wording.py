"""The letters' legal content: every outcome's basis and answer, the remedies by the notice date,
the other steps, the default templates and the table of docs/notices.md (spec.NOTICE_* data)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from gkcli import spec
from gkcli.errors import GkcliError
from gkcli.notices import wording

DOC = Path(__file__).resolve().parents[1] / "docs" / "notices.md"
BEFORE, AFTER = spec.REVIEW_LAW_REVISED - timedelta(days=1), spec.REVIEW_LAW_REVISED
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
COMMENT = re.compile(r"<!--.*?-->", re.S)
# The 条例 (2019) has 56 articles; the provisions cited and how many 款 / 项 each has.
PARAGRAPHS = {16: 2, 23: 2, 29: 2, 33: 3, 39: 2, 42: 2}
ITEMS = {36: 7, 23: 5}


def template(kind: str) -> str:
    return resources.files("gkcli.notices").joinpath("templates", f"{kind}.md").read_text(encoding="utf-8")


def test_every_outcome_has_a_basis_and_a_body():
    assert set(spec.NOTICE_BASIS) == set(spec.OUTCOME_CODES)
    remedies = {r.code for r in spec.REMEDY_CLASSES}
    for code in spec.OUTCOME_CODES:
        basis = spec.NOTICE_BASIS[code]
        assert basis.remedy in remedies
        assert basis.citations or basis.note, f"{code}: no article and no word why"
        body = wording.answer_paragraphs(code)
        assert body and all(p.strip() for p in body)
        text = "".join(body)
        if basis.citations:  # all together, or each provision with its law's title
            each = spec.REGULATIONS in text and all(wording.provision_text(c) in text for c in basis.citations)
            assert wording.basis_text(code) in text or each, code
        else:
            assert wording.basis_text(code) == spec.REGULATIONS


def test_citations_name_provisions_that_exist():
    laws = {law.code for law in spec.LAWS}
    for code, basis in spec.NOTICE_BASIS.items():
        for c in basis.citations:
            assert c.law in laws
            if c.law == "ogi":
                assert 1 <= c.article <= 56, code
            assert c.paragraph <= PARAGRAPHS.get(c.article, 0), code
            assert c.item <= ITEMS.get(c.article, 0), code


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("granted", "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项"),
        ("partial", "《中华人民共和国政府信息公开条例》第三十七条、第三十六条第（二）项、第（三）项"),
        ("withheld_secret", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"),
        ("withheld_process", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"),
        ("unable_not_held", "《中华人民共和国政府信息公开条例》第三十六条第（四）项"),
        ("unable_needs_creation", "《中华人民共和国政府信息公开条例》第三十八条"),
        ("refused_petition", "《中华人民共和国政府信息公开条例》第三十九条第一款"),
        ("refused_repeat", "《中华人民共和国政府信息公开条例》第三十六条第（六）项"),
        ("other_no_fee", "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》第七条"),
        ("other_other", "《中华人民共和国政府信息公开条例》"),
    ],
)
def test_basis_text(outcome, expected):
    assert wording.basis_text(outcome) == expected


def test_chinese_numbers():
    assert [wording.chinese_number(n) for n in (1, 10, 14, 20, 29, 36, 42, 56)] == [
        "一", "十", "十四", "二十", "二十九", "三十六", "四十二", "五十六",
    ]


def test_not_held_says_what_was_searched_and_leaves_the_holder_to_the_clerk():
    text = "".join(wording.answer_paragraphs("unable_not_held"))
    assert "经检索" in text and "本机关未制作、获取" in text
    assert "第三十六条第（五）项" in text and "名称" in text and "联系方式" in text


def test_remedy_changes_on_the_revision_date_exactly_for_prior_review_outcomes():
    prior = {code for code, b in spec.NOTICE_BASIS.items() if b.remedy != "review_or_suit"}
    assert prior == {"partial"} | {r.code for r in spec.OUTCOMES if r.parent == "withheld"}
    for code in spec.OUTCOME_CODES:
        old = wording.remedy_paragraph(code, BEFORE, "", "")
        new = wording.remedy_paragraph(code, AFTER, "", "")
        assert (old != new) == (code in prior), code
        assert "60日内" in old and "6个月内直接" in old and "第二十三条" not in old
        if code in prior:
            assert "第二十三条第一款第（四）项" in new and "应当先申请行政复议" in new and "15日内" in new
    # partial: the withheld part goes to review first, the rest may go straight to court
    assert "6个月内直接" in wording.remedy_paragraph("partial", AFTER)
    assert "6个月内直接" not in wording.remedy_paragraph("withheld_secret", AFTER)


def test_remedy_names_the_configured_bodies_or_a_generic_one():
    named = wording.remedy_paragraph("withheld_internal", AFTER, "天津市蓟州区人民政府", "天津市蓟州区人民法院")
    assert "向天津市蓟州区人民政府申请行政复议" in named and "向天津市蓟州区人民法院提起行政诉讼" in named
    generic = wording.remedy_paragraph("granted", BEFORE, "", "")
    assert wording.REVIEW_BODY_GENERIC in generic and wording.COURT_GENERIC in generic


def test_letters_that_carry_remedies():
    assert set(spec.NOTICE_REMEDY) == set(spec.NOTICE_KIND_CODES)
    for kind in spec.NOTICE_KIND_CODES:
        text = wording.remedy_for(kind, "withheld_secret", AFTER)
        assert bool(text) == (kind in ("answer", "fee")), kind
    # the fee notice: not an answer, no prior review, addressed as a 通知书
    fee = wording.remedy_for("fee", None, AFTER)
    assert "本通知书" in fee and "第二十三条" not in fee


def test_step_paragraphs():
    correction = "".join(wording.step_paragraphs("correction", period=10))
    assert "10个工作日内" in correction and "第三十条" in correction and "第二十九条第二款" in correction
    assert "视为放弃申请" in correction
    assert "请写清文号" in "".join(wording.step_paragraphs("correction", period=15, content="请写清文号"))
    extension = "".join(wording.step_paragraphs("extension", days=20, due=date(2024, 6, 25)))
    assert "延长20个工作日" in extension and "2024年6月25日" in extension and "第三十三条第二款" in extension
    with pytest.raises(GkcliError):
        wording.step_paragraphs("extension", days=21, due=date(2024, 6, 25))
    third = "".join(wording.step_paragraphs("consult", party="third_party", due=date(2024, 6, 3)))
    agency = "".join(wording.step_paragraphs("consult", party="agency", due=date(2024, 6, 3)))
    assert "第三十二条" in third and "15个工作日" in third and "2024年6月3日" in third
    assert "第三十四条" in agency and "视为同意公开" in agency
    fee = "".join(wording.step_paragraphs("fee", amount=Decimal("200"), method="per_application", due=date(2024, 7, 1)))
    assert "200.00元" in fee and "按件计收" in fee and "20个工作日" in fee and "国办函〔2020〕109号" in fee
    withdrawal = "".join(wording.step_paragraphs("withdrawal", withdrawn=date(2024, 5, 20)))
    assert "2024年5月20日" in withdrawal and "不再处理" in withdrawal


def test_every_kind_has_a_template_using_only_its_placeholders():
    assert set(wording.PLACEHOLDERS) == set(spec.NOTICE_KIND_CODES)
    titles = {k.code: k.label for k in spec.NOTICE_KINDS}
    for kind in spec.NOTICE_KIND_CODES:
        text = COMMENT.sub("", template(kind))
        used = {m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1) is not None}
        assert used <= set(wording.PLACEHOLDERS[kind]), (kind, used - set(wording.PLACEHOLDERS[kind]))
        assert {"编号", "机关", "日期"} <= used
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0] == f"# {titles[kind]}"
        assert lines[1] == "{编号}" and lines[-2:] == ["{机关}", "{日期}"]
        assert ("{救济途径}" in text) == bool(spec.NOTICE_REMEDY[kind]), kind
    assert "{申请人}" not in template("consult")  # written to the third party
    assert set(wording.PLACEHOLDER_MEANING) == {n for names in wording.PLACEHOLDERS.values() for n in names}


@pytest.mark.parametrize(
    ("kind", "facts"),
    [
        ("extension", {"days": "{延长天数}", "due": "{答复期限}"}),
        ("consult", {"party": "third_party", "due": "{征求意见期限}"}),
        ("fee", {"amount": "{金额}", "method": "{收费方式}", "due": "{缴费期限}"}),
        ("withdrawal", {}),
    ],
)
def test_templates_say_what_step_paragraphs_say(kind, facts):
    paragraphs = [p.strip() for p in template(kind).split("\n\n")]
    for paragraph in wording.step_paragraphs(kind, **facts):
        assert paragraph in paragraphs, paragraph


def test_doc_lists_every_outcome_as_spec_says():
    doc = DOC.read_text(encoding="utf-8")
    for line in wording.basis_table():
        assert line in doc, line
    for code in spec.OUTCOME_CODES:
        assert f"`{code}`" in doc
    for kind in spec.NOTICE_KINDS:
        assert f"| `{kind.code}` | {kind.label} |" in doc
    for name in wording.PLACEHOLDER_MEANING:
        assert f"`{{{name}}}`" in doc
