"""Sentences: where each sentence of a line starts and ends (full stops after titles,
initials and 'No.' before a number do not end one)."""

from __future__ import annotations

import re
from dataclasses import dataclass

LOOK_BACK = 400  # characters of context looked at around a number


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms mx dr det insp supt sgt cllr prof rev st sir capt lt col gen hon rt pc dc ds "
    "di dci dsi dcs ch con cst asst dep chief sr jr"
)
NUMBER_ABBREVIATIONS = word_set("no nos fig figs vol para art sec ref tel p pp ch")
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*")
OPENERS = "\"'“‘(["
LAST_WORD = re.compile(r"([\w.]+)$")
AFTER_STOP = re.compile(r"\s*\Z|\s+(?:[\"'“‘(\[](?=.))?(.)")


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based within the document
    line_number: int  # 1-based
    char_start: int  # within the line
    char_end: int  # within the line, exclusive
    text: str


def _next_start(line: str, position: int) -> str | None:
    """After a full stop: None if no space follows, '' at the end of the line, else the
    first character of the next word (skipping one opening quote or bracket)."""
    after = AFTER_STOP.match(line, position)
    if after is None:
        return None
    return after.group(1) or ""


def _starts_sentence(next_char: str | None) -> bool:
    """Whether what follows a full stop begins a new sentence."""
    if next_char is None:
        return False
    return not next_char or next_char.isupper() or next_char.isdigit()


def _is_abbreviation(line: str, stop: re.Match[str], next_char: str | None) -> bool:
    """A single full stop after a title ('Det.'), an initial ('J.') or 'No.' before a number."""
    if stop.group().rstrip("\"'”’)]") != ".":
        return False
    found = LAST_WORD.search(line, max(0, stop.start() - LOOK_BACK), stop.start())
    if not found:
        return False
    word = found.group(1).rstrip(".").lower()
    if word in TITLE_ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and found.group(1)[-1].isupper():
        return True
    return word in NUMBER_ABBREVIATIONS and bool(next_char) and next_char.isdigit()


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one line; spans cover every non-blank character."""
    spans: list[tuple[int, int]] = []
    start = 0
    for stop in SENTENCE_END.finditer(line):
        next_char = _next_start(line, stop.end())
        if not _starts_sentence(next_char) or _is_abbreviation(line, stop, next_char):
            continue
        spans.append((start, stop.end()))
        start = stop.end()
    spans.append((start, len(line)))
    trimmed = []
    for begin, end in spans:
        text = line[begin:end]
        if text.strip():
            lead = len(text) - len(text.lstrip())
            trimmed.append((begin + lead, begin + len(text.rstrip())))
    return trimmed


def split_sentences(
    lines: tuple[str, ...], skipped: frozenset[int] = frozenset()
) -> list[Sentence]:
    """The sentences of every line but the ``skipped`` line numbers (1-based)."""
    sentences: list[Sentence] = []
    for line_number, line in enumerate(lines, start=1):
        if line_number in skipped:
            continue
        for begin, end in sentence_spans(line):
            sentences.append(Sentence(len(sentences) + 1, line_number, begin, end, line[begin:end]))
    return sentences
