"""The 2021 annual report format (国办公开办函〔2021〕30号) as data.

This is the only module that spells an official label. Tables, renderers, input
coercion and checks all read these definitions; none of them hard-codes a row.
Codes are stable identifiers used in ledgers, JSON/CSV output and on the command line.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

FORMAT_NAME = "国办公开办函〔2021〕30号"


class Item(NamedTuple):
    """A coded thing with an official label: a row, a column, a result, a kind."""

    code: str
    label: str
    number: str = ""  # official numbering path, e.g. "三.四.1"
    parent: str = ""  # code of the group row this row sits under
    basis: str = ""  # article(s) of the 条例 behind it


# --- report skeleton (spec §1) -------------------------------------------------
SECTIONS: tuple[Item, ...] = (
    Item("overview", "一、总体情况", "一"),
    Item("proactive", "二、主动公开政府信息情况", "二"),
    Item("applications", "三、收到和处理政府信息公开申请情况", "三"),
    Item("review", "四、政府信息公开行政复议、行政诉讼情况", "四"),
    Item("problems", "五、存在的主要问题及改进情况", "五"),
    Item("other", "六、其他需要报告的事项", "六"),
)

# Sections written as text (the others hold the three tables, before which text is optional).
NARRATIVE_SECTIONS = ("overview", "problems", "other")
TABLE_SECTIONS = ("proactive", "applications", "review")

# What section 一 covers, in the format's order (spec §1): the usual subheadings.
OVERVIEW_PARTS: tuple[Item, ...] = (
    Item("proactive", "（一）主动公开", "一.一"),
    Item("on_request", "（二）依申请公开", "一.二"),
    Item("management", "（三）政府信息管理", "一.三"),
    Item("platform", "（四）政府信息公开平台建设", "一.四"),
    Item("oversight", "（五）监督保障", "一.五"),
)
OVERVIEW_MAX_CHARS = 1000  # 篇幅原则上不超过一千字 (S12)
# Section 六 must say whether 信息处理费 was charged (国办函〔2020〕109号; S8).
PROCESSING_FEE_TERM = "信息处理费"
# A8 (practice): 其他处理—其他 is suspicious from this many cases and more than 1/N of those concluded.
OTHER_SHARE_MIN = 5
OTHER_SHARE_DENOMINATOR = 5
# Every prompt of the starting text begins with this, so a draft left as written is found
# by one mark (S13), in the book and in a published report, whatever the prompt says.
DRAFT_MARK = "【待填写】"

AGENCY_KINDS: tuple[Item, ...] = (
    Item("government", "人民政府"),
    Item("department", "政府部门"),
)

# --- table 1: 主动公开 (spec §2) -------------------------------------------------
PROACTIVE_HEADER = "信息内容"


class ProactiveBlock(NamedTuple):
    caption: str
    columns: tuple[Item, ...]
    rows: tuple[Item, ...]


STOCK_COLUMNS: tuple[Item, ...] = (
    Item("issued", "本年制发件数"),
    Item("repealed", "本年废止件数"),
    Item("in_force", "现行有效件数"),
)
DECISION_COLUMNS: tuple[Item, ...] = (Item("decisions", "本年处理决定数量"),)
FEE_COLUMNS: tuple[Item, ...] = (Item("amount_wan", "本年收费金额（单位：万元）"),)

PROACTIVE_BLOCKS: tuple[ProactiveBlock, ...] = (
    ProactiveBlock(
        "第二十条第（一）项",
        STOCK_COLUMNS,
        (Item("regulations", "规章"), Item("normative_docs", "行政规范性文件")),
    ),
    ProactiveBlock("第二十条第（五）项", DECISION_COLUMNS, (Item("licensing", "行政许可"),)),
    ProactiveBlock(
        "第二十条第（六）项",
        DECISION_COLUMNS,
        (Item("penalty", "行政处罚"), Item("enforcement", "行政强制")),
    ),
    ProactiveBlock("第二十条第（八）项", FEE_COLUMNS, (Item("fees", "行政事业性收费"),)),
)

STOCK_ROWS = ("regulations", "normative_docs")
DECISION_ROWS = ("licensing", "penalty", "enforcement")

# Ledger event kinds and what they feed. `*-stock` asserts the number in force.
EVENT_KINDS: tuple[Item, ...] = (
    Item("regulation-issued", "规章制发"),
    Item("regulation-repealed", "规章废止"),
    Item("regulation-stock", "现行有效规章件数"),
    Item("normative-issued", "行政规范性文件制发"),
    Item("normative-repealed", "行政规范性文件废止"),
    Item("normative-stock", "现行有效行政规范性文件件数"),
    Item("licensing", "行政许可处理决定"),
    Item("penalty", "行政处罚处理决定"),
    Item("enforcement", "行政强制处理决定"),
    Item("fee", "行政事业性收费"),
    Item("publication", "主动公开信息发布"),
)
# event kind prefix -> table 1 row with issued/repealed/in_force
STOCK_EVENT_ROWS = {"regulation": "regulations", "normative": "normative_docs"}

# Channels of proactive publication (gkcli's own codes; not table cells).
PUBLICATION_CHANNELS: tuple[Item, ...] = (
    Item("website", "政府网站"),
    Item("wechat", "政务微信"),
    Item("weibo", "政务微博"),
    Item("newmedia", "其他政务新媒体"),
    Item("gazette", "政府公报"),
    Item("press", "新闻发布会"),
    Item("reading_room", "政府信息查阅场所"),
    Item("other", "其他渠道"),
)

PUBLICATION_CHANNEL_ALIASES = {
    "网站": "website",
    "门户网站": "website",
    "微信": "wechat",
    "公众号": "wechat",
    "微博": "weibo",
    "新媒体": "newmedia",
    "客户端": "newmedia",
    "公报": "gazette",
    "发布会": "press",
    "查阅点": "reading_room",
}

# What a publication is, where a narrative tells the two apart (gkcli's own codes).
PUBLICATION_CATEGORIES: tuple[Item, ...] = (
    Item("info", "政府信息"),
    Item("news", "工作动态"),
)

# --- table 2: 收到和处理政府信息公开申请情况 (spec §3) ------------------------------
IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORGANISATION_HEADER = "法人或其他组织"

APPLICANT_COLUMNS: tuple[Item, ...] = (
    Item("natural_person", "自然人"),
    Item("business", "商业企业", parent="organisation"),
    Item("research", "科研机构", parent="organisation"),
    Item("nonprofit", "社会公益组织", parent="organisation"),
    Item("legal_service", "法律服务机构", parent="organisation"),
    Item("other_org", "其他", parent="organisation"),
    Item("total", "总计"),
)
APPLICANT_CODES = tuple(c.code for c in APPLICANT_COLUMNS)
APPLICANT_TYPES = APPLICANT_COLUMNS[:-1]  # what an applicant can be (not "total")
# Everyday words clerks use for the applicant types (input only, never rendered).
APPLICANT_ALIASES = {
    "公民": "natural_person",
    "个人": "natural_person",
    "群众": "natural_person",
    "企业": "business",
    "公司": "business",
    "科研院所": "research",
    "高校": "research",
    "律师事务所": "legal_service",
    "律所": "legal_service",
    "其他组织": "other_org",
}

# Group rows carry no numbers; data rows do. `parent` links a row to its group.
APPLICATION_GROUPS: tuple[Item, ...] = (
    Item("results", "三、本年度办理结果", "三"),
    Item("withheld", "（三）不予公开", "三.三", "results"),
    Item("unable", "（四）无法提供", "三.四", "results"),
    Item("refused", "（五）不予处理", "三.五", "results"),
    Item("other", "（六）其他处理", "三.六", "results"),
)

APPLICATION_ROWS: tuple[Item, ...] = (
    Item("new", "一、本年新收政府信息公开申请数量", "一"),
    Item("carried_in", "二、上年结转政府信息公开申请数量", "二"),
    Item("granted", "（一）予以公开", "三.一", "results", "第三十六条第（一）（二）项"),
    Item("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三.二", "results", "第三十七条"),
    Item("withheld_secret", "1.属于国家秘密", "三.三.1", "withheld", "第十四条"),
    Item("withheld_law", "2.其他法律行政法规禁止公开", "三.三.2", "withheld", "第十四条"),
    Item("withheld_safety", "3.危及“三安全一稳定”", "三.三.3", "withheld", "第十四条"),
    Item("withheld_third_party", "4.保护第三方合法权益", "三.三.4", "withheld", "第十五条、第三十二条"),
    Item("withheld_internal", "5.属于三类内部事务信息", "三.三.5", "withheld", "第十六条"),
    Item("withheld_process", "6.属于四类过程性信息", "三.三.6", "withheld", "第十六条"),
    Item("withheld_enforcement_file", "7.属于行政执法案卷", "三.三.7", "withheld", "第十六条"),
    Item("withheld_query", "8.属于行政查询事项", "三.三.8", "withheld", "第三十六条第（七）项"),
    Item("unable_not_held", "1.本机关不掌握相关政府信息", "三.四.1", "unable", "第三十六条第（四）（五）项"),
    Item("unable_needs_creation", "2.没有现成信息需要另行制作", "三.四.2", "unable", "第三十八条"),
    Item("unable_unclear", "3.补正后申请内容仍不明确", "三.四.3", "unable", "第三十条"),
    Item("refused_petition", "1.信访举报投诉类申请", "三.五.1", "refused", "第三十九条第一款"),
    Item("refused_repeat", "2.重复申请", "三.五.2", "refused", "第三十六条第（六）项"),
    Item("refused_publication", "3.要求提供公开出版物", "三.五.3", "refused", "第三十九条第二款"),
    Item("refused_massive", "4.无正当理由大量反复申请", "三.五.4", "refused", "第三十五条"),
    Item("refused_confirm", "5.要求行政机关确认或重新出具已获取信息", "三.五.5", "refused"),
    Item(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "三.六.1",
        "other",
        "第三十条",
    ),
    Item(
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "三.六.2",
        "other",
        "第四十二条",
    ),
    Item("other_other", "3.其他", "三.六.3", "other"),
    Item("total", "（七）总计", "三.七", "results"),
    Item("carried_out", "四、结转下年度继续办理", "四"),
)
APPLICATION_ROW_CODES = tuple(r.code for r in APPLICATION_ROWS)
# The 21 outcomes: every concluded application has exactly one.
OUTCOMES: tuple[Item, ...] = APPLICATION_ROWS[2:23]
OUTCOME_CODES = tuple(r.code for r in OUTCOMES)
WITHDRAWN_OUTCOME = "other_other"  # a withdrawn application (practice, spec §3)
# Words registers use for outcomes (input only). A group and a part of its row, as in
# 「不予公开（行政执法案卷）」, needs no entry: input coercion matches both parts.
OUTCOME_ALIASES = {
    "同意公开": "granted",
    "已公开": "granted",
    "全部公开": "granted",
    "同意部分公开": "partial",
    "信息不存在": "unable_not_held",
    "不存在": "unable_not_held",
    "非本机关信息": "unable_not_held",
    "不掌握": "unable_not_held",
    "逾期未缴费": "other_no_fee",
    "未缴费": "other_no_fee",
    "逾期未缴纳费用": "other_no_fee",
    "未缴纳费用": "other_no_fee",
    "逾期未补正": "other_no_correction",
    "未补正": "other_no_correction",
    "撤回": "other_other",
    "撤回申请": "other_other",
    "申请人撤回": "other_other",
}

# --- case receipt channels (spec §3, 条例第三十一条) --------------------------------
CASE_CHANNELS: tuple[Item, ...] = (
    Item("in_person", "当面提交"),
    Item("mail", "邮寄"),
    Item("letter", "平常信函"),
    Item("online", "互联网渠道"),
    Item("fax", "传真"),
)
# Words registers use for channels (input only): e-mail and web forms are 互联网渠道.
CASE_CHANNEL_ALIASES = {
    "当面": "in_person",
    "现场": "in_person",
    "现场申请": "in_person",
    "窗口": "in_person",
    "来访": "in_person",
    "快递": "mail",
    "挂号信": "mail",
    "邮政": "mail",
    "信函": "letter",
    "信件": "letter",
    "平信": "letter",
    "网上申请": "online",
    "网上": "online",
    "网络": "online",
    "在线申请": "online",
    "网站": "online",
    "电子邮件": "online",
    "邮箱": "online",
    "互联网": "online",
}

# --- table 3: 行政复议、行政诉讼 (spec §4) -----------------------------------------
LITIGATION_HEADER = "行政诉讼"
REVIEW_GROUPS: tuple[Item, ...] = (
    Item("reconsideration", "行政复议"),
    Item("litigation_direct", "未经复议直接起诉", parent="litigation"),
    Item("litigation_after_review", "复议后起诉", parent="litigation"),
)
REVIEW_COLUMNS: tuple[Item, ...] = (
    Item("upheld", "结果维持"),
    Item("corrected", "结果纠正"),
    Item("other", "其他结果"),
    Item("pending", "尚未审结"),
    Item("total", "总计"),
)
REVIEW_CODES = tuple(c.code for c in REVIEW_COLUMNS)
REVIEW_RESULTS = REVIEW_COLUMNS[:3]  # what a decision can be
# Everyday words for results (practice, spec §4); input only.
REVIEW_RESULT_ALIASES = {
    "维持": "upheld",
    "驳回": "upheld",
    "撤销": "corrected",
    "变更": "corrected",
    "责令履行": "corrected",
    "确认违法": "corrected",
    "撤回": "other",
    "撤诉": "other",
    "终止": "other",
    "调解": "other",
    "不予受理": "other",
}
REVIEW_KIND_ALIASES = {"复议": "reconsideration", "直接起诉": "litigation_direct", "诉讼": "litigation_direct"}



def title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


def statistics_period(year: int) -> str:
    return f"本年度报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"


def by_code(items: tuple[Item, ...]) -> dict[str, Item]:
    return {i.code: i for i in items}


# --- older formats: wording that must no longer appear in a table (S2) ----------------
# Rows and headers of the 2019 tables (国办公开办函〔2019〕60号) and of the statistics
# used before the 2019 revision of the 条例. `basis` names the format they come from.
# A label counts as a remnant only where it is not part of a current official label
# (「（二）部分公开」 is a remnant only without its 区分处理 note).
LEGACY_LABELS: tuple[Item, ...] = (
    Item("partial_without_note", "（二）部分公开", basis="2019"),
    Item("made_count", "本年新制作数量", basis="2019"),
    Item("published_count", "本年新公开数量", basis="2019"),
    Item("published_total", "对外公开总数量", basis="2019"),
    Item("items_last_year", "上一年项目数量", basis="2019"),
    Item("items_change", "本年增/减", basis="2019"),
    Item("other_services", "其他对外管理服务事项", basis="2019"),
    Item("procurement_caption", "第二十条第（九）项", basis="2019"),
    Item("procurement", "政府集中采购", basis="2019"),
    Item("procurement_amount", "采购总金额", basis="2019"),
    Item("results_old", "申请办理结果", basis="2008"),
    Item("agreed_old", "同意公开", basis="2008"),
    Item("partly_agreed_old", "同意部分公开", basis="2008"),
    Item("refused_old", "不同意公开", basis="2008"),
    Item("not_exist_old", "信息不存在", basis="2008"),
    Item("not_ours_old", "不属于本行政机关公开", basis="2008"),
    Item("not_government_info_old", "不是《条例》所指政府信息", basis="2008"),
    Item("amend_old", "告知作出更改补充", basis="2008"),
    Item("elsewhere_old", "告知通过其他途径办理", basis="2008"),
)
LEGACY_FORMATS = {"2019": "国办公开办函〔2019〕60号", "2008": "2019年修订前的统计表"}


# --- case lifecycle and deadlines (spec §6) -------------------------------------
# Articles of the 条例 (and the fee measures) cited in deadline explanations.
REGULATIONS = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
ARTICLES = {
    "receipt": "条例第三十一条",
    "correction": "条例第三十条",
    "deadline": "条例第三十三条第二款",
    "extension": "条例第三十三条第二款",
    "third_party": "条例第三十二条",
    "agency": "条例第三十四条",
    "fee": "条例第四十二条、国办函〔2020〕109号第七条",
    "withdrawal": "撤回申请（实务）",
}

# Dated steps of a case after its receipt; codes are the ledger record tables.
CASE_STEPS: tuple[Item, ...] = (
    Item("correction_requested", "补正告知", basis="第三十条"),
    Item("correction_received", "收到补正", basis="第三十条"),
    Item("extension", "延长答复期限", basis="第三十三条第二款"),
    Item("consultation", "征求意见", basis="第三十二条、第三十四条"),
    Item("consultation_end", "征求意见结束", basis="第三十二条、第三十四条"),
    Item("fee_notice", "收费通知", basis="第四十二条"),
    Item("fee_paid", "缴纳信息处理费", basis="第四十二条"),
    Item("withdrawal", "撤回申请"),
    Item("answer", "答复"),
)
CONSULT_PARTIES: tuple[Item, ...] = (
    Item("third_party", "第三方", basis="第三十二条"),
    Item("agency", "其他行政机关", basis="第三十四条"),
)
FEE_METHODS: tuple[Item, ...] = (
    Item("per_application", "按件计收"),
    Item("per_page", "按量计收"),
)
# Channels whose receipt date is the day of confirmation (第三十一条).
CONFIRMED_CHANNELS = ("letter", "online", "fax")

ANSWER_DAYS = 20  # 第三十三条: working days to answer, from the day after receipt
MAX_EXTENSION_DAYS = 20  # 第三十三条: one extension of at most 20 working days
CORRECTION_NOTICE_DAYS = 7  # 第三十条: 补正 notice within 7 working days of receipt
CORRECTION_PERIOD_DAYS = 15  # 第三十条 (practice): period given to the applicant, default and usual maximum
CONSULTATION_DAYS = 15  # 第三十二条、第三十四条: the consulted third party or agency answers within 15 working days
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号: pay within 20 working days of the notice

# 信息处理费 tiers (国办函〔2020〕109号, spec §6), in 元.
FEE_FREE_APPLICATIONS = 10  # per applicant per calendar month, cumulative
FEE_FIRST_BAND_END = 30  # 11–30: FEE_STEP each
FEE_BAND_SIZE = 10  # from 31, every 10 applications the price rises by FEE_STEP
FEE_STEP = 100
# (last page of the tier or None, 元 per page)
FEE_PAGE_TIERS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))


# --- every kind of code a clerk types (`gkcli codes`) ----------------------------
class CodeKind(NamedTuple):
    """One kind of code: its items, the everyday words accepted for them, and where it is typed."""

    name: str  # `gkcli codes NAME`
    what: str
    items: tuple[Item, ...]
    aliases: dict[str, str]  # everyday word → code; input only, never rendered
    used_by: str  # the option or field that takes it


# The one table of accepted wordings: options, ledgers, bulk input and `import` all read it.
CODE_KINDS: tuple[CodeKind, ...] = (
    CodeKind("outcome", "办理结果", OUTCOMES, OUTCOME_ALIASES, "case answer --outcome；字段 outcome"),
    CodeKind("applicant", "申请人类型", APPLICANT_TYPES, APPLICANT_ALIASES, "case add --applicant；字段 applicant"),
    CodeKind("channel", "申请渠道", CASE_CHANNELS, CASE_CHANNEL_ALIASES, "case add --channel；字段 channel"),
    CodeKind("event", "事项类型", EVENT_KINDS, {}, "event add KIND；字段 kind"),
    CodeKind("publication-channel", "发布渠道", PUBLICATION_CHANNELS, PUBLICATION_CHANNEL_ALIASES, "event add publication --channel；字段 channel"),
    CodeKind("category", "信息类别", PUBLICATION_CATEGORIES, {}, "event add publication --category；字段 category"),
    CodeKind("review", "复议诉讼类型", REVIEW_GROUPS, REVIEW_KIND_ALIASES, "review add --kind；字段 kind"),
    CodeKind("result", "审理结果", REVIEW_RESULTS, REVIEW_RESULT_ALIASES, "review decide --result；字段 result"),
    CodeKind("party", "征求意见对象", CONSULT_PARTIES, {}, "case consult --party"),
    CodeKind("fee-method", "收费方式", FEE_METHODS, {}, "case fee-notice --method"),
    CodeKind("agency", "机关类型", AGENCY_KINDS, {}, "init --kind"),
)


# --- letters to applicants (告知书) and their legal basis --------------------------
# The laws a letter cites. `basis` is the text cited: the revision and its promulgation.
class Law(NamedTuple):
    code: str
    title: str  # as cited in a letter, with 书名号
    short: str  # after the first citation
    edition: str  # which text: revision, promulgation, effective date


LAWS: tuple[Law, ...] = (
    Law("ogi", REGULATIONS, "《条例》", "2007年4月5日国务院令第492号公布，2019年4月3日国务院令第711号修订，2019年5月15日起施行"),
    Law(
        "fee",
        "《政府信息公开信息处理费管理办法》",
        "《办法》",
        "国务院办公厅2020年11月6日印发（国办函〔2020〕109号），2021年1月1日起施行",
    ),
    Law("review", "《中华人民共和国行政复议法》", "《行政复议法》", "2023年9月1日修订，2024年1月1日起施行；此前为1999年法（2009年、2017年修正）"),
    Law("litigation", "《中华人民共和国行政诉讼法》", "《行政诉讼法》", "2017年6月27日修正，2017年7月1日起施行"),
)


class Citation(NamedTuple):
    """One provision: article 条, paragraph 款 (0: the whole article), item 项 (0: none)."""

    article: int
    paragraph: int = 0
    item: int = 0
    law: str = "ogi"  # LAWS code


# What a letter that is not the answer itself is called, and why it is sent. The 条例 says
# nothing of withdrawing an application: the withdrawal letter only confirms the applicant's
# own act and that the office stops handling the application (docs/notices.md).
NOTICE_KINDS: tuple[Item, ...] = (
    Item("answer", "政府信息公开申请答复告知书", basis="第三十六条"),
    Item("correction", "补正申请告知书", basis="第三十条、第二十九条第二款"),
    Item("extension", "延期答复告知书", basis="第三十三条第二款"),
    Item("consult", "征求意见函", basis="第三十二条、第三十四条"),
    Item("fee", "收取信息处理费通知书", basis="第四十二条、国办函〔2020〕109号第七条"),
    Item("withdrawal", "撤回申请确认书", basis="《条例》未规定（实务）"),
)
NOTICE_KIND_CODES = tuple(k.code for k in NOTICE_KINDS)

# How the applicant may challenge a letter (行政复议法、行政诉讼法).
REVIEW_LAW_REVISED = date(2024, 1, 1)  # the 行政复议法 as revised on 2023-09-01 takes effect
REVIEW_DAYS = 60  # 申请复议：自知道该行政行为之日起60日（旧法第九条第一款、新法第二十条第一款）
SUIT_MONTHS = 6  # 直接起诉：自知道作出行政行为之日起6个月（行政诉讼法第四十六条第一款）
SUIT_AFTER_REVIEW_DAYS = 15  # 复议后起诉：收到复议决定书之日起15日（行政诉讼法第四十五条）
REMEDY_CLASSES: tuple[Item, ...] = (
    Item("prior_review", "复议前置", basis="行政复议法（2023年修订）第二十三条第一款第（四）项"),
    Item("prior_review_part", "不予公开的部分复议前置", basis="行政复议法（2023年修订）第二十三条第一款第（四）项"),
    Item("review_or_suit", "可以申请复议，也可以直接起诉", basis="行政诉讼法第四十四条"),
)
# Which kinds of letter carry a remedies paragraph: "outcome" → by the answer's outcome;
# a REMEDY_CLASSES code; "" → none (a procedural step: 补正、延期, a letter to a third party,
# the confirmation of a withdrawal).
NOTICE_REMEDY = {
    "answer": "outcome",
    "correction": "",
    "extension": "",
    "consult": "",
    "fee": "review_or_suit",
    "withdrawal": "",
}


class OutcomeBasis(NamedTuple):
    citations: tuple[Citation, ...]  # () where no article governs the outcome (see note)
    remedy: str  # REMEDY_CLASSES code from REVIEW_LAW_REVISED on; before it, every outcome is review_or_suit
    note: str = ""  # where the citation is a choice, or there is none


_WITHHELD = Citation(36, item=3)
# Every outcome of OUTCOMES: the provisions its answer cites (the 条例 as revised in 2019
# unless `law` says otherwise) and its remedy. docs/notices.md explains each choice.
NOTICE_BASIS: dict[str, OutcomeBasis] = {
    "granted": OutcomeBasis(
        (Citation(36, item=1), Citation(36, item=2)),
        "review_or_suit",
        "已经主动公开的依第（一）项告知获取方式、途径；可以公开的依第（二）项提供",
    ),
    "partial": OutcomeBasis(
        (Citation(37), Citation(36, item=2), _WITHHELD),
        "prior_review_part",
        "不予公开部分的理由另引第十四条、第十五条或第十六条，由经办人在信中写明",
    ),
    "withheld_secret": OutcomeBasis((Citation(14), _WITHHELD), "prior_review"),
    "withheld_law": OutcomeBasis((Citation(14), _WITHHELD), "prior_review"),
    "withheld_safety": OutcomeBasis((Citation(14), _WITHHELD), "prior_review"),
    "withheld_third_party": OutcomeBasis((Citation(15), Citation(32), _WITHHELD), "prior_review"),
    "withheld_internal": OutcomeBasis((Citation(16, 1), _WITHHELD), "prior_review"),
    "withheld_process": OutcomeBasis((Citation(16, 2), _WITHHELD), "prior_review"),
    "withheld_enforcement_file": OutcomeBasis((Citation(16, 2), _WITHHELD), "prior_review"),
    "withheld_query": OutcomeBasis(
        (Citation(36, item=7),),
        "prior_review",
        "《条例》无“行政查询事项”专条，援引第三十六条第（七）项；年报格式将其列为不予公开，按复议前置告知",
    ),
    "unable_not_held": OutcomeBasis(
        (Citation(36, item=4),),
        "review_or_suit",
        "信息不属于本机关负责公开、能够确定负责公开的机关的，另引第三十六条第（五）项并告知该机关的名称、联系方式",
    ),
    "unable_needs_creation": OutcomeBasis((Citation(38),), "review_or_suit"),
    "unable_unclear": OutcomeBasis(
        (Citation(30),),
        "review_or_suit",
        "《条例》未专门规定补正后仍不明确的情形，援引规定补正的第三十条",
    ),
    "refused_petition": OutcomeBasis((Citation(39, 1),), "review_or_suit"),
    "refused_repeat": OutcomeBasis((Citation(36, item=6),), "review_or_suit"),
    "refused_publication": OutcomeBasis(
        (Citation(39, 2),),
        "review_or_suit",
        "第三十九条第二款专门规定公开出版物；第三十六条第（二）项是可以公开的信息，不适用",
    ),
    "refused_massive": OutcomeBasis((Citation(35),), "review_or_suit"),
    "refused_confirm": OutcomeBasis(
        (),
        "review_or_suit",
        "《条例》没有对应条款：要求确认或重新出具已获取的信息不是获取政府信息的申请，由经办人写明理由",
    ),
    "other_no_correction": OutcomeBasis((Citation(30),), "review_or_suit"),
    "other_no_fee": OutcomeBasis((Citation(42), Citation(7, law="fee")), "review_or_suit"),
    "other_other": OutcomeBasis(
        (),
        "review_or_suit",
        "其他处理（如申请人撤回申请）没有对应条款，由经办人写明处理情况",
    ),
}
