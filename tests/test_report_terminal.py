"""The report and the listings in a terminal: readable at 80 columns, merged headers over their
columns, ids, dates and numbers never split. Plain text (a pipe, COLUMNS set) runs in process;
the interactive terminal runs gkcli in a pseudo-terminal of a given size."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import unicodedata

import pytest
from conftest import SAMPLE_BOOK

from gkcli import spec


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def in_terminal(columns: int, *args: str) -> str:
    """gkcli's output on an interactive terminal `columns` wide (colours stripped)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")} | {"TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "gkcli", "--book", str(SAMPLE_BOOK), *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closes when gkcli ends
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert process.wait(timeout=60) == 0, out.decode(errors="replace")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode()).replace("\r\n", "\n")


def table_two(text: str) -> list[str]:
    start = text.index(spec.IDENTITY_NOTE[:10])
    return text[start : text.index(spec.SECTIONS[3].label, start)].rstrip().splitlines()


def label_lines(lines: list[str]) -> dict[str, int]:
    """How many lines each row label of table 2 takes: its first line, and the lines after it
    that carry no numbers (its continuation)."""
    out = {}
    data = [i for i, line in enumerate(lines) if line.startswith("─" * 10)][-1] + 1
    rows = [line.strip() for line in lines[data:]]
    for item in spec.APPLICATION_ROWS:
        for i, line in enumerate(rows):
            label = re.sub(r"(\s+\d+){7}$", "", line)
            n = 1
            while label != item.label and i + n < len(rows) and not re.search(r"\d+$", rows[i + n]) and item.label.startswith(label):
                label += rows[i + n]
                n += 1
            if label == item.label and re.search(r"(\s+\d+){7}$", line):
                out[item.label] = n
                break
    return out


def check_table_two(lines: list[str], columns: int) -> None:
    assert max(map(width, lines)) <= columns
    taken = label_lines(lines)
    assert set(taken) == {r.label for r in spec.APPLICATION_ROWS}  # every row, its 7 numbers on its first line
    assert max(taken.values()) <= 2, taken
    # 申请人情况 over the seven columns, 法人或其他组织 over the five organisations, each underlined across them
    header = lines[: [i for i, line in enumerate(lines) if line.startswith("─" * 10)][-1]]
    columns_line = next(line for line in header if "总计" in line and "自然人" in line)
    org_rule = next(line for line, above in zip(header[1:], header) if "法人或其他组织" in above)
    org_start, org_end = at(org_rule, "─"), width(org_rule.rstrip()) - 1
    assert at(columns_line, "自然人") < org_start and at(columns_line, "总计") > org_end
    for label in ("商业", "科研", "社会", "法律", "其他"):
        assert org_start <= at(columns_line, label) <= org_end, label
    all_rule = next(line for line, above in zip(header[1:], header) if "申请人情况" in above)
    assert at(all_rule, "─") <= at(columns_line, "自然人") and width(all_rule.rstrip()) >= at(columns_line, "总计") + 4


def at(line: str, text: str) -> int:
    """The terminal column where `text` starts in `line`."""
    return width(line[: line.index(text)])


def test_plain_report_at_80_columns(sample, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = sample.ok("report", "2024")
    check_table_two(table_two(text), 80)
    review = text[text.index(spec.SECTIONS[3].label) : text.index(spec.SECTIONS[4].label)].strip().splitlines()
    assert max(map(width, review)) <= 80
    assert all(len(line.strip()) > 1 for line in review if line.strip())  # no header one character a line


def test_plain_report_without_a_width_keeps_every_label_on_one_line(sample, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    lines = table_two(sample.ok("report", "2024"))
    assert set(label_lines(lines).values()) == {1}
    assert any("社会公益组织" in line and "法律服务机构" in line for line in lines)  # headers whole


@pytest.mark.parametrize("columns", [80, 120])
def test_report_in_a_terminal(columns):
    text = in_terminal(columns, "report", "2024")
    check_table_two(table_two(text), columns)


@pytest.mark.parametrize("columns", [60, 80, 200])
@pytest.mark.parametrize("command", [["case", "list"], ["due", "--today", "2024-05-12"]])
def test_listings_never_split_ids_or_dates(command, columns):
    text = in_terminal(columns, *command)
    assert max(map(width, text.splitlines())) <= columns
    for value in ("2024-0001", "2024-05-10"):
        assert value in text, (columns, text)
