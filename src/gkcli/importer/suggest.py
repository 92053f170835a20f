"""`gkcli import --suggest`: a first mapping file guessed from a register's headings and values.

The guesses are only a start: every line says what it matched, and values it could
not place are left empty for the clerk to fill in.
"""

from __future__ import annotations

from .. import coerce
from ..errors import GkcliError
from .mapping import CODED_FIELDS, HEADER_SEARCH
from .sheet import Sheet
from .values import KINDS, guess, nearest
from .values import toml_string as q

# Words registers use in their headings (field, words); the first field whose word a heading contains wins.
HEADING_WORDS = (
    ("outcome", ("答复结果", "办理结果", "处理结果", "答复类型", "答复方式", "结果")),
    ("answered", ("答复日期", "答复时间", "办结日期", "办结时间", "告知日期", "答复")),
    ("received", ("申请时间", "申请日期", "收到日期", "受理日期", "受理时间", "收件日期", "登记日期")),
    ("applicant", ("申请人类型", "申请人性质", "申请人类别", "主体类型", "类型")),
    ("channel", ("申请方式", "申请渠道", "提交方式", "渠道")),
    ("id_number", ("身份证", "证件号")),
    ("phone", ("电话", "联系方式", "手机")),
    ("address", ("通讯地址", "联系地址", "邮寄地址", "地址")),
    ("id", ("受理编号", "案件编号", "申请编号", "编号")),
    ("subject", ("申请内容", "申请事项", "所需信息", "申请公开", "内容")),
    ("name", ("申请人姓名", "姓名", "名称", "申请人")),
)
MAX_VALUES = 40


def guess_field(heading: str) -> str:
    key = coerce.normalize(heading)
    return next((name for name, words in HEADING_WORDS if any(w in key for w in words)), "")


def _header_index(sheet: Sheet) -> int:
    """The first row with the most filled cells: below a merged title, above the data."""
    counts = [sum(1 for c in cells if c not in (None, "")) for _, cells in sheet.rows[:HEADER_SEARCH]]
    if not counts or max(counts) < 2:
        raise GkcliError(f"工作表「{sheet.name}」中找不到表头行", where="FILE")
    return counts.index(max(counts))


def suggest(sheet: Sheet) -> str:
    """The mapping file text (TOML, with Chinese comments)."""
    index = _header_index(sheet)
    number, cells = sheet.rows[index]
    lines = [
        f"# gkcli 导入映射：由 gkcli import --suggest 根据工作表「{sheet.name}」第 {number} 行的表头生成，请逐项核对。",
        "[import]",
        f"sheet = {q(sheet.name)}",
        f"header_row = {number}",
        "",
        "# 表格列名 = gkcli 字段（id received applicant channel subject name id_number phone address answered outcome）；不导入的列留空",
        "[columns]",
    ]
    fields: dict[int, str] = {}
    taken: set[str] = set()
    for col, heading in enumerate(cells):
        if heading in (None, ""):
            continue
        name = guess_field(str(heading))
        if name in taken:
            name = ""
        taken.add(name)
        fields[col] = name
        lines.append(f"{q(str(heading).strip())} = {q(name)}" + ("" if name else "  # 未能识别"))
    for col, name in fields.items():
        if name in CODED_FIELDS:
            lines += ["", f"# 本机关的写法 = 编码；空着的请填写（全部编码及可用写法：gkcli codes {KINDS[name].name}）", f"[values.{name}]"]
            lines += [_value_line(name, v) for v in _distinct(sheet, index, col)]
    return "\n".join(lines) + "\n"


def _value_line(name: str, value: str) -> str:
    code = guess(name, value)
    if code:
        return f"{q(value)} = {q(code)}"
    return f"{q(value)} = \"\"  # 未能识别；最接近的编码：{nearest(name, value)}"


def _distinct(sheet: Sheet, index: int, col: int) -> list[str]:
    seen: dict[str, None] = {}
    for _, cells in sheet.rows[index + 1 :]:
        if col < len(cells) and cells[col] not in (None, ""):
            seen.setdefault(str(cells[col]).strip(), None)
        if len(seen) >= MAX_VALUES:
            break
    return list(seen)
