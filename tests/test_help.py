"""Help as a clerk reads it: in Chinese throughout, with examples, required options marked, never cut;
`gkcli help`; mistyped commands and options answered with the closest names; `-q` silences every note."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import typer
from typer.testing import CliRunner

from gkcli import spec
from gkcli.cli.app import COMMANDS, app
from gkcli.cli.chinese import REQUIRED_MARK

runner = CliRunner()


def _tree() -> dict[tuple[str, ...], object]:
    """Every command path (hidden ones too) → its click command."""
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="gkcli")
    found: dict[tuple[str, ...], object] = {(): root}
    for name in COMMANDS:
        command = root.get_command(ctx, name)
        found[(name,)] = command
        if hasattr(command, "list_commands"):
            sub = typer.Context(command, parent=ctx, info_name=name)
            for child in command.list_commands(sub):
                found[(name, child)] = command.get_command(sub, child)
    return found


TREE = _tree()
PATHS = list(TREE)


def ids(path: tuple[str, ...]) -> str:
    return " ".join(path) or "gkcli"


def shown_help(path: tuple[str, ...], columns: int) -> str:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _items() -> set[str]:
    """Every code spec defines (outcomes, applicant types, table rows and columns, event kinds …)."""
    found = {k.name for k in spec.CODE_KINDS}
    for value in vars(spec).values():
        if isinstance(value, tuple):
            found |= {v.code for v in value if isinstance(v, spec.Item)}
            found |= {v for v in value if isinstance(v, str) and v.isascii()}
    return found


FORMATS = {"terminal", "table", "text", "md", "html", "docx", "json", "ndjson", "csv", "tsv"}
# Names no translation applies to: file formats and suffixes, programs, keys, the book's own files,
# the placeholders of an id's shape and of a count (YYYY-NNNN, R<年份>-NNNN, N 个工作日).
NAMES = {
    "gkcli", "GKCLI_BOOK", "git", "shell", "Tab", "TOML", "toml", "UTF", "GBK", "CSV", "JSON", "NDJSON", "HTML",
    "DOCX", "PDF", "Markdown", "Excel", "xlsx", "torn", "data", "YYYY", "NNNN", "R", "N",
}
CODES = _items() | {name for path in PATHS for name in path} | FORMATS | NAMES


# Names of arguments (YEAR, ID, FILE …): a command's summary in a list may name them too.
PARAMETERS = {w for c in TREE.values() for p in c.params for w in re.findall(r"[A-Za-z][\w-]*", f"{p.name} {p.metavar or ''}")}


def english_words(text: str) -> set[str]:
    """Latin words of a help text that are not codes, names of options or arguments, nor in its examples."""
    text = re.sub(r"示例：.*?(?=╭)", "", text, flags=re.S)  # examples run up to the first panel
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", "", text)  # option names
    known = CODES | PARAMETERS
    words = set(re.findall(r"[A-Za-z][\w-]*", text))
    return {
        w
        for w in words
        if w not in known
        and not all(part in known or part.isdigit() for part in w.split("-"))  # YYYY-NNNN, UTF-8
        and not re.fullmatch(r"[A-Z]+\d+", w)  # finding codes: L10, Y2
    }


@pytest.mark.parametrize("path", PATHS, ids=ids)
def test_every_help_is_chinese_with_examples(path):
    text = shown_help(path, 200)
    assert "用法：gkcli" in text and "示例：" in text
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message", "[OPTIONS]", "COMMAND [ARGS]", "<str>", "<path>"):
        assert english not in text
    assert english_words(text) == set()


def test_completion_options_are_explained_in_chinese():
    text = shown_help((), 200)
    assert "--install-completion" in text and "为当前使用的 shell 安装命令补全" in text
    assert "--show-completion" in text and "显示当前 shell 的命令补全脚本" in text
    assert "Install completion" not in text and "Show completion" not in text


@pytest.mark.parametrize("path", PATHS, ids=ids)
def test_help_is_folded_not_cut_at_80_columns(path):
    text = shown_help(path, 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "…" not in text


def _required(command) -> list:
    marked = getattr(command.callback, REQUIRED_MARK, ())
    return [p for p in command.params if p.required or any(o in marked for o in p.opts)]


@pytest.mark.parametrize("path", [p for p in PATHS if _required(TREE[p])], ids=ids)
def test_required_options_and_arguments_are_marked(path):
    text = shown_help(path, 200)
    for param in _required(TREE[path]):
        name = next((o for o in param.opts if o.startswith("--")), param.metavar or param.name)
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if re.search(rf"│ \*\s+{re.escape(name)}(?![\w-])", line))
        end = next(i for i in range(start + 1, len(lines) + 1) if i == len(lines) or not re.match(r"│\s{12,}\S", lines[i]))
        row = "".join(lines[start:end])  # the row with the lines its help is folded onto
        assert "[必填]" in row, row


def test_bulk_appends_mark_what_a_single_record_needs():
    for path, options in ((("case", "add"), ("--received", "--applicant")), (("event", "add"), ("--date",)), (("review", "add"), ("--kind", "--filed"))):
        text = shown_help(path, 200)
        for option in options:
            assert re.search(rf"│ \*\s+{option} .*\[必填\]", text), (path, option)
        assert "此时不写标为必填的选项" in text


@pytest.mark.parametrize("path", [(), ("report",), ("case",), ("case", "add"), ("narrative", "init")], ids=ids)
def test_gkcli_help_shows_the_same_as_dash_h(path):
    result = runner.invoke(app, ["help", *path])
    assert result.exit_code == 0
    assert result.stdout == runner.invoke(app, [*path, "-h"]).stdout


def test_gkcli_help_of_an_unknown_command_names_the_closest():
    result = runner.invoke(app, ["help", "case", "ad"])
    assert result.exit_code == 2
    assert "没有命令「case ad」。您是不是要输入：add" in result.stderr


@pytest.mark.parametrize(
    "args, wanted",
    [
        (["reprot", "2024"], "没有命令「reprot」。您是不是要输入：report"),
        (["chek"], "您是不是要输入：check"),
        (["case", "ad", "--received", "2024-05-10"], "没有命令「ad」。您是不是要输入：add"),
        (["report", "2024", "--frmat", "md"], "没有选项 --frmat。您是不是要输入：--format"),
        (["case", "add", "--recieved", "2024-05-10"], "您是不是要输入：--received"),
    ],
)
def test_a_mistyped_command_or_option_gets_the_closest_names(gk, args, wanted):
    result = gk(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert wanted in result.stderr
    assert "用法：gkcli" in result.stderr and "Usage" not in result.stderr and "Traceback" not in result.stderr


def test_a_word_nothing_resembles_gets_no_guess(gk):
    result = gk("qqqqqq")
    assert result.exit_code == 2 and "没有命令「qqqqqq」" in result.stderr and "您是不是" not in result.stderr


REGISTER = "申请时间,申请人类型,申请内容\n2024-03-05,个人,道路规划\n"
MAPPING = '[columns]\n"申请时间" = "received"\n"申请人类型" = "applicant"\n"申请内容" = "subject"\n'
NDJSON = '{"received": "2024-07-01", "applicant": "natural_person"}\n'


def _steps(tmp):
    """(arguments, input, whether it has notes to silence): every command once, in an order that works."""
    return [
        (["init", str(tmp / "新账本"), "--agency", "某县某镇人民政府"], None, True),
        (["case", "add", "--received", "2024-05-10", "--applicant", "个人", "--channel", "online"], None, True),
        (["case", "add", "--received", "2024-05-13", "--applicant", "business"], None, True),
        (["case", "add", "-"], NDJSON, True),
        (["case", "correction-requested", "2024-0002", "--date", "2024-05-14", "--period", "20"], None, True),
        (["case", "correction-received", "2024-0002", "--date", "2024-05-20"], None, True),
        (["case", "extend", "2024-0002", "--date", "2024-06-05", "--days", "10", "--approver", "王主任"], None, True),
        (["case", "consult", "2024-0002", "--date", "2024-06-06", "--party", "third_party"], None, True),
        (["case", "consult-end", "2024-0002", "--date", "2024-06-10"], None, True),
        (["case", "fee-notice", "2024-0002", "--date", "2024-06-11", "--amount", "100"], None, True),
        (["case", "fee-paid", "2024-0002", "--date", "2024-06-12"], None, True),
        (["case", "answer", "2024-0001", "--date", "2024-05-28", "--outcome", "granted"], None, True),
        (["case", "withdraw", "2024-0003", "--date", "2024-07-02"], None, True),
        (["case", "list"], None, True),
        (["case", "show", "2024-0001", "--today", "2024-12-31"], None, False),
        (["event", "add", "penalty", "--date", "2024-06-03"], None, True),
        (["review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001"], None, True),
        (["review", "decide", "R2024-0001", "--date", "2024-10-20", "--result", "upheld"], None, True),
        (["due", "--today", "2024-12-31"], None, True),
        (["check", "2024", "--today", "2024-12-31"], None, False),
        (["report", "2024", "--format", "md"], None, True),
        (["report", "2024", "-o", str(tmp / "{book}.html")], None, True),
        (["narrative", "init", "2024"], None, True),
        (["narrative", "fields", "2024"], None, False),
        (["explain", "2024", "new"], None, True),
        (["fee", "--applications", "35"], None, False),
        (["codes", "outcome"], None, True),
        (["audit", str(tmp / "{book}.html")], None, False),
        (["import", str(tmp / "台账.csv"), "--suggest"], None, False),
        (["import", str(tmp / "台账.csv"), "--map", str(tmp / "映射.toml"), "--dry-run"], None, True),
        (["repair", "--yes"], None, True),
        (["help", "case"], None, False),
    ]


def test_quiet_silences_every_note_and_keeps_the_data(tmp_path):
    """The same steps on two books, one with -q: its stderr stays empty, its stdout is the other's."""
    (tmp_path / "台账.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "映射.toml").write_text(MAPPING, encoding="utf-8")
    books = {}
    for name in ("安静", "提示"):
        books[name] = tmp_path / name
        assert runner.invoke(app, ["init", str(books[name]), "--agency", "某县某镇人民政府"]).exit_code == 0
    for args, stdin, has_notes in _steps(tmp_path):
        seen = {}
        for name, root in books.items():
            (root.parent / "新账本").exists() and shutil.rmtree(root.parent / "新账本")
            quiet = ["-q"] if name == "安静" else []
            argv = [a.replace("{book}", name) for a in args]
            seen[name] = runner.invoke(app, [*quiet, "--book", str(root), *argv], input=stdin)
            assert seen[name].exit_code in (0, 1), (argv, seen[name].output)  # due: 1 when overdue
        assert seen["安静"].exit_code == seen["提示"].exit_code, args
        assert seen["安静"].stderr == "", (args, seen["安静"].stderr)
        assert seen["安静"].stdout == seen["提示"].stdout.replace("提示", "安静"), args
        assert bool(seen["提示"].stderr) == has_notes, (args, seen["提示"].stderr)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_quiet_git_setup(gk):
    subprocess.run(["git", "init", "-q"], cwd=gk.root, check=True)
    assert gk("git-setup").stderr != ""
    result = gk("-q", "git-setup")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


def test_quiet_init_prints_nothing(tmp_path):
    result = runner.invoke(app, ["-q", "init", str(tmp_path / "账本"), "--agency", "某县某镇人民政府"])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert (tmp_path / "账本" / "gkcli.toml").exists()
