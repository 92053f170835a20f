"""Run gkcli and kill it (SIGKILL) at one chosen step of its file writing: a power cut, placed exactly.

usage: python crashpoint.py STEP MODE gkcli-arguments...

Every call of os.write, os.fsync, os.replace, os.rename, os.unlink and os.ftruncate is a step,
counted from 1. MODE `before` kills the process as step STEP is about to run, `after` right
after it ran, `half` (writes only) after the first half of its bytes went out. A command that
finishes before reaching STEP exits with its own code; the number of steps it took is written
to the file named by CRASHPOINT_STEPS, so a test knows when it has tried every step.
"""

from __future__ import annotations

import os
import signal
import sys

STEP, MODE = int(sys.argv[1]), sys.argv[2]
_count = 0
_MAIN = os.getpid()  # a forked helper process (beside.py) is not the writer: its steps do not count


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _wrap(name: str):
    real = getattr(os, name)

    def step(*args, **kwargs):
        global _count
        if os.getpid() != _MAIN:
            return real(*args, **kwargs)
        _count += 1
        if _count == STEP:
            if MODE == "before":
                _kill()
            if MODE == "half" and name == "write":
                fd, data = args
                real(fd, bytes(data)[: max(1, len(data) // 2)])
                _kill()
        try:
            return real(*args, **kwargs)
        finally:  # also after a step that failed (unlinking a file that is not there)
            if _count == STEP and MODE in ("after", "half"):
                _kill()

    setattr(os, name, step)


def main() -> None:
    from gkcli.cli.app import app

    for name in ("write", "fsync", "replace", "rename", "unlink", "ftruncate"):
        _wrap(name)
    try:
        code = app(sys.argv[3:], standalone_mode=False, prog_name="gkcli")
    except SystemExit as exc:
        code = exc.code
    with open(os.environ["CRASHPOINT_STEPS"], "w") as f:
        f.write(str(_count))
    sys.stdout.flush()
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
