"""A table flattened onto one line, as PDF-to-text copies print it: a caption, a header of
years, then each row's label and its figures, all on one line:

    Area 2010 2011 2012 2013 2014 0 0 0 0 0 Ashfield ** 0 0 1 0 0 Hucknall 0 1 0 0 0

The line is a table only when everything after the header falls into rows of a label
followed by exactly as many figures as there are years (the first row's label may be
missing, as a conversion can drop it). Footnote marks ('**') are not part of a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.periods import YEAR

WORD = re.compile(r"\S+")
FIGURE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
NOTE_MARK = re.compile(r"^(?:\*{1,3}|†|‡)$")
MAX_CAPTION_WORDS = 3
MIN_ROWS = 2


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


@dataclass
class FlatTable:
    caption: str | None
    columns: list[Word]
    rows: list[tuple[str, list[Word]]]  # (label, figures)


def _years(words: list[Word], s: int) -> int:
    """How many increasing years start at words[s]."""
    n = 0
    while s + n < len(words) and YEAR.match(words[s + n].text):
        if n and int(words[s + n].text) <= int(words[s + n - 1].text):
            break
        n += 1
    return n


def _rows(words: list[Word], width: int) -> list[tuple[str, list[Word]]] | None:
    rows: list[tuple[str, list[Word]]] = []
    k = 0
    while k < len(words):
        label: list[str] = []
        while k < len(words) and not FIGURE.match(words[k].text):
            if not NOTE_MARK.match(words[k].text):
                label.append(words[k].text)
            k += 1
        figures = words[k : k + width]
        if len(figures) < width or not all(FIGURE.match(w.text) for w in figures):
            return None
        if not label and rows:
            return None  # only the first row may have lost its label
        rows.append((" ".join(label), figures))
        k += width
    return rows if len(rows) >= MIN_ROWS else None


# Two years in a row among the first words: the cheap test before a line is read word by word.
YEARS_NEAR_START = re.compile(r"^\s*(?:\S+\s+){0,3}(?:19|20)\d{2}\s+(?:19|20)\d{2}\s")


def read_flattened(line: str) -> FlatTable | None:
    if not YEARS_NEAR_START.match(line):
        return None
    words = [Word(m.group(0), m.start(), m.end()) for m in WORD.finditer(line)]
    for s in range(min(MAX_CAPTION_WORDS, len(words)) + 1):
        if any(FIGURE.match(w.text) for w in words[:s]):
            break
        width = _years(words, s)
        if width < 2:
            continue
        rows = _rows(words[s + width :], width)
        if rows is None:
            continue
        caption = " ".join(w.text for w in words[:s]) or None
        return FlatTable(caption, words[s : s + width], rows)
    return None
