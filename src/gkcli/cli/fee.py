"""`gkcli fee`: the 信息处理费 of one application, with its arithmetic (国办函〔2020〕109号)."""

from __future__ import annotations

import json
from typing import Optional

import typer

from .. import coerce
from ..errors import GkcliError
from .common import choose

MAX_UNITS = 1_000_000


def fee(
    applications: Optional[str] = typer.Option(None, "--applications", help="按件计收：本次计费的申请件数"),
    earlier: str = typer.Option("0", "--earlier", help="按件计收：同一申请人本自然月此前已申请的件数"),
    pages: Optional[str] = typer.Option(None, "--pages", help="按量计收：一件申请提供的页数"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text json"),
) -> None:
    """计算信息处理费（按件计收或按量计收，超额累进），并列出算式。

    示例：gkcli fee --applications 35
          gkcli fee --applications 1 --earlier 30
          gkcli fee --pages 250
    """
    from ..clock import fee_amounts as fees

    choose(fmt, ("text", "json"), "--format")
    if (applications is None) == (pages is None):
        raise GkcliError("请给出 --applications（按件计收）或 --pages（按量计收）之一", where="--applications/--pages")
    if pages is not None:
        count, method, before = _units(pages, "--pages"), "per_page", 0
        lines, unit = fees.per_page(count), "页"
    else:
        count, method, before = _units(applications, "--applications"), "per_application", _units(earlier, "--earlier", 0)
        lines, unit = fees.per_application(count, before), "件"
    total = fees.total(lines)
    if fmt == "json":
        data = {"method": method, "units": count, "earlier": before, "total": total}
        data["lines"] = [{"first": x.first, "last": x.last, "count": x.count, "rate": x.rate, "amount": x.amount} for x in lines]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for x in lines:
        span = f"第 {x.first} {unit}" if x.first == x.last else f"第 {x.first}–{x.last} {unit}"
        print(f"{span}：{x.count} × {x.rate} 元 = {x.amount} 元" if x.rate else f"{span}：免费")
    print(f"合计：{' + '.join(str(x.amount) for x in lines if x.rate) or '0'} = {total} 元")


def _units(text: str, option: str, least: int = 1) -> int:
    number = coerce.parse_count(text, option)
    if not least <= number <= MAX_UNITS:
        raise GkcliError(f"数量应在 {least} 到 {MAX_UNITS} 之间，而不是 {number}", where=option)
    return number


app = typer.Typer(add_completion=False)
app.command("fee")(fee)
