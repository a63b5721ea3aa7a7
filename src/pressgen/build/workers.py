"""Rendering in worker processes: forked, no shared state, and — for code nobody here
wrote — under limits that the rendering code cannot bypass.

Two ways, one mechanism (fork, a pipe per worker, results sent back as they come):

:func:`map_keys` renders many trusted articles on several cores. Each worker is a
forked child that inherits the press room (nothing is pickled on the way in),
renders its share and sends the results back. A fork copies the locks other threads
hold as they are at that moment, so work is forked only when no other thread runs
(the render time limit's daemon thread excepted); a worker that does not answer
within its deadline is killed and its share rendered here instead.

:func:`map_limited` runs untrusted work — project templates, archetypes, opted-in
Jinja bodies — always in children, each under :class:`Limits`: ``RLIMIT_AS``
(memory, set in the child), a soft time limit (``SIGALRM`` in the child: the render
stops at a template line and reports it) and a hard one that the *parent* enforces
with ``SIGKILL``, which holds even when the child is stuck in C code (``9**9**9``,
``'a'.center(10**9)``). A child that overruns is killed and replaced; the key it
was working on gets ``overrun(key, Overrun)`` — a located finding — and the rest of
its share goes on in the replacement. A child reports where it is (``note``: the
file and line it entered) so that the finding of a killed render names the file.
These children are forked even when other threads run: a lock copied in a held
state can only make a child wait, and the parent's deadline ends that wait.

:class:`RenderHost` is a long-lived single-threaded process that forks one limited
child per request, for the HTTP service: its event loop only sends and receives.
Nothing is stored in a module global: two threads, or two press rooms in one
process, can render at the same time without seeing each other's work.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import itertools
import multiprocessing as mp
import multiprocessing.util as mp_util
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Literal, TypeVar, cast

from ..render.time_limit import RenderTimeout

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


# ------------------------------------------------------------------ limited work

RENDER_MEMORY_MB = 512  # above the worker's size when forked: a page needs a few MB
Note = Callable[[Any], None]
LimitedWork = Callable[[str, Note], T]


@dataclass(frozen=True)
class Limits:
    """What one key's work may use in a limited child."""

    seconds: float  # soft: SIGALRM in the child (the render reports the template line)
    memory_mb: int = RENDER_MEMORY_MB  # RLIMIT_AS headroom over the child at fork
    nice: int = 0  # lower the child's priority (a service keeps answering others)

    @property
    def hard_seconds(self) -> float:
        """When the parent kills the child: the soft limit plus a grace for cleaning up."""
        return self.seconds + max(1.0, self.seconds / 2)


@dataclass(frozen=True)
class Overrun:
    """Why a limited child was stopped on a key, and where it last said it was."""

    kind: Literal["time", "memory", "crash"]
    limits: Limits
    where: Any = None  # the last note of the child for this key
    status: int | None = None  # the child's exit code (negative: the signal)


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _apply_limits(limits: Limits) -> None:
    """In the child: cap the address space; no core dumps."""
    size = _address_space()
    if size is not None:
        cap = size + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.nice:
        os.nice(limits.nice)


def _alarm(signum: int, frame: Any) -> None:
    raise RenderTimeout


OUT_OF_MEMORY_EXIT = 3  # a child that could not even report its MemoryError


def _limited_child(
    work: LimitedWork[T],
    keys: list[str],
    limits: Limits,
    out: Connection,
    close: Iterable[Connection],
) -> None:
    """A limited child: each key in turn, under the limits; every step reported."""
    gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
    for inherited in close:  # the parent's other ends (a RenderHost's request pipe)
        inherited.close()
    with open(os.devnull, "wb") as null:  # C code that fails (Rust's alloc abort) talks
        os.dup2(null.fileno(), 2)  # to stderr; what matters comes through the pipe
    try:
        _apply_limits(limits)
        signal.signal(signal.SIGALRM, _alarm)

        def note(where: Any) -> None:
            out.send(("note", where))

        for key in keys:
            out.send(("start", key))
            outcome: tuple[Any, ...]
            signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            try:
                outcome = ("done", key, work(key, note))
            except RenderTimeout:  # outside the render's own handler (a rule, say)
                outcome = ("overrun", key, "time")
            except MemoryError:
                outcome = ("overrun", key, "memory")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            out.send(outcome)
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)
    except BaseException:  # reported to the parent, which raises it
        out.send(("error", traceback.format_exc()))
    finally:
        out.close()


@dataclass
class _Child(Generic[T]):
    process: Any
    conn: Connection
    keys: list[str]  # not finished yet, the current one first
    started: float  # when the current key started
    where: Any = None


