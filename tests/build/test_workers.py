"""Worker processes: no shared state between press rooms or threads; CPU affinity honoured."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from pressgen.build import workers


def test_two_threads_rendering_at_once_each_get_their_own_results() -> None:
    keys = [f"k{n}" for n in range(workers.PARALLEL_MIN * 2)]
    results: dict[str, list[tuple[str, str]]] = {}

    def run(tag: str) -> None:
        results[tag] = workers.map_keys(lambda key: f"{tag}:{key}", keys, workers=2)

    threads = [threading.Thread(target=run, args=(tag,)) for tag in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for tag in ("a", "b"):
        assert results[tag] == [(key, f"{tag}:{key}") for key in keys]


def test_a_failing_worker_is_reported_not_lost() -> None:
    keys = [f"k{n}" for n in range(workers.PARALLEL_MIN)]

    def work(key: str) -> str:
        if key == "k7":
            raise ValueError("boom")
        return key

    with pytest.raises(RuntimeError, match="boom"):
        workers.map_keys(work, keys, workers=2)


def test_the_worker_module_keeps_no_mutable_state() -> None:
    mutable = {
        name
        for name, value in vars(workers).items()
        if isinstance(value, dict | list | set) and not name.startswith("__")
    }
    assert mutable == set()


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux only")
def test_usable_cores_follow_cpu_affinity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert workers.usable_cores() == 1


def test_no_fork_while_another_thread_runs() -> None:
    """A fork copies other threads' locks as they are; the work stays in this process."""
    keys = [f"k{n}" for n in range(workers.PARALLEL_MIN)]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        pids = {pid for _, pid in workers.map_keys(lambda _k: os.getpid(), keys, workers=2)}
    finally:
        stop.set()
        other.join()
    assert pids == {os.getpid()}


def test_a_worker_past_its_deadline_is_replaced_by_rendering_here() -> None:
    keys = [f"k{n}" for n in range(workers.PARALLEL_MIN)]
    parent = os.getpid()

    def work(key: str) -> str:
        if os.getpid() != parent:
            time.sleep(30)  # a stuck worker
        return key.upper()

    start = time.monotonic()
    results = workers.map_keys(work, keys, workers=2, deadline_s=1)
    assert results == [(key, key.upper()) for key in keys]
    assert time.monotonic() - start < 20


# ------------------------------------------------------------------ limited work

LIMITS = workers.Limits(seconds=0.5, memory_mb=256)


def stopped(key: str, why: workers.Overrun) -> str:
    return f"{key}:{why.kind}:{why.where}"


def test_limited_work_runs_in_children_and_keeps_the_order() -> None:
    keys = [f"k{n}" for n in range(7)]
    results = workers.map_limited(
        lambda key, note: (key, os.getpid()), keys, LIMITS, stopped, workers=2
    )
    assert [key for key, _ in results] == keys
    assert [value[0] for _, value in results] == keys
    assert os.getpid() not in {value[1] for _, value in results}


def test_a_loop_is_stopped_by_the_soft_limit_in_the_child() -> None:
    def work(key: str, note: workers.Note) -> str:
        note(("file.md", 3, ""))
        while key == "k1":
            pass
        return key

    results = dict(workers.map_limited(work, ["k0", "k1", "k2"], LIMITS, stopped, workers=1))
    assert results == {"k0": "k0", "k1": "k1:time:('file.md', 3, '')", "k2": "k2"}


def test_work_stuck_in_c_code_is_killed_by_the_parent_and_the_rest_goes_on() -> None:
    """SIGALRM blocked models C code that never returns to the interpreter: only the
    parent's SIGKILL can stop it; the replacement child renders the rest of the share."""

    def work(key: str, note: workers.Note) -> str:
        note(key)
        if key == "k1":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return key.upper()

    start = time.monotonic()
    results = dict(workers.map_limited(work, ["k0", "k1", "k2", "k3"], LIMITS, stopped, 1))
    assert results == {"k0": "K0", "k1": "k1:time:k1", "k2": "K2", "k3": "K3"}
    assert time.monotonic() - start < LIMITS.hard_seconds + 10


def test_memory_past_the_limit_is_an_overrun_not_a_crash_of_the_parent() -> None:
    def work(key: str, note: workers.Note) -> int:
        return len(bytearray(10**9)) if key == "big" else 1  # 1 GB > 256 MB

    results = dict(workers.map_limited(work, ["a", "big", "b"], LIMITS, stopped, workers=1))
    assert results == {"a": 1, "big": "big:memory:None", "b": 1}


def test_a_child_that_dies_is_replaced() -> None:
    def work(key: str, note: workers.Note) -> str:
        if key == "k1":
            os.kill(os.getpid(), signal.SIGSEGV)
        return key

    results = dict(workers.map_limited(work, ["k0", "k1", "k2"], LIMITS, stopped, workers=1))
    assert results == {"k0": "k0", "k1": "k1:crash:None", "k2": "k2"}


def test_limited_work_forks_even_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        results = workers.map_limited(lambda _k, _n: os.getpid(), ["a"], LIMITS, stopped)
    finally:
        stop.set()
        other.join()
    assert results[0][1] != os.getpid()


def test_a_bug_in_limited_work_is_reported_not_lost() -> None:
    def work(key: str, note: workers.Note) -> str:
        raise ValueError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        workers.map_limited(work, ["a"], LIMITS, stopped)


@pytest.mark.slow
def test_the_render_host_answers_quick_requests_while_runaways_are_stopped() -> None:
    def work(payload: str, note: workers.Note) -> str:
        if payload.startswith("stuck"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if payload.startswith("loop"):
            while True:
                pass
        return payload.upper()

    host = workers.RenderHost(work, LIMITS, lambda p, why: f"{p}:{why.kind}", concurrency=4)
    try:
        runaways = [host.submit(f"{kind}{n}") for n in range(4) for kind in ("stuck", "loop")]
        quick = host.submit("quick")
        assert quick.result(timeout=30) == "QUICK"
        assert sorted(f.result(timeout=60) for f in runaways) == sorted(
            f"{kind}{n}:time" for n in range(4) for kind in ("stuck", "loop")
        )
        assert host.submit("again").result(timeout=30) == "AGAIN"
    finally:
        host.close()
    assert not host.alive
    assert host.submit("late").exception(timeout=5) is not None


def test_a_render_host_stops_when_closed_though_a_later_fork_holds_its_pipe() -> None:
    first = workers.RenderHost(lambda p, n: p, LIMITS, stopped)
    second = workers.RenderHost(lambda p, n: p, LIMITS, stopped)  # inherits first's pipe
    try:
        start = time.monotonic()
        first.close()
        assert not first.alive and time.monotonic() - start < 5
        assert second.submit("still here").result(timeout=30) == "still here"
    finally:
        second.close()
