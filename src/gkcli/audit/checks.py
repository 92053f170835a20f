"""Checks only a published report needs (spec §5): S1 sections, S2 table labels and
older-format remnants, S5 cells printed blank or as a dash, S8 信息处理费 in section 六,
X1 figures quoted in 一、总体情况 against the tables.

The table identities (A1–A6, Y1, Y2) stay in `validate`, shared with the book's own
tables; these live here because they need the report's text, which a book has not.
Each check is a small pure function of a `Reading`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from .. import spec
from ..errors import ERROR, WARNING, Finding
from .reading import Reading
from .recover import END, Region
from .tokens import key, label_pattern

_SECTION = spec.by_code(spec.SECTIONS)


def sections(r: Reading) -> Iterator[Finding]:
    """S1: the six sections, in order, under their official headings."""
    found = {h.code for h in r.outline.headings}
    for section in spec.SECTIONS:
        if section.code in r.outline.misplaced:
            yield Finding("S1", ERROR, f"标题「{section.label}」的位置不对（应按一至六的顺序）", f"sections.{section.code}")
        elif section.code not in found:
            yield Finding("S1", ERROR, f"没有找到标题「{section.label}」（或措辞与规定不同）", f"sections.{section.code}")


def _header_labels() -> dict[str, list[str]]:
    groups = [g.label for g in spec.APPLICATION_GROUPS]
    return {
        "proactive": [b.caption for b in spec.PROACTIVE_BLOCKS]
        + [spec.PROACTIVE_HEADER]
        + [c.label for b in spec.PROACTIVE_BLOCKS for c in b.columns],
        "applications": [spec.IDENTITY_NOTE, spec.APPLICANT_HEADER, spec.ORGANISATION_HEADER] + [c.label for c in spec.APPLICANT_COLUMNS] + groups,
        "review": [g.label for g in spec.REVIEW_GROUPS] + [spec.LITIGATION_HEADER] + [c.label for c in spec.REVIEW_COLUMNS],
    }


def _official_labels() -> list[str]:
    rows = [i.label for b in spec.PROACTIVE_BLOCKS for i in b.rows] + [i.label for i in spec.APPLICATION_ROWS]
    return rows + [label for labels in _header_labels().values() for label in labels]


def _present(text: str, label: str) -> bool:
    """Every character of the label, in order: header words are often split across columns."""
    position = 0
    for ch in key(label):
        position = text.find(ch, position) + 1
        if not position:
            return False
    return True


def _region_text(r: Reading, region: Region) -> str:
    return r.stream.text[region.start : len(r.stream.text) if region.end == END else region.end]


def _remnants(text: str) -> Iterator[spec.Item]:
    """Older-format labels not inside a current official label (longest first)."""
    covered = [m.span() for label in _official_labels() for m in label_pattern(label).finditer(text)]
    for item in sorted(spec.LEGACY_LABELS, key=lambda i: -len(i.label)):
        needle = key(item.label)
        spans = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]
        loose = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in covered)]
        if loose:
            covered += loose
            yield item


def _table_body(text: str, table: str) -> str:
    """The region's text from the table's first official label to its last: prose before or
    after the table (「其中，同意公开3件」) is narrative, not an older table's wording."""
    rows = {
        "proactive": [i.label for b in spec.PROACTIVE_BLOCKS for i in b.rows],
        "applications": [i.label for i in spec.APPLICATION_ROWS],
        "review": [g.label for g in spec.REVIEW_GROUPS],
    }[table]
    spans = [m.span() for label in rows + _header_labels()[table] for m in [label_pattern(label).search(text)] if m]
    if not spans:
        return ""
    last = [m.span() for label in rows for m in label_pattern(label).finditer(text)]
    return text[min(a for a, _ in spans) : max((b for _, b in last or spans), default=len(text))]


def table_labels(r: Reading) -> Iterator[Finding]:
    """S2: every row and header of the three tables under its official label; no older-format wording."""
    for where, label in r.recovered.missing:
        yield Finding("S2", ERROR, f"没有找到「{label}」，该处数字无法读取", where)
    for code in r.recovered.collapsed:
        group = spec.by_code(spec.APPLICATION_GROUPS)[code]
        yield Finding(
            "S2",
            ERROR,
            f"「{group.label}」只有一行（{spec.LEGACY_FORMATS['2019']}的表式），缺少其下三项；其数字已计入「{spec.by_code(spec.OUTCOMES)['other_other'].label}」",
            f"applications.{code}",
        )
    headers = _header_labels()
    for region in r.recovered.regions:
        if region.table in r.recovered.absent:
            continue  # the table is missing as a whole: said once above
        text = _region_text(r, region)
        for label in headers[region.table]:
            if not _present(text, label):
                yield Finding("S2", ERROR, f"表头缺少「{label}」", region.table)
        for old in _remnants(_table_body(text, region.table)):
            yield Finding(
                "S2", ERROR, f"「{old.label}」是旧表式（{spec.LEGACY_FORMATS[old.basis]}）的写法，应使用国办公开办函〔2021〕30号的表格", region.table
            )


def empty_cells(r: Reading) -> Iterator[Finding]:
    """S5: a cell left blank or printed as 「/」「—」「无」 (the format wants 0); read as 0."""
    for where, printed in r.recovered.blanks:
        yield Finding("S5", WARNING, f"单元格为「{printed}」，按 0 读取；没有数据的单元格应填 0", where)


