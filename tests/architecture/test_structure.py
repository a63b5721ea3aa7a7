"""The structure holds: one URL module, no hidden import cycles, layers as declared."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "pressgen"
URL_LITERAL = re.compile(r"(^|[}/])(news|tags)/|(feed|atom|sitemap)\.xml|robots\.txt")


def _string_literals(tree: ast.AST) -> list[tuple[int, str]]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_url_literals_appear_only_in_the_url_module() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "urls.py":
            continue
        for line, text in _string_literals(ast.parse(path.read_text("utf-8"))):
            if "://" not in text and URL_LITERAL.search(text):
                offenders.append(f"{path.relative_to(SRC)}:{line}: {text!r}")
    assert offenders == []


def test_the_url_literal_check_finds_what_it_looks_for() -> None:
    tree = ast.parse('x = f"{folder}news/"\ny = "feed.xml"\n"""docstring news/"""\n')
    found = sorted(text for _, text in _string_literals(tree) if URL_LITERAL.search(text))
    assert found == ["feed.xml", "news/"]


def test_no_module_hides_an_import_cycle_behind_type_checking() -> None:
    """``if TYPE_CHECKING:`` may defer a heavy outside import, never one of pressgen's."""
    offenders = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (
                        inner.level > 0 or (inner.module or "").startswith("pressgen")
                    ):
                        offenders.append(f"{path.relative_to(SRC)}:{inner.lineno}")
    assert offenders == []


@pytest.mark.slow
def test_the_layer_contract_holds() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run([lint], cwd=SRC.parents[1], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
