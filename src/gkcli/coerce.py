"""What a clerk types → model values: codes, dates, counts and money.

Accepts the stable code, the official label (or an unambiguous part of it), the
official numbering (`三.四.1`, `（四）1`) and a few everyday words; refuses anything
else with the candidates. Raises `GkcliError` naming the argument; never prints.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from . import spec
from .errors import GkcliError
from .spec import Item

if TYPE_CHECKING:
    from decimal import Decimal

# Patterns as text: `re` compiles each on first use, so a command that never needs one
# (an append with a code and an ISO date) does not pay for it at start-up.
_NUMBER_PREFIX = (r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")
_PAREN_NUMBER = (r"^([一二三四])?\.?\(([一二三四五六七])\)\.?(\d+)?$")
_DOTTED_NUMBER = (r"^[一二三四](?:\.[一二三四五六七](?:\.\d+)?)?$")


def normalize(text: str) -> str:
    """Fold full-width forms and drop white space, so 「（四） 1」 matches 「(四)1」."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _bare_label(label: str) -> str:
    return re.sub(_NUMBER_PREFIX, "", normalize(label))


def _canonical_number(text: str) -> str:
    """`（四）1` / `三（四）1` / `三.四.1` / `一、` → `三.四.1` style, or '' if not a number."""
    s = text.rstrip("、.")
    m = re.match(_PAREN_NUMBER, s)
    if m:
        top, mid, leaf = m.groups()
        if top and top != "三":
            return ""
        return "三." + mid + (f".{leaf}" if leaf else "")
    return s if re.match(_DOTTED_NUMBER, s) else ""


@lru_cache(maxsize=32)
def _index(items: tuple[Item, ...]) -> dict[str, str]:
    exact: dict[str, str] = {}
    for item in items:
        exact[item.code] = item.code
        exact[normalize(item.label)] = item.code
        exact.setdefault(_bare_label(item.label), item.code)
        if item.number:
            exact[item.number] = item.code
    return exact


@lru_cache(maxsize=32)
def code_kind(items: tuple[Item, ...]) -> spec.CodeKind | None:
    """The kind of code `items` are (`gkcli codes NAME`), if clerks type them."""
    return next((k for k in spec.CODE_KINDS if k.items is items or k.items == items), None)


@lru_cache(maxsize=32)
def wordings(items: tuple[Item, ...]) -> dict[str, str]:
    """Everyday words accepted for `items`: the one table in `spec.CODE_KINDS`."""
    kind = code_kind(items)
    return {normalize(k): v for k, v in kind.aliases.items()} if kind else {}


@lru_cache(maxsize=1)
def _group_labels() -> dict[str, str]:
    groups = {g.code: _bare_label(g.label) for g in spec.APPLICATION_GROUPS}
    return groups | {"organisation": spec.ORGANISATION_HEADER, "litigation": spec.LITIGATION_HEADER}


@lru_cache(maxsize=32)
def _haystacks(items: tuple[Item, ...]) -> tuple[str, ...]:
    """Per item, the text its parts may come from: its label and its group's (「不予公开（行政执法案卷）」)."""
    groups = _group_labels()
    return tuple((_bare_label(i.label) + "\0" + groups.get(i.parent, "")).lower() for i in items)


def _parts(key: str) -> list[str]:
    return [p for p in re.split(_SEPARATORS, key.lower()) if p]


def resolve(text: str, items: tuple[Item, ...], what: str, option: str, aliases: dict[str, str] | None = None) -> str:
    """Return the code of the one item `text` names, or raise naming the closest candidates."""
    key = normalize(str(text))
    exact = _index(items)
    if key in exact:
        return exact[key]
    words = wordings(items)
    if aliases:
        words = words | {normalize(k): v for k, v in aliases.items()}
    if key in words:
        return words[key]
    number = _canonical_number(key)
    if number and number in exact:
        return exact[number]
    parts = _parts(re.sub(_NUMBER_PREFIX, "", key))  # 「（二）部分公开」: the label's own number need not match
    matches = [i for i, hay in zip(items, _haystacks(items)) if parts and all(p in hay for p in parts)]
    if len(matches) == 1:
        return matches[0].code
    kind = code_kind(items)
    more = f"；全部编码及可用写法：gkcli codes {kind.name}" if kind else ""
    if matches:
        listing = _listing(key, tuple(matches), words)
        extra = f" 等 {len(matches)} 项" if len(matches) > CANDIDATES else ""
        raise GkcliError(f"{what}「{text}」不明确，可能是：{listing}{extra}{more}", where=option, hint="请写得更完整，或使用编码。")
    raise GkcliError(f"未知的{what}「{text}」。最接近的：{_listing(key, items, words)}{more}", where=option)


CANDIDATES = 3  # how many a refusal names: the full list is `gkcli codes`'
_SEPARATORS = r"[()\[\]【】:;,.、/\\|\-—_·]+"  # after NFKC: full-width brackets and colons are ASCII
_SHOWN_LABEL = 20  # characters of a label a refusal shows


def _listing(key: str, pool: tuple[Item, ...], words: dict[str, str]) -> str:
    def shown(item: Item) -> str:
        label = re.sub(_DISPLAY_PREFIX, "", item.label)
        label = label if len(label) <= _SHOWN_LABEL else label[: _SHOWN_LABEL - 1] + "…"
        return f"{item.code}（{item.number + ' ' if item.number else ''}{label}）"

    return "、".join(shown(i) for i in closest(key, pool, words))


_DISPLAY_PREFIX = r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+\.)"


