"""Shell completion callbacks (typer `autocompletion=`): cheap, never an error, never a full parse."""

from __future__ import annotations

import typer

from .. import spec


def _root(ctx: typer.Context):
    from ..book import locate

    try:
        return locate(ctx.find_root().params.get("book"))
    except Exception:  # completion must never fail loudly
        return None


def case_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..ledger.lookup import all_ids

    root = _root(ctx)
    return all_ids(root, "case", incomplete) if root else []


def review_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..ledger.lookup import all_ids

    root = _root(ctx)
    return all_ids(root, "review", incomplete) if root else []


def outcomes(incomplete: str) -> list[tuple[str, str]]:
    """Outcome codes with their official labels as the description."""
    return [(i.code, i.label) for i in spec.OUTCOMES if i.code.startswith(incomplete)]


def applicants(incomplete: str) -> list[tuple[str, str]]:
    return [(i.code, i.label) for i in spec.APPLICANT_TYPES if i.code.startswith(incomplete)]


def install_completion(ctx: typer.Context, param, value) -> None:
    """`gkcli --install-completion`, saying in Chinese where the completion script went."""
    if not value or ctx.resilient_parsing:
        return
    from typer.completion import install

    shell, path = install()
    print(f"已为 {shell} 安装命令补全：{path}；重新打开终端后生效。")
    raise typer.Exit()
