"""Script payloads in every text field of every content type (helper of the sink tests).

The fields come from the models, not from a list kept here: every field of every
content type (``pressgen.model``) that takes text, at any depth — translations,
changes, corrections, money — is a *slot*, and so is every label of a project's
override tables and the text of mkdocs.yml. A new field on a model is covered by
itself; a new kind of nested object needs a skeleton in ``SKELETONS`` (a test says
so).

Each (slot, form) gets a marker of its own (letters only, so that no check reads
it as a hand-typed number). A value that validation or ``pressgen check`` refuses
is a hold: it is counted apart and left out of the build; every other value goes
into one project, built once with the real CLI.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import os
import pickle
import shutil
import string
import subprocess
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel

from conftest import NOW, TODAY, copy_example, pinned_python
from pressgen import Pressroom
from pressgen.findings import json_pointer
from pressgen.i18n import builtin_labels
from pressgen.labels import unsafe_field
from pressgen.model import (
    FACT_KINDS,
    Article,
    Company,
    Editor,
    Fragment,
    Settings,
    Source,
    Topic,
)
from pressgen.model.base import Money
from pressgen.model.documents import Correction
from pressgen.model.facts import Change, Derivation

# Each form as it would be written into a text field, and into a Markdown field
# (where Markdown would take it: raw HTML, a link target, an attribute list).
FORMS: dict[str, str] = {
    "script": '<script>alert("{m}")</script>',
    "img": '"><img src=x id={m} onerror=alert("{m}")>',
    "title": '</title><script>alert("{m}")</script>',
    "url": 'javascript:alert("{m}")',
    "attr": '{{ ONMOUSEOVER=alert("{m}") }}',
}
MARKDOWN_FORMS: dict[str, str] = {
    "script": '<script>alert("{m}")</script>',
    "img": '<img src=x id={m} onerror=alert("{m}")>',
    "title": '</title><script>alert("{m}")</script>',
    "url": '[{m}](javascript:alert("{m}"))',
    "attr": 'Paragraph {m}\n{{: ONMOUSEOVER=alert("{m}") }}',
}
MARKER_PREFIX = "zq"
LANGS = ("en", "zh-Hant-HK", "zh-Hans-CN")
TRANSLATED = LANGS[1:]
PAYLOAD_DATE = "2026-11-21T09:00:00+08:00"  # a day before NOW: on the home page and in feeds
SLUG = "payload-article"

# Objects a field path may need that the example does not have: the smallest valid
# data of each. A nested model missing here fails ``test_every_nested_model_has_a_skeleton``.
SKELETONS: dict[type[BaseModel], dict[str, Any]] = {
    Change: {"value": 1.5},
    Money: {"amount": 1.5},
    Derivation: {"operation": "sum", "inputs": ["payload_figure", "payload_figure"]},
    Correction: {
        "date": dt.datetime.fromisoformat("2026-11-21T10:00:00+08:00"),
        "note": "A correction.",
    },
}
FACT_SKELETONS: dict[str, dict[str, Any]] = {
    "statement": {
        "kind": "statement",
        "who": "China's NMPA",
        "what": "issued guidelines",
        "date": dt.date(2025, 10, 1),
        "jurisdiction": "China",
    },
}


def marker(index: int) -> str:
    letters = string.ascii_lowercase
    return MARKER_PREFIX + "".join(letters[(index // 26**k) % 26] for k in reversed(range(4)))


@dataclass(frozen=True)
class Slot:
    """One place a text can be written: a field of an object in a file."""

    owner: str  # which object, for people: "editor payload_editor"
    file: str  # the project file it is written in
    where: tuple[Any, ...]  # the object's path inside the file's data
    field: tuple[Any, ...]  # the field's path inside the object
    kind: Literal["text", "markdown", "label", "config"]
    model: type[BaseModel] | None = None

    @property
    def name(self) -> str:
        return f"{self.owner}: {'.'.join(map(str, self.field))}"

    @property
    def pointer(self) -> str:
        return json_pointer((*self.where, *self.field))


@dataclass
class Combination:
    slot: Slot
    form: str
    marker: str
    status: str = "placed"  # placed | refused by validation | refused by check

    @property
    def payload(self) -> str:
        forms = MARKDOWN_FORMS if self.slot.kind == "markdown" else FORMS
        return forms[self.form].format(m=self.marker)


@dataclass
class Plan:
    root: Path
    combinations: list[Combination] = field(default_factory=list)
    site: Path | None = None
    build_seconds: float = 0.0
    values: dict[Slot, Any] = field(default_factory=dict)  # what each slot holds, as built

    def placed(self) -> list[Combination]:
        return [c for c in self.combinations if c.status == "placed"]

    def refused(self) -> list[Combination]:
        return [c for c in self.combinations if c.status != "placed"]

    def value(self, owner: str, *path: Any) -> str:
        """The text a slot was given (the slot named by its owner and field path)."""
        [found] = [v for s, v in self.values.items() if s.owner == owner and s.field == path]
        return str(found)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for combination in self.combinations:
            counts[combination.status] = counts.get(combination.status, 0) + 1
        return counts


# --- The project's files as data ------------------------------------------------------


class Files:
    """The example project's text files as data: YAML documents, and documents with
    front matter as ``{"front": ..., "body": ...}``."""

    def __init__(self, root: Path):
        self.root = root
        self.data: dict[str, Any] = {}
        # Each object with the nested objects its field paths need (skeletons), by
        # (file, where): validated against, copied from when a value is placed.
        self.scratch: dict[tuple[str, tuple[Any, ...]], Any] = {}

    def get(self, name: str) -> Any:
        if name not in self.data:
            text = (self.root / name).read_text("utf-8")
            if name.endswith(".md"):
                _, front, body = text.split("---\n", 2)
                self.data[name] = {"front": yaml.safe_load(front), "body": body}
            else:
                self.data[name] = yaml.safe_load(text)
        return self.data[name]

    def set(self, name: str, data: Any) -> None:
        self.data[name] = data

    def write(self, root: Path, data: dict[str, Any] | None = None) -> None:
        for name, value in (data or self.data).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".md"):
                front = yaml.safe_dump(value["front"], allow_unicode=True, sort_keys=False)
                path.write_text(f"---\n{front}---\n{value['body']}", "utf-8")
            else:
                path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), "utf-8")


def object_data(files: Files, slot: Slot) -> Any:
    """The object a slot belongs to as written (documents: front matter + body)."""
    data = files.get(slot.file)
    if slot.file.endswith(".md"):
        return {**data["front"], "body": data["body"]}
    return get(data, slot.where)


def put(data: Any, path: tuple[Any, ...], value: Any, scratch: Any = None) -> None:
    """Set a value; containers missing on the way are copied from ``scratch``."""
    for key in path[:-1]:
        missing = (
            key >= len(data) if isinstance(data, list) else key not in data or data[key] is None
        )
        if missing:
            put(data, (key,), copy.deepcopy(scratch[key]))
        data = data[key]
        scratch = scratch[key] if scratch is not None else None
    last = path[-1]
    if isinstance(data, list) and last == len(data):
        data.append(value)
    else:
        data[last] = value


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


# --- Slots from the models -------------------------------------------------------------


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation accepts: Optional and Annotated removed."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) for t in _unwrap(a) if t is not type(None)]
    return [annotation]


def _model_of(kind: Any) -> type[BaseModel] | None:
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def text_fields(
    model: type[BaseModel], data: dict[str, Any], prefix: tuple[Any, ...] = ()
) -> Iterator[tuple[Any, ...]]:
    """Paths of every text field of ``model`` (and of the models it holds), creating
    in ``data`` the nested objects and translations they need."""
    for name, info in model.model_fields.items():
        for kind in _unwrap(info.annotation):
            origin = typing.get_origin(kind)
            if kind is str:
                yield (*prefix, name)
            elif origin is list:
                [item] = typing.get_args(kind)
                items = data.setdefault(name, [])
                for inner in _unwrap(item):
                    if inner is str:
                        yield (*prefix, name, len(items))  # appended
                    elif (nested := _model_of(inner)) is not None:
                        if not items:
                            items.append(copy.deepcopy(SKELETONS[nested]))
                        yield from text_fields(nested, items[0], (*prefix, name, 0))
            elif origin is dict:
                _, value = typing.get_args(kind)
                nested = _model_of(value)
                if nested is not None:  # translations: one per language besides the main one
                    translations = data.setdefault(name, {}) or {}
                    data[name] = translations
                    for lang in TRANSLATED:
                        translations.setdefault(lang, {})
                        yield from text_fields(nested, translations[lang], (*prefix, name, lang))
            elif (nested := _model_of(kind)) is not None:
                if not isinstance(data.get(name), dict):
                    data[name] = copy.deepcopy(SKELETONS[nested])
                yield from text_fields(nested, data[name], (*prefix, name))


def nested_models(model: type[BaseModel]) -> set[type[BaseModel]]:
    """Every model a model holds, at any depth (its translations' models excluded)."""
    found: set[type[BaseModel]] = set()
    for info in model.model_fields.values():
        for kind in _unwrap(info.annotation):
            for inner in [kind, *typing.get_args(kind)]:
                for candidate in _unwrap(inner):
                    nested = _model_of(candidate)
                    if nested is not None and nested not in found:
                        found.add(nested)
                        found |= nested_models(nested)
    return found


# --- The payload project ---------------------------------------------------------------


def _first_fact(files: Files, kind: str) -> dict[str, Any] | None:
    for path in sorted((files.root / "content/facts").glob("*.yml")):
        for fact in files.get(f"content/facts/{path.name}")["facts"]:
            if fact.get("kind") == kind:
                return copy.deepcopy(fact)
    return None


def _article(files: Files, lang: str) -> dict[str, Any]:
    base = files.get("content/articles/2026-02-12-china-biopharma-in-figures.md")["front"]
    kinds = list(FACT_KINDS)
    front = {
        **copy.deepcopy(base),
        "title": "Payload article",
        "slug": SLUG,
        "date": dt.datetime.fromisoformat(PAYLOAD_DATE),
        "editor": "payload_editor",
        "tags": ["payload"],
        "summary": "A summary that cites {{ fact.payload_figure }}.",
        "facts": [f"payload_{kind}" for kind in kinds],
        "image": "images/dengyuemed-logo.png",
        "image_alt": "The logo",
    }
    for own in ("corrections", "updated", "embargo", "corrects", "translation_of", "lang"):
        front.pop(own, None)
    if lang != LANGS[0]:
        front |= {"lang": lang, "translation_of": SLUG}
    body = "\n\n".join(
        ["The article's own words."]
        + [f"{{{{ fact.payload_{kind} }}}}" for kind in kinds]
        + ["{{ fragment.payload_fragment }}"]
    )
    return {"front": front, "body": body + "\n"}


def _fragment(lang: str) -> dict[str, Any]:
    front: dict[str, Any] = {"id": "payload_fragment", "title": "Payload fragment"}
    if lang != LANGS[0]:
        front["lang"] = lang
    return {"front": front, "body": "The fragment's own words.\n"}


def _suffix(lang: str) -> str:
    return "" if lang == LANGS[0] else f".{lang}"


def slots_of(files: Files) -> list[Slot]:
    """Make the payload objects (next to the example's, which stay as they are, except
    the company and the settings, of which there is one) and list every slot."""
    slots: list[Slot] = []

    def model_slots(owner: str, file: str, where: tuple[Any, ...], model: type[BaseModel]) -> None:
        data = copy.deepcopy(object_data(files, Slot(owner, file, where, (), "text")))
        paths = list(text_fields(model, data))
        files.scratch[(file, where)] = data
        for path in paths:
            kind = "markdown" if path == ("body",) else "text"
            slots.append(Slot(owner, file, where, path, kind, model))

    company = files.get("content/company.yml")
    company.setdefault("translations", {})
    model_slots("company", "content/company.yml", (), Company)

    editors = files.get("content/editors.yml")["editors"]
    editors.append({**copy.deepcopy(editors[0]), "id": "payload_editor"})
    model_slots(
        "editor payload_editor", "content/editors.yml", ("editors", len(editors) - 1), Editor
    )

    sources = files.get("content/sources.yml")["sources"]
    sources.append({**copy.deepcopy(sources[0]), "id": "payload_source"})
    model_slots(
        "source payload_source", "content/sources.yml", ("sources", len(sources) - 1), Source
    )

    facts: list[dict[str, Any]] = []
    files.set("content/facts/payload.yml", {"facts": facts})
    for kind, model in FACT_KINDS.items():
        fact = _first_fact(files, kind) or copy.deepcopy(FACT_SKELETONS[kind])
        fact |= {"id": f"payload_{kind}", "source": "payload_source", "as_of": dt.date(2025, 11, 1)}
        fact.pop("derived", None)
        fact.pop("expires", None)
        facts.append(fact)
        model_slots(
            f"fact payload_{kind}", "content/facts/payload.yml", ("facts", len(facts) - 1), model
        )

    topics = files.get("content/tags.yml")["tags"]
    topics.append({"name": "payload", "description": "The payload topic."})
    model_slots("topic payload", "content/tags.yml", ("tags", len(topics) - 1), Topic)

    for lang in LANGS:
        name = f"content/fragments/payload{_suffix(lang)}.md"
        files.set(name, _fragment(lang))
        model_slots(f"fragment payload_fragment ({lang})", name, (), Fragment)
    for lang in LANGS:
        name = f"content/articles/2026-11-21-payload{_suffix(lang)}.md"
        files.set(name, _article(files, lang))
        model_slots(f"article {SLUG} ({lang})", name, (), Article)

    model_slots("settings", "content/settings.yml", (), Settings)

    for lang in LANGS:
        name = f"templates/i18n/{lang}.yml"
        table = copy.deepcopy(dict(builtin_labels(lang)))
        files.set(name, table)
        for key, value in table.items():
            if isinstance(value, str):
                slots.append(Slot(f"labels {lang}", name, (), (key,), "label"))
            elif isinstance(value, dict):
                for sub in value:
                    slots.append(Slot(f"labels {lang}", name, (), (key, sub), "label"))
            elif isinstance(value, list):
                for index in range(len(value)):
                    slots.append(Slot(f"labels {lang}", name, (), (key, index), "label"))

    config = files.get("mkdocs.yml")
    for key in ("site_name", "site_description", "copyright"):
        slots.append(Slot("mkdocs.yml", "mkdocs.yml", (), (key,), "config"))
    for index, item in enumerate(config["nav"]):
        title = next(iter(item))
        config["nav"][index] = {title: item[title]}
        slots.append(Slot("mkdocs.yml", "mkdocs.yml", ("nav", index), ("title",), "config"))
    return slots


def _read_mkdocs(root: Path) -> Any:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=Loader)


