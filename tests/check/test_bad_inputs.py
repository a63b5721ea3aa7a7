"""The bad-input catalogue (tests/bad_inputs/<boundary>/<case>/): every case gives its
located finding, through the library and the real CLI, and changes nothing on disk.

Three kinds of case (see tests/bad_inputs/README.md): ``check`` (the default: the
library and ``pressgen check``), ``build`` (``pressgen build`` into a site: the code
is reported, the previous site is kept, nothing listed in ``site_must_not_contain``
is published) and ``http`` (a request to the HTTP service and its answer).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, TODAY
from pressgen import Pressroom
from pressgen.cli import main

CATALOGUE = Path(__file__).parents[1] / "bad_inputs"


def _spec(case: str) -> dict[str, Any]:
    return yaml.safe_load((CATALOGUE / case / "case.yml").read_text("utf-8"))


CASES = sorted(p.parent.relative_to(CATALOGUE).as_posix() for p in CATALOGUE.glob("*/*/case.yml"))
HTTP_CASES = [c for c in CASES if "request" in _spec(c)]
BUILD_CASES = [c for c in CASES if _spec(c).get("stage") == "build"]
CHECK_CASES = [c for c in CASES if c not in HTTP_CASES and c not in BUILD_CASES]
ERROR_CASES = [c for c in CHECK_CASES if _spec(c)["code"] != "ok"]

# Findings that say what is wrong but not how to fix it (no hint): none left. A case
# listed here must lack a hint (a known gap kept visible): the test fails once it has one.
WITHOUT_HINT: set[str] = set()


def digest(folder: Path) -> str:
    """The names, link targets and bytes of everything under ``folder`` (links not followed)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_symlink():
            h.update(b"->" + os.readlink(path).encode())
        elif path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def prepare(project: Path, case: str) -> dict[str, Any]:
    """Lay the case's files over the example press room; make its links; pad its file."""
    spec = _spec(case)
    files = CATALOGUE / case / "files"
    if files.is_dir():
        shutil.copytree(files, project, dirs_exist_ok=True, symlinks=True)
    for link, target in (spec.get("symlinks") or {}).items():
        path = project / link
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)
    if "pad_to_bytes" in spec:
        target = project / spec["file"]
        with target.open("ab") as handle:
            handle.write(b"\n" + b"x" * (spec["pad_to_bytes"] - target.stat().st_size))
    return spec


def test_the_catalogue_is_large_enough() -> None:
    assert sum(_spec(c)["code"] != "ok" for c in CASES) >= 190
    groups = {c.split("/")[0] for c in CASES}
    assert len(groups) >= 10, groups


def test_every_case_is_described() -> None:
    for case in CASES:
        spec = _spec(case)
        assert spec.get("about"), f"{case}: say in 'about' what is wrong"
        assert str(spec.get("code", "")).startswith(("PG", "ok")), case


def _located(findings: list[Any], spec: dict[str, Any]) -> list[Any]:
    matching = [f for f in findings if f.code == spec["code"]]
    assert matching, f"expected {spec['code']}, got {[str(f) for f in findings]}"
    located = [
        f
        for f in matching
        if f.file == spec.get("file", f.file)
        and f.line == spec.get("line", f.line)
        and f.path == spec.get("path", f.path)
    ]
    assert located, f"{spec['code']} not at the expected place: {[str(f) for f in matching]}"
    return located


@pytest.mark.parametrize("case", CHECK_CASES)
def test_case(project: Path, case: str) -> None:
    spec = prepare(project, case)
    before = digest(project)
    findings = Pressroom.from_path(project, today=TODAY).check()  # must not raise
    assert digest(project) == before, "checking changed files on disk"
    if spec["code"] == "ok":
        assert [f for f in findings if f.is_error] == []
        room = Pressroom.from_path(project, today=TODAY)
        slug = next(
            s for s, a in room.articles.items() if a.origin.file == "content/articles/case.md"
        )
        markdown = room.render_article(slug).markdown
        for text in spec["expect_markdown"]:
            assert text in markdown
        return
    located = _located(findings, spec)
    assert all(f.message for f in located)
    hintless = [str(f) for f in located if not f.hint]
    if case in WITHOUT_HINT:  # a known gap, kept visible: this fails once it is fixed
        assert hintless, f"{case} now says how to fix it: remove it from WITHOUT_HINT"
    else:
        assert not hintless, "a finding must say how to fix it (hint)"


@pytest.mark.parametrize("case", ERROR_CASES)
def test_cli_reports_case_without_traceback(project: Path, case: str) -> None:
    spec = prepare(project, case)
    result = CliRunner().invoke(main, ["check", "-p", str(project)])
    assert result.exit_code == 1, result.output
    assert spec["code"] in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.slow
@pytest.mark.site
@pytest.mark.parametrize("case", BUILD_CASES)
def test_build_case(tmp_path: Path, case: str) -> None:
    """``pressgen build`` stops with the finding, keeps the previous site, publishes nothing
    it must not (an ``ok`` build case builds, and the site still holds nothing it must not)."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    spec = prepare(project, case)
    before = digest(project / "content")
    result = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert digest(project / "content") == before, "building changed the content"
    expected_exit = spec.get("exit", 0 if spec["code"] == "ok" else 1)
    assert result.exit_code == expected_exit, result.output
    if spec["code"] != "ok":
        assert spec["code"] in result.output
    if "expect_warning" in spec:
        assert spec["expect_warning"] in result.output
    if expected_exit != 0:
        assert (site / "index.html").read_text("utf-8") == "the previous site"
    for name in spec.get("must_keep", []):
        kept = project / name
        original = CATALOGUE / case / "files" / name
        assert kept.is_file(), f"{name} was removed"
        assert kept.read_bytes() == original.read_bytes(), f"{name} was changed"
    for name in spec.get("must_not_exist", []):
        assert not (project / name).exists(), f"{name} was left behind"
    forbidden = [text.encode() for text in spec.get("site_must_not_contain", [])]
    for path in site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            leaked = [text for text in forbidden if text in data]
            assert not leaked, f"{path.relative_to(site)} holds {leaked}"
        assert not path.is_symlink(), f"{path.relative_to(site)} is a link in the site"


@pytest.fixture(scope="module")
def service() -> Any:
    from starlette.testclient import TestClient

    from pressgen.service.http import create_app

    with TestClient(create_app(Pressroom.from_path(REPO, today=TODAY))) as client:
        yield client


@pytest.mark.parametrize("case", HTTP_CASES)
def test_http_case(service: Any, case: str) -> None:
    """The service answers with the status and a findings document naming the code."""
    spec = _spec(case)
    request = spec["request"]
    headers = dict(request.get("headers") or {})
    if "json" in request:
        body = json.dumps(request["json"]).encode()
        headers.setdefault("content-type", "application/json")
    elif "body_file" in request:
        body = (CATALOGUE / case / request["body_file"]).read_bytes()
    elif "body_repeat" in request:
        body = (request["body_repeat"]["text"] * request["body_repeat"]["times"]).encode()
    else:
        body = b""
    response = service.request(request["method"], request["path"], content=body, headers=headers)
    assert response.status_code == spec["status"], response.text
    findings = response.json()  # the service answers every error with a list of findings
    assert isinstance(findings, list), findings
    assert spec["code"] in [f["code"] for f in findings], findings
    assert all(f.get("message") and f.get("hint") for f in findings), findings
