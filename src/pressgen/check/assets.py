"""Images named by the content (an article's ``image``, the company's ``logo``) exist inside
content/ and are what their names say, by their bytes; no SVG published from content/ can
run script.

The field type (:data:`pressgen.model.types.AssetPath`) has already made sure the path is
relative, has no '..' and names a PNG, JPEG, GIF, WebP or SVG file; what needs the files is
checked here. An SVG with script is refused, not cleaned: MkDocs publishes the file as it
is, and a browser that opens it runs its script with the site's rights, so the only safe
SVG is one that holds none (the editor exports the logo again, or uses PNG).

Every ``*.svg`` under content/ is checked, named by a field or not, because MkDocs
publishes every file of content/.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from .. import codes
from ..content import Content
from ..findings import Finding, Location, closest
from ..load.project import CONTENT_DIR
from ..model.types import IMAGE_KINDS

MAX_SVG_BYTES = 5_000_000
HEAD_BYTES = 1024

# An SVG starts with its XML declaration, a comment, its DOCTYPE or <svg>, and its first
# kilobyte opens the <svg> element; whether it is safe is decided by reading all of it.
_SVG_PROLOG = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml[\s?]|!--|!DOCTYPE\s+svg[\s>\[]|svg[\s>/])"
)
_SVG_ELEMENT = re.compile(rb"<svg[\s>/]")
_DANGEROUS_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "audio",
        "video",
    }
)
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform", "discard"})
_LINK_ATTRIBUTES = frozenset({"href", "src"})
_SCHEME_IN_VALUE = re.compile(r"(?:javascript|vbscript|livescript):|data:text/html")
_EMBEDDED_IMAGES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.I)
_SQUEEZE = re.compile(r"[\x00-\x20\x7f]+")


# ------------------------------------------------------------------ reading
class _Unsafe(Exception):
    """Raised inside the SVG reader at the first problem: reading stops there."""


class _Unreadable(Exception):
    """Why an asset cannot be read: (code, message, hint)."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def _nearest_hint(content_dir: Path, relative: str) -> str:
    """How to fix a path to a missing file: the closest name in its folder, if any."""
    folder = (content_dir / relative).parent
    try:
        inside = folder.resolve(strict=True).is_relative_to(content_dir.resolve(strict=True))
        names = sorted(p.name for p in folder.iterdir() if p.is_file()) if inside else []
    except OSError:
        names = []
    close = closest(relative.rsplit("/", 1)[-1], names)
    if close:
        prefix = relative.rsplit("/", 1)[0] + "/" if "/" in relative else ""
        return f"write the path of the file that exists: {prefix}{close}"
    return f"save the image as content/{relative}, or correct the path"