def closest(key: str, pool: tuple[Item, ...], words: dict[str, str], limit: int = CANDIDATES) -> list[Item]:
    """The `limit` items of `pool` nearest to `key` by its code, label or an accepted wording (spec order breaks ties)."""
    from difflib import SequenceMatcher

    key = key[:64].lower()  # a pasted paragraph is no code: its start ranks as well as the whole
    said: dict[str, list[str]] = {}
    for word, code in words.items():
        said.setdefault(code, []).append(word)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)  # the key is indexed once, each name compared against it
    typed = None if key.isascii() else set(key)

    def similarity(name: str) -> float:
        # for Chinese also the share of the typed characters the name holds: 「同意」 is nearer 「同意公开」 than a ratio says
        matcher.set_seq1(name)
        ratio = matcher.ratio()
        return ratio if typed is None else max(ratio, len(typed & set(name)) / len(typed) * 0.9)

    scores = [max(similarity(n.lower()) for n in (i.code, _bare_label(i.label), *said.get(i.code, ()))) for i in pool]
    order = sorted(range(len(pool)), key=lambda n: -scores[n])
    return [pool[n] for n in order[:limit]]


_ID = r"[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff_.\-]{0,63}"  # matched whole: `$` would let a final newline through


@lru_cache(maxsize=1)
def _id_pattern() -> re.Pattern[str]:
    return re.compile(_ID)  # on first use: an append checks one id, a bulk input a hundred thousand


@lru_cache(maxsize=1)
def _ids_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?:{_ID}\n)*")


def all_valid_ids(idents: list[str]) -> bool:
    """Whether every id of a ledger column is valid: one match over them all, joined by newlines
    (no valid id holds one: one more newline than ids means an id held one)."""
    if not idents:
        return True
    text = "\n".join(idents) + "\n"
    return text.count("\n") == len(idents) and _ids_pattern().fullmatch(text) is not None


def valid_id(ident: str, option: str) -> str:
    """A case or review id that is safe in a ledger, a file name and a shell."""
    if not _id_pattern().fullmatch(ident):
        raise GkcliError(f"编号「{ident}」不可用：只能含汉字、字母、数字和 - _ .，最长 64 个字符", where=option)
    return ident


_DATE_FORMS = (
    r"^(\d{4})-(\d{1,2})-(\d{1,2})$",
    r"^(\d{4})/(\d{1,2})/(\d{1,2})$",
    r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$",
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$",
)


def parse_date(text: object, option: str) -> date:
    """A real calendar date from `2024-05-10`, `2024/5/10` or `2024年5月10日`."""
    if isinstance(text, date) and not hasattr(text, "hour"):
        return _in_range(text, option)
    if type(text) is str and len(text) == 10 and text[4] == text[7] == "-" and text.isascii() and text.replace("-", "").isdigit():
        try:  # YYYY-MM-DD, what files and scripts give (a bulk input has thousands): the first form below
            return _in_range(date(int(text[:4]), int(text[5:7]), int(text[8:])), option)
        except ValueError:
            pass  # no such day: said below
    raw = normalize(str(text))
    for form in _DATE_FORMS:
        m = re.match(form, raw)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return _in_range(date(y, mo, d), option)
            except ValueError:
                raise GkcliError(f"日期「{text}」不存在（{y}年没有{mo}月{d}日）", where=option) from None
    raise GkcliError(f"无法识别的日期「{text}」", where=option, hint="请写成 YYYY-MM-DD，例如 2024-05-10。")


def _in_range(day: date, option: str) -> date:
    # the same years `report` accepts; far-off years are typing errors (and year 1 has no year before it)
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise GkcliError(f"日期「{day}」的年份不在 {YEARS[0]}–{YEARS[1]} 之间", where=option)
    return day


YEARS = (2000, 2999)


def parse_count(value: object, option: str) -> int:
    """A whole number ≥ 0."""
    if isinstance(value, bool):
        raise GkcliError(f"数量必须是非负整数，而不是「{value}」", where=option)
    if isinstance(value, int):
        number = value
    else:
        raw = normalize(str(value)).replace(",", "")
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise GkcliError(f"数量必须是非负整数，而不是「{value}」", where=option)
        if len(raw.lstrip("+-0")) > 18:  # beyond what a TOML integer holds: a slip of the keyboard
            raise GkcliError(f"数量过大（{len(raw.lstrip('+-0'))} 位数字）", where=option)
        number = int(raw)
    if number < 0:
        raise GkcliError(f"数量不能为负数（{number}）", where=option)
    return number


_MAX_AMOUNT_DIGITS = 15


def parse_amount(value: object, option: str) -> Decimal:
    """Money in 元 as an exact Decimal ≥ 0, at most to the 分."""
    from decimal import Decimal, InvalidOperation

    raw = normalize(str(value)).replace(",", "").removesuffix("元")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise GkcliError(f"金额必须是以元为单位的数字，而不是「{value}」", where=option) from None
    if not amount.is_finite():
        raise GkcliError(f"金额必须是以元为单位的数字，而不是「{value}」", where=option)
    if amount < 0:
        raise GkcliError(f"金额不能为负数（{value}）", where=option)
    if amount.adjusted() > _MAX_AMOUNT_DIGITS:  # beyond any real fee, and beyond Decimal's precision
        raise GkcliError(f"金额「{str(value)[:30]}…」过大", where=option)
    if amount != amount.quantize(Decimal("0.01")):
        raise GkcliError(f"金额「{value}」精确到分即可（最多两位小数）", where=option)
    return amount
