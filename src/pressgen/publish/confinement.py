"""What MkDocs publishes from ``content/`` stays inside ``content/``.

MkDocs copies every file of its ``docs_dir`` that is not a page into the site —
images, PDFs, anything — and it walks that folder following linked folders. So a
link ``content/images/x.png → /etc/passwd`` would be published, and a linked folder
``content/images/all → /`` would make the walk read the whole machine (or never end:
``/proc/self/root``). Two checks, both through :class:`pressgen.load.confined.Area`:

- :func:`confine_docs_dir`, before MkDocs walks the folder (``on_pre_build``): every
  linked folder, every link that leaves the folder, every pipe, device or socket in it
  stops the build with a located finding.
- :func:`confine_published`, on the list MkDocs made (``on_files``): every file that
  comes from the folder must still be a regular file whose real path is inside it.

The build then fails with the same located findings as ``pressgen check`` (file, what
is wrong, how to fix it), and ``site/`` never receives a byte from outside.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..findings import Finding
from ..load.confined import Area


def _area(config: Any, project: Path) -> Area:
    docs = os.path.abspath(config.docs_dir)
    try:
        shown = Path(docs).relative_to(project).as_posix()
    except ValueError:
        shown = docs
    return Area.of(docs, shown)


def _stop(findings: list[Finding], found: list[Finding]) -> None:
    findings += found
    errors = [f for f in found if f.is_error]
    if errors:
        lines = ["pressgen: files in the site's folder lead outside it:"]
        lines += [str(f) for f in errors]
        raise PluginError("\n".join(lines))


def confine_docs_dir(config: Any, project: Path, findings: list[Finding]) -> None:
    """Before MkDocs walks ``docs_dir``: refuse linked folders, links out, pipes, devices.

    Adds the findings to ``findings`` and raises ``PluginError`` if there is any.
    """
    area = _area(config, project)
    if os.path.isdir(area.folder):
        _stop(findings, area.refused_entries())


def confine_published(files: Files, config: Any, project: Path, findings: list[Finding]) -> None:
    """Every file MkDocs would copy or render from ``docs_dir`` is a regular file inside it.

    Generated files and the theme's own files are not from ``docs_dir`` and are left
    alone. Adds the findings to ``findings`` and raises ``PluginError`` if there is any.
    """
    area = _area(config, project)
    found = []
    for file in files:
        source = file.abs_src_path if file.generated_by is None else None
        if source is None or not os.path.abspath(source).startswith(area.folder + os.sep):
            continue
        refused = area.check(source)[1]
        if refused is not None:
            found.append(refused)
    _stop(findings, found)
