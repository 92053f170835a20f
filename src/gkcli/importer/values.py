"""A register's own words in its coded columns (applicant, channel, outcome) → codes.

The mapping file's [values.<field>] comes first; a word it leaves out (or leaves empty)
is looked up in the shared table of accepted wordings (`spec.CODE_KINDS`), as `case add`
would. A word neither places is unmapped: reported with its column and row and the line
to add to the mapping file, never dropped.
"""

from __future__ import annotations

import json

from .. import coerce, spec
from ..errors import GkcliError

# Coded fields of a case and their kind of code (`gkcli codes NAME`).
KINDS = {k.name: k for k in spec.CODE_KINDS if k.name in ("applicant", "channel", "outcome")}


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(text), ensure_ascii=False)


def guess(field: str, text: str) -> str:
    """The code `text` names by the shared table, or ''."""
    kind = KINDS[field]
    try:
        return coerce.resolve(text, kind.items, kind.what, field)
    except GkcliError:
        return ""


def nearest(field: str, text: str) -> str:
    """The code closest to `text`: what a clerk most likely meant, to check before using."""
    kind = KINDS[field]
    return coerce.closest(coerce.normalize(text), kind.items, coerce.wordings(kind.items), 1)[0].code


def code_for(field: str, text: str, table: dict[str, str], heading: str) -> tuple[str, str]:
    """(code or the mapping's value, '') — or (a stand-in code, why `text` is unmapped)."""
    given = table.get(coerce.normalize(text), "")
    if given:  # the clerk's own mapping; a wrong code in it is reported as for any input
        return given, ""
    code = guess(field, text)
    if code:
        return code, ""
    kind = KINDS[field]
    line = f"{toml_string(text)} = {toml_string(nearest(field, text))}"
    why = (
        f"列「{heading}」的{kind.what}「{text}」没有对应的编码；"
        f"请在映射文件 [values.{field}] 下加一行 {line}（按最接近的编码写出，请核对；全部编码：gkcli codes {kind.name}）"
    )
    # a real code stands in so that the row's other fields are still checked; the row is refused all the same
    return kind.items[0].code, why
