"""A value worked out in a forked child: the same value, and nothing left behind whatever happens."""

from __future__ import annotations

import os
import signal
import time

import pytest

from gkcli import beside

pytestmark = pytest.mark.skipif(not beside.AVAILABLE, reason="no fork here: computed in this process")


def _children() -> list[int]:
    """Children of this process, zombies included."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.append(int(entry))
    return found


def test_the_value_comes_from_the_child():
    parent = os.getpid()
    with beside.Beside(lambda: (os.getpid(), list(range(100_000)))) as child:
        pid, value = child.result()
    assert pid != parent and value == list(range(100_000))
    assert not _children()


def test_an_interrupt_while_waiting_stops_the_child_and_is_not_replaced():
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(KeyboardInterrupt), beside.Beside(lambda: time.sleep(30)) as child:
            child.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not _children()


def test_a_failure_of_the_parents_own_work_stops_the_child():
    with pytest.raises(ZeroDivisionError), beside.Beside(lambda: time.sleep(30)):
        1 / 0  # noqa: B018
    assert not _children()


def test_children_reaped_by_the_system_are_no_trouble():
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        with beside.Beside(lambda: "done") as child:
            assert child.result() == "done"
        with pytest.raises(ZeroDivisionError), beside.Beside(lambda: time.sleep(30)):
            1 / 0  # noqa: B018
    finally:
        signal.signal(signal.SIGCHLD, previous)
