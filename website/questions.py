"""Where each of the handout's questions is taught: read from the notebooks themselves.

The handout (2017 numbering) asks 1a-1b (softmax), 2a-2g (neural network basics),
3a-3h (word2vec; 3h, CBOW, is extra credit) and 4a-4g (sentiment). The notebooks
name the questions they answer in three ways, all of which are read here:

- a heading that carries the number: ``## 7. Training (3g)`` or
  ``## 3. The gradient of the cross-entropy loss (Question 2 (b))``;
- the text of a section: ``**Question 3 (a), 3 points.**``;
- a manually graded answer cell, whose nbgrader ``grade_id`` starts ``answer-q3a_``.

Each mention belongs to the section (heading cell) it appears in. The index links a
question to its strongest mention: a heading first, then an answer cell, then text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nbformat.notebooknode import NotebookNode

from autograder import manifest

__all__ = [
    "HANDOUT_QUESTIONS",
    "EXTRA_CREDIT",
    "TOPICS",
    "Mention",
    "Section",
    "heading_of",
    "sections_of",
    "question_mentions",
    "question_map",
    "with_anchors",
]

HANDOUT_QUESTIONS: list[str] = (
    ["1a", "1b"]
    + [f"2{part}" for part in "abcdefg"]
    + [f"3{part}" for part in "abcdefgh"]
    + [f"4{part}" for part in "abcdefg"]
)
# The handout questions of the extra-credit functions (3h, CBOW), from the assignment manifest.
EXTRA_CREDIT = {f.question for f in manifest.FUNCTIONS if f.extra_credit}
TOPICS = {"1": "Softmax", "2": "Neural network basics", "3": "word2vec", "4": "Sentiment analysis"}

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# "Question 2 (e)" and "Question 4 (f, g)"; the letters stop at h (the handout's last part).
_QUESTION_WORDS = re.compile(r"Question\s+([1-4])\s*\(\s*([a-h](?:\s*(?:,|and)\s*[a-h])*)\s*\)")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_BARE_NUMBER = re.compile(r"(?<![\w.])([1-4][a-h])(?![\w])")
_ANSWER_ID = re.compile(r"^answer-q([1-4][a-h])_")

# How strongly a mention ties a question to its section (lower is stronger).
STRENGTH = {"heading": 0, "answer": 1, "text": 2}


@dataclass
class Section:
    """A heading cell of a notebook and the anchor the site gives it."""

    notebook: str
    cell_index: int
    level: int
    title: str
    anchor: str
    questions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """Question `question` is named in `section` of `notebook`, as a heading, answer cell or text."""

    question: str
    notebook: str
    anchor: str
    section_title: str
    kind: str
    cell_index: int


def _headings(source: str) -> list[tuple[int, int, str]]:
    """(line number, level, text) of every heading line of a markdown source, outside code fences."""
    found = []
    fenced = False
    for number, line in enumerate(source.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            match = _HEADING.match(line)
            if match:
                found.append((number, len(match.group(1)), match.group(2)))
    return found


def heading_of(cell: NotebookNode) -> tuple[int, str] | None:
    """(level, text) of the first heading of a markdown cell, or None."""
    if cell.cell_type != "markdown":
        return None
    headings = _headings(cell.source)
    return (headings[0][1], headings[0][2]) if headings else None


def _anchor(cell_index: int, k: int) -> str:
    return f"s{cell_index}" if k == 0 else f"s{cell_index}-{k}"


def sections_of(notebook: str, nb: NotebookNode) -> list[Section]:
    """Every heading of nb (a cell may hold several), with a stable anchor for links.

    The anchor is `s<cell index>` for a cell's first heading, `s<cell index>-<k>` for its k-th.
    """
    sections = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for k, (_, level, title) in enumerate(_headings(cell.source)):
                sections.append(Section(notebook, index, level, _plain(title), _anchor(index, k)))
    return sections


def with_anchors(source: str, cell_index: int) -> str:
    """The markdown source with an empty element carrying each heading's anchor before the heading."""
    lines = source.splitlines()
    for k, (number, _, _) in reversed(list(enumerate(_headings(source)))):
        lines[number:number] = [f'<div class="section-anchor" id="{_anchor(cell_index, k)}"></div>', ""]
    return "\n".join(lines)


def _segments(source: str) -> list[tuple[int | None, str]]:
    """The source cut at its headings: (index of the heading among the cell's, text), the
    first segment (text before any heading) with None."""
    lines = source.splitlines()
    headings = _headings(source)
    cuts = [0] + [number for number, _, _ in headings] + [len(lines)]
    segments: list[tuple[int | None, str]] = [(None, "\n".join(lines[cuts[0] : cuts[1]]))]
    for k in range(len(headings)):
        segments.append((k, "\n".join(lines[cuts[k + 1] + 1 : cuts[k + 2]])))
    return segments


def _plain(title: str) -> str:
    """A heading's text without Markdown emphasis or code marks."""
    return re.sub(r"[*_`]", "", title).strip()


def _numbers_in_words(text: str) -> list[str]:
    found = []
    for number, letters in _QUESTION_WORDS.findall(text):
        found += [number + letter for letter in re.findall(r"[a-h]", letters)]
    return found


def _numbers_in_heading(title: str) -> list[str]:
    found = _numbers_in_words(title)
    for inside in _PARENTHESES.findall(title):
        found += _BARE_NUMBER.findall(inside)
    return found


def question_mentions(notebook: str, nb: NotebookNode) -> list[Mention]:
    """Every place nb names a handout question, in document order.

    A bare number such as "3g" counts only inside a heading's parentheses (the
    notebook's introduction lists every question and is not where they are taught);
    "Question 3 (g)" counts in any markdown text after the first section (level 2) heading.
    """
    by_anchor = {section.anchor: section for section in sections_of(notebook, nb)}
    mentions: list[Mention] = []
    current: Section | None = None

    def add(questions: list[str], kind: str, index: int) -> None:
        for question in questions:
            if current is not None and question in HANDOUT_QUESTIONS:
                mentions.append(Mention(question, notebook, current.anchor, current.title, kind, index))

    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for k, text in _segments(cell.source):
                if k is not None:
                    current = by_anchor[_anchor(index, k)]
                    add(_numbers_in_heading(current.title), "heading", index)
                if current is not None and current.level > 1:
                    add(_numbers_in_words(text), "text", index)
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        answer = _ANSWER_ID.match(grade_id)
        if answer:
            add([answer.group(1)], "answer", index)
    return mentions


def question_map(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Handout question -> its mentions, strongest first (one per section), for every question.

    A question no notebook names maps to an empty list.
    """
    result: dict[str, list[Mention]] = {q: [] for q in HANDOUT_QUESTIONS}
    order = {id(m): i for i, m in enumerate(mentions)}
    for mention in sorted(mentions, key=lambda m: (STRENGTH[m.kind], order[id(m)])):
        places = result[mention.question]
        if all((m.notebook, m.anchor) != (mention.notebook, mention.anchor) for m in places):
            places.append(mention)
    return result
