"""Words and line shapes of FOI tables printed as text (pure, cached functions).

A Token is a word of a line with its offsets; numbers, suppression markers ('*', '<5',
'n/a'), numbers printed with a stray space ('77, 686'), pipe cells and a label's colon are
recognised here. ``split_row`` cuts a line into its label and its trailing run of values.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from ingest.lines import question_number
from ingest.periods import (
    CACHE_SIZE,
    YEAR,
    month_number,
)

NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
# A figure that is not a whole count: a sum of money ('£2,713.92', '£0') or a number printed
# with decimals ('51.410873', '-2.509930'). Its value is an exact Decimal, never a float; a
# decimal figure is never a count. No leading zero before the point but '0.5' ('07.11' is a
# date), at most DECIMAL_PLACES places (the raw column's scale), a sign only on a decimal
# ('-18' stays a fragment of an age band).
DECIMAL_PLACES = 10
CURRENCY = "£$€"
DECIMAL_NUMBER = re.compile(
    rf"^(?P<currency>[{CURRENCY}])?(?P<sign>-)?"
    r"(?P<whole>0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"
    rf"(?P<fraction>\.\d{{1,{DECIMAL_PLACES}}})?$"
)
# A pipe cell whose whole text is a whole number with a minus sign ('-31', '−1,204': a change
# over a period): the cell's borders prove the sign is the number's, not a dash or a bullet
# before it ('- 17' in text). Read as a figure that is not a count (a Decimal), never a count.
SIGNED_CELL = re.compile(r"^[-−](?:\d{1,3}(?:,\d{3})+|\d+)$")
TYPO_NUMBER = re.compile(r"^\d+[^\W\d_]+\d+$")  # '5z1', '1O2': a letter typed inside a number
# Printed in place of a number: suppressed, not applicable or not available.
SUPPRESSION_TOKENS = frozenset(
    {"*", "-", "–", "—", "..", "...", "n/a", "N/A", "n/k", "N/K", "x", "<5", "~"}
)
# '<5', '< 10', '≤5' and the bracketed markers of official statistics ('[c]', '[x]').
SUPPRESSION_PATTERN = re.compile(r"^(?:[<>≤]=?\s*\d+|\[[a-z]{1,4}\])$", re.IGNORECASE)
NOTE_MARKS = frozenset({"*", "†", "‡"})
WORD = re.compile(r"\S+")
CELL_WORD = re.compile(r"[^\s|]+")  # a word between blanks or pipes
THOUSANDS_HEAD = re.compile(r"^\d{1,3}(?:,\d{3})*,$")  # '77,' before a stray space
THOUSANDS_TAIL = re.compile(r"^\d{3}(?:,\d{3})*,?$")  # '686' after it
NUMBER_WITH_SPACES = re.compile(r"^\d{1,3}(?:\s*,\s*\d{3})+$")  # a whole pipe cell '77, 686'
QUESTION_REFERENCE = re.compile(r"\bas per (?:q(?:uestion)?\s*)(\d{1,2})\b", re.IGNORECASE)
# A ruled line between rows ('|---|---|', '+-----+', '=====').
RULE_LINE = re.compile(r"^\s*[|+]?[\s|+:=_-]{2,}$")
# A footnote: a marker then text ('* Charges include summonses').
FOOTNOTE = re.compile(r"^\s*(\*{1,3}|†|‡)\s*(?=[^\d\s*])(.+)$")
# One pipe cell on a line: a table printed a cell per line.
SINGLE_CELL = re.compile(r"^\s*\|?\s*([^|\s][^|]*?)\s*\|\s*$")
MIN_HEADER_PERIODS = 2
CAPTION_WORDS = 8  # a caption line is short, or a longer introduction ending in ':'
INTRODUCTION_WORDS = 20
MAX_WRAP = 4  # a label wraps over at most this many lines above its numbers
PROSE_WORDS = 10  # a numbers-ending line with this many label words and few numbers is prose
# Words that name what row labels are when the rows are periods ('Year Crimes').
PERIOD_CAPTIONS = frozenset(
    {"year", "years", "month", "months", "quarter", "quarters", "period", "date", "fy"}
)
# Category column labels of more than one word: a qualifier before a number ('Under 18'),
# words after one ('65 and over'), and 'Not known'-style labels.
QUALIFIERS = frozenset({"under", "over", "aged", "age", "below", "above", "<", ">"})
AFTER_NUMBER = (("and", "over"), ("and", "above"), ("and", "under"), ("or", "over"), ("plus",))
NEGATIONS = frozenset({"not", "no"})
# A label never ends in these words; a line that does is a sentence ending in a number
# ('... in the year to March was 1,204').
SENTENCE_ENDINGS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "came",
        "come",
        "for",
        "from",
        "in",
        "is",
        "of",
        "on",
        "or",
        "than",
        "that",
        "the",
        "to",
        "totalled",
        "was",
        "were",
        "with",
    }
)
DASHES = frozenset({"-", "–", "—"})
# A wrapped label line that ends like this continues on the next line.
CONTINUATIONS = (",", "-", "–", "(", "/", "&")


def reads_as_sentence(label: str) -> bool:
    words = label.lower().rstrip(":").split()
    return bool(words) and words[-1] in SENTENCE_ENDINGS


class Token:
    """A word of a line. Immutable by convention: tokens are shared between the callers of
    the cached line functions. A plain slotted class, because a frozen dataclass with cached
    properties costs more than the rest of tokenising (millions of tokens per corpus)."""

    __slots__ = ("canonical", "end", "is_marker", "line", "start", "text", "value")

    def __init__(
        self,
        text: str,  # as printed: '77, 686' for a number with a stray space, '' for a blank cell
        start: int,  # character offsets in its line
        end: int,
        canonical: str | None = None,  # the number a stray-space token stands for ('77,686')
        line: int | None = None,  # the token's line when a row's cells stand on several lines
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.canonical = canonical
        self.line = line
        number = canonical or text
        if number[-1:] in NOTE_MARKS and number[:1].isdigit():
            number = number.rstrip("".join(NOTE_MARKS))  # '90,204*': a figure with a note
        is_number = number[:1].isdigit() and NUMBER.match(number) is not None
        self.value: int | Decimal | None = int(number.replace(",", "")) if is_number else None
        if not is_number and number[:1] in DECIMAL_STARTS:
            self.value = decimal_value(number)
            is_number = self.value is not None
        # No number is a marker, so most tokens need no marker test.
        self.is_marker: bool = not is_number and is_marker(text)

    def _key(self) -> tuple[str, int, int, str | None, int | None]:
        return (self.text, self.start, self.end, self.canonical, self.line)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Token{self._key()!r}"


DECIMAL_STARTS = frozenset(f"0123456789-{CURRENCY}")


def decimal_value(text: str) -> Decimal | None:
    """The exact value of a sum of money or a number printed with decimals, else None.
    A whole number without a currency sign is a count (``Token.value`` an int), not this."""
    match = DECIMAL_NUMBER.match(text)
    if match is None or not (match.group("currency") or match.group("fraction")):
        return None
    if match.group("sign") and not match.group("fraction"):
        return None  # '-£5'/'£-5' aside, a signed whole number is not read as a figure
    return Decimal(text.lstrip(CURRENCY).replace(",", ""))


def is_marker(text: str) -> bool:
    return text in SUPPRESSION_TOKENS or bool(SUPPRESSION_PATTERN.match(text))


def is_value(token: Token) -> bool:
    """A number, a suppression marker or a blank pipe cell: something printed for a cell."""
    return token.value is not None or token.is_marker or token.text == ""


def is_value_token(text: str) -> bool:
    return bool(NUMBER.match(text)) or decimal_value(text) is not None or is_marker(text)


def _split_label_colon(token: Token) -> list[Token]:
    """'2011:77,686' -> '2011:', '77,686'; ':77,686' -> ':', '77,686' (a list's separator).
    Times such as '10:30' stay whole."""
    head, colon, tail = token.text.rpartition(":")
    if not colon or not (NUMBER.match(tail) or THOUSANDS_HEAD.match(tail)):
        return [token]
    if head and not (YEAR.match(head) or re.search(r"[^\W\d]", head)):
        return [token]
    cut = token.start + len(head) + 1
    return [Token(head + ":", token.start, cut), Token(tail, cut, token.end)]


def _join_stray_space(tokens: list[Token], k: int, line: str) -> tuple[Token, int] | None:
    """A number printed with a space after its thousands comma ('77, 686'), joined only
    when the pieces make a valid thousands-separated number: (token, pieces used)."""
    head = tokens[k].text
    if not THOUSANDS_HEAD.match(head):
        return None
    joined, used = head, 1
    while k + used < len(tokens) and joined.endswith(","):
        piece = tokens[k + used].text
        if not THOUSANDS_TAIL.match(piece):
            return None
        joined, used = joined + piece, used + 1
    if not NUMBER.match(joined):
        return None
    last = tokens[k + used - 1]
    return Token(line[tokens[k].start : last.end], tokens[k].start, last.end, joined), used


def tokenize(line: str) -> list[Token]:
    """Whitespace tokens, with what belongs together joined: '< 5' (a marker), '77, 686'
    (a number with a stray space) and a list's colon split off its number (':77,686')."""
    return list(_tokenize(line))


# A table's lines are read several times (as a header candidate, a row, a wrap, a check), so
# the pure line functions remember their answers; callers get fresh lists to change freely.
@functools.lru_cache(maxsize=CACHE_SIZE)
def _tokenize(line: str) -> tuple[Token, ...]:
    raw: list[Token] = []
    for match in WORD.finditer(line):
        token = Token(match.group(0), match.start(), match.end())
        # Only a word with a colon can hold a label's colon and a number.
        raw.extend(_split_label_colon(token) if ":" in token.text else (token,))
    out: list[Token] = []
    k = 0
    while k < len(raw):
        token = raw[k]
        nxt = raw[k + 1] if k + 1 < len(raw) else None
        if token.text in ("<", ">", "≤", "<=") and nxt is not None and NUMBER.match(nxt.text):
            out.append(Token(line[token.start : nxt.end], token.start, nxt.end))
            k += 2
            continue
        # Only a word ending in a comma can start a number with a stray space.
        joined = _join_stray_space(raw, k, line) if token.text.endswith(",") else None
        if joined is not None:
            out.append(joined[0])
            k += joined[1]
            continue
        out.append(token)
        k += 1
    return tuple(out)


def pipe_cells(line: str) -> list[Token] | None:
    """The cells of a pipe-delimited line (border pipes dropped), or None without pipes.
    A blank cell is a Token with empty text, so the cells after it keep their places."""
    if "|" not in line:
        return None
    return list(_pipe_cells(line))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _pipe_cells(line: str) -> tuple[Token, ...]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\|", line):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(line)))
    if not line[slice(*bounds[0])].strip():
        bounds = bounds[1:]
    if bounds and not line[slice(*bounds[-1])].strip():
        bounds = bounds[:-1]
    cells = []
    for a, b in bounds:
        text = line[a:b]
        stripped = text.strip()
        begin = a + len(text) - len(text.lstrip())
        canonical = None
        if NUMBER_WITH_SPACES.match(stripped) and not NUMBER.match(stripped):
            canonical = re.sub(r"\s+", "", stripped)
        token = Token(stripped, begin, begin + len(stripped), canonical)
        if SIGNED_CELL.match(stripped):
            token.value = Decimal("-" + stripped[1:].replace(",", ""))
        cells.append(token)
    return tuple(cells)


def clean_label(label: str) -> str:
    """A label as printed, without the colon that separates it from its numbers."""
    text = " ".join(label.split())
    return text[:-1].rstrip() if text.endswith(":") and len(text) > 1 else text


def _label_text(line: str, tokens: list[Token], cells: list[Token] | None) -> str:
    if cells is not None:
        return clean_label(" ".join(t.text for t in tokens if t.text))
    if not tokens:
        return ""
    return clean_label(line[tokens[0].start : tokens[-1].end])


def split_row(line: str) -> tuple[str, list[Token]]:
    """A line as (label, trailing value tokens). The label is the text before the run."""
    label, values = _split_row(line)
    return label, list(values)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _split_row(line: str) -> tuple[str, tuple[Token, ...]]:
    cells = pipe_cells(line)
    tokens = cells if cells is not None else tokenize(line)
    start = len(tokens)
    while start > 0 and is_value(tokens[start - 1]):
        start -= 1
    # '24 October 2019': a year after a month name is part of a date, not a figure.
    if 0 < start < len(tokens) and month_number(tokens[start - 1].text) is not None:
        start += 1 if YEAR.match(tokens[start].text) else 0
    values = tokens[start:]
    # A run must hold at least one real number; '-' alone is a label, not a row.
    if not any(t.value is not None for t in values):
        return _label_text(line, tokens, cells), ()
    return _label_text(line, tokens[:start], cells), tuple(values)


def marker_row(line: str, width: int) -> tuple[str, list[Token]] | None:
    """A row whose every cell is suppressed ('Stalking * *', '2013 : *'): a label then
    exactly ``width`` markers. Such a line has no number, so split_row reads it as a label."""
    cells = pipe_cells(line)
    tokens = cells if cells is not None else tokenize(line)
    if width < 1 or len(tokens) <= width:
        return None
    values = tokens[-width:]
    if not all(t.is_marker or (cells is not None and t.text == "") for t in values):
        return None
    if not any(t.is_marker for t in values):
        return None  # '| Stalking | | |' prints no cell at all: a label line
    label = _label_text(line, tokens[:-width], cells)
    if not label or is_value_token(label):
        return None
    return label, values


def year_label(label: str, values: list[Token], width: int | None) -> tuple[str, list[Token]]:
    """A row such as '2017 1,204' has a year for its label: the first number is the label
    when the row has one number more than the table has columns."""
    if label or len(values) < 2 or not YEAR.match(values[0].text):
        return label, values
    if width is not None and len(values) != width + 1:
        return label, values
    return values[0].text, values[1:]


def is_footnote(line: str) -> bool:
    return bool(FOOTNOTE.match(line)) and not split_row(line)[1]


def is_rule(line: str) -> bool:
    stripped = line.strip()
    ruled = any(c in stripped for c in "-=_")
    return len(stripped) >= 3 and ruled and bool(RULE_LINE.match(stripped))


def question_on(line: str) -> int | None:
    """The question a line asks or heads: the one line classifier's answer (ingest.lines)."""
    return question_number(line)


def _single_cells(lines: tuple[str, ...], i: int) -> list[Token]:
    """The run of one-cell pipe lines from line i (blank lines between are allowed)."""
    cells: list[Token] = []
    k = i
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        match = SINGLE_CELL.match(lines[k])
        if not match:
            break
        text = match.group(1)
        canonical = None
        if NUMBER_WITH_SPACES.match(text) and not NUMBER.match(text):
            canonical = re.sub(r"\s+", "", text)
        cells.append(Token(text, match.start(1), match.end(1), canonical, k + 1))
        k += 1
    return cells
