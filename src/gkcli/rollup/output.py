"""The roll-up in each format: the summed three tables in the official layout (the renderers of
`render/`), the district-level identities, the per-unit table and the units left out."""

from __future__ import annotations

import json
from decimal import Decimal

from .. import spec
from ..errors import LEVEL_LABELS
from ..tables import decimal_text
from . import cells
from .core import Contribution, Rollup, left_out_reason
from .read import UnitResult
from .units import SOURCE_LABELS

CLOSED_LABELS = {"closed": "已定稿", "drifted": "已与定稿不一致", "reopened": "已重新打开", "open": "未定稿"}
KIND_LABELS = {"government": "人民政府", "department": "政府部门"}
UNITS_HEADING = "各单位情况"
IDENTITIES_HEADING = "汇总数的勾稽关系"
LEFT_OUT_HEADING = "未汇总的单位"
NONE_LEFT_OUT = "全部单位均已汇总。"
IDENTITIES_HOLD = "汇总数的表内勾稽关系（A1–A6）全部成立。"
TABLE_SECTIONS = [s for s in spec.SECTIONS if s.code in spec.TABLE_SECTIONS]


def subtitle(r: Rollup) -> str:
    text = f"汇总 {r.count} 个单位（共 {len(r.units)} 个，未汇总 {len(r.units) - r.count} 个）"
    if r.incomplete:
        text += "；其中有单位的部分单元格未读出，按 0 计入，汇总数不完整"
    return text


# --- the per-unit table --------------------------------------------------------------------------


def _summed_text(unit: UnitResult, summed: bool) -> str:
    if not summed:
        return "未汇总"
    return "已汇总" if unit.exact else "已汇总（不完整）"


def _figure(unit: UnitResult, key: str) -> str:
    now = unit.figures[key] if unit.figures else None
    text = "未读出" if now is None and unit.figures else ("—" if now is None else str(now))
    before = unit.previous[key] if unit.previous else None
    if unit.previous is None:
        return text
    diff = None if now is None or before is None else now - before
    return f"{text}（上年 {'未读出' if before is None else before}，{'—' if diff is None else f'{diff:+d}'}）"


PREVIOUS_SUFFIX = "（上年）"
CHANGE_SUFFIX = "（增减）"
UNREAD = "未读出"


def _figures_split(unit: UnitResult) -> dict[str, int | str | None]:
    """The key figures as numbers, this year, last year and the change each in a column of its own
    (a spreadsheet adds and sorts them); a cell not read says so, a figure not to be had is empty."""
    out: dict[str, int | str | None] = {}
    change = cells.change(unit.figures, unit.previous)
    for key, (label, _) in cells.KEY_FIGURES.items():
        for suffix, values in (("", unit.figures), (PREVIOUS_SUFFIX, unit.previous), (CHANGE_SUFFIX, change)):
            value = values[key] if values else None
            out[label + suffix] = UNREAD if value is None and values and suffix != CHANGE_SUFFIX else value
    return out


def unit_row(unit: UnitResult, summed: bool, split: bool = False) -> dict:
    """One unit in the Chinese view; with `split`, the key figures as numbers in columns of their own."""
    row = {
        "单位": unit.name,
        "来源": SOURCE_LABELS[unit.source],
        "汇总": _summed_text(unit, summed),
        "年度定稿": CLOSED_LABELS[unit.closed] if unit.closed else "—",
        "勾稽关系": "—" if unit.tables is None else ("不成立：" + "、".join(unit.identities) if unit.identities else "成立"),
        "问题": f"错误 {unit.errors}、警告 {unit.warnings}" if unit.tables is not None else "无法读取",
        "未读出单元格": str(len(unit.unread)) if unit.source == "report" and unit.tables is not None else "—",
        "缺少部分": "、".join(label.split("、")[0] for label in unit.missing_sections) or "—",
    }
    if split:
        row["未读出单元格"] = len(unit.unread) if unit.source == "report" and unit.tables is not None else None
        return row | _figures_split(unit)
    for key, (label, _) in cells.KEY_FIGURES.items():
        row[label] = _figure(unit, key) if unit.tables is not None else "—"
    return row