@dataclass
class _Supervisor(Generic[T]):
    """Forks limited children and watches them; :meth:`step` collects what they finished."""

    work: LimitedWork[T]
    limits: Limits
    overrun: Callable[[str, Overrun], T]
    close_in_child: tuple[Connection, ...] = ()
    children: list[_Child[T]] = field(default_factory=list)

    def start(self, keys: list[str]) -> None:
        if not keys:
            return
        context = mp.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_limited_child,
            args=(self.work, keys, self.limits, sender, self.close_in_child),
            daemon=True,
        )
        process.start()
        sender.close()
        self.children.append(_Child(process, receiver, list(keys), time.monotonic()))

    @property
    def busy(self) -> bool:
        return bool(self.children)

    def _next_deadline(self) -> float | None:
        if not self.children:
            return None
        return min(c.started for c in self.children) + self.limits.hard_seconds

    def step(
        self, others: Iterable[Connection] = (), timeout: float | None = None
    ) -> tuple[list[tuple[str, T]], list[Connection]]:
        """Wait for a message, a deadline or one of ``others``: (finished, ready others)."""
        done: list[tuple[str, T]] = []
        deadline = self._next_deadline()
        until = None if deadline is None else max(0.0, deadline - time.monotonic())
        if timeout is not None:
            until = timeout if until is None else min(until, timeout)
        by_conn = {c.conn: c for c in self.children}
        ready = wait([*by_conn, *others], timeout=until)
        others_ready = [cast(Connection, r) for r in ready if r not in by_conn]
        for answer in ready:
            child = by_conn.get(cast(Connection, answer))
            if child is not None:
                self._receive(child, done)
        now = time.monotonic()
        for child in list(self.children):
            if child.keys and now - child.started > self.limits.hard_seconds:
                child.process.kill()
                self._replace(child, done, "time")
        return done, others_ready

    def _receive(self, child: _Child[T], done: list[tuple[str, T]]) -> None:
        while True:
            try:
                message = child.conn.recv()
            except (EOFError, OSError):
                child.process.join()
                code = child.process.exitcode
                # SIGKILL from the kernel, or an abort of C code whose allocation failed
                # under RLIMIT_AS (Rust's allocator aborts): out of memory.
                out_of_memory = (OUT_OF_MEMORY_EXIT, -signal.SIGKILL, -signal.SIGABRT)
                kind: Literal["memory", "crash"] = "memory" if code in out_of_memory else "crash"
                self._replace(child, done, kind)
                return
            if message[0] == "start":
                child.started, child.where = time.monotonic(), None
            elif message[0] == "note":
                child.where = message[1]
            elif message[0] == "done":
                done.append((message[1], message[2]))
                child.keys.pop(0)
            elif message[0] == "overrun":
                key = child.keys.pop(0)
                done.append((key, self.overrun(key, Overrun(message[2], self.limits, child.where))))
            elif message[0] == "error":
                self.close()
                raise RuntimeError(f"a render worker failed:\n{message[1]}")
            if not child.keys:
                self._retire(child)
                return
            if not child.conn.poll():
                return

    def _replace(self, child: _Child[T], done: list[tuple[str, T]], kind: Any) -> None:
        """A child died or was killed: its key is an overrun, the rest go to a new child."""
        self._retire(child)
        if child.keys:
            key, rest = child.keys[0], child.keys[1:]
            status = child.process.exitcode
            done.append((key, self.overrun(key, Overrun(kind, self.limits, child.where, status))))
            self.start(rest)

    def _retire(self, child: _Child[T]) -> None:
        if child in self.children:
            self.children.remove(child)
        child.conn.close()
        child.process.join(timeout=5)
        if child.process.is_alive():
            child.process.kill()
            child.process.join()

    def close(self) -> None:
        for child in list(self.children):
            child.process.kill()
            self._retire(child)


def map_limited(
    work: LimitedWork[T],
    keys: list[str],
    limits: Limits,
    overrun: Callable[[str, Overrun], T],
    workers: int | None = None,
) -> list[tuple[str, T]]:
    """``[(key, work(key, note))]`` in the order of ``keys``, each in a limited child.

    A key whose work overruns the limits (or whose child dies) gets
    ``overrun(key, Overrun)`` instead, and the other keys still get their work done.
    """
    if not keys:
        return []
    count = max(1, min(workers or min(usable_cores(), MAX_WORKERS), len(keys)))
    supervisor: _Supervisor[T] = _Supervisor(work, limits, overrun)
    results: dict[str, T] = {}
    try:
        for n in range(count):
            supervisor.start(keys[n::count])
        while supervisor.busy:
            finished, _ = supervisor.step()
            results.update(finished)
    finally:
        supervisor.close()
    return [(key, results[key]) for key in keys]


