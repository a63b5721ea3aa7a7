"""CMS latency and service throughput for the example articles.

    python benchmarks/api_latency.py [--iterations 2000] [--seconds 10] [--json PATH]

Measures, in-process and warm, for a new draft each time (an editor typing):
validate_article, then render_article of the same draft, both together (what a
CMS preview does), and the HTML conversion on top; then starts
`pressgen api` in its own process on 127.0.0.1 and measures /render requests
per second from a client with a few concurrent connections. Prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from pressgen import Pressroom

ROOT = Path(__file__).resolve().parent.parent


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(pick(0.95), 3),
        "p99": round(pick(0.99), 3),
        "max": round(ordered[-1], 3),
    }


def in_process(iterations: int) -> dict[str, dict[str, float]]:
    room = Pressroom.from_path(ROOT)
    articles = [a.model_dump(mode="json") for a in room.articles.values()]
    for article in articles * 20:  # warm: compiled templates, cached fact views
        room.render_article(article).html  # noqa: B018
    timings: dict[str, list[float]] = {
        "validate": [],
        "render": [],
        "validate+render": [],
        "html": [],
    }
    for i in range(iterations):
        # A new draft each time, as when an editor types: the body differs, so the
        # body is compiled and rendered afresh; the preview then reuses the validation.
        base = articles[i % len(articles)]
        article = {**base, "body": base["body"] + "\n" * (i + 1)}
        t0 = time.perf_counter()
        room.validate_article(article)
        t1 = time.perf_counter()
        result = room.render_article(article)
        t2 = time.perf_counter()
        result.html  # noqa: B018
        t3 = time.perf_counter()
        timings["validate"].append((t1 - t0) * 1000)
        timings["render"].append((t2 - t1) * 1000)
        timings["validate+render"].append((t2 - t0) * 1000)
        timings["html"].append((t3 - t2) * 1000)
    return {name: percentiles(values) for name, values in timings.items()}


async def _load(url: str, body: list[dict], seconds: float, connections: int) -> tuple[int, int]:
    done = errors = 0
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30) as client:

        async def worker(offset: int) -> None:
            nonlocal done, errors
            i = offset
            while time.monotonic() < deadline:
                response = await client.post(url, json=body[i % len(body)])
                done += 1
                errors += response.status_code != 200
                i += 1

        await asyncio.gather(*(worker(n) for n in range(connections)))
    return done, errors


def service(seconds: float, connections: int) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "pressgen.cli", "api", "-p", str(ROOT), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        room = Pressroom.from_path(ROOT)
        body = [a.model_dump(mode="json") for a in room.articles.values()]
        asyncio.run(_load(f"{base}/render", body, 2, connections))  # warm up
        done, errors = asyncio.run(_load(f"{base}/render", body, seconds, connections))
        return {
            "requests": done,
            "errors": errors,
            "seconds": seconds,
            "requests_per_s": round(done / seconds, 1),
            "connections": connections,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "latency_ms": in_process(args.iterations),
        "service": service(args.seconds, args.connections),
    }
    print(f"machine: {results['machine']}")
    print(f"{'warm, in-process (ms)':24} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    for name, row in results["latency_ms"].items():
        print(f"{name:24} {row['p50']:8.2f} {row['p95']:8.2f} {row['p99']:8.2f} {row['max']:8.2f}")
    s = results["service"]
    print(
        f"POST /render on loopback: {s['requests_per_s']} requests/s "
        f"({s['requests']} in {s['seconds']} s, {s['connections']} connections, "
        f"{s['errors']} non-200)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
