"""Rendering many articles on several cores: forked worker processes, no shared state.

Each worker is a forked child that inherits the press room (nothing is pickled on
the way in), renders its share and sends the results back through its own pipe.
Nothing is stored in a module global, so two threads, or two press rooms in one
process, can render at the same time without seeing each other's work.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
MAX_WORKERS = 4


def usable_cores() -> int:
    """The cores this process may run on (CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _run_share(work: Callable[[str], T], keys: list[str], out: Connection) -> None:
    try:
        out.send(("ok", [(key, work(key)) for key in keys]))
    except BaseException:  # reported to the parent, which raises it
        out.send(("error", traceback.format_exc()))
    finally:
        out.close()


def map_keys(
    work: Callable[[str], T], keys: list[str], workers: int | None = None
) -> list[tuple[str, T]]:
    """``[(key, work(key))]`` in the order of ``keys``; in forked workers when worth it."""
    count = workers if workers is not None else min(usable_cores(), MAX_WORKERS)
    if count < 2 or len(keys) < PARALLEL_MIN or "fork" not in mp.get_all_start_methods():
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
    try:
        for process, receiver in running:
            try:
                status, payload = receiver.recv()
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
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
    return [(key, done[key]) for key in keys]
