"""`gkcli help [COMMAND…]`: the help of a command, as `gkcli COMMAND… -h` shows it."""

from __future__ import annotations

from typing import Optional

import typer


def help_command(
    ctx: typer.Context,
    names: Optional[list[str]] = typer.Argument(None, metavar="[命令]...", help="命令名，如 report 或 case add；不写则显示 gkcli 的帮助"),
) -> None:
    """显示命令的帮助，与「gkcli 命令 -h」相同。

    示例：gkcli help
          gkcli help report
          gkcli help case add
    """
    from typer._click import Context
    from typer._click.exceptions import UsageError

    from .usage import unknown_command

    here = ctx.find_root()
    for name in names or []:
        group = here.command
        found = group.get_command(here, name) if hasattr(group, "list_commands") else None
        if found is None:
            names_here = group.list_commands(here) if hasattr(group, "list_commands") else []
            raise UsageError(unknown_command(name, names_here, " ".join(here.command_path.split()[1:])), ctx)
        here = Context(found, info_name=name, parent=here)
    print(here.get_help())


app = typer.Typer(add_completion=False)
app.command("help")(help_command)
