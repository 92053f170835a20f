"""Applicants' personal data: validation of what is recorded, masking of what is shown.

The 条例 requires an applicant's name and contact details on an application, so a
ledger may keep them; no report format ever shows them, and listings mask them
unless asked for explicitly.
"""

from __future__ import annotations

import re
from datetime import date

from .errors import GkcliError

# The record fields that hold personal data: never echoed in a message, sealed in the cache.
FIELDS = ("name", "id_number", "phone", "address")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"  # GB 11643: check character for (weighted sum mod 11)


def check_id_number(text: str, option: str) -> str:
    """A mainland resident ID number (18 characters, GB 11643 check digit, real birth date)."""
    value = text.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise GkcliError("身份证号码应为 18 位（最后一位可以是 X）", where=option)
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise GkcliError("身份证号码中的出生日期（第 7–14 位）不存在", where=option) from None
    expected = _CHECK_CHARS[sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS)) % 11]
    if value[17] != expected:
        raise GkcliError("身份证号码校验位不对，请核对是否录错", where=option)
    return value


def check_phone(text: str, option: str) -> str:
    value = text.strip()
    digits = re.sub(r"[\s\-()+]", "", value)
    if not digits.isdigit() or not 5 <= len(digits) <= 20:
        # the value is not repeated: it may be an ID number typed into the wrong field
        raise GkcliError("联系电话不像电话号码（应为 5 到 20 位数字，可含空格、- ( ) +）", where=option)
    return value


def mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1) if name else ""


def mask_id_number(value: str) -> str:
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:] if len(digits) > 7 else "*" * len(digits)


# The administrative divisions an address names first (province, then city or county): what stays readable.
_REGION_END = re.compile(r".{1,8}?(?:自治区|特别行政区|[省市])")
_DISTRICT_END = re.compile(r".{1,8}?(?:自治州|自治县|自治旗|[市州盟县区旗])(?![市县区旗])")  # 蓟州区: not 蓟州


def mask_address(value: str) -> str:
    """The province and city (or, failing those, the first two characters) kept, the rest masked:
    天津市蓟州区东二营镇东二营村1号 → 天津市蓟州区***********."""
    text = value.strip()
    if not text:
        return ""
    kept = 0
    for pattern in (_REGION_END, _DISTRICT_END):
        m = pattern.match(text, kept)
        if m is not None and m.end() < len(text):
            kept = m.end()
    kept = kept or min(2, len(text) - 1)
    return text[:kept] + "*" * (len(text) - kept)


_MASKS = {"name": mask_name, "id_number": mask_id_number, "phone": mask_phone, "address": mask_address}
_LEDGER_LINE = re.compile(r"""^(\s*)(name|id_number|phone|address)(\s*=\s*)(["']?)(.*?)\4?\s*$""")


def mask_ledger_line(line: str) -> str:
    """A ledger line as shown to a person: a personal field's value masked, any other line as it is
    (`repair` previews the raw text of a torn record)."""
    m = _LEDGER_LINE.match(line)
    if m is None:
        return line
    indent, key, eq, quote, value = m.groups()
    return f"{indent}{key}{eq}{quote}{_MASKS[key](value)}{quote}"