def unit_record(unit: UnitResult, summed: bool) -> dict:
    """One unit's machine fields (JSON)."""
    return {
        "name": unit.name,
        "source": unit.source,
        "path": unit.path,
        "kind": unit.kind or None,
        "summed": summed,
        "incomplete": summed and not unit.exact,
        "left_out": None if summed else left_out_reason(unit),
        "closed": unit.closed,
        "identities": list(unit.identities),
        "errors": unit.errors,
        "warnings": unit.warnings,
        "findings": [{"level": level, "code": code} for level, code in unit.findings],
        "unread": list(unit.unread),
        "blocking": list(unit.blocking),
        "missing_sections": list(unit.missing_sections),
        "figures": unit.figures,
        "previous": unit.previous,
        "change": cells.change(unit.figures, unit.previous),
    }


def csv_record(unit: UnitResult, summed: bool) -> dict:
    """One unit as a CSV row: the JSON fields, lists joined, figures one column each."""
    data = unit_record(unit, summed)
    out = {k: data[k] for k in ("name", "source", "path", "kind", "summed", "incomplete", "left_out", "closed", "errors", "warnings")}
    out["identities"] = " ".join(data["identities"])
    out["unread"] = len(data["unread"])
    out["missing_sections"] = "、".join(data["missing_sections"])
    for key in cells.KEY_FIGURES:
        for part in ("figures", "previous", "change"):
            values = data[part]
            out[key if part == "figures" else f"{key}_{part}"] = None if values is None else values[key]
    return out


def unit_rows(r: Rollup, split: bool = False) -> list[dict]:
    return [unit_row(u, s, split) for u, s in zip(r.units, r.summed)]


def identity_lines(r: Rollup) -> list[str]:
    return [str(f) for f in r.findings] or [IDENTITIES_HOLD]


def left_out_rows(r: Rollup) -> list[dict[str, str]]:
    return [{"单位": u.name, "来源": SOURCE_LABELS[u.source], "路径": u.path, "原因": why} for u, why in r.left_out]


# --- formats ---------------------------------------------------------------------------------------


def to_json(r: Rollup) -> str:
    from ..render.json_out import _inline_number_lists, tables_json

    data = tables_json(r.tables)
    out = {
        "year": r.year,
        "title": r.title,
        "units_total": len(r.units),
        "units_summed": r.count,
        "incomplete": r.incomplete,
        "proactive": data["proactive"],
        "applications": data["applications"],
        "review": data["review"],
        "findings": [f.to_json() for f in r.findings],
        "units": [unit_record(u, s) for u, s in zip(r.units, r.summed)],
        "left_out": [u.name for u, _ in r.left_out],
    }
    return _inline_number_lists(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"


def to_csv(r: Rollup) -> str:
    from ..render.rows import to_csv as csv_text

    return csv_text([csv_record(u, s) for u, s in zip(r.units, r.summed)])


def to_text(r: Rollup) -> str:
    from ..render import text_grid
    from ..render.rows import to_table

    out = [r.title, subtitle(r)]
    for section in TABLE_SECTIONS:
        note, table = text_grid.table(section.code, r.tables)
        out.append(section.label)
        out.append("\n".join([note, *table.render(None)] if note else table.render(None)))
    out += [IDENTITIES_HEADING, "\n".join(identity_lines(r))]
    out += [UNITS_HEADING, to_table(unit_rows(r)).rstrip("\n")]
    out += [LEFT_OUT_HEADING, to_table(left_out_rows(r)).rstrip("\n") if r.left_out else NONE_LEFT_OUT]
    return "\n\n".join(out) + "\n"


def to_markdown(r: Rollup) -> str:
    from ..render import grid, markdown
    from ..render.rows import to_markdown as rows_markdown

    out = [f"# {markdown.escape_text(r.title)}", markdown.escape_text(subtitle(r))]
    for section in TABLE_SECTIONS:
        out += [f"## {section.label}", markdown.table(grid.table_grid(section.code, r.tables))]
    out += [f"## {IDENTITIES_HEADING}", "\n".join(f"- {markdown.escape_text(line)}" for line in identity_lines(r))]
    out += [f"## {UNITS_HEADING}", rows_markdown(unit_rows(r)).rstrip("\n")]
    out += [f"## {LEFT_OUT_HEADING}", rows_markdown(left_out_rows(r)).rstrip("\n") if r.left_out else NONE_LEFT_OUT]
    return "\n\n".join(out) + "\n"


def _grid(rows: list[dict[str, str]]):
    from ..render.grid import Cell

    head = [Cell(k, header=True) for k in rows[0]]
    return [head] + [[Cell(str(v)) for v in row.values()] for row in rows]


def to_html(r: Rollup) -> str:
    from html import escape

    from ..render import grid, html
    from ..render.docx_table import HEADER_ROWS

    labels = {"proactive": 1, "applications": 3, "review": 0}
    out = [f"<h1>{escape(r.title)}</h1>", f"<p>{escape(subtitle(r))}</p>"]
    for section in TABLE_SECTIONS:
        cells_grid = grid.table_grid(section.code, r.tables)
        out.append(f'<section id="{section.code}">\n<h2>{escape(section.label)}</h2>')
        out.append(html.table(cells_grid, labels[section.code], HEADER_ROWS[section.code]) + "\n</section>")
    items = "".join(f"<li>{escape(line)}</li>" for line in identity_lines(r))
    out.append(f'<section id="identities">\n<h2>{escape(IDENTITIES_HEADING)}</h2>\n<ul>{items}</ul>\n</section>')
    out.append(f'<section id="units">\n<h2>{escape(UNITS_HEADING)}</h2>\n{html.table(_grid(unit_rows(r)), 1, 1)}\n</section>')
    left = html.table(_grid(left_out_rows(r)), 1, 1) if r.left_out else f"<p>{escape(NONE_LEFT_OUT)}</p>"
    out.append(f'<section id="left-out">\n<h2>{escape(LEFT_OUT_HEADING)}</h2>\n{left}\n</section>')
    body = "\n".join(out)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(r.title)}</title>\n<style>\n{html.CSS}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _docx_rows(out, rows: list[dict[str, str]]) -> None:
    table = out.add_table(rows=1, cols=len(rows[0]))
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, rows[0]):
        cell.text = key
    for row in rows:
        for cell, value in zip(table.add_row().cells, row.values()):
            cell.text = str(value)


