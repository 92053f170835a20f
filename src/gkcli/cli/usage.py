"""Chinese wording for the command-line parser's own messages (usage errors, help titles)."""

from __future__ import annotations

import re
import sys

# Patterns stay strings (compiled on first use): they are needed only when something went wrong.
_TRANSLATIONS = (
    (r"^Missing option '([^']+)'.*", "缺少必填选项 {0}"),
    (r"^Missing argument '([^']+)'.*", "缺少参数 {0}"),
    (r"^No such option: (\S+)(?:\s+Did you mean (\S+)\?)?", "没有选项 {0}"),
    (r"^No such command '([^']+)'.*", "没有命令「{0}」"),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "多余的参数：{0}"),
    (r"^Option '([^']+)' requires an argument.*", "选项 {0} 需要一个值"),
    (r"^Option '([^']+)' does not take a value.*", "选项 {0} 不需要值"),
    (r"^Invalid value for (.+?): (.*)", "参数 {0} 的值无效：{1}"),
)


def translate(message: str) -> str:
    for pattern, template in _TRANSLATIONS:
        m = re.match(pattern, message, re.S)
        if m:
            return template.format(*(g or "" for g in m.groups()))
    return message


def print_usage_error(exc) -> None:
    """A click UsageError as a Chinese message with the usage line and where to get help."""
    ctx = exc.ctx
    from ..safe_text import message

    print(f"错误：{message(translate(exc.format_message()))}", file=sys.stderr)  # an echoed argument: cut, controls visible
    if ctx is not None:
        print(ctx.get_usage().replace("Usage: ", "用法："), file=sys.stderr)
        print(f"运行「{ctx.command_path} -h」查看帮助。", file=sys.stderr)


def use_chinese_help_titles() -> None:
    """Only called when help is shown: importing the help formatter costs start-up time."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
    rich_utils.OPTIONS_PANEL_TITLE = "选项"
    rich_utils.COMMANDS_PANEL_TITLE = "命令"
    rich_utils.REQUIRED_LONG_STRING = "[必填]"
    rich_utils.DEFAULT_STRING = "[默认：{}]"
    rich_utils.ENVVAR_STRING = "[环境变量：{}]"
