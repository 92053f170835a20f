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
