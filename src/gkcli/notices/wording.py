"""The legal wording of the letters: citations, the answer for each outcome, the remedies, the steps.

Pure functions over `spec` data (NOTICE_BASIS, NOTICE_KINDS, LAWS, the remedy rules); no I/O.
The default templates (templates/<kind>.md) hold the same sentences with placeholders in place
of the facts: tests/test_notice_wording.py checks that they agree with `step_paragraphs`.

A fill-in for the clerk is written in full-width parentheses, e.g. 「（写明……）」: the letter is
a draft the clerk completes before it is signed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .. import spec
from ..errors import GkcliError

# Placeholders every letter may use, and those of each kind (the narrative's `{name}` syntax).
COMMON = ("机关", "编号", "日期", "申请人", "地址", "收到日期", "申请内容", "案件编号", "救济途径")
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "answer": COMMON + ("答复内容", "法律依据"),
    "correction": COMMON + ("补正内容", "补正期限"),
    "extension": COMMON + ("延长天数", "答复期限"),
    "consult": COMMON + ("征求对象", "征求意见期限"),
    "fee": COMMON + ("金额", "收费方式", "缴费期限"),
    "withdrawal": COMMON,
}
# What each placeholder stands for (docs/notices.md lists them).
PLACEHOLDER_MEANING = {
    "机关": "本机关名称（账本配置）",
    "编号": "告知书编号",
    "日期": "告知书日期，如 2024年5月28日",
    "申请人": "申请人姓名或者名称",
    "地址": "申请人的通讯地址（登记的 address）；没有登记的为空，只含空占位符的段落整段略去",
    "收到日期": "收到申请的日期",
    "申请内容": "申请获取的政府信息（登记的申请内容）",
    "案件编号": "本机关的申请登记编号",
    "救济途径": "按告知书日期的法律写出的救济途径段落；不附救济途径的告知书为空",
    "答复内容": "按办理结果写出的答复正文（若干段）",
    "法律依据": "答复援引的条款，如《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    "补正内容": "补正告知的正文（需要补正的事项、补正期限和逾期的后果）",
    "补正期限": "给予申请人的补正期限，如 15个工作日",
    "延长天数": "延长的工作日数，如 20",
    "答复期限": "延长后的答复期限（日期）",
    "征求对象": "被征求意见的第三方",
    "征求意见期限": "第三方提出意见的期限（日期）",
    "金额": "收费金额，如 200.00元",
    "收费方式": "按件计收或者按量计收",
    "缴费期限": "缴费期限（日期）",
}

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 as written in article numbers: 十、十六、三十六."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def _law(code: str) -> spec.Law:
    return next(law for law in spec.LAWS if law.code == code)


def provision_text(c: spec.Citation, article: bool = True) -> str:
    """「第三十六条第（四）项」「第十六条第二款」; without the article: 「第（四）项」."""
    text = f"第{chinese_number(c.article)}条" if article else ""
    if c.paragraph:
        text += f"第{chinese_number(c.paragraph)}款"
    if c.item:
        text += f"第（{chinese_number(c.item)}）项"
    return text


def citation_text(citations: tuple[spec.Citation, ...], short: bool = False) -> str:
    """The provisions with their laws' titles, in order; items of one article share it:
    「《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项」."""
    parts: list[str] = []
    law = ""
    prev: spec.Citation | None = None
    for c in citations:
        if c.law != law:
            if parts:
                parts.append("、")
            parts.append(_law(c.law).short if short else _law(c.law).title)
            law = c.law
        elif parts:
            parts.append("、")
        same_article = prev is not None and prev.law == c.law and prev.article == c.article and not c.paragraph and c.item and not prev.paragraph
        parts.append(provision_text(c, article=not same_article))
        prev = c
    return "".join(parts)


def basis_text(outcome: str) -> str:
    """The provisions the answer for `outcome` cites; the 条例 alone where no article governs it."""
    citations = spec.NOTICE_BASIS[outcome].citations
    return citation_text(citations) if citations else spec.REGULATIONS


def _cite(*citations: spec.Citation) -> str:
    return citation_text(tuple(citations))


def fill_in(what: str) -> str:
    return f"（{what}）"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _text(value: object) -> str:
    if isinstance(value, date):
        return chinese_date(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}元"
    return str(value)


# --- the answer ---------------------------------------------------------------------------

_C = spec.Citation
_WITHHELD_REASON = {
    "withheld_secret": "经审查，您申请获取的信息已经依法确定为国家秘密" + fill_in("写明定密情况，不得泄露秘密内容") + "。",
    "withheld_law": "经审查，您申请获取的信息属于法律、行政法规禁止公开的政府信息" + fill_in("写明禁止公开的法律、行政法规及其条款") + "。",
    "withheld_safety": "经审查，您申请获取的信息公开后可能危及国家安全、公共安全、经济安全或者社会稳定" + fill_in("写明具体理由") + "。",
    "withheld_third_party": (
        "经审查，您申请获取的信息涉及" + fill_in("商业秘密、个人隐私等，写明具体情形")
        + "，公开会对第三方的合法权益造成损害。本机关已书面征求第三方的意见，"
        + fill_in("第三方不同意公开且有合理理由／第三方逾期未提出意见，经本机关审查决定不予公开")
        + "，本机关认为不公开不会对公共利益造成重大影响。"
    ),
    "withheld_internal": "经审查，您申请获取的信息属于本机关的内部事务信息" + fill_in("写明属于人事管理、后勤管理、内部工作流程等哪方面的信息") + "。",
    "withheld_process": (
        "经审查，您申请获取的信息是本机关在履行行政管理职能过程中形成的过程性信息"
        + fill_in("写明属于讨论记录、过程稿、磋商信函、请示报告等哪一类")
        + "，法律、法规、规章没有规定该信息应当公开。"
    ),
    "withheld_enforcement_file": (
        "经审查，您申请获取的信息属于行政执法案卷信息" + fill_in("写明案卷名称") + "，法律、法规、规章没有规定该信息应当公开。"
    ),
}


def answer_paragraphs(outcome: str) -> list[str]:
    """The body of the 答复告知书 for `outcome` (spec.OUTCOMES code), with its citations."""
    basis = basis_text(outcome)
    if outcome in _WITHHELD_REASON:
        return [_WITHHELD_REASON[outcome], f"根据{basis}的规定，本机关决定对该信息不予公开。"]
    if outcome == "granted":
        return [
            "经审查，您申请获取的信息属于本机关负责公开的政府信息，可以公开。",
            f"根据{_cite(_C(36, item=2))}的规定，本机关现向您提供该政府信息"
            + fill_in("写明提供的形式，如纸质复印件、电子文档，或者安排查阅、抄录的时间和地点，并列明附件")
            + "。",
            fill_in(
                f"该信息本机关已经主动公开的，将上一段改为：该信息本机关已经主动公开，根据{_cite(_C(36, item=1))}的规定，"
                "告知您可以通过（写明网址、政府公报期号、查阅场所等）获取"
            ),
        ]
    if outcome == "partial":
        return [
            "经审查，您申请获取的信息中，" + fill_in("写明可以公开的部分") + "可以公开；" + fill_in("写明不予公开的部分")
            + "属于" + fill_in("写明理由，并援引第十四条、第十五条或者第十六条的相应规定") + "，不予公开。",
            f"上述信息能够作区分处理。根据{basis}的规定，本机关向您提供可以公开的部分"
            + fill_in("写明提供的形式，并列明附件") + "，对不予公开的部分说明理由如上。",
        ]
    if outcome == "withheld_query":
        return [
            "经审查，您申请获取的信息属于" + fill_in("写明事项，如不动产登记资料、市场主体登记资料") + "查询事项，"
            "有关法律、行政法规对该信息的获取有特别规定。",
            f"根据{basis}的规定，请您依照" + fill_in("写明法律、行政法规的名称和条款") + "的规定，向"
            + fill_in("写明受理查询的机关或者窗口") + "办理。",
        ]
    if outcome == "unable_not_held":
        return [
            "本机关按照您申请中描述的信息特征，在" + fill_in("写明检索的范围，如本机关的文件档案、业务系统和政府信息公开平台")
            + "进行了检索。经检索，本机关未制作、获取您申请公开的政府信息。",
            f"根据{basis}的规定，告知您该政府信息不存在。",
            fill_in(
                "所申请信息不属于本机关负责公开的，将上两段改为：经审查，您申请公开的信息不属于本机关负责公开（写明理由）。"
                f"根据{_cite(_C(36, item=5))}的规定，特此告知。能够确定负责公开该信息的行政机关的，增写："
                "该政府信息由（写明制作或者保存该信息的机关名称）负责公开，联系方式：（写明地址、电话）"
            ),
        ]
    if outcome == "unable_needs_creation":
        return [
            "经审查，本机关没有您所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析"
            + fill_in("写明需要加工、分析的内容") + "。",
            f"根据{basis}的规定，行政机关向申请人提供的应当是已制作或者获取的政府信息，本机关不予提供。"
            "您可以申请获取本机关已制作或者获取的有关政府信息。",
        ]
    if outcome == "unable_unclear":
        return [
            "本机关已于" + fill_in("写明补正告知书的日期和编号") + "告知您对申请作出补正，并说明了需要补正的事项。"
            "本机关于" + fill_in("写明收到补正的日期") + "收到您补正后的申请，经审查，申请内容仍不明确"
            + fill_in("写明仍不明确之处") + "，本机关无法据以确定您所申请的政府信息。",
            f"根据{basis}的规定，本机关无法向您提供所申请的信息。您可以写明所需信息的名称、文号或者其他特征性描述后重新提出申请。",
        ]
    if outcome == "refused_petition":
        return [
            "经审查，您以政府信息公开申请的形式提出的是" + fill_in("信访／投诉／举报") + "事项，不是获取政府信息的申请。",
            f"根据{basis}的规定，本机关不作为政府信息公开申请处理。您可以通过" + fill_in("写明信访、投诉、举报的受理渠道") + "提出。",
        ]
    if outcome == "refused_repeat":
        return [
            "本机关已于" + fill_in("写明原答复的日期和编号") + "对您此前提出的政府信息公开申请作出答复，您本次申请公开的是相同的政府信息。",
            f"根据{basis}的规定，本机关不予重复处理。",
        ]
    if outcome == "refused_publication":
        return [
            "经审查，您申请获取的是" + fill_in("写明名称，如政府公报、报刊、书籍") + "等公开出版物。",
            f"根据{basis}的规定，告知您获取的途径：" + fill_in("写明出版物的名称、期号和获取途径，如发行单位、查阅场所或者网址") + "。",
        ]
    if outcome == "refused_massive":
        return [
            "您申请公开政府信息的数量、频次明显超过合理范围。本机关已于" + fill_in("写明日期") + "要求您说明理由，"
            + fill_in("您未说明理由／经审查，您说明的理由不合理，写明理由") + "。",
            f"根据{basis}的规定，本机关不予处理。",
        ]
    if outcome == "refused_confirm":
        return [
            "经审查，您要求本机关" + fill_in("确认／重新出具") + "您已经获取的信息" + fill_in("写明信息名称")
            + "，这不是获取政府信息的申请。" + fill_in("写明不予处理的理由和依据"),
            "本机关不作为政府信息公开申请处理。",
        ]
    if outcome == "other_no_correction":
        return [
            "本机关已于" + fill_in("写明补正告知书的日期和编号") + "告知您对申请作出补正，说明了需要补正的事项并给予了补正期限。"
            "您无正当理由逾期未作补正。",
            f"根据{basis}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    if outcome == "other_no_fee":
        return [
            "本机关已于" + fill_in("写明收费通知书的日期和编号") + f"通知您缴纳信息处理费，您未在收到通知的次日起{spec.FEE_PAYMENT_DAYS}个工作日内缴纳。",
            f"根据{basis}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    if outcome == "other_other":
        return ["本机关对您的申请作如下处理：" + fill_in("写明处理情况和理由；申请人撤回申请的，写明撤回的日期和方式") + "。"]
    raise KeyError(outcome)


# --- remedies -------------------------------------------------------------------------------

REVIEW_BODY_GENERIC = "有管辖权的行政复议机关"
COURT_GENERIC = "有管辖权的人民法院"


def remedy_class(outcome: str | None, day: date) -> str:
    """spec.REMEDY_CLASSES code for a letter of `day`: before REVIEW_LAW_REVISED every act could be
    taken to review or straight to court; from then on as NOTICE_BASIS says. None: a letter that is
    not an answer (the fee notice)."""
    if outcome is None or day < spec.REVIEW_LAW_REVISED:
        return "review_or_suit"
    return spec.NOTICE_BASIS[outcome].remedy


def remedy_paragraph(outcome: str | None, day: date, review_body: str = "", court: str = "") -> str:
    """The remedies the law in force on `day` gives against the letter: outcome None for a
    letter that is not an answer. `review_body`/`court` "" → a generic wording."""
    body = review_body or REVIEW_BODY_GENERIC
    court = court or COURT_GENERIC
    letter = "本通知书" if outcome is None else "本告知书"
    review = f"可以自收到{letter}之日起{spec.REVIEW_DAYS}日内向{body}申请行政复议"
    either = f"{review}，也可以自收到{letter}之日起{spec.SUIT_MONTHS}个月内直接向{court}提起行政诉讼"
    then_suit = f"对行政复议决定不服的，可以自收到行政复议决定书之日起{spec.SUIT_AFTER_REVIEW_DAYS}日内向{court}提起行政诉讼"
    prior = f"根据{_cite(_C(23, 1, 4, law='review'))}的规定，应当先申请行政复议"
    kind = remedy_class(outcome, day)
    if kind == "review_or_suit":
        return f"如对{letter}所告知的事项不服，{either}。"
    if kind == "prior_review":
        return f"如对本机关不予公开的决定不服，{prior}：{review}；{then_suit}。"
    if kind == "prior_review_part":
        return f"如对{letter}中不予公开的部分不服，{prior}：{review}；{then_suit}。如对{letter}的其他内容不服，{either}。"
    raise KeyError(kind)


def remedy_for(kind: str, outcome: str | None, day: date, review_body: str = "", court: str = "") -> str:
    """The remedies paragraph of a letter of `kind`; "" for a kind that carries none (spec.NOTICE_REMEDY)."""
    rule = spec.NOTICE_REMEDY[kind]
    if not rule:
        return ""
    return remedy_paragraph(outcome if rule == "outcome" else None, day, review_body, court)


# --- the other letters ------------------------------------------------------------------------

_ELEMENTS = (
    "申请人的姓名或者名称、身份证明、联系方式",
    "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
    "申请公开的政府信息的形式要求，包括获取信息的方式、途径",
)


def correction_default_content() -> str:
    items = "；".join(f"（{chinese_number(i)}）{e}" for i, e in enumerate(_ELEMENTS, 1))
    return fill_in(f"写明需要补正的事项和补正的方法。政府信息公开申请应当包括：{items}（{_cite(_C(29, 2))}）")


def step_paragraphs(kind: str, **facts: object) -> list[str]:
    """The body of a letter that is not the answer. Facts (a value or the text to put, e.g. a placeholder):
    correction: period (working days), content (what to correct; "" → the 第二十九条第二款 elements as a fill-in);
    extension: days, due (the new due date); consult: party ("third_party" or "agency"), due (date to answer by);
    fee: amount (元), method (spec.FEE_METHODS code or words), due (date to pay by); withdrawal: withdrawn (date)."""
    if kind == "correction":
        period = facts.get("period", spec.CORRECTION_PERIOD_DAYS)
        period = f"{period}个工作日" if isinstance(period, int) else _text(period)
        content = _text(facts.get("content") or correction_default_content())
        return [
            f"经审查，您的申请内容不明确，本机关无法据以确定您所申请的政府信息。根据{_cite(_C(30))}的规定，请您对申请作出补正。",
            f"需要补正的事项：{content}",
            f"请您自收到本告知书之日起{period}内，将补正后的申请提交本机关" + fill_in("写明提交的方式和地址")
            + "。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    if kind == "extension":
        days = facts.get("days", spec.MAX_EXTENSION_DAYS)
        if isinstance(days, int) and not 0 < days <= spec.MAX_EXTENSION_DAYS:
            raise GkcliError(
                f"延长的期限是 {days} 个工作日：条例第三十三条第二款规定最长不得超过 {spec.MAX_EXTENSION_DAYS} 个工作日",
                where="--days",
            )
        due = _text(facts.get("due", fill_in("写明延长后的答复期限")))
        return [
            "因" + fill_in("写明需要延长答复期限的理由") + "，本机关不能在法定期限内作出答复。",
            f"经本机关政府信息公开工作机构负责人同意，根据{_cite(_C(33, 2))}的规定，答复期限延长{_text(days)}个工作日，"
            f"本机关最迟于{due}作出答复。",
        ]
    if kind == "consult":
        due = _text(facts.get("due", fill_in("写明日期")))
        if facts.get("party") == "agency":
            return [
                "该政府信息由本机关与贵机关共同制作。根据" + _cite(_C(34)) + "的规定，现征求贵机关意见。",
                f"请贵机关自收到本函之日起{spec.CONSULTATION_DAYS}个工作日内（截至{due}）提出书面意见；逾期未提出意见的，视为同意公开。",
            ]
        return [
            "经审查，该政府信息涉及贵方的" + fill_in("商业秘密、个人隐私等，写明具体情形")
            + f"，公开可能损害贵方的合法权益。根据{_cite(_C(32))}的规定，现书面征求贵方意见。",
            f"请贵方自收到本函之日起{spec.CONSULTATION_DAYS}个工作日内（截至{due}）提出是否同意公开的书面意见；不同意公开的，请说明理由。"
            "贵方逾期未提出意见的，本机关将依法决定是否公开。",
            "贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响而决定公开的，"
            "将把决定公开的政府信息内容和理由书面告知贵方。",
        ]
    if kind == "fee":
        amount = facts.get("amount", fill_in("写明金额"))
        method = _text(facts.get("method", fill_in("按件计收／按量计收")))
        method = spec.by_code(spec.FEE_METHODS)[method].label if method in spec.by_code(spec.FEE_METHODS) else method
        due = _text(facts.get("due", fill_in("写明日期")))
        return [
            f"您申请公开政府信息的数量、频次明显超过合理范围。根据{_cite(_C(42, 1), _C(7, law='fee'))}（国办函〔2020〕109号）的规定，"
            "本机关依法收取信息处理费。",
            f"收费方式：{method}；收费金额：{_text(amount)}" + fill_in("写明计算过程") + "。",
            f"请您自收到本通知书的次日起{spec.FEE_PAYMENT_DAYS}个工作日内（截至{due}）缴纳上述费用"
            + fill_in("写明缴费方式和账户") + "。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "本机关发出本通知书至您缴纳费用的期间，不计入答复期限。",
        ]
    if kind == "withdrawal":
        withdrawn = facts.get("withdrawn") or fill_in("写明撤回的日期和方式")
        return [
            f"您于{_text(withdrawn)}撤回了上述政府信息公开申请。本机关确认收到您的撤回，不再处理该申请。",
            "您如仍需要获取有关政府信息，可以重新提出申请。",
        ]
    raise KeyError(kind)


# --- the table of docs/notices.md -------------------------------------------------------------


def basis_table() -> list[str]:
    """The outcome → provisions → remedy table as Markdown lines (docs/notices.md holds it verbatim)."""
    remedies = spec.by_code(spec.REMEDY_CLASSES)
    lines = [
        "| 编号 | 办理结果 | 编码 | 援引条款 | 2024年1月1日起的救济 | 说明 |",
        "|---|---|---|---|---|---|",
    ]
    for item in spec.OUTCOMES:
        basis = spec.NOTICE_BASIS[item.code]
        cited = citation_text(basis.citations, short=True) if basis.citations else "无对应条款"
        lines.append(f"| {item.number} | {item.label} | `{item.code}` | {cited} | {remedies[basis.remedy].label} | {basis.note} |")
    return lines
