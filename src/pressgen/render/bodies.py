"""Article bodies and fragments are content, not programs.

They may cite facts, include fragments and print company fields — the documented
placeholders — and nothing else::

    {{ fact.ID }}  {{ fact.ID.FIELD }}  {{ fact['ID-with-dashes'] }}
    {{ fragment.ID }}  {{ company.FIELD }}  … | upper (lower, capitalize, title, trim)

The Jinja syntax tree of the text (``env.parse``: no code runs) is checked before
anything is compiled; the first construct outside that list — a method call,
arithmetic, a loop, a ``{% %}`` block, a field that is not documented — is
refused with its line and what it is. Text that passes cannot loop, compute or
reach an object's internals, so it is rendered in-process. A press room that sets
``bodies: jinja`` in content/settings.yml opts in to full sandboxed Jinja in bodies;
those renders then run in a limited worker process (see :mod:`pressgen.build.workers`).

A name that is not in a body's context at all (``{{ fakt.x }}``) is left to the
render, which reports it as undefined with the usual "did you mean" help.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jinja2 import nodes

from ..model import Company
from .citations import any_fact_field

# Filters a placeholder may go through: no arguments, output as long as the input.
BODY_FILTERS = frozenset({"upper", "lower", "capitalize", "title", "trim"})
# What a body's context holds besides fact, fragment and company (all refused).
OTHER_NAMES = frozenset({"article", "range", "label", "lang", "locale"})
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # what the model allows, and typos of it
ALLOWED_SUMMARY = "{{ fact.ID }}, {{ fact.ID.FIELD }}, {{ fragment.ID }} and {{ company.FIELD }}"


@functools.cache  # constant: computed once
def company_fields() -> frozenset[str]:
    """The company's printable fields (its translations are chosen by the article's language)."""
    return frozenset(Company.model_fields) - {"translations", "boilerplate", "tie_in"}


@dataclass(frozen=True)
class Refusal:
    """The first construct of a body that is not a placeholder: its line (in the text)
    and what it is, in words an editor understands."""

    line: int
    construct: str

    @property
    def message(self) -> str:
        return f"{self.construct} is not allowed in an article or fragment"

    @property
    def hint(self) -> str:
        return (
            f"write only {ALLOWED_SUMMARY} (an id with '-' as {{{{ fact['ID'] }}}}); "
            "text cannot compute or loop. Layout belongs in templates/; a press room may "
            "allow full templates in bodies with 'bodies: jinja' in content/settings.yml"
        )


class BodyNotAllowed(Exception):
    """Raised when a body or fragment holds more than placeholders (see :class:`Refusal`)."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.For: "a {% for %} loop",
    nodes.If: "an {% if %} block",
    nodes.Assign: "a {% set %} block",
    nodes.AssignBlock: "a {% set %} block",
    nodes.Macro: "a {% macro %}",
    nodes.CallBlock: "a {% call %} block",
    nodes.FilterBlock: "a {% filter %} block",
    nodes.With: "a {% with %} block",
    nodes.Include: "an {% include %}",
    nodes.Import: "an {% import %}",
    nodes.FromImport: "an {% import %}",
    nodes.Extends: "an {% extends %}",
    nodes.Block: "a {% block %}",
    nodes.ScopedEvalContextModifier: "an {% autoescape %} block",
    nodes.EvalContextModifier: "an {% autoescape %} block",
}
_OPERATORS: dict[type[nodes.Node], str] = {
    nodes.Add: "+",
    nodes.Sub: "-",
    nodes.Mul: "*",
    nodes.Div: "/",
    nodes.FloorDiv: "//",
    nodes.Mod: "%",
    nodes.Pow: "**",
}