def to_docx(r: Rollup) -> bytes:
    import io

    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..render import docx_page, docx_table, grid

    out = Docx()
    docx_page.setup(out)
    out.core_properties.title = r.title
    heading = out.add_paragraph(r.title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out.add_paragraph(subtitle(r))
    for section in TABLE_SECTIONS:
        out.add_heading(section.label, level=1)
        docx_table.add(out, section.code, grid.table_grid(section.code, r.tables))
    out.add_heading(IDENTITIES_HEADING, level=1)
    for line in identity_lines(r):
        out.add_paragraph(line)
    wide = out.add_section()  # the per-unit table is wide: a landscape page
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = wide.page_height, wide.page_width
    out.add_heading(UNITS_HEADING, level=1)
    _docx_rows(out, unit_rows(r))
    out.add_heading(LEFT_OUT_HEADING, level=1)
    if r.left_out:
        _docx_rows(out, left_out_rows(r))
    else:
        out.add_paragraph(NONE_LEFT_OUT)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def to_xlsx(r: Rollup) -> bytes:
    """The three tables one sheet each (merged headers) and the per-unit sheet, by `render.xlsx_out`."""
    import io

    from openpyxl import Workbook

    from ..render import xlsx_out

    book = Workbook()
    book.remove(book.active)
    xlsx_out.tables_sheets(book, r.tables, None)
    xlsx_out.rows_sheet(book, IDENTITIES_HEADING, [IDENTITIES_HEADING], [[line] for line in identity_lines(r)])
    rows = unit_rows(r, split=True)
    xlsx_out.rows_sheet(book, UNITS_HEADING, list(rows[0]), [list(row.values()) for row in rows])
    if r.left_out:
        left = left_out_rows(r)
        xlsx_out.rows_sheet(book, LEFT_OUT_HEADING, list(left[0]), [list(row.values()) for row in left])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


RENDER = {"terminal": to_text, "md": to_markdown, "html": to_html, "docx": to_docx, "xlsx": to_xlsx, "json": to_json, "csv": to_csv}


# --- --explain CELL -------------------------------------------------------------------------------


def _value(value: int | Decimal | None):
    if value is None:
        return None
    return decimal_text(value) if isinstance(value, Decimal) else value


def explain_records(parts: list[Contribution]) -> list[dict]:
    return [{"name": c.unit.name, "source": c.unit.source, "path": c.unit.path, "value": _value(c.value), "summed": c.summed} for c in parts]


def explain_rows(parts: list[Contribution]) -> list[dict]:
    return [
        {
            "单位": c.unit.name,
            "来源": SOURCE_LABELS[c.unit.source],
            "数值": "未读出" if c.value is None and c.unit.tables is not None else ("—" if c.value is None else str(_value(c.value))),
            "汇总": _summed_text(c.unit, c.summed),
        }
        for c in parts
    ]


def level_label(level: str) -> str:
    return LEVEL_LABELS[level]
