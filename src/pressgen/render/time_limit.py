"""A time limit for renders that works in any thread.

Signals only reach the main thread, and a CMS renders in worker threads. A single
daemon thread keeps the deadlines of running renders; when one passes, it raises
:class:`RenderTimeout` inside the rendering thread (``PyThreadState_SetAsyncExc``),
which interrupts a runaway template loop at its next bytecode. Registering a
render costs one lock and one heap push.

It cannot interrupt C code, so it only guards trusted renders (placeholder bodies
through pressgen's own templates), which cannot loop. Renders that run untrusted
code happen in a limited worker process instead, where ``SIGALRM`` does the same
job and the parent's ``SIGKILL`` is the guarantee (:mod:`pressgen.build.workers`).
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class RenderTimeout(Exception):
    """A render ran past its time limit."""


class _Token:
    __slots__ = ("done", "fired", "thread_id")

    def __init__(self, thread_id: int):
        self.thread_id, self.done, self.fired = thread_id, False, False


class Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int, _Token]] = []
        self._counter = itertools.count()
        self._thread: threading.Thread | None = None

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="pressgen-watchdog", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        with self._lock:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._lock.wait()
                    continue
                deadline, _, token = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._lock.wait(delay)
                    continue
                heapq.heappop(self._heap)
                token.done = token.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(token.thread_id), ctypes.py_object(RenderTimeout)
                )

    @contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        """Raise :class:`RenderTimeout` in this thread if the block runs past ``seconds``."""
        token = _Token(threading.get_ident())
        with self._lock:
            self._start()
            heapq.heappush(self._heap, (time.monotonic() + seconds, next(self._counter), token))
            self._lock.notify()
        try:
            yield
        finally:
            with self._lock:
                token.done = True
                if token.fired:  # clear an exception that has not been raised yet
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(token.thread_id), None
                    )


WATCHDOG = Watchdog()
