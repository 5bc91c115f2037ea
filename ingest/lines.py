"""The one line classifier every parser reads: what a line of text is (pure).

Page furniture, numbered questions and table lines are decided here and nowhere else, so the
kind reader, the table parser and the request parser agree on every line; ``line_frame``
records each line with its kind, so nothing is dropped unaccounted.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import polars as pl

from ingest.frames import rows_frame
from ingest.periods import MONTHS
from ingest.schema import CORE_SCHEMAS

if TYPE_CHECKING:
    from ingest.documents import Document

HEADING_MAX_WORDS = 8
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR_RE = r"(?:19|20)\d{2}"
NUMBER_RE = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)%?"

# Page furniture: what a web page, a request-thread site, a document-sharing site or a
# PDF-to-text conversion prints around the document itself. Each alternative is a class of
# wording, not one page's text. A furniture line is recorded as line kind 'boilerplate' and
# is never a title, a question or an answer, nor evidence of the document's kind.
BOILERPLATE_LINE = re.compile(
    # cookie and consent banners ('We use some essential cookies…', 'Customise Cookies')
    r"\bcookies?\b"
    # site navigation and accessibility links, short lines only (see is_boilerplate)
    r"|^(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|top|menu|search(?:\s+button)?"
    r"|home|login|log\s*in|sign\s+in|register|accessibility\s*\|?|full\s+text|share(?:\s+this"
    r"(?:\s+article)?)?|print(?:\s+this\s+page)?|have\s+your\s+say|hide\s+ad|advertisement"
    r"|published|last\s+updated|n/a|protected|no\s+results\s+found|download(?:\s+\(\d+\))?)\s*$"
    r"|^(?:forgotten\s+(?:your\s+)?password|create\s+(?:a\s+|new\s+|[\w\s]{0,30})?account"
    r"|(?:quickly\s+)?(?:exit|leave)\s+this\s+site|read\s+more|see\s+also|watch\s+more"
    r"|academic\s+year|share\s+\")"
    # request-thread sites (WhatDoTheyKnow): the thread's status line and its headers
    r"|^the\s+request\s+(?:was|is|has\s+been)\b|^this\s+request\s+has\s+been\b"
    r"|\b(?:did\s+not\s+have|is\s+waiting\s+for)\s+the\s+information\s+requested\b"
    r"|^this\s+is\s+an\s+html\s+version\s+of\s+an\s+attachment\b"
    r"|^(?:link\s+to\s+this|report|follow|add\s+an\s+annotation|download\s+original\s+attachment)$",
    re.IGNORECASE,
)
# Site banners of any length: a beta-site notice, an emergency-exit button, a failed-script
# message, a website-rebuild notice, an affiliate-links notice.
BANNER_LINE = re.compile(
    r"\bcookies?\b|\bescape\s+key\b|\bthis\s+site\s+is\s+a\s+beta\b"
    r"|\btechnical\s+problem\..{0,20}try\s+again|\bbuilding\s+a\s+new\s+website\b"
    r"|\baffiliate\s+links?\b",
    re.IGNORECASE,
)
# Navigation items are short; a longer line that starts with 'Home' or 'Published' is text.
FURNITURE_MAX_WORDS = 30
# A line with no letter and no digit ('<<', '•', '---') is PDF-to-text debris or a rule.
# Pipes are table structure (a one-cell-per-line table prints '|' lines), never debris.
NO_WORD = re.compile(r"^[^\w|]+$")


BANNER_WORDS = ("cookie", "escape", "beta", "technical", "website", "affiliate")


@functools.lru_cache(maxsize=65536)
def is_boilerplate(line: str) -> bool:
    """Page furniture (see BOILERPLATE_LINE): banners, navigation, thread headers, debris.
    Remembered: the kind, line and reply readers all ask about the same lines."""
    text = line.strip()
    if not text:
        return False
    if NO_WORD.match(text):
        return True
    lowered = text.lower()
    if any(word in lowered for word in BANNER_WORDS) and BANNER_LINE.search(text):
        return True
    return len(text.split()) <= FURNITURE_MAX_WORDS and bool(BOILERPLATE_LINE.search(text))


def is_content(line: str) -> bool:
    """A line with text that is not page furniture: what a reader of the document reads."""
    return bool(line.strip()) and not is_boilerplate(line)


# Question lines: '1: text', '2. text', '3) text', 'Q3 text', 'Question 4 - text'.
QUESTION_RE = re.compile(
    r"^\s*(?:q(?:uestion)?\s*(?P<n1>\d{1,2})\s*[:.)\-–]?|(?P<n2>\d{1,2})\s*[:.)])\s+(?P<text>\S.*)$",
    re.IGNORECASE,
)
# 'Question 7' alone on its line heads what follows it.
QUESTION_HEADING_RE = re.compile(r"^\s*question\s+(?P<n>\d{1,2})\s*$", re.IGNORECASE)

_PERIOD_TOKEN_RE = re.compile(
    rf"^(?:{MONTH_RE})\.?$|^{YEAR_RE}(?:/\d{{2,4}})?$|^q[1-4]$|^(?:grand|total)$", re.IGNORECASE
)
_ENDS_WITH_TWO_NUMBERS_RE = re.compile(rf"(?:^|\s){NUMBER_RE}\s+{NUMBER_RE}\s*$")
_PERIOD_LABEL_VALUE_RE = re.compile(
    rf"^\s*(?:(?:{MONTH_RE})\.?|{YEAR_RE}(?:/\d{{2,4}})?|q[1-4]|(?:grand\s+)?total)"
    rf"\s*:?\s*{NUMBER_RE}\s*$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=65536)
def is_table_line(line: str) -> bool:
    """A table row ends with two or more numbers ('Harassment 1 0 3'), or is a period label
    and one value ('Jan 1,837', '2011 : 77,686'), or is pipe-delimited; a header is mostly
    month / year / quarter / Total tokens ('Offence Jan Feb ... Total')."""
    if _ENDS_WITH_TWO_NUMBERS_RE.search(line) or _PERIOD_LABEL_VALUE_RE.match(line):
        return True
    if line.count("|") >= 2:
        return True
    tokens = line.split()
    period_tokens = sum(1 for token in tokens if _PERIOD_TOKEN_RE.match(token))
    return period_tokens >= 3 and 2 * period_tokens >= len(tokens)


@functools.lru_cache(maxsize=65536)
def numbered_item(line: str) -> tuple[int, str] | None:
    """(number, rest) of a numbered line: '2. How many…', 'Q2 How many…', 'Question 4 - …',
    and also a numbered answer or list item ('3. 2', '3. 2008 : 107,982'). Every parser
    takes a numbered line as the start of a new question's part of the document."""
    match = QUESTION_RE.match(line)
    return None if match is None else (int(match["n1"] or match["n2"]), match["text"].strip())


