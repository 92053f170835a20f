"""Helpers every command module shares: the book in use, output streams, formats."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from .. import coerce
from ..errors import GkcliError
from ..safe_text import message as shown


def book_root(ctx: typer.Context) -> Path:
    """The book in use, with any batch a crash left unfinished rolled back before it is read."""
    from ..book import locate
    from ..ledger import journal

    root = locate(ctx.find_root().params.get("book"))
    if journal.pending(root):
        from ..ledger.write import recover_if_pending

        recover_if_pending(root)
    return root


def book_in_use(ctx: typer.Context) -> Path | None:
    """The book, if there is one: for commands that need none but must not write into it."""
    try:
        return book_root(ctx)
    except GkcliError:
        return None


def quiet(ctx: typer.Context) -> bool:
    return bool(ctx.find_root().params.get("quiet"))


def say(ctx: typer.Context, message: str) -> None:
    """A message for the person at the terminal (stderr), unless -q."""
    if not quiet(ctx):
        print(shown(message), file=sys.stderr)


def choose(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise GkcliError(f"不支持的格式「{value}」；可选：{'、'.join(allowed)}", where=option)
    return value


def required(value: str | None, option: str) -> str:
    """An option that is required unless the command reads records in bulk (`-`)."""
    if value is None:
        raise GkcliError(f"缺少必填选项 {option}", where=option)
    return value


def output_format(fmt: str | None, output: str | None, formats: tuple[str, ...], suffixes: dict[str, str]) -> str:
    """--format, else the -o file's extension, else terminal; one of `formats`."""
    if fmt:
        chosen, where = fmt.lower(), "--format"
    elif output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix not in suffixes:
            raise GkcliError(f"无法从扩展名「{suffix or '（无）'}」判断输出格式", where="-o", hint=f"请用 --format 指定：{'、'.join(formats)}。")
        chosen, where = suffixes[suffix], "-o"
    else:
        return "terminal"
    if chosen not in formats:
        raise GkcliError(f"不支持的格式「{chosen}」；可选：{'、'.join(formats)}", where=where)
    return chosen


def parse_year(text: str, option: str = "YEAR") -> int:
    raw = coerce.normalize(text).removesuffix("年")
    if not raw.isdigit() or not 2000 <= int(raw) <= 2999:
        raise GkcliError(f"年份应为四位数字（如 2024），而不是「{text}」", where=option)
    return int(raw)


def parse_today(text: str | None) -> date:
    """`--today`: the day to compute deadlines as of (default: the real date), for reproducible output."""
    return coerce.parse_date(text, "--today") if text else date.today()


TODAY_HELP = "以该日期为“今天”计算期限（默认：当天），便于复现结果"


# Options of every command that appends records (the guard rails of `gkcli.guard`).
def today_option():
    return typer.Option(None, "--today", metavar="日期", help="以该日期为“今天”（默认：当天）：晚于今天的日期会被拒绝")


def reopen_option():
    return typer.Option(None, "--reopen", metavar="原因", help="有意更改已定稿年度的数字时写明原因：同时登记重新打开该年度")


def duplicate_ok_option():
    return typer.Option(False, "--duplicate-ok", help="与账本中已有的记录相似，但确实是另一件：照常登记")


def entry_of(today: str | None, reopen: str | None = None, duplicate_ok: bool = False, move_year: bool = False):
    """The guard rails' settings from a command's options (`gkcli.guard.Entry`)."""
    from ..guard import Entry

    reason = (reopen or "").strip()
    if reopen is not None and not reason:
        raise GkcliError("--reopen 应写明更改已定稿年度的原因", where="--reopen")
    return Entry(parse_today(today), reason, duplicate_ok, move_year)


def write_output(text: str | bytes, target: str | None, book: Path | None = None) -> None:
    """To stdout, or to the file `-o` names: never one a book is made of (`book` is the one in use;
    any book around the file counts too), replaced atomically."""
    if target in (None, "-"):
        sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))
        return
    from .outpath import check_target, replace

    path = check_target(target, book)
    replace(path, text.encode("utf-8") if isinstance(text, str) else text)