def value_for(files: Files, slot: Slot, payloads: list[str]) -> Any:
    """The value a slot gets with these payloads: the payloads alone in a text field,
    after the original in a Markdown field and a label."""
    joined = " ".join(payloads)
    if slot.kind == "markdown":
        return object_data(files, slot)["body"].rstrip("\n") + "\n\n" + "\n\n".join(payloads) + "\n"
    if slot.kind == "label":
        original = get(files.get(slot.file), slot.field)
        return f"{original} {joined}"
    return joined


def apply(files: Files, slot: Slot, value: Any, data: dict[str, Any]) -> None:
    """Write ``value`` into ``data`` (a copy of ``files.data``) at the slot."""
    document = data[slot.file]
    scratch = files.scratch.get((slot.file, slot.where))
    if slot.kind == "config" and slot.where[:1] == ("nav",):
        [(_, target)] = get(document, slot.where).items()
        put(document, slot.where, {value: target})
    elif slot.file.endswith(".md"):
        if slot.field == ("body",):
            document["body"] = value
        else:
            put(document["front"], slot.field, value, scratch)
    elif scratch is not None:
        put(get(document, slot.where), slot.field, value, scratch)
    else:
        put(document, (*slot.where, *slot.field), value)


def valid(files: Files, slot: Slot, value: Any) -> bool:
    """Stage 1: would the model (or the label table) take this value?"""
    if slot.kind == "config":
        return True
    if slot.kind == "label":
        return unsafe_field(value) is None
    data = copy.deepcopy(files.scratch[(slot.file, slot.where)])
    put(data, slot.field, value)
    model = slot.model
    assert model is not None
    try:
        model.model_validate(data)
    except ValueError:
        return False
    return True


