"""Which units a roll-up covers: book folders, published report files, folders of either, or a units file.

Nothing is read here but folder listings and the units file; each unit is read by `read.py`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import GkcliError
from ..ledger import layout

BOOK, REPORT = "book", "report"
SOURCE_LABELS = {BOOK: "账本", REPORT: "报告文件"}
KINDS = ("government", "department")
_KEYS = ("name", "book", "report", "kind", "previous")


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit to read: a book folder or a published report file."""

    name: str  # "" when it is to be taken from the book's configuration or the report's title
    source: str  # BOOK or REPORT
    path: str
    kind: str = ""  # government / department as the units file says ("" when not said)
    previous: str = ""  # last year's published report (reports only)


def is_book(path: Path) -> bool:
    return (path / layout.CONFIG_NAME).is_file()


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$"))


def from_arguments(arguments: list[str]) -> tuple[list[Unit], list[str]]:
    """The units the arguments name, and the subfolders of a named folder that were passed over
    (neither a book nor a file). A path that does not exist, or a folder with no unit, is bad input."""
    units: list[Unit] = []
    skipped: list[str] = []
    for arg in arguments:
        path = Path(arg)
        if not path.exists():
            raise GkcliError("文件或文件夹不存在", where=arg)
        if path.is_file():
            units.append(Unit("", REPORT, arg))
        elif is_book(path):
            units.append(Unit("", BOOK, arg))
        else:
            try:
                children = sorted(p for p in path.iterdir() if not _hidden(p))
            except OSError as exc:
                raise GkcliError(f"无法列出文件夹：{exc.strerror}", where=arg) from None
            found = [Unit("", BOOK if p.is_dir() else REPORT, str(p)) for p in children if p.is_file() or is_book(p)]
            skipped += [str(p) for p in children if p.is_dir() and not is_book(p)]
            if not found:
                raise GkcliError(
                    "文件夹中既没有账本（含 gkcli.toml 的子文件夹），也没有报告文件", where=arg,
                    hint="UNIT 可以是账本文件夹、已发布的年报文件，或存放多个账本、年报的文件夹（只看一层）。",
                )
            units += found
    return units, skipped


def _unit_lines(text: str) -> list[int]:
    """The line number of each `[[unit]]` header, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip().replace(" ", "").startswith("[[unit]]")]


def _key_line(text: str, start: int, key: str) -> int:
    """The line of `key = …` in the entry that starts at line `start` (the header's line if not found)."""
    lines = text.splitlines()
    for n in range(start, len(lines)):
        stripped = lines[n].strip()
        if stripped.startswith("["):
            break
        if stripped.split("=", 1)[0].strip() == key:
            return n + 1
    return start


def from_units_file(path: str) -> list[Unit]:
    """The units a units file lists (`[[unit]]` entries); any mistake is bad input naming file:line."""
    import tomllib

    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise GkcliError("单位清单文件不存在", where=path) from None
    except OSError as exc:
        raise GkcliError(f"无法读取单位清单文件：{exc.strerror}", where=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GkcliError("单位清单文件不是 UTF-8 编码的文本", where=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _error_line(str(exc))
        raise GkcliError(f"单位清单文件不是有效的 TOML：{exc}", where=f"{path}:{line}" if line else path) from None
    extra = sorted(set(data) - {"unit"})
    if extra:
        raise GkcliError(f"单位清单文件中只应有 [[unit]] 条目，不认识「{extra[0]}」", where=path, hint=_UNITS_HINT)
    entries = data.get("unit")
    if not isinstance(entries, list) or not entries:
        raise GkcliError("单位清单文件中没有 [[unit]] 条目", where=path, hint=_UNITS_HINT)
    starts = _unit_lines(text)
    base = Path(path).parent
    units, names = [], {}
    for i, entry in enumerate(entries):
        start = starts[i] if i < len(starts) else 0
        where = f"{path}:{start}" if start else path

        def at(key: str) -> str:
            return f"{path}:{_key_line(text, start, key)}" if start else path

        unknown = [k for k in entry if k not in _KEYS]
        if unknown:
            raise GkcliError(f"不认识的字段「{unknown[0]}」；可用：{'、'.join(_KEYS)}", where=at(unknown[0]), hint=_UNITS_HINT)
        for key in _KEYS:
            if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
                raise GkcliError(f"字段 {key} 应为非空文本", where=at(key))
        name = entry.get("name", "").strip()
        if not name:
            raise GkcliError("缺少单位名称 name", where=where, hint=_UNITS_HINT)
        if name in names:
            raise GkcliError(f"单位「{name}」重复（第一次在第 {names[name]} 行）", where=at("name"))
        names[name] = _key_line(text, start, "name") if start else 0
        if ("book" in entry) == ("report" in entry):
            raise GkcliError(f"单位「{name}」应写 book（账本文件夹）或 report（报告文件）二者之一", where=where, hint=_UNITS_HINT)
        kind = entry.get("kind", "")
        if kind and kind not in KINDS:
            raise GkcliError(f"机关类型应为 government 或 department，而不是「{kind}」", where=at("kind"))
        source = BOOK if "book" in entry else REPORT
        target = base / entry[source]
        if not target.exists():
            raise GkcliError(f"单位「{name}」的{SOURCE_LABELS[source]}「{entry[source]}」不存在", where=at(source))
        if source == BOOK and not is_book(target):
            raise GkcliError(f"单位「{name}」的 book 不是账本文件夹（其中没有 gkcli.toml）", where=at("book"))
        if source == REPORT and not target.is_file():
            raise GkcliError(f"单位「{name}」的 report 不是文件", where=at("report"))
        previous = ""
        if "previous" in entry:
            if source == BOOK:
                raise GkcliError("previous 只用于报告文件；账本的上年数字取自同一账本", where=at("previous"))
            if not (base / entry["previous"]).is_file():
                raise GkcliError(f"单位「{name}」的上年报告「{entry['previous']}」不存在", where=at("previous"))
            previous = str(base / entry["previous"])
        units.append(Unit(name, source, str(target), kind, previous))
    return units


_UNITS_HINT = '每个单位一段，例如：[[unit]] name = "某某镇" book = "某某镇" kind = "government"（见 docs/rollup.md）。'


def _error_line(message: str) -> int:
    import re

    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 0


def check_distinct(units: list[Unit]) -> None:
    """The same book or file twice would be summed twice: bad input."""
    seen: dict[str, str] = {}
    for unit in units:
        key = os.path.normcase(str(Path(unit.path).resolve()))
        if key in seen:
            raise GkcliError("同一个账本或文件出现了两次，会被重复汇总", where=unit.path, hint=f"与「{seen[key]}」相同。")
        seen[key] = unit.path
