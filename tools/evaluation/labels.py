"""How labels, periods and references are compared: printed text, normalised only in form."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = ".,:;!?*"

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
# Pieces of text that only say when: dates, years (2019, 2019/20, 1999-2000), months with their
# day, ordinals, quarters, and the words that join them. A label made only of these is a period.
_PERIOD_PIECES = [
    re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"),
    re.compile(rf"\b{_YEAR}(?:\s*[/-]\s*(?:{_YEAR}|\d{{2}}))?\b"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?![a-z])"),
    re.compile(rf"\b{_MONTH}(?![a-z])\s+\d{{1,2}}(?:st|nd|rd|th)?\b"),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b"),
    re.compile(rf"\b{_MONTH}(?![a-z])"),
    re.compile(r"\bq[1-4]\b"),
    re.compile(
        r"\b(?:to|up|until|till|from|between|and|of|the|year|years|yr|ending|ended|end|"
        r"fy|financial|calendar|quarter|month|date|ytd|so|far|present|current|period)\b"
    ),
]


def normalise_label(label: str | None) -> str:
    """Case, whitespace, dash kinds and leading/trailing punctuation do not matter."""
    if label is None:
        return ""
    text = unicodedata.normalize("NFKC", label)
    text = _DASHES.sub("-", text).casefold()
    text = _SPACES.sub(" ", text).strip()
    return text.strip(_EDGE_PUNCTUATION + " ")


def is_period_label(label: str | None) -> bool:
    """True when the label only says when (`2019`, `2014/2015`, `01/07/2021`, `2020 up to 31st
    January`), so it is checked through the period, not as a label. Age bands (`18-24`) and
    labels with other words (`Match v Town - 1st January 2018`) are labels."""
    text = normalise_label(label)
    if not text or not re.search(r"\d", text):
        return False
    for piece in _PERIOD_PIECES:
        text = piece.sub(" ", text)
    return not re.search(r"[a-z0-9]", text)


def label_set(*labels: str | None) -> set[str]:
    """Normalised labels, each whole and split at ' > ' (a path of group labels)."""
    found: set[str] = set()
    for label in labels:
        if label is None:
            continue
        found.add(normalise_label(label))
        found.update(normalise_label(part) for part in label.split(" > "))
    found.discard("")
    return found


def required_labels(row: list[str], column: str | None) -> set[str]:
    """The truth cell's labels a warehouse cell must carry: every one that is not a period."""
    return {
        normalise_label(label)
        for label in [*row, column]
        if label is not None and normalise_label(label) and not is_period_label(label)
    }


def normalise_reference(reference: str | None) -> str:
    """References compare without case, spaces or dash kinds (`429- 25` is `429-25`)."""
    if reference is None:
        return ""
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", reference)).casefold()
    return _SPACES.sub("", text)
