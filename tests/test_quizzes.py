"""Quiz pages: each answer is one of its options, hidden, and tied to the output of the code.

pytest-codeblocks (``--codeblocks``) runs every ``python`` block of the pages and compares its
output with the block marked ``<!--pytest-codeblocks:expected-output-->``; these tests tie the
answer letters to those checked outputs, so a wrong answer key fails one or the other.
A question that no checked output decides names its evidence on a `Source:` line linking a pinned
version, and the answer letters stay balanced, so the position of an option gives nothing away.
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


# A question that no run checks names its source on a line of its answer box:
#     Source: [what the source says](https://github.com/.../blob/v2.13.0/...#L12)
# The link must point at a pinned version (a tag such as /v2.13.0/ or /v3.15.1/, a docs path
# such as /2.13/, or a commit hash), never at a moving target such as "latest", "stable", "main"
# or "master".
SOURCE_LINE = re.compile(r"^ *Source: (.*)$", re.M)
LINK = re.compile(r"\[[^\]]+\]\((https?://[^)\s]+)\)")
VERSIONED = re.compile(r"/v?\d+(?:\.\d+)+(?=[/#?]|$)|/v\d+\.|/[0-9a-f]{40}(?=[/#?]|$)")
MOVING = re.compile(r"/(?:latest|stable|main|master|nightly|dev)(?=[/#?]|$)")
# Across all quiz pages each answer letter stays between these shares of the questions; on one
# page no letter answers more than half of its questions.
LETTER_SHARE = (0.15, 0.35)


def answer_letter(question: Question) -> str:
    return ANSWER_BOX.search(question.text).group(3)


def picked_by_a_run(question: Question) -> list[str]:
    """The options that a checked output picks: the question's printed code span, or `answer: X`."""
    picked = []
    if question.question_code:
        printed = (question.question_code[-1].expected_output or "").strip()
        picked += [key for key, text in question.options.items() if code_text(text) == printed]
    for block in question.blocks:
        picked += ANSWER_LINE.findall(block.expected_output or "")
    return sorted(set(picked))


def versioned_source(question: Question) -> list[str]:
    """The pinned links on the question's `Source:` lines (empty when it has none)."""
    box = question.text[ANSWER_BOX.search(question.text).start() :]
    urls = [url for line in SOURCE_LINE.findall(box) for url in LINK.findall(line)]
    return [url for url in urls if VERSIONED.search(url) and not MOVING.search(url)]


def letter_counts(questions: list[Question]) -> dict[str, int]:
    letters = sorted({key for q in QUESTIONS for key in q.options})
    counts = dict.fromkeys(letters, 0)
    for question in questions:
        counts[answer_letter(question)] += 1
    return counts


def test_answer_letters_are_balanced():
    total = len(QUESTIONS)
    overall = letter_counts(QUESTIONS)
    per_page = {p.name: letter_counts([q for q in QUESTIONS if q.page == p.name]) for p in PAGES}
    table = "\n".join(f"  {page}: {counts}" for page, counts in per_page.items())
    low, high = LETTER_SHARE
    problems = [
        f"overall, {letter} answers {n} of {total} questions ({n / total:.0%}), "
        f"outside {low:.0%}-{high:.0%}"
        for letter, n in overall.items()
        if not low * total <= n <= high * total
    ]
    for page, counts in per_page.items():
        size = sum(counts.values())
        problems += [
            f"{page}: {letter} answers {n} of its {size} questions, more than half"
            for letter, n in counts.items()
            if n > size / 2
        ]
    assert not problems, (
        "answer letters are unbalanced; reorder options (and any code printing `answer: X`):\n"
        + "\n".join(problems)
        + f"\noverall: {overall}\n{table}"
    )


@pytest.mark.parametrize("question", QUESTIONS, ids=ident)
def test_answer_is_checked_by_a_run_or_backed_by_a_versioned_source(question):
    picked = picked_by_a_run(question)
    if picked:
        assert picked == [answer_letter(question)], (
            f"{ident(question)}: the checked output picks {picked}, "
            f"but the answer is {answer_letter(question)}"
        )
        return
    box = question.text[ANSWER_BOX.search(question.text).start() :]
    lines = SOURCE_LINE.findall(box)
    assert versioned_source(question), (
        f"{question.page}, question {question.number}: no checked output picks an option"
        + (f", and its Source line {lines} links no pinned version" if lines else "")
        + ". Add a python block whose expected output prints `answer: X` (or make the question's "
        "code print one option's code span exactly), or add to the answer box the line "
        "`Source: [what it says](https://github.com/<owner>/<repo>/blob/v<version>/<path>#L<n>)` "
        "linking the pinned version's source or docs (not latest/stable/main/master)"
    )


def test_every_module_a_code_block_imports_is_declared_for_the_test_process():
    """pytest-codeblocks runs the blocks in the test process: what they import must be pinned.

    A module found only because the environment happens to hold it would pass here and fail
    on a fresh clone; the distributions come from `[project]` dependencies and extras.
    """
    import ast
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    root = QUIZZES.parents[1]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    project = pyproject["project"]
    declared = {
        re.split(r"[=<>\[ ]", requirement)[0].lower()
        for requirement in (
            *project["dependencies"],
            *project["optional-dependencies"]["test"],
            *project["optional-dependencies"]["frameworks"],
        )
    }
    own = set(pyproject["tool"]["setuptools"]["packages"])
    providers = packages_distributions()
    missing = []
    for page in sorted((root / "docs").rglob("*.md")):
        for block in extract_from_file(page):
            if block.syntax != "python":
                continue
            for node in ast.walk(ast.parse(block.code)):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module]
                    if isinstance(node, ast.ImportFrom) and node.module and not node.level
                    else []
                )
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in own:
                        continue
                    dists = {d.lower() for d in providers.get(top, [top])}
                    if not dists & declared:
                        missing.append(f"{page.relative_to(root)}:{block.lineno}: {top}")
    assert not missing, (
        "add the distribution of each module below to the `frameworks` extra of "
        "pyproject.toml (pinned, and in constraints.txt):\n" + "\n".join(sorted(set(missing)))
    )
