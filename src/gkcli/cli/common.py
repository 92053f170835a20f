"""Helpers every command module shares: the book in use, output streams, formats."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import typer

from .. import coerce
from ..errors import GkcliError


def book_root(ctx: typer.Context) -> Path:
    from ..book import locate

    return locate(ctx.find_root().params.get("book"))


def quiet(ctx: typer.Context) -> bool:
    return bool(ctx.find_root().params.get("quiet"))


def say(ctx: typer.Context, message: str) -> None:
    """A message for the person at the terminal (stderr), unless -q."""
    if not quiet(ctx):
        print(message, file=sys.stderr)


def choose(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise GkcliError(f"不支持的格式「{value}」；可选：{'、'.join(allowed)}", where=option)
    return value


def required(value: str | None, option: str) -> str:
    """An option that is required unless the command reads records in bulk (`-`)."""
    if value is None:
        raise GkcliError(f"缺少必填选项 {option}", where=option)
    return value


def parse_year(text: str, option: str = "YEAR") -> int:
    raw = coerce.normalize(text).removesuffix("年")
    if not raw.isdigit() or not 2000 <= int(raw) <= 2999:
        raise GkcliError(f"年份应为四位数字（如 2024），而不是「{text}」", where=option)
    return int(raw)


def parse_today(text: str | None) -> date:
    """`--today`: the day to compute deadlines as of (default: the real date), for reproducible output."""
    return coerce.parse_date(text, "--today") if text else date.today()


TODAY_HELP = "以该日期为“今天”计算期限（默认：当天），便于复现结果"


def write_output(text: str | bytes, target: str | None) -> None:
    """To stdout, or to a file replaced atomically (written aside, then renamed over)."""
    if target in (None, "-"):
        sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise GkcliError(f"输出目录 {path.parent} 不存在", where="-o")
    data = text.encode("utf-8") if isinstance(text, str) else text
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
