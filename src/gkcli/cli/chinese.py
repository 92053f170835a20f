"""Help in Chinese: the command classes every gkcli command is built with.

The parser's own words (usage line, help option, completion options, panel titles) are
set through the hooks click and typer offer for them: command attributes and methods,
parameter attributes and typer's `rich_utils` constants. Nothing here runs at start-up
beyond class definitions; the help renderer (rich) is imported only when help is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy

import typer
from typer._click.types import ParamType
from typer.core import TyperArgument, TyperCommand, TyperOption

OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
USAGE_PREFIX = "用法："
HELP_OPTION_HELP = "显示本帮助并退出"

# Parameters click and typer add themselves, by name.
PARAM_HELP = {
    "install_completion": "为当前使用的 shell 安装命令补全（按 Tab 补全命令、选项、案件编号和编码）",
    "show_completion": "显示当前 shell 的命令补全脚本，可复制后自行安装",
}

# What an option's value is, shown after its name (`--date 日期`), instead of the value's type.
METAVARS = {
    "--book": "目录", "--agency": "名称", "--kind": "类型", "--applicant": "类型", "--channel": "渠道",
    "--received": "日期", "--confirmed": "日期", "--date": "日期", "--filed": "日期", "--today": "日期",
    "--subject": "文字", "--title": "文字", "--id": "编号", "--case": "编号", "--name": "姓名", "--approver": "姓名",
    "--id-number": "号码", "--phone": "号码", "--address": "地址", "--reason": "原因", "--format": "格式", "--input-format": "格式", "--outcome": "结果",
    "--result": "结果", "--year": "年度", "--period": "工作日", "--days": "工作日", "--within": "工作日",
    "--party": "对象", "--amount": "金额", "--method": "方式", "--count": "件数", "--applications": "件数",
    "--earlier": "件数", "--pages": "页数", "--category": "类别", "--output": "文件", "--previous": "文件",
    "--map": "文件", "--sheet": "工作表",
}
DEFAULT_METAVAR = "值"

REQUIRED_MARK = "__gkcli_required__"


def required_unless_bulk(*options: str) -> Callable:
    """Mark options as required in help although the command also runs without them (`add -` reads
    records in bulk): click cannot require them, the command checks them itself."""

    def mark(function: Callable) -> Callable:
        setattr(function, REQUIRED_MARK, options)
        return function

    return mark


class _Untyped(ParamType):
    """An argument's value type, shown without its English type name (`<str>`): the argument's
    own name (YEAR, ID …) and help say what it is."""

    def __init__(self, inner: ParamType):
        self.inner = inner
        self.name = inner.name

    def get_metavar(self, param, ctx) -> str:
        return ""

    def convert(self, value, param, ctx):
        return self.inner.convert(value, param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        return self.inner.shell_complete(ctx, param, incomplete)


class ChineseHelp:
    """Mixed into every gkcli command and group (before the typer class)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR
        if getattr(self, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR
        self._localised = False

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def get_params(self, ctx):
        if not self._localised:  # parameters typer adds after building the command are here by now
            self._localised = True
            for param in self.params:
                _localise(param)
        return super().get_params(ctx)

    def format_help(self, ctx, formatter) -> None:
        use_chinese_renderer()
        marked = getattr(self.callback, REQUIRED_MARK, ())
        shown = [p for p in self.params if not p.required and any(o in marked for o in p.opts)]
        for param in shown:  # for the help only: the command itself checks them
            param.required = True
        try:
            super().format_help(ctx, formatter)
        finally:
            for param in shown:
                param.required = False


def _localise(param) -> None:
    if param.name in PARAM_HELP:
        param.help = PARAM_HELP[param.name]
        if param.name == "install_completion":
            from .complete import install_completion

            param.callback = install_completion
    if isinstance(param, TyperArgument):
        if not isinstance(param.type, _Untyped) and param.type.get_metavar(param=param, ctx=None) is None:
            param.type = _Untyped(param.type)
    elif isinstance(param, TyperOption) and param.metavar is None and not param.is_flag:
        long = next((o for o in param.opts if o.startswith("--")), "")
        param.metavar = METAVARS.get(long, DEFAULT_METAVAR)


class GkcliCommand(ChineseHelp, TyperCommand):
    """A gkcli command (not a group)."""


def command_from(info, source: typer.Typer) -> TyperCommand:
    """The click command of one of `source`'s command definitions, built with `GkcliCommand`."""
    built = copy(info)
    if info.cls in (None, TyperCommand):  # typer's default: a command may still bring its own class
        built.cls = GkcliCommand
    return typer.main.get_command_from_info(built, pretty_exceptions_short=source.pretty_exceptions_short, rich_markup_mode=source.rich_markup_mode)


def single_command(source: typer.Typer) -> TyperCommand:
    """The one command a module's typer app defines (`report`, `check` …)."""
    (info,) = source.registered_commands
    return command_from(info, source)


_renderer_ready = False


def use_chinese_renderer() -> None:
    """Chinese titles and notes in typer's help renderer, and help text folded rather than cut
    with 「…」: rich breaks lines only at spaces, and a Chinese sentence has none."""
    global _renderer_ready
    if _renderer_ready:
        return
    _renderer_ready = True
    from typer import rich_utils

    class Folding(rich_utils.OptionHighlighter):
        highlights = [h for h in rich_utils.OptionHighlighter.highlights if "usage" not in h] + [rf"(?P<usage>{USAGE_PREFIX})"]

        def highlight(self, text) -> None:
            super().highlight(text)
            text.overflow = "fold"

    rich_utils.highlighter = Folding()
    rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
    rich_utils.OPTIONS_PANEL_TITLE = "选项"
    rich_utils.COMMANDS_PANEL_TITLE = "命令"
    rich_utils.ERRORS_PANEL_TITLE = "错误"
    rich_utils.REQUIRED_LONG_STRING = "[必填]"
    rich_utils.DEFAULT_STRING = "[默认：{}]"
    rich_utils.ENVVAR_STRING = "[环境变量：{}]"
    rich_utils.DEPRECATED_STRING = "（已停用）"
    rich_utils.ABORTED_TEXT = "已取消。"
    rich_utils.RICH_HELP = "运行「{command_path} {help_option}」查看帮助。"


class ChineseGroup(ChineseHelp):
    """Mixed into gkcli's command groups: a mistyped command gets the closest names."""

    def resolve_command(self, ctx, args):
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError:
            if args[0].startswith("-"):  # an unknown option, with its own message
                raise
            from .usage import unknown_command

            raise UsageError(unknown_command(args[0], self.list_commands(ctx)), ctx) from None
