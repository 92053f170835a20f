"""The starting text `gkcli narrative init` writes: usual sentences with placeholders.

Headings come from `spec`; the sentences are a draft for the office to rewrite.
"""

from __future__ import annotations

from .. import spec


def ask(text: str) -> str:
    """A prompt for the writer: marked, so `check` and `audit` find it until it is replaced (S13)."""
    return f"{spec.DRAFT_MARK}{text}"


def starting_text(year: int) -> str:
    s = spec.by_code(spec.SECTIONS)
    p = spec.by_code(spec.OVERVIEW_PARTS)
    stock = spec.by_code(spec.PROACTIVE_BLOCKS[0].rows)  # 规章, 行政规范性文件
    return f"""<!-- {year} 年度报告正文初稿（gkcli narrative init 生成）。
写法：## 开头的行是报告的部分标题，### 开头的行是小标题，其余为段落，段落之间空一行。
{{…}} 是占位符，生成报告时换成统计结果，例如 {{applications.new.total}}；
全部占位符及其当前数值：gkcli narrative fields {year}。
以「{spec.DRAFT_MARK}」开头的是提示，请换成本机关的实际情况；留有提示时 gkcli check 报错（S13）。本说明在报告中不会出现，可删除。 -->

本报告依照《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室关于年度报告格式的要求编写，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。

## {s["overview"].label}

{year}年，{{agency}}认真执行《条例》，围绕年度政务公开工作要点推进政府信息公开工作。{ask("请概述全年工作，本部分原则上不超过一千字。")}

### {p["proactive"].label}

全年通过政府网站主动公开政府信息{{publications.website}}条，通过政务微信公开信息{{publications.wechat}}条；作出行政处罚决定{{proactive.penalty}}件、行政许可决定{{proactive.licensing}}件。本年度制发{stock["regulations"].label}{{proactive.regulations.issued}}件、废止{{proactive.regulations.repealed}}件，现行有效{{proactive.regulations.in_force}}件。本年度制发{stock["normative_docs"].label}{{proactive.normative_docs.issued}}件、废止{{proactive.normative_docs.repealed}}件，现行有效{{proactive.normative_docs.in_force}}件。

### {p["on_request"].label}

全年新收政府信息公开申请{{applications.new.total}}件，上年结转{{applications.carried_in.total}}件，办结{{applications.total.total}}件，结转下年度继续办理{{applications.carried_out.total}}件。

### {p["management"].label}

{ask("请写明政府信息公开工作的机构、人员和审核机制。")}

### {p["platform"].label}

{ask("请写明政府网站、政务新媒体和政府信息查阅场所的建设和使用情况。")}

### {p["oversight"].label}

全年因政府信息公开工作被申请行政复议{{review.reconsideration.total}}件、提起行政诉讼{{review.litigation.total}}件。{ask("请写明考核、培训和社会评议情况。")}

## {s["problems"].label}

{ask("请写明本年度存在的主要问题和下一步改进措施，并说明上一年度报告所列问题的整改情况。")}

## {s["other"].label}

本年度依据《政府信息公开信息处理费管理办法》发出收费通知{{fees.notices}}件，收取信息处理费{{fees.collected}}元。
"""
