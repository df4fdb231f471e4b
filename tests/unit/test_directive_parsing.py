"""Page directives: parsed as literals only, expanded in place, errors name the line."""

from __future__ import annotations

import pytest

from sidebyside.content.directives import DirectiveError, expand, parse


def test_parse_reads_literals_only():
    directive = parse('example("q07", x=[1, 2])', 3)
    assert (directive.name, directive.args, directive.kwargs, directive.line) == (
        "example",
        ("q07",),
        {"x": [1, 2]},
        3,
    )
    with pytest.raises(DirectiveError, match="line 4: cannot read directive"):
        parse("example(open('x'))", 4)


def test_expand_keeps_indentation_and_other_lines():
    page = 'Intro\n\n    {{ hello("you") }}\nEnd\n'
    out = expand(page, {"hello": lambda who: f"Hi {who}\n\nBye"})
    assert out == "Intro\n\n    Hi you\n\n    Bye\nEnd\n"


def test_unknown_directive_lists_the_known_ones():
    with pytest.raises(DirectiveError, match=r"line 2: unknown directive 'nope'; use hello"):
        expand("x\n{{ nope() }}\n", {"hello": lambda: ""})


def test_handler_errors_name_the_directive_and_line():
    def broken(topic):
        raise KeyError(f"no topic {topic!r}")

    with pytest.raises(DirectiveError, match=r"line 1: example: .*no topic 'q99'"):
        expand('{{ example("q99") }}\n', {"example": broken})


def test_inline_braces_are_not_directives():
    text = "Use `{{ example('x') }}` inline.\n"
    assert expand(text, {}) == text
