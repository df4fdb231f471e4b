"""Quiz pages: each answer is one of its options, hidden, and tied to the output of the code.

pytest-codeblocks (``--codeblocks``) runs every ``python`` block of the pages and compares its
output with the block marked ``<!--pytest-codeblocks:expected-output-->``; these tests tie the
answer letters to those checked outputs, so a wrong answer key fails one or the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_codeblocks.main import CodeBlock, extract_from_file

QUIZZES = Path(__file__).resolve().parents[1] / "docs" / "quizzes"
PAGES = sorted(p for p in QUIZZES.glob("*.md") if p.name != "index.md")
QUESTION = re.compile(r"^## (\d+)\. ", re.M)
OPTION = re.compile(r"^- \*\*([A-E])\.\*\* (.+)$", re.M)
ANSWER_BOX = re.compile(r'^(\?\?\?\+?) success "([^"]*)"\n\n?    \*\*Answer: ([A-E])\.\*\*$', re.M)
ANSWER_LINE = re.compile(r"^answer: ([A-E])$", re.M)


@dataclass
class Question:
    """One `## N.` section of a quiz page and the code blocks inside it."""

    page: str
    number: int
    text: str
    first_line: int
    last_line: int
    blocks: list[CodeBlock] = field(default_factory=list)

    @property
    def options(self) -> dict[str, str]:
        return dict(OPTION.findall(self.text))

    @property
    def question_code(self) -> list[CodeBlock]:
        """Python blocks shown before the answer box (the code the question asks about)."""
        box = self.text.find('success "')
        offset = self.text.count("\n", 0, box)
        return [b for b in self.blocks if b.lineno < self.first_line + offset]


def load(page: Path) -> list[Question]:
    text = page.read_text()
    starts = [m.start() for m in QUESTION.finditer(text)] + [len(text)]
    blocks = [b for b in extract_from_file(page) if b.syntax == "python"]
    questions = []
    for start, end in zip(starts, starts[1:], strict=False):
        first = text.count("\n", 0, start) + 1
        last = text.count("\n", 0, end) + 1
        number = int(QUESTION.match(text, start).group(1))
        inside = [b for b in blocks if first <= b.lineno < last]
        questions.append(Question(page.name, number, text[start:end], first, last, inside))
    return questions


QUESTIONS = [q for page in PAGES for q in load(page)]


def ident(question: Question) -> str:
    return f"{question.page}::{question.number}"


def code_text(option: str) -> str | None:
    """The option's text when it is a single code span, else None."""
    match = re.fullmatch(r"`([^`]+)`", option.strip())
    return match.group(1) if match else None


def test_pages_have_questions():
    assert PAGES, f"no quiz pages under {QUIZZES}"
    for page in PAGES:
        numbers = [q.number for q in QUESTIONS if q.page == page.name]
        assert numbers == list(range(1, len(numbers) + 1)), f"{page.name}: numbering {numbers}"


@pytest.mark.parametrize("question", QUESTIONS, ids=ident)
def test_answer_is_hidden_and_among_the_options(question):
    options = question.options
    assert len(options) >= 3, f"{ident(question)}: options must read '- **A.** ...'"
    boxes = ANSWER_BOX.findall(question.text)
    assert len(boxes) == 1, (
        f'{ident(question)}: need one `??? success "Answer"` box opening with **Answer: X.**'
    )
    marker, title, letter = boxes[0]
    assert marker == "???", f"{ident(question)}: `???+` shows the answer before it is opened"
    assert title == "Answer", f"{ident(question)}: the box title {title!r} shows when folded"
    assert letter in options, f"{ident(question)}: answer {letter} is not an option"


@pytest.mark.parametrize("question", QUESTIONS, ids=ident)
def test_every_code_block_has_a_checked_output(question):
    for block in question.blocks:
        assert block.expected_output is not None, (
            f"{ident(question)}: the python block at line {block.lineno} has no "
            "<!--pytest-codeblocks:expected-output--> block after it, so nothing checks it"
        )


@pytest.mark.parametrize("question", QUESTIONS, ids=ident)
def test_answer_matches_the_checked_output(question):
    letter = ANSWER_BOX.search(question.text).group(3)
    options = question.options
    if question.question_code:
        printed = question.question_code[-1].expected_output.strip()
        matching = [key for key, text in options.items() if code_text(text) == printed]
        assert matching == [letter], (
            f"{ident(question)}: the code prints {printed!r}, which is option(s) {matching}, "
            f"but the answer says {letter}"
        )
    for block in question.blocks:
        if found := ANSWER_LINE.search(block.expected_output or ""):
            assert found.group(1) == letter, (
                f"{ident(question)}: the check prints 'answer: {found.group(1)}', "
                f"but the answer says {letter}"
            )