def _read(content_dir: Path, relative: str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``content/<relative>``, read only when its real path is
    inside content/ and it is a regular file (never a FIFO or a device, which could hang
    the build, and never a link to a file elsewhere, whose bytes must not be read)."""
    path = content_dir / relative
    try:
        real = path.resolve(strict=True)
        base = content_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        raise _Unreadable(
            codes.ASSET_MISSING,
            f"there is no file content/{relative}",
            _nearest_hint(content_dir, relative),
        ) from None
    if not real.is_relative_to(base):
        raise _Unreadable(
            codes.ASSET_OUTSIDE,
            f"content/{relative} is a link to a file outside content/, which is never published",
            f"replace the link by a copy of the image: save the image itself as content/{relative}",
        )
    mode = real.stat().st_mode
    if not stat.S_ISREG(mode):
        raise _Unreadable(
            codes.ASSET_KIND,
            f"content/{relative} is a {'folder' if stat.S_ISDIR(mode) else 'special file'}, "
            "not an image",
            "write the path of the image file itself, e.g. images/logo.png",
        )
    with real.open("rb") as handle:
        return handle.read(limit + 1)


# ------------------------------------------------------------------ kinds
def image_kind(head: bytes) -> str | None:
    """The kind of image these first bytes start (a key of IMAGE_KINDS' values), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if _SVG_PROLOG.match(head) and _SVG_ELEMENT.search(head):
        return "SVG"
    return None


def svg_problem(data: bytes) -> str | None:
    """What in an SVG file could run script or reach outside it, in words, or None.

    Read with expat as a stream, in time linear in its size; a document type declaration
    is refused before anything is expanded (no entities: no 'billion laughs')."""
    problems: list[str] = []
    in_style = 0

    def refuse(what: str) -> None:
        problems.append(what)
        raise _Unsafe

    def local(name: str) -> str:
        return name.rsplit(" ", 1)[-1].lower()

    def css(text: str) -> None:
        lowered = text.lower()
        if "@import" in lowered or "expression(" in lowered or _CSS_URL.search(lowered):
            refuse("a style that loads something from outside the file")
        if _SCHEME_IN_VALUE.search(_SQUEEZE.sub("", lowered)):
            refuse("a style with a script address")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal in_style
        element = local(name)
        if element in _DANGEROUS_ELEMENTS:
            refuse(f"a <{element}> element")
        if element == "style":
            in_style += 1
        for attribute, value in attributes.items():
            key = local(attribute)
            squeezed = _SQUEEZE.sub("", value).lower()
            if key.startswith("on"):
                refuse(f"an event handler ({key}=) on <{element}>")
            if (
                element in _ANIMATIONS
                and key == "attributename"
                and local(squeezed)
                in {
                    "href",
                    "xlink:href",
                }
            ):
                refuse(f"an <{element}> that changes a link")
            if _SCHEME_IN_VALUE.search(squeezed):
                refuse(f"a script address in {key}= of <{element}>")
            if (
                key in _LINK_ATTRIBUTES
                and squeezed
                and not squeezed.startswith(("#", *_EMBEDDED_IMAGES))
            ):
                refuse(f"a link to {value.strip()[:60]!r} outside the file, in <{element}>")
            if key == "style":
                css(value)

    def end(name: str) -> None:
        nonlocal in_style
        if local(name) == "style":
            in_style -= 1

    def text(data: str) -> None:
        if in_style:
            css(data)

    def doctype(_name: str, system: str | None, _public: str | None, internal: bool) -> None:
        if internal:  # a DOCTYPE that only names the SVG DTD is harmless and common
            refuse("declarations inside <!DOCTYPE>, which can expand without end")
        if system and not system.startswith("http://www.w3.org/Graphics/SVG/"):
            refuse(f"a <!DOCTYPE> that points at another file ({system[:60]!r})")

    def entity(*_: object) -> None:
        refuse("an entity declaration, which can expand without end")

    def instruction(target: str, _data: str) -> None:
        refuse(f"a processing instruction <?{target}?>")

    def outside(*_: object) -> int:
        refuse("a reference to an outside file")
        return 0

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.ExternalEntityRefHandler = outside
    parser.SkippedEntityHandler = lambda name, _: refuse(f"an entity (&{name};) it does not define")
    try:
        parser.Parse(data, True)
    except _Unsafe:
        pass
    except expat.ExpatError as exc:
        return f"XML that cannot be read ({exc})"
    return problems[0] if problems else None


# ------------------------------------------------------------------ the rule
def _named_assets(content: Content) -> Iterator[tuple[Location, str, str]]:
    """(where it is named, field, path) of every image the content names."""
    company = content.company
    if company is not None and company.logo:
        yield content.locate(company, "logo"), "logo", company.logo
    for article in content.articles.values():
        if article.image:
            yield content.locate(article, "image"), "image", article.image


def _a(kind: str) -> str:
    return f"an {kind}" if kind == "SVG" else f"a {kind}"


def _check_named(content_dir: Path, where: Location, field: str, path: str) -> Finding | None:
    extension = path.rsplit(".", 1)[-1].lower()
    claimed = IMAGE_KINDS[extension]
    limit = MAX_SVG_BYTES if claimed == "SVG" else HEAD_BYTES
    try:
        data = _read(content_dir, path, limit)
    except _Unreadable as problem:
        return where.finding(problem.code, f"'{field}': {problem.message}", problem.hint)
    kind = image_kind(data[:HEAD_BYTES])
    if kind != claimed:
        stem = path.rsplit(".", 1)[0]
        right = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WebP": "webp", "SVG": "svg"}
        return where.finding(
            codes.ASSET_KIND,
            f"'{field}' names {_a(claimed)} image, but content/{path} is "
            + (f"{_a(kind)} image" if kind else "not an image pressgen knows by its bytes"),
            f"rename the file to content/{stem}.{right[kind]} and write {field}: "
            f"{stem}.{right[kind]}"
            if kind
            else "save the picture again as PNG or JPEG from an image editor, and write its "
            f"path, e.g. {field}: {stem}.png",
        )
    if kind == "SVG":
        return _svg_finding(where, path, data)
    return None


def _svg_finding(where: Location, path: str, data: bytes) -> Finding | None:
    if len(data) > MAX_SVG_BYTES:
        problem: str | None = f"more than {MAX_SVG_BYTES // 1_000_000} MB of drawing"
    else:
        problem = svg_problem(data)
    if problem is None:
        return None
    return where.finding(
        codes.UNSAFE_SVG,
        f"content/{path} is an SVG image with {problem}; a browser that opens it would run or "
        "fetch it with the site's rights",
        f"export the image again as plain SVG without scripts or links, or as PNG "
        f"({path.rsplit('.', 1)[0]}.png)",
    )


def _other_svgs(content_dir: Path, named: set[str]) -> Iterator[str]:
    """Every SVG under content/ not named by a field, as a path inside content/ (links
    are left to the confinement of published files)."""
    for folder, subfolders, files in os.walk(content_dir):
        subfolders.sort()
        for name in sorted(files):
            if name.lower().endswith(".svg"):
                path = Path(folder, name)
                relative = path.relative_to(content_dir).as_posix()
                if relative not in named and not path.is_symlink():
                    yield relative


def images_are_what_they_say(content: Content, today: dt.date) -> list[Finding]:
    """Named images exist inside content/ and are the kind their names say; no SVG in
    content/ holds script. Nothing to check for content given as data (a CMS)."""
    if content.root is None:
        return []
    content_dir = content.root / CONTENT_DIR
    findings: list[Finding] = []
    seen: set[str] = set()
    for where, field, path in _named_assets(content):
        seen.add(path)
        problem = _check_named(content_dir, where, field, path)
        if problem is not None:
            findings.append(problem)
    for path in _other_svgs(content_dir, seen):
        try:
            data = _read(content_dir, path, MAX_SVG_BYTES)
        except _Unreadable:
            continue
        problem = _svg_finding(Location(f"{CONTENT_DIR}/{path}"), path, data)
        if problem is not None:
            findings.append(problem)
    return findings