def _describe(node: nodes.Node) -> str:
    """What an expression or statement is, for the finding."""
    for kind, words in _STATEMENTS.items():
        if isinstance(node, kind):
            return words
    if isinstance(node, nodes.Stmt):
        return "a {% %} block"
    for kind, operator in _OPERATORS.items():
        if isinstance(node, kind):
            return f"arithmetic or text formatting ('{operator}')"
    descriptions: list[tuple[type[nodes.Node], str]] = [
        (nodes.Call, "a function or method call"),
        (nodes.Concat, "joining text with '~'"),
        (nodes.Compare, "a comparison"),
        (nodes.And, "'and'"),
        (nodes.Or, "'or'"),
        (nodes.Not, "'not'"),
        (nodes.Neg, "a minus sign"),
        (nodes.Pos, "a plus sign"),
        (nodes.CondExpr, "an inline 'if'"),
        (nodes.Test, "a test ('is ...')"),
        (nodes.Const, "a literal value"),
        (nodes.Literal, "a list, tuple or dict"),
        (nodes.Slice, "a slice"),
        (nodes.Getitem, "an index ('[...]')"),
    ]
    for kind, words in descriptions:
        if isinstance(node, kind):
            return words
    return f"the expression '{type(node).__name__}'"


class _Checker:
    def __init__(self, known: frozenset[str]) -> None:
        self.fact_fields = any_fact_field()
        self.company_fields = company_fields()
        self.known = known | OTHER_NAMES

    def template(self, tree: nodes.Template) -> Refusal | None:
        for statement in tree.body:
            if not isinstance(statement, nodes.Output):
                return Refusal(statement.lineno, _describe(statement))
            for node in statement.nodes:
                if isinstance(node, nodes.TemplateData):
                    continue
                refusal = self.placeholder(node)
                if refusal is not None:
                    return refusal
        return None

    def placeholder(self, node: nodes.Expr) -> Refusal | None:
        """``{{ X }}`` or ``{{ X | filter }}``, X a documented placeholder."""
        if isinstance(node, nodes.Filter):
            if node.name not in BODY_FILTERS:
                return Refusal(
                    node.lineno,
                    f"the filter '|{node.name}' (allowed: {', '.join(sorted(BODY_FILTERS))})",
                )
            if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
                return Refusal(node.lineno, f"an argument to '|{node.name}'")
            if node.node is None:
                return Refusal(node.lineno, _describe(node))
            return self.placeholder(node.node)
        path = _path(node)
        if path is None:
            return Refusal(node.lineno, _describe(_innermost_problem(node)))
        root, *rest = path
        if root in self.known:
            return Refusal(node.lineno, f"the name '{root}'")
        if root in ("fact", "fragment") and rest and not _ID.fullmatch(rest[0]):
            return Refusal(node.lineno, f"'{root}.{rest[0]}', which is not an id,")
        if root == "fact":
            if not rest:
                return Refusal(node.lineno, "'fact' without an id")
            if len(rest) > 2:
                return Refusal(node.lineno, f"the field '.{rest[2]}'")
            if len(rest) == 2 and rest[1] not in self.fact_fields:
                return Refusal(
                    node.lineno,
                    f"the field '.{rest[1]}' (a fact has: {', '.join(sorted(self.fact_fields))})",
                )
        elif root == "fragment":
            if len(rest) != 1:
                return Refusal(
                    node.lineno,
                    "'fragment' without an id" if not rest else f"the field '.{rest[1]}'",
                )
        elif root == "company" and (len(rest) != 1 or rest[0] not in self.company_fields):
            shown = f"the field '.{rest[0]}'" if rest else "'company' without a field"
            allowed = ", ".join(sorted(self.company_fields))
            return Refusal(node.lineno, f"{shown} (the company has: {allowed})")
        # Any other name is not in a body's context: the render reports it as undefined.
        return None


def _path(node: nodes.Node) -> list[str] | None:
    """``fact.a.b`` / ``fact['a'].b`` as ``['fact', 'a', 'b']``; None for anything else."""
    names: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            names.append(node.attr)
            node = node.node
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
        ):
            names.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name):
            names.append(node.name)
            return names[::-1]
        else:
            return None


def _innermost_problem(node: nodes.Node) -> nodes.Node:
    """The node to name in a refusal: a call or operator rather than the lookup around it."""
    while isinstance(node, nodes.Getattr | nodes.Getitem) and _path(node) is None:
        inner = node.node
        if _path(inner) is not None:
            break
        node = inner
    return node


def check_body(tree: nodes.Template, known: frozenset[str] = frozenset()) -> Refusal | None:
    """The first construct of a parsed body or fragment that is not a placeholder.

    ``known``: other names that exist where bodies render (the environment's globals),
    refused like ``article`` or ``range``; any other unknown name is left to the render.
    """
    return _Checker(known).template(tree)
