"""Worker processes: no shared state between press rooms or threads; CPU affinity honoured."""

from __future__ import annotations

import os
import threading

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
    import time

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
