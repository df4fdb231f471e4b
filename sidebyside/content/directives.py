"""Find the `{{ name(args) }}` directive lines of a markdown page and parse their arguments."""

from __future__ import annotations

import ast
import difflib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass

DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\{\{\s*(?P<call>\w+\(.*\))\s*\}\}[ \t]*$", re.M)


class DirectiveError(ValueError):
    """A directive line is malformed or names an unknown directive, topic or value."""


@dataclass(frozen=True)
class Directive:
    """One parsed directive line."""

    name: str
    args: tuple
    kwargs: dict
    line: int


def parse(call: str, line: int) -> Directive:
    """Parse `name(literal, ..., key=literal)` without evaluating anything but literals."""
    try:
        node = ast.parse(call, mode="eval").body
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            raise ValueError("not a call")
        args = tuple(ast.literal_eval(a) for a in node.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    except (SyntaxError, ValueError) as exc:
        raise DirectiveError(f"line {line}: cannot read directive {{{{ {call} }}}}: {exc}") from exc
    return Directive(node.func.id, args, kwargs, line)


def check(markdown: str, handlers: dict[str, Callable[..., str]], topics: set[str]) -> list[str]:
    """Return a message for each directive line that would fail, without rendering any.

    Each names the line and what to change: a directive that does not parse, an unknown
    directive, arguments its handler does not take, or an unknown topic (the `name` argument).
    """
    problems = []
    for match in DIRECTIVE.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        try:
            directive = parse(match["call"], line)
        except DirectiveError as exc:
            problems.append(str(exc))
            continue
        handler = handlers.get(directive.name)
        if handler is None:
            near = difflib.get_close_matches(directive.name, handlers, n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"use {', '.join(sorted(handlers))}"
            problems.append(f"line {line}: unknown directive {directive.name!r}; {hint}")
            continue
        try:
            bound = inspect.signature(handler).bind(*directive.args, **directive.kwargs)
        except TypeError as exc:
            problems.append(f"line {line}: {directive.name}: {exc}")
            continue
        name = bound.arguments.get("name")
        if isinstance(name, str) and name not in topics:
            near = difflib.get_close_matches(name, topics, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            problems.append(f'line {line}: {directive.name}: "no snippet topic {name!r}"{hint}')
    return problems


def expand(markdown: str, handlers: dict[str, Callable[..., str]]) -> str:
    """Replace every directive line with its handler's markdown, indented like the line."""

    def replace(match: re.Match) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        directive = parse(match["call"], line)
        handler = handlers.get(directive.name)
        if handler is None:
            known = ", ".join(sorted(handlers))
            raise DirectiveError(f"line {line}: unknown directive {directive.name!r}; use {known}")
        try:
            text = handler(*directive.args, **directive.kwargs)
        except (KeyError, TypeError, FileNotFoundError) as exc:
            raise DirectiveError(f"line {line}: {directive.name}: {exc}") from exc
        indent = match["indent"]
        return "\n".join(indent + row if row else row for row in text.splitlines())

    return DIRECTIVE.sub(replace, markdown)
