"""The `gkcli` command: global options, the command table, and the one place errors become exit codes.

Command modules are imported only when their command runs (or help lists them): a
clerk's `gkcli case add` should not pay for building `report`, `check` and the rest.
"""

from __future__ import annotations

import sys
from copy import copy
from importlib import import_module
from typing import Optional

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import GkcliError
from . import usage
from .chinese import ChineseGroup, command_from, single_command

# command name -> module in this package that defines it as `app` (a typer.Typer), or "module:name"
# for a module that defines several commands
COMMANDS: dict[str, str] = {
    "init": "book_cmd",
    "case": "case",
    "event": "event",
    "review": "review",
    "report": "report",
    "check": "check",
    "due": "due",
    "narrative": "narrative",
    "fee": "fee",
    "audit": "audit",
    "rollup": "rollup_cmd",
    "import": "import_cmd",
    "export": "export_cmd",
    "load": "export_cmd:load_app",
    "explain": "explain",
    "close": "close_cmd",
    "notice": "notice_cmd",
    "reopen": "reopen_cmd",
    "codes": "codes",
    "repair": "repair",
    "git-setup": "git_cmd",
    "help": "help_cmd",
    "merge-ledger": "git_merge",
}
HIDDEN = {"merge-ledger"}  # called by git, not by people
GROUPS = {"case", "event", "review", "narrative", "notice"}  # commands with subcommands


def hoist_quiet(argv: list[str]) -> list[str]:
    """`-q/--quiet` is accepted after the subcommand too (`gkcli case list -q`): move it to the front."""
    end = argv.index("--") if "--" in argv else len(argv)
    quiet = [a for a in argv[:end] if a in ("-q", "--quiet")]
    return quiet[:1] + [a for a in argv[:end] if a not in ("-q", "--quiet")] + argv[end:]


class GkcliGroup(ChineseGroup, TyperGroup):
    """Loads commands on demand; turns bad input anywhere below into a Chinese message and exit 2."""

    def list_commands(self, ctx) -> list[str]:
        return [name for name in COMMANDS if name not in HIDDEN]

    def get_command(self, ctx, name: str):
        if name not in COMMANDS:
            return None
        module_name, _, attr = COMMANDS[name].partition(":")
        source = getattr(import_module(f"{__package__}.{module_name}"), attr or "app")
        command = lazy_group(source) if name in GROUPS else single_command(source)
        command.name = name
        return command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from typer import Abort
        from typer._click import exceptions

        argv = hoist_quiet(list(sys.argv[1:] if args is None else args))
        if not argv or "-h" in argv or "--help" in argv or (len(argv) == 1 and argv[0] in COMMANDS):
            usage.use_chinese_help_titles()
        try:
            result = super().main(argv, "gkcli", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
            sys.stdout.flush()  # a full disk under buffered output is reported here, not at interpreter exit
        except exceptions.NoArgsIsHelpError:  # the help text is already printed
            code = 0
        except exceptions.UsageError as exc:
            usage.print_usage_error(exc)
            code = 2
        except Abort:
            print("已取消。", file=sys.stderr)
            code = 1
        except Exception as exc:  # noqa: BLE001 - the one edge: what the system refused (2), or a defect (70)
            from .failure import exit_code

            code = exit_code(exc, argv)
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GkcliError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            for finding in exc.findings:
                print(f"  {finding}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None


class LazyGroup(ChineseGroup, TyperGroup):
    """A command group (case, event …) whose subcommands are built from their typer definitions
    only when one is used or listed: `case add` does not pay for building `case list` and the rest."""

    source: typer.Typer

    def list_commands(self, ctx) -> list[str]:
        return [c.name for c in self.source.registered_commands]

    def get_command(self, ctx, name: str):
        if name not in self.commands:
            info = next((c for c in self.source.registered_commands if c.name == name), None)
            if info is None:
                return None
            self.commands[name] = command_from(info, self.source)
        return self.commands[name]


def lazy_group(source: typer.Typer) -> LazyGroup:
    """The group of `source` (help, options) without its subcommands, which `LazyGroup` adds on use."""
    shell = copy(source)
    shell.registered_commands = []
    shell.info = copy(source.info)
    shell.info.cls = source.group_class() if hasattr(source, "group_class") else LazyGroup
    group = typer.main.get_group(shell)
    group.source = source
    return group


app = typer.Typer(
    cls=GkcliGroup,
    help=(
        "gkcli：政府信息公开工作台账与年度报告工具（国办公开办函〔2021〕30号格式）。\n\n"
        "示例：gkcli init ./东二营镇 --agency 蓟州区东二营镇人民政府\n"
        "      gkcli case add --received 2024-05-10 --applicant 个人 --channel online\n"
        "      gkcli report 2024\n"
        "      gkcli help case add"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        print(f"gkcli {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    book: Optional[str] = typer.Option(None, "--book", "-b", help="账本目录（默认：GKCLI_BOOK，或向上查找 gkcli.toml，或 ./data）", metavar="目录"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不输出提示信息（只输出数据）"),
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本号"),
) -> None:
    """政府信息公开工作台账与年度报告。"""


def run() -> None:
    app()
