"""The `gkcli` command: global options, command groups, and the one place errors become exit codes."""

from __future__ import annotations

import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import GkcliError
from . import usage


GROUPS = ("case", "event", "review")


class GkcliGroup(TyperGroup):
    """Turns bad input anywhere below into a Chinese message on stderr and exit code 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from typer import Abort
        from typer._click import exceptions

        argv = list(sys.argv[1:] if args is None else args)
        if not argv or "-h" in argv or "--help" in argv or (len(argv) == 1 and argv[0] in GROUPS):
            usage.use_chinese_help_titles()
        try:
            result = super().main(argv, "gkcli", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except exceptions.NoArgsIsHelpError:  # the help text is already printed
            code = 0
        except exceptions.UsageError as exc:
            usage.print_usage_error(exc)
            code = 2
        except Abort:
            print("已取消。", file=sys.stderr)
            code = 1
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


app = typer.Typer(
    cls=GkcliGroup,
    help="gkcli：政府信息公开工作台账与年度报告工具（国办公开办函〔2021〕30号格式）。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        print(f"gkcli {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    book: Optional[str] = typer.Option(None, "--book", "-b", help="账本目录（默认：GKCLI_BOOK，或向上查找 gkcli.toml，或 ./data）", metavar="PATH"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不输出提示信息（只输出数据）"),
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本号"),
) -> None:
    """政府信息公开工作台账与年度报告。"""


def _register() -> None:
    from . import book_cmd, case, check, event, repair, report, review

    book_cmd.register(app)
    app.add_typer(case.app, name="case", help="政府信息公开申请案件：登记、答复、查询")
    app.add_typer(event.app, name="event", help="主动公开事项：规章、规范性文件、处理决定、收费、信息发布")
    app.add_typer(review.app, name="review", help="行政复议、行政诉讼案件")
    report.register(app)
    check.register(app)
    repair.register(app)


_register()


def run() -> None:
    app()