def _errors(root: Path) -> list[Any]:
    return [f for f in Pressroom.from_path(root, today=TODAY).check() if f.is_error]


def _implicated(slots: list[Slot], finding: Any) -> list[Slot]:
    """The slots a finding may be about: in its file, those whose pointer shares the
    longest start with the finding's (a finding with no pointer, on a line of a body
    or on the whole file, is about the file's Markdown, else about all of it)."""
    same_file = [s for s in slots if s.file == finding.file]
    if not finding.path:
        return [s for s in same_file if s.kind == "markdown"] or same_file
    parts = finding.path.split("/")

    def shared(slot: Slot) -> int:
        pairs = zip(parts, slot.pointer.split("/"), strict=False)
        return len(list(itertools.takewhile(lambda ab: ab[0] == ab[1], pairs)))

    best = max((shared(s) for s in same_file), default=0)
    return [s for s in same_file if shared(s) == best]


def plan_payloads(tmp: Path) -> Plan:
    """Stages 1 and 2: every (slot, form) validated; the values the check refuses found;
    the rest written into one project at ``tmp/project``."""
    root = copy_example(tmp / "project")
    config = _read_mkdocs(root)
    files = Files(root)
    files.set("mkdocs.yml", config)
    slots = slots_of(files)
    plan = Plan(root)
    counter = itertools.count()
    for slot in slots:
        for form in FORMS:
            combination = Combination(slot, form, marker(next(counter)))
            if not valid(files, slot, value_for(files, slot, [combination.payload])):
                combination.status = "refused by validation"
            plan.combinations.append(combination)

    baseline = tmp / "baseline"
    copy_example(baseline)
    files.write(baseline)
    problems = _errors(baseline)
    assert problems == [], [str(f) for f in problems]

    def combined() -> dict[str, Any]:
        data = copy.deepcopy(files.data)
        plan.values = {}
        for slot in slots:
            payloads = [c.payload for c in plan.placed() if c.slot == slot]
            if payloads:
                plan.values[slot] = value_for(files, slot, payloads)
                apply(files, slot, plan.values[slot], data)
        return data

    for _round in range(3):
        files.write(root, combined())
        errors = _errors(root)
        if not errors:
            break
        suspects = {s for f in errors for s in _implicated(slots, f)}
        assert suspects, f"errors about no payload: {[str(f) for f in errors]}"
        for combination in plan.placed():
            if combination.slot not in suspects:
                continue
            one = copy.deepcopy(files.data)
            apply(
                files,
                combination.slot,
                value_for(files, combination.slot, [combination.payload]),
                one,
            )
            files.write(baseline, one)
            if _errors(baseline):
                combination.status = "refused by check"
            files.write(baseline, files.data)
    else:
        raise AssertionError(
            f"the payload project does not check clean: {[str(f) for f in errors]}"
        )
    return plan


def build(plan: Plan, site: Path) -> subprocess.CompletedProcess[str]:
    """Stage 3: the real CLI builds the project."""
    started = dt.datetime.now()
    result = subprocess.run(
        pinned_python(
            "pressgen.cli", "build", "-p", str(plan.root), "--now", NOW, "--site-dir", str(site)
        ),
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    plan.build_seconds = (dt.datetime.now() - started).total_seconds()
    plan.site = site
    return result


def markers_in(text: str, plan: Plan) -> set[str]:
    return {c.marker for c in plan.placed() if c.marker in text}


def payload_site_for(tmp_path_factory: Any) -> Plan:
    """The payload site, planned and built once per test run (the first test module
    that asks builds it; others read the plan it left in the run's temporary folder)."""
    root = Path(tmp_path_factory.getbasetemp()) / "payload-site"
    saved = root / "plan.pickle"
    if saved.exists():
        with saved.open("rb") as handle:
            loaded: Plan = pickle.load(handle)
        return loaded
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    plan = plan_payloads(root)
    result = build(plan, root / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    with saved.open("wb") as handle:
        pickle.dump(plan, handle)
    return plan