def question_match(line: str) -> tuple[int, str] | None:
    """(number, text) when the numbered line asks a question: words in it, and not a table
    line ('3. 2008 : 107,982' is a list item, '3. 2' an answer, not question 3)."""
    found = numbered_item(line)
    if found is None or is_table_line(line) or not re.search(r"[A-Za-z]{2}", found[1]):
        return None
    return found


def question_number(line: str) -> int | None:
    """The number of the question whose part of the document this line starts: a numbered
    line, or a 'Question 2' heading."""
    found = numbered_item(line)
    if found is not None:
        return found[0]
    heading = QUESTION_HEADING_RE.match(line)
    return int(heading["n"]) if heading else None


def classify_line(text: str) -> str:
    """blank | boilerplate | question | heading | prose, for lines no parser has claimed.
    'boilerplate' is page furniture (cookie banners, navigation, request-thread headers,
    conversion debris: see BOILERPLATE_LINE)."""
    stripped = text.strip()
    if not stripped:
        return "blank"
    if is_boilerplate(stripped):
        return "boilerplate"
    if question_number(stripped) is not None:
        return "question"
    if len(stripped.split()) <= HEADING_MAX_WORDS and stripped[-1] not in ".!?\"'’”":
        return "heading"
    return "prose"


def line_frame(doc: Document, claimed: dict[int, tuple[str, str | None]]) -> pl.DataFrame:
    """One row per line; ``claimed`` maps line numbers a parser recognised to (kind, table)."""
    rows = []
    furniture = {n for n, s in enumerate(doc.line_sources, start=1) if s.furniture}
    for number, text in enumerate(doc.lines, start=1):
        kind, table_id = claimed.get(number, (classify_line(text), None))
        if kind == "prose":
            kind = classify_line(text)  # the table parser only knows 'not a table'
        if number in furniture and table_id is None and kind != "blank":
            kind = "boilerplate"  # the page's markup says so (navigation, footer, banner)
        # In CORE_SCHEMAS["document_lines"] order.
        rows.append((doc.document_id, number, text, kind, table_id))
    return rows_frame(rows, CORE_SCHEMAS["document_lines"])


def line_sources_frame(doc: Document) -> pl.DataFrame:
    """Where each line was printed in its file, for every format but .txt (whose line
    number is its provenance)."""
    rows = []
    if doc.format != "txt":
        for number, source in enumerate(doc.line_sources, start=1):
            # In CORE_SCHEMAS["document_line_sources"] order.
            rows.append(
                (doc.document_id, number, doc.format, source.locator, source.page, source.sheet)
            )
    return rows_frame(rows, CORE_SCHEMAS["document_line_sources"])
