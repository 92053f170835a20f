"""`report -f docx` without -o: the bytes go to a file or pipe the shell opened; on a terminal the
refusal says why and how to write a file, before any work, leaving nothing behind."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest
from conftest import SAMPLE_BOOK
from docx import Document as Docx

from gkcli import spec

TITLE = spec.title("蓟州区东二营镇人民政府", 2024)


def _gkcli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GKCLI_BOOK"}
    return subprocess.run([sys.executable, "-m", "gkcli", "--book", str(SAMPLE_BOOK), *args], env=env, timeout=120, **kwargs)


def _title(data: bytes) -> str:
    return Docx(io.BytesIO(data)).paragraphs[0].text


@pytest.mark.parametrize("args", [["-f", "docx"], ["-f", "docx", "-o", "-"]])
def test_docx_goes_to_stdout_when_it_is_not_a_terminal(sample, args):
    result = sample("report", "2024", *args)
    assert result.exit_code == 0, result.stderr
    assert _title(result.stdout_bytes) == TITLE


def test_docx_redirected_to_a_file_is_the_whole_report(tmp_path):
    out = tmp_path / "x.docx"
    with out.open("wb") as stdout:  # `gkcli report 2024 -f docx > x.docx`
        result = _gkcli("report", "2024", "-f", "docx", stdout=stdout, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _title(out.read_bytes()) == TITLE
    piped = _gkcli("report", "2024", "-f", "docx", capture_output=True)  # `… | other-program`
    assert piped.returncode == 0 and _title(piped.stdout) == TITLE


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("args", "where"), [(["-f", "docx"], "--format"), (["-f", "docx", "-o", "-"], "-o")])
def test_docx_on_a_terminal_is_refused_with_the_reason_and_the_way_out(tmp_path, args, where):
    controller, terminal = pty.openpty()
    try:
        result = _gkcli("report", "2024", *args, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=terminal, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(terminal)
    os.set_blocking(controller, False)
    try:
        shown = os.read(controller, 4096)
    except OSError:  # nothing was written to the terminal
        shown = b""
    finally:
        os.close(controller)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"错误：{where}: DOCX 是二进制文件，显示在终端上只是乱码")
    assert "-o 年报2024.docx" in result.stderr and "> 年报2024.docx" in result.stderr
    assert "管道" not in result.stderr and "Traceback" not in result.stderr
    assert shown == b"" and list(tmp_path.iterdir()) == []
