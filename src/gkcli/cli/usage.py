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


def closest(word: str, names: list[str], most: int = 3) -> list[str]:
    """Up to `most` of `names` nearest to a mistyped `word`: similar spellings first, then those it begins."""
    from difflib import get_close_matches

    similar = get_close_matches(word, names, n=most, cutoff=0.6)
    begun = [n for n in names if word and n.startswith(word)]
    return list(dict.fromkeys(similar + begun))[:most]


def did_you_mean(word: str, names: list[str]) -> str:
    found = closest(word, names)
    return f"。您是不是要输入：{'、'.join(found)}" if found else ""


def unknown_command(name: str, names: list[str], path: str = "") -> str:
    """`name` mistyped among `names` (the commands of the group `path` names, if not gkcli itself)."""
    return f"没有命令「{(path + ' ' + name).strip()}」{did_you_mean(name, names)}"


def unknown_option(exc) -> str:
    """A click NoSuchOption, with the options of the command it was given to."""
    names: list[str] = []
    if exc.ctx is not None:
        for param in exc.ctx.command.get_params(exc.ctx):
            if not getattr(param, "hidden", False):
                names += [o for o in (*param.opts, *param.secondary_opts) if o.startswith("-")]
    return f"没有选项 {exc.option_name}{did_you_mean(exc.option_name, names)}"


def print_usage_error(exc) -> None:
    """A click UsageError as a Chinese message with the usage line and where to get help."""
    from typer._click.exceptions import NoSuchOption

    ctx = exc.ctx
    from ..safe_text import message

    text = unknown_option(exc) if isinstance(exc, NoSuchOption) else translate(exc.format_message())
    print(f"错误：{message(text)}", file=sys.stderr)  # an echoed argument: cut, controls visible
    if ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
        print(f"运行「{ctx.command_path} -h」查看帮助。", file=sys.stderr)


def use_chinese_help_titles() -> None:
    """Only called when help is shown: importing the help formatter costs start-up time."""
    from .chinese import use_chinese_renderer

    use_chinese_renderer()