@dataclass
class _Link(Generic[T]):
    """What the service side of a RenderHost shares with its reader thread."""

    requests: Connection
    lock: threading.Lock = field(default_factory=threading.Lock)
    futures: dict[int, concurrent.futures.Future[T]] = field(default_factory=dict)
    ids: Iterator[int] = field(default_factory=itertools.count)
    open: bool = True


class RenderHost(Generic[T]):
    """A helper process that forks one limited child per request (the HTTP service).

    Forked once, when it is made; from then on it is single-threaded, so its own forks
    are safe whatever threads the service runs. :meth:`submit` is thread-safe and
    returns a future, resolved by a reader thread. ``work(payload, note)`` runs in a
    limited child; an overrun resolves to ``overrun(payload, Overrun)``. At most
    ``concurrency`` children run at once; more requests wait in the host. The host
    stops with :meth:`close`, when this object is collected, or at exit.
    """

    def __init__(
        self,
        work: Callable[[Any, Note], T],
        limits: Limits,
        overrun: Callable[[Any, Overrun], T],
        concurrency: int = MAX_WORKERS,
    ):
        context = mp.get_context("fork")
        requests_out, requests_in = context.Pipe(duplex=False)
        answers_out, answers_in = context.Pipe(duplex=False)
        process = context.Process(
            target=_host,
            args=(work, limits, overrun, concurrency, requests_out, answers_in, requests_in),
            daemon=False,  # it forks children of its own
            name="pressgen-render-host",
        )
        process.start()
        requests_out.close()
        answers_in.close()
        self._link: _Link[T] = _Link(requests_in)
        reader = threading.Thread(
            target=_read_answers,
            args=(answers_out, self._link),
            name="pressgen-render-host-reader",
            daemon=True,
        )
        reader.start()
        self._process = process
        self._stop = mp_util.Finalize(
            self, _stop_host, args=(self._link, process, reader), exitpriority=10
        )

    def submit(self, payload: Any) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        link = self._link
        with link.lock:
            if not link.open or not self._process.is_alive():
                future.set_exception(RuntimeError("the render host has stopped"))
                return future
            ident = next(link.ids)
            link.futures[ident] = future
            link.requests.send((ident, payload))
        return future

    @property
    def alive(self) -> bool:
        return self._link.open and self._process.is_alive()

    def close(self) -> None:
        self._stop()


def _read_answers(answers: Connection, link: _Link[T]) -> None:
    """The service side's reader thread: each answer resolves its request's future."""
    while True:
        try:
            ident, outcome, value = answers.recv()
        except (EOFError, OSError):
            break
        with link.lock:
            future = link.futures.pop(ident, None)
        if future is None:
            continue
        if outcome == "ok":
            future.set_result(value)
        else:
            future.set_exception(RuntimeError(value))
    answers.close()
    with link.lock:
        link.open = False
        waiting, link.futures = link.futures, {}
    for future in waiting.values():
        future.set_exception(RuntimeError("the render host has stopped"))


def _stop_host(link: _Link[Any], process: Any, reader: threading.Thread) -> None:
    with link.lock:
        link.open = False
        # Said, not just closed: a process forked since holds the pipe's end too, so
        # the host might not see the end of its input.
        with contextlib.suppress(OSError):
            link.requests.send(None)
        link.requests.close()
    process.join(timeout=10)
    if process.is_alive():
        process.kill()
        process.join()
    reader.join(timeout=10)


def _host(
    work: Callable[[Any, Note], T],
    limits: Limits,
    overrun: Callable[[Any, Overrun], T],
    concurrency: int,
    requests: Connection,
    answers: Connection,
    parent_end: Connection,
) -> None:
    """The render host's loop: requests in, one limited child per request, answers out."""
    parent_end.close()
    payloads: dict[str, Any] = {}
    waiting: list[str] = []
    supervisor: _Supervisor[T] = _Supervisor(
        lambda key, note: work(payloads[key], note),
        limits,
        lambda key, why: overrun(payloads[key], why),
        close_in_child=(requests, answers),
    )
    open_input = True
    try:
        while open_input or supervisor.busy or waiting:
            while waiting and len(supervisor.children) < concurrency:
                supervisor.start([waiting.pop(0)])
            try:
                finished, ready = supervisor.step([requests] if open_input else [])
            except RuntimeError as failed:  # a bug in the work: tell every waiting request
                for key in [*payloads]:
                    answers.send((int(key), "error", str(failed)))
                    payloads.pop(key)
                waiting.clear()
                continue
            for key, value in finished:
                payloads.pop(key, None)
                answers.send((int(key), "ok", value))
            if ready:
                try:
                    message = requests.recv()
                except (EOFError, OSError):
                    message = None
                if message is None:  # closed, or told to stop: finish what runs
                    open_input = False
                    continue
                ident, payload = message
                payloads[str(ident)] = payload
                waiting.append(str(ident))
    finally:
        supervisor.close()
        answers.close()
