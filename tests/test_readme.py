"""README.md says what the commands really are: the two quick-start commands, every command's output row,
commands that exist, the exit codes gkcli uses."""

from __future__ import annotations

import re
import shlex

from conftest import REPO

from gkcli.cli.app import COMMANDS, HIDDEN
from gkcli.cli.failure import DEFECT

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str) -> list[list[str]]:
    return [block.strip().splitlines() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def test_quick_start_is_two_commands_run_from_the_checkout():
    install, tests = _blocks(_section("快速开始"))
    assert len(install) == 1 and install[0].endswith(".venv/bin/gkcli report 2024")
    assert len(tests) == 1 and tests[0].endswith(".venv/bin/python -m pytest")
    # .ci/run runs the command in the first block after this line, in a fresh clone
    assert re.search(r"运行全部测试：\n\n```sh\n" + re.escape(tests[0]) + "\n", README)
    assert "/运行全部测试/" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_a_row_saying_what_it_prints():
    first_cells = [line.split(" | ")[0] for line in _section("各命令输出什么").splitlines() if line.startswith("| `")]
    named = {word for cell in first_cells for word in re.findall(r"`([a-z-]+)", cell)}
    assert {name for name in COMMANDS if name not in HIDDEN} <= named


def test_everyday_examples_name_commands_that_exist():
    (lines,) = _blocks(_section("日常使用"))
    for line in lines:
        for part in re.split(r"\s(?:\||&&)\s", line.split("  #")[0]):
            words = shlex.split(part)
            if words[0] != "gkcli":
                continue
            words = words[1:]
            while words[0].startswith("-"):  # global options before the command: -q, --book PATH
                words = words[1:] if words[0] in ("-q", "--quiet") else words[2:]
            assert words[0] in COMMANDS, line


def test_exit_codes_include_the_defect_code():
    codes = re.findall(r"^\| (\d+) \|", _section("退出码"), flags=re.M)
    assert codes == ["0", "1", "2", str(DEFECT)]