# 「未收取信息处理费」「无收取信息处理费情况」「没有产生信息处理费」: ways reports say none was charged
_NO_FEE = re.compile(r"(?:无|未|没有|不|均未|未曾)(?:收取|产生|发生|涉及|收费)?[^。；;]{0,12}?(?:信息)?处理费")


def _fee_stated(text: str) -> bool:
    return key(spec.PROCESSING_FEE_TERM) in text or bool(_NO_FEE.search(text))


def processing_fee(r: Reading) -> Iterator[Finding]:
    """S8: section 六 reports the 信息处理费 (国办函〔2020〕109号) — charged, or that none was."""
    if r.outline.heading("other") is None:
        return  # no section 六 at all: S1 says so
    if not _fee_stated(key(r.outline.text("other"))):
        yield Finding("S8", WARNING, f"「{_SECTION['other'].label}」没有说明{spec.PROCESSING_FEE_TERM}的收取情况", "sections.other")


# --- X1: figures quoted in 一、总体情况 -------------------------------------------------
_COUNT = r"(\d{1,3}(?:,\d{3})+|\d+|[零〇一二两三四五六七八九十百千]+)"
_GAP = r"[^,。;:\d零〇一二两三四五六七八九十百千]{0,8}?"
# (what the figure is, where in the tables, pattern); value = the pattern's number
QUOTED_FIGURES: tuple[tuple[str, Callable, re.Pattern], ...] = (
    ("新收申请", lambda t: t.cell("new", "total"), re.compile(r"(?:收到|新收|受理|接收)[^,。;]{0,15}?申请" + _GAP + _COUNT + "(?:件|个|条)")),
    ("新收申请", lambda t: t.cell("new", "total"), re.compile(r"(?:未|没有)(?:收到|接到|受理)[^,。;]{0,12}?申请()")),
    ("上年结转", lambda t: t.cell("carried_in", "total"), re.compile(r"上年(?:度)?结转" + _GAP + _COUNT + "件")),
    ("办结", lambda t: t.cell("total", "total"), re.compile(r"(?:办结|办理完毕|已答复)" + _GAP + _COUNT + "件")),
    ("结转下年度", lambda t: t.cell("carried_out", "total"), re.compile(r"结转(?:至)?下(?:一)?年度?" + _GAP + _COUNT + "件")),
    ("行政复议", lambda t: t.review_row("reconsideration")[-1], re.compile(r"行政复议(?:案件)?" + _GAP + _COUNT + "(?:件|起)")),
    (
        "行政诉讼",
        lambda t: t.review_row("litigation_direct")[-1] + t.review_row("litigation_after_review")[-1],
        re.compile(r"行政诉讼(?:案件)?" + _GAP + _COUNT + "(?:件|起)"),
    ),
)
_MAX_COUNT_DIGITS = 18
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_count(text: str) -> int | None:
    """「1,234」「十二」「一百零五」「」(none) → the number; None for more digits than any count has."""
    if not text:
        return 0
    if text[0].isdigit():
        digits = text.replace(",", "")
        return int(digits) if len(digits) <= _MAX_COUNT_DIGITS else None
    total, digit = 0, 0
    for ch in text:
        if ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            digit = _DIGITS[ch]
    return total + digit


# the cells each quoted figure is compared with: X1 stays silent when one was not read
_FIGURE_CELLS = {
    "新收申请": ("applications.new.total",),
    "上年结转": ("applications.carried_in.total",),
    "办结": ("applications.total.total",),
    "结转下年度": ("applications.carried_out.total",),
    "行政复议": ("review.reconsideration.total",),
    "行政诉讼": ("review.litigation_direct.total", "review.litigation_after_review.total"),
}


def quoted_figures(r: Reading) -> Iterator[Finding]:
    """X1: a figure in 一、总体情况 that the tables do not show (only against cells that were read)."""
    text = "".join(unicodedata.normalize("NFKC", r.outline.text("overview")).split())
    for what, cell, pattern in QUOTED_FIGURES:
        if any(c in r.recovered.unknown for c in _FIGURE_CELLS[what]):
            continue
        for m in pattern.finditer(text):
            said, shown = chinese_count(m.group(1)), cell(r.tables)
            if said != shown:
                quoted = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:40] + "…"
                figure = "数字过长" if said is None else said
                yield Finding("X1", WARNING, f"总体情况写「{quoted}」（{what} {figure}），统计表中为 {shown}", "sections.overview")


def draft_prompts(r: Reading) -> Iterator[Finding]:
    """S13: a prompt of `narrative init` published as it was (narrative.checks.draft_left)."""
    count = key(r.stream.text).count(key(spec.DRAFT_MARK))
    if count:
        yield Finding("S13", ERROR, f"报告中还留有 {count} 处待填写的提示「{spec.DRAFT_MARK}……」：正文是未改写的初稿", "sections")


REPORT_CHECKS: tuple[Callable[[Reading], Iterator[Finding]], ...] = (sections, table_labels, empty_cells, processing_fee, quoted_figures, draft_prompts)


def check_report(r: Reading) -> list[Finding]:
    return [f for check in REPORT_CHECKS for f in check(r)]
