"""Numbered notes ('5. From the year ending June 2017 ...') and the footnote numbers glued
to the labels that point to them ('Stalking and harassment5', 'Residential burglary6,7',
'ENGLAND AND WALES8'). A trailing number is a marker only when every number of it is a
note the document prints, and it is glued to a word of letters (so 'M25', 'Aged 16' and
'Under 5' stay as printed)."""

from __future__ import annotations

import re

NUMBERED_NOTE = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")
GLUED_MARKER = re.compile(r"(?<=[A-Za-z]{3})(\d{1,2}(?:,\d{1,2})*)$")


def numbered_notes(lines: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """(line index, number, text) of every line that starts 'N. '."""
    notes = []
    for k, line in enumerate(lines):
        match = NUMBERED_NOTE.match(line)
        if match:
            notes.append((k, match.group(1), match.group(2).strip()))
    return notes


def _note(number: str, notes: list[tuple[int, str, str]], at: int) -> str | None:
    """The note with that number nearest below line ``at`` (a table's notes follow it; each
    sheet numbers its own), else the last one above it."""
    after = [text for k, n, text in notes if n == number and k > at]
    before = [text for k, n, text in notes if n == number and k < at]
    return after[0] if after else before[-1] if before else None


def strip_numbered_marker(
    label: str, notes: list[tuple[int, str, str]], at: int
) -> tuple[str, str | None]:
    """(label without its marker, the notes it points to) or (label, None); ``at`` is the
    index of the label's line."""
    match = GLUED_MARKER.search(label.rstrip())
    if not match or not notes:
        return label, None
    texts = [(n, _note(n, notes, at)) for n in match.group(1).split(",")]
    if any(text is None for _, text in texts):
        return label, None
    return label.rstrip()[: match.start()].rstrip(), "; ".join(f"{n}. {t}" for n, t in texts)
