"""Rendering many articles on several cores: forked worker processes, no shared state.

Each worker is a forked child that inherits the press room (nothing is pickled on
the way in), renders its share and sends the results back through its own pipe.
Nothing is stored in a module global, so two threads, or two press rooms in one
process, can render at the same time without seeing each other's work.

A fork copies the locks other threads hold (Babel's locale cache, a cache's lock)
as they are at that moment, and a child that needs one would wait for ever. So
work is forked only when no other thread of the program is running (the render
time limit's own daemon thread excepted), and a worker that does not answer within
its deadline is killed and its share rendered here instead.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import TypeVar, cast

T = TypeVar("T")
PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
MAX_WORKERS = 4


def usable_cores() -> int:
    """The cores this process may run on (CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _other_threads() -> bool:
    """Whether another thread (not the render time limit's) is running now."""
    current = threading.current_thread()
    return any(
        t is not current and t.is_alive() and t.name != "pressgen-watchdog"
        for t in threading.enumerate()
    )


def _run_share(work: Callable[[str], T], keys: list[str], out: Connection) -> None:
    try:
        out.send(("ok", [(key, work(key)) for key in keys]))
    except BaseException:  # reported to the parent, which raises it
        out.send(("error", traceback.format_exc()))
    finally:
        out.close()


def map_keys(
    work: Callable[[str], T],
    keys: list[str],
    workers: int | None = None,
    *,
    deadline_s: float = 600.0,
) -> list[tuple[str, T]]:
    """``[(key, work(key))]`` in the order of ``keys``; in forked workers when worth it.

    ``deadline_s`` bounds the wait for the workers; past it they are killed and what
    they had not answered is rendered in this process.
    """
    count = workers if workers is not None else min(usable_cores(), MAX_WORKERS)
    if (
        count < 2
        or len(keys) < PARALLEL_MIN
        or "fork" not in mp.get_all_start_methods()
        or _other_threads()
    ):
        return [(key, work(key)) for key in keys]
    context = mp.get_context("fork")
    shares = [keys[n::count] for n in range(count)]
    running = []
    for share in shares:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_run_share, args=(work, share, sender), daemon=True)
        process.start()
        sender.close()
        running.append((process, receiver))
    done: dict[str, T] = {}
    waiting = {receiver: process for process, receiver in running}
    until = time.monotonic() + deadline_s
    try:
        while waiting:
            ready = wait(list(waiting), timeout=max(0.0, until - time.monotonic()))
            if not ready:
                break  # past the deadline: the rest is rendered here
            for answer in ready:
                connection = cast(Connection, answer)
                process = waiting.pop(connection)
                try:
                    status, payload = connection.recv()
                except EOFError:
                    raise RuntimeError(
                        f"a render worker stopped without an answer (exit code {process.exitcode})"
                    ) from None
                if status != "ok":
                    raise RuntimeError(f"a render worker failed:\n{payload}")
                done.update(payload)
    finally:
        for process, receiver in running:
            receiver.close()
            process.join(timeout=0 if waiting else 5)
            if process.is_alive():
                process.kill()
                process.join()
    return [(key, done[key] if key in done else work(key)) for key in keys]
