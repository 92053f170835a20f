"""One computation worked out beside the main one, on the other core of the machine.

`read_book` reads part of a large book in a forked child while the parent reads the rest
(ledger/parallel.py); the child sends its records back as columns through a pipe, pickled
as a stream, so neither process holds a second copy of them all. It is forked before
the parent has made its records, so the two processes share little memory that either
writes to (after a fork, the first write to a shared page copies it). The child leaves
with `os._exit`: it flushes no buffer of the parent's and runs no exit handler.

Where there is no `fork` (Windows) or forking is unsafe (macOS, a process with other
threads), on a single core, or when the child fails for any reason, the value is computed
in the parent: the result is the same either way, only slower.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

def _cores() -> int:
    """The cores this process may run on (a container may be given fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


AVAILABLE = hasattr(os, "fork") and sys.platform != "darwin" and _cores() > 1 and os.environ.get("GKCLI_PARALLEL", "1") != "0"


def _one_thread() -> bool:
    """A process with other threads is not forked: a lock one of them holds would stay held in the child."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


class Beside(Generic[T]):
    """`compute()`, started in a child process; `result()` is its value. Use as a context
    manager: a child whose value is not taken (the parent's own work failed) is stopped."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute = compute
        self._pid = 0
        self._pipe = -1
        if AVAILABLE and _one_thread():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no room for another process: computed in the parent
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: whatever happens, it ends here
            try:
                os.close(read)
                value = self._compute()
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(value, pipe, pickle.HIGHEST_PROTOCOL)  # streamed: no copy of it all in memory
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._pipe = pid, read

    def result(self) -> T:
        if not self._pid:
            return self._compute()
        pipe, self._pipe = self._pipe, -1  # closed by the reading, whatever happens
        try:
            with os.fdopen(pipe, "rb") as reading:
                value = pickle.load(reading)
        except Exception:  # noqa: BLE001 - the child failed, or was killed, before sending it all
            self._reap()
            return self._compute()
        self._reap()
        return value

    def _reap(self) -> None:
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:  # SIGCHLD is ignored: the system has reaped it already
            pass
        self._pid = 0

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self._pid:  # its value was not taken (the parent's own work failed or was interrupted)
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()
