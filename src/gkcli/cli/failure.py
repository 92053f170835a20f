"""What a command that fails outside its own checks shows, and its exit code.

Bad input (`GkcliError`) and what the operating system refused (an `OSError`: no permission,
a read-only or full disk) are the user's to fix: one Chinese line naming the path, exit 2.
Anything else is a defect of gkcli: a short message, exit 70 (EX_SOFTWARE of sysexits.h, so
scripts can tell it from 0/1/2), and the traceback only when GKCLI_DEBUG=1 asks for it.
"""

from __future__ import annotations

import errno
import os
import shlex
import sys
import traceback

from ..errors import GkcliError, os_error
from ..safe_text import message as shown

DEFECT = 70
DEBUG_VAR = "GKCLI_DEBUG"
STDOUT = "标准输出"
_WRITING = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def exit_code(exc: Exception, argv: list[str]) -> int:
    """Tell the user what went wrong (stderr) and return the exit code for `exc`."""
    if isinstance(exc, GkcliError):
        return report(exc)
    if isinstance(exc, OSError):
        if exc.errno == errno.EPIPE:  # the reader went away (`| head`): nothing to tell, as click does
            _silence_stdout()
            return 1
        _debug(exc)
        return report(os_error(exc, _culprit(exc)))
    _debug(exc)
    rerun = shlex.join(["gkcli", *argv])
    print(shown(f"错误：gkcli 内部错误（{type(exc).__name__}）：这是 gkcli 的缺陷，不是您的输入或账本有误。"), file=sys.stderr)
    print(shown(f"提示：运行 {DEBUG_VAR}=1 {rerun} 可查看详细信息，请连同它报告给 gkcli 的维护者。"), file=sys.stderr)
    return DEFECT


def report(exc: GkcliError) -> int:
    print(f"错误：{exc}", file=sys.stderr)
    for finding in exc.findings:
        print(f"  {finding}", file=sys.stderr)
    return exc.exit_code


def _culprit(exc: OSError) -> object:
    """The path an error names. gkcli's own writes name theirs; one naming none that only a write
    can meet (a full disk) comes from writing standard output, the one file written without a name."""
    if exc.filename is not None or exc.errno not in _WRITING:
        return None
    _silence_stdout()
    return STDOUT


def _silence_stdout() -> None:
    """What standard output could not take is dropped: Python would try it again at exit, and fail loudly."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a file descriptor (a test's capture)
        pass


def _debug(exc: BaseException) -> None:
    if os.environ.get(DEBUG_VAR, "") not in ("", "0"):
        traceback.print_exception(exc, file=sys.stderr)
