"""Sentences and every number printed in them, as raw tables, for the prose of every
document (FOI replies, news articles, other); and the curated figures of news articles.

``parse_prose`` (any document's prose lines: table lines and site furniture left out) and
``parse_news_article`` (every line of an article) are pure (a Document in, DataFrames out)
and never raise: what they cannot classify they record as an ``info`` issue. Offsets
(``char_start``/``char_end``) are 0-based, end-exclusive positions within the line, so
``line[char_start:char_end]`` is exactly the printed text.

A number mention is recognised by trying, at each word start, an ordered list of rules
(phone number, reference, section of a law, question number, date, money, percentage,
ratio, age, duration, year, count, ...); the first rule that matches and accepts its context
wins. Only a number that counts something is of kind ``count``: years, dates, ages, phone
numbers, sections, references, question numbers, percentages, money and times are not.
The comparison words immediately before a number are its ``qualifier``; approximating ones
('more than', 'around') are part of the printed figure and set ``is_approximate``.

``check_curated_figures`` ties the reviewed catalogue ``seeds/published_figures.csv`` to the
text: each curated row must still quote its line exactly and state the value it records, and
its links to other rows (parts and their breakdown, comparisons, shares, restatements) must
be consistent, since the dbt model rpt_figure_checks derives its checks from them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from ingest.documents import Document
from ingest.frames import empty_frame_of
from ingest.issues import ISSUE_SCHEMA, Issue, issues_frame
from ingest.lines import classify_line

SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "sentence_id": pl.String(),
    "sentence_number": pl.Int64(),
    "line_number": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "sentence_text": pl.String(),
}

MENTION_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "mention_id": pl.String(),
    "sentence_id": pl.String(),
    "line_number": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "printed_text": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "number_kind": pl.String(),
    "qualifier": pl.String(),
    "is_approximate": pl.Boolean(),
    "words_before": pl.String(),
    "words_after": pl.String(),
}

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "sentences": SENTENCE_SCHEMA,
    "number_mentions": MENTION_SCHEMA,
    "parse_issues": ISSUE_SCHEMA,
}

UNITS = (
    "count",
    "percent",
    "ratio",
    "months",
    "years",
    "year",
    "financial_year",
    "phone_number",
    "section",
    "reference",
    "item_number",
    "currency",
    "other",
)
NUMBER_KINDS = (
    "count",
    "percentage",
    "ratio",
    "duration",
    "year",
    "financial_year",
    "date",
    "age",
    "money",
    "measure",
    "identifier",
)

# The columns of seeds/published_figures.csv, in order (shared with propose_figures).
CURATED_COLUMNS = (
    "figure_id",
    "file_name",
    "line_number",
    "quote",
    "printed_value",
    "value",
    "unit",
    "metric",
    "offence_scope",
    "geography",
    "period_text",
    "period_start",
    "period_end",
    "period_note",
    "producer",
    "part_of_figure_id",
    "compared_with_figure_id",
    "breakdown",
    "is_complete_breakdown",
    "applies_to_figure_id",
    "restates_figure_id",
    "change_direction",
    "is_approximate",
    "note",
)
# Columns that name another curated row, and the values of the flag columns.
REFERENCE_COLUMNS = (
    "part_of_figure_id",
    "compared_with_figure_id",
    "applies_to_figure_id",
    "restates_figure_id",
)
CHANGE_DIRECTIONS = ("increase", "decrease")
BOOLEAN_TEXT = ("true", "false")

# Line kinds (of the line classifier) that are never prose, besides table lines.
NOT_PROSE_KINDS = frozenset({"boilerplate"})

CONTEXT_WORDS = 6
LOOK_BACK = 400  # characters of context looked at around a number

# --------------------------------------------------------------------------- sentences


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


TITLE_ABBREVIATIONS = _word_set(
    "mr mrs ms mx dr det insp supt sgt cllr prof rev st sir capt lt col gen hon rt pc dc ds "
    "di dci dsi dcs ch con cst asst dep chief sr jr"
)
NUMBER_ABBREVIATIONS = _word_set("no nos fig figs vol para art sec ref tel p pp ch")
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


# --------------------------------------------------------------------------- numbers

UNIT_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1e9}
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

_units = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_tens = "|".join(TENS_WORDS)
_scales = "|".join(SCALE_WORDS)
_fractions = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
_below_hundred = rf"(?:(?:{_tens})(?:[- ](?:{_units}))?|{_units})"
WORD_NUMBER = (
    rf"{_below_hundred}(?:(?:\s+(?:{_scales}))+(?:\s+and\s+{_below_hundred})?)?"
    rf"|a\s+(?:{_scales})(?:\s+(?:{_scales}))*|(?:a\s+)?dozen"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{DIGITS}|(?i:{WORD_NUMBER})\b)"
SCALED = rf"{NUMBER}(?:\s+(?i:million|billion|thousand)\b|(?i:bn)\b)?"
END = r"(?![\d\w])"

COUNT_NOUNS = _word_set(
    """people persons person victims victim offenders offender suspects suspect cases case
    crimes crime offences offence offenses offense incidents incident reports report arrests
    charges cautions warnings prosecutions convictions sentences complaints calls men man women
    woman children child youths adults officers officer times occasions referrals records
    stalkers perpetrators orders deaths households residents members staff users posts messages
    accounts applications requests investigations allegations instances individuals girls boys
    families pupils students patients forces homes reported recorded logged"""
)
YEAR_PREPOSITIONS = _word_set(
    "in since during until till before after between year years early late mid summer winter "
    "spring autumn of"
)
CALL_WORDS = re.compile(
    r"\b(?:call|calls|calling|called|ring|ringing|dial|dialling|dialing|phone|phoning|"
    r"telephone|tel|fax|text|texting|textphone|minicom|contact|helpline|hotline)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
CALLS = _word_set("call")  # "a 999 or 101 call"; "101 calls" is a count
APPROXIMATE_QUALIFIERS = (
    "more than",
    "just over",
    "just under",
    "over",
    "less than",
    "fewer than",
    "under",
    "around",
    "about",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "at least",
    "at most",
    "up to",
    "some",
    "an estimated",
    "estimated",
    "as many as",
    "in excess of",
    "close to",
    "upwards of",
    "in the region of",
)
RELATIONAL_QUALIFIERS = (
    "up from",
    "down from",
    "rising from",
    "rose from",
    "falling from",
    "fell from",
    "increased from",
    "decreased from",
    "rising to",
    "rose to",
    "falling to",
    "fell to",
    "increased to",
    "decreased to",
    "compared with",
    "compared to",
    "a total of",
    "including",
    "included",
    "of which",
    "only",
    "just",
    "reaching",
    "versus",
    "from",
)
QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=\W))("
    + "|".join(
        re.escape(q)
        for q in sorted(APPROXIMATE_QUALIFIERS + RELATIONAL_QUALIFIERS, key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)
WORD = re.compile(r"\w[\w'’-]*")
DURATION_UNITS = {"month": "months", "year": "years"}
CLAUSE_END = re.compile(r"[,;:.!?()\[\]–—\"“”]|\s-\s")
PRONOUN_ONE = _word_set("no any every some each")
LAW_WORDS = _word_set("act acts law laws regulations order rules bill measure")
AGE_WORDS = _word_set("aged age ages")
AGE_LINKS = _word_set("between under over from of")  # 'aged between 18 and 24'
AGE_BOUNDS = _word_set("over older under younger above below")
YEAR_OLDS = _word_set("year-old year-olds years-old yr-olds")
# 'under 16, 17/18 and over 18': an age bound that continues a list of ages.
AGE_LIST = re.compile(
    r"\b(?:aged?|under|over)\s+\d{1,2}\b[^.;]*\b(?:and|or)\s+(?:under|over)\s+$", re.IGNORECASE
)
# Who or what an age bound is said of: 'children under 16', 'the victim was over 18'.
AGE_HOLDERS = _word_set(
    "was were is are be being child children people persons person victims victim those adults "
    "adult juveniles juvenile youths young suspects suspect offenders offender anyone males "
    "females boys girls men women minors"
)
MAX_AGE = 120
MIN_BOUNDED_AGE, MAX_BOUNDED_AGE = 10, 25  # 'under 16', 'over 18': the ages laws draw lines at
PLURAL_VERBS = _word_set("were have had are")


@dataclass(frozen=True)
class Found:
    """What a rule recognised at a position in a sentence (offsets within the sentence)."""

    start: int
    end: int
    value: float | None
    unit: str
    kind: str
    issue_code: str | None = None
    issue_message: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int  # within the sentence, includes an approximating qualifier
    end: int
    value: float | None
    unit: str
    kind: str
    qualifier: str | None
    is_approximate: bool
    words_before: str
    words_after: str
    issue_code: str | None
    issue_message: str | None


def number_value(text: str) -> float | None:
    """The value of a printed number: '1,234' -> 1234, 'twenty-five' -> 25, 'a dozen' -> 12."""
    cleaned = text.strip().lower().replace(",", "")
    if not cleaned:
        return None
    scale = 1.0
    for word, factor in (("billion", 1e9), ("million", 1e6), ("thousand", 1e3), ("bn", 1e9)):
        if cleaned.endswith(word) and cleaned != word:
            head = cleaned[: -len(word)].strip()
            if head and head != "a":
                scale = factor
                cleaned = head
            break
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned) * scale
    words = re.split(r"[\s-]+", cleaned)
    if words[-1] == "dozen":
        return 12.0 * scale
    total = 0.0
    current = 0.0
    for word in words:
        if word == "a":
            current = 1.0
        elif word in UNIT_WORDS:
            current += UNIT_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in SCALE_WORDS:
            total += max(current, 1.0) * SCALE_WORDS[word]
            current = 0.0
        elif word != "and":
            return None
    return (total + current) * scale


def _next_words(text: str, end: int, count: int) -> list[str]:
    """Up to ``count`` words after ``end``, within the same clause."""
    clause = CLAUSE_END.split(text[end : end + LOOK_BACK], maxsplit=1)[0]
    return [w.lower() for w in WORD.findall(clause)[:count]]


def _before(text: str, start: int) -> str:
    """The text shortly before ``start`` (bounded, so long lines stay linear)."""
    if start <= LOOK_BACK:
        return text[:start]
    window = text[start - LOOK_BACK : start]
    return window.split(maxsplit=1)[-1] if window[:1].strip() else window  # drop a cut word


def _previous_words(text: str, start: int, count: int) -> list[str]:
    return [w.lower() for w in WORD.findall(_before(text, start))[-count:]]


Rule = Callable[[re.Match[str], str], Found | None]


def _found(match: re.Match[str], value: float | None, unit: str, kind: str) -> Found:
    return Found(match.start(), match.end(), value, unit, kind)


def _phone(match: re.Match[str], text: str) -> Found | None:
    digits = re.sub(r"\D", "", match.group())
    if len(digits) < 10 and not match.group().startswith("+"):
        return None
    return _found(match, None, "phone_number", "identifier")


def _service_number(match: re.Match[str], text: str) -> Found | None:
    called_after = set(_next_words(text, match.end(), 3)) & CALLS
    if not CALL_WORDS.search(_before(text, match.start())) and not called_after:
        return None
    return _found(match, None, "phone_number", "identifier")


def _financial_year(match: re.Match[str], text: str) -> Found | None:
    first = int(match.group("first"))
    second_text = match.group("second")
    second = int(second_text)
    expected = first + 1 if len(second_text) == 4 else (first + 1) % 100
    if second == expected:
        return _found(match, float(first), "financial_year", "financial_year")
    return Found(
        match.start(),
        match.end(),
        float(first),
        "year",
        "year",
        "year_range",
        "a range of years, not a financial year; value is the first year",
    )


def _date(match: re.Match[str], text: str) -> Found | None:
    year = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", match.group())
    return _found(match, float(year.group()) if year else None, "other", "date")


def _decade(match: re.Match[str], text: str) -> Found | None:
    return _found(match, float(match.group("decade")), "year", "year")


def _percentage(match: re.Match[str], text: str) -> Found | None:
    value = number_value(match.group("number"))
    if value is None:
        return None
    return _found(match, value, "percent", "percentage")


def _ratio(match: re.Match[str], text: str) -> Found | None:
    top = match.group("top")
    bottom = match.group("bottom")
    if re.fullmatch(r"(?:19|20)\d{2}", bottom):
        return None  # '177 in 2013': a count and a year, not a ratio
    numerator, denominator = number_value(top), number_value(bottom)
    if numerator is None or not denominator or numerator > denominator:
        return None
    return _found(match, numerator / denominator, "ratio", "ratio")


def _rate(match: re.Match[str], text: str) -> Found | None:
    numerator = number_value(match.group("top"))
    denominator = number_value(match.group("bottom"))
    if numerator is None or not denominator:
        return None
    return _found(match, numerator / denominator, "ratio", "ratio")


def _fraction(match: re.Match[str], text: str) -> Found | None:
    top = match.group("top")
    numerator = 1.0 if not top or top.lower() in ("a", "one") else number_value(top)
    denominator = FRACTION_WORDS[match.group("part").lower()]
    if numerator is None:
        return None
    return _found(match, numerator / denominator, "ratio", "ratio")


def _duration(match: re.Match[str], text: str) -> Found | None:
    value = number_value(match.group("number"))
    if value is None:
        return None
    if match.group("half"):
        value += 0.5
    period = match.group("period").lower()
    unit = DURATION_UNITS.get(period.rstrip("s"), "other")
    found = _found(match, value, unit, "duration")
    if unit == "other":
        return Found(
            found.start,
            found.end,
            value,
            unit,
            "duration",
            "duration_unit",
            f"a duration in {period}: unit recorded as 'other'",
        )
    return found


def _currency(match: re.Match[str], text: str) -> Found | None:
    return _found(match, number_value(match.group("number")), "currency", "money")


def _identifier(match: re.Match[str], text: str) -> Found | None:
    return Found(
        match.start(),
        match.end(),
        None,
        "other",
        "identifier",
        "unclassified_number",
        "a number inside a code, reference or ordinal: recorded as an identifier",
    )


def _year(match: re.Match[str], text: str) -> Found | None:
    before = _previous_words(text, match.start(), 1)
    after = _next_words(text, match.end(), 3)
    counted = any(word in COUNT_NOUNS for word in after)
    dated = bool(before) and before[0] in YEAR_PREPOSITIONS
    year = float(match.group())
    if dated and counted:
        return Found(
            match.start(),
            match.end(),
            year,
            "year",
            "year",
            "ambiguous_year_or_count",
            "reads as a year after a preposition but is followed by a count noun",
        )
    if counted:
        return None  # '2015 stalking offences': a count
    return _found(match, year, "year", "year")


def _count(match: re.Match[str], text: str) -> Found | None:
    printed = match.group()
    value = number_value(printed)
    if value is None:
        return None
    if not value.is_integer():
        return _found(match, value, "other", "measure")  # a rate, an average: counts are whole
    if printed.lower() == "one" and (
        not set(_next_words(text, match.end(), 2)) & COUNT_NOUNS
        or set(_previous_words(text, match.start(), 1)) & PRONOUN_ONE
    ):
        return None  # 'one another', 'no one': a pronoun, not a figure
    return _found(match, value, "count", "count")


def _labelled(unit: str) -> Rule:
    """A number named by the words printed with it: a law's section, a question or item of
    the request, a reference. Its value is not a quantity, so it is recorded as None."""

    def rule(match: re.Match[str], text: str) -> Found | None:
        return _found(match, None, unit, "identifier")

    return rule


def _item_at_start(match: re.Match[str], text: str) -> Found | None:
    """'1.', '2)', '1.a.', '(3)' opening a sentence: the number of a question or point."""
    if re.search(r"\w", text[: match.start()]):
        return None
    return _found(match, None, "item_number", "identifier")


def _act_year(match: re.Match[str], text: str) -> Found | None:
    """'the Offences Against the Person Act 1861': the year of a law."""
    previous = _previous_words(text, match.start(), 1)
    if not previous or previous[0] not in LAW_WORDS:
        return None
    return _found(match, float(match.group()), "year", "year")


def _age(match: re.Match[str], text: str) -> Found | None:
    """'aged 18 or over', 'victims under 16', '25-34 year-olds': an age, not a count."""
    near_before = text[max(0, match.start() - 24) : match.start()].lower()
    near_after = text[match.end() : match.end() + 12].lower()
    if not (
        match.group("old")
        or any(word in near_before for word in ("age", "under", "over"))
        or any(word in near_after for word in (" or ", " and ", "year"))
    ):
        return None  # none of the words an age is printed with is near: not an age
    value = number_value(match.group("age"))
    if value is None or value > MAX_AGE:
        return None
    previous = _previous_words(text, match.start(), 2)
    after = _next_words(text, match.end(), 3)
    if after and after[0] in COUNT_NOUNS:
        return None
    aged = bool(previous) and previous[-1] in AGE_WORDS
    aged = aged or (len(previous) == 2 and previous[0] in AGE_WORDS and previous[1] in AGE_LINKS)
    open_ended = (  # '65 or older', not '30 and over 20'
        len(after) >= 2
        and after[0] in ("or", "and")
        and after[1] in AGE_BOUNDS
        and not (len(after) == 3 and after[2][0].isdigit())
    )
    year_olds = bool(match.group("old")) or (
        bool(after) and after[0] in YEAR_OLDS and text[match.end() : match.end() + 1] == " "
    )
    bounded = (
        bool(previous)
        and previous[-1] in ("under", "over")
        and MIN_BOUNDED_AGE <= value <= MAX_BOUNDED_AGE
        and len(previous) == 2
        and (previous[0] in AGE_HOLDERS or bool(AGE_LIST.search(_before(text, match.start()))))
    )
    if not (aged or open_ended or year_olds or bounded):
        return None
    return _found(match, value, "years", "age")


def _none_counted(match: re.Match[str], text: str) -> Found | None:
    """'No cells were lost', 'there were no arrests': a count of zero."""
    after = _next_words(text, match.end(), 2)
    if len(after) < 2 or not (len(after[0]) > 3 and after[0].endswith("s")):
        return None  # 'no suspect was identified': no count of suspects
    previous = _previous_words(text, match.start(), 1)
    if after[1] in PLURAL_VERBS and not re.search(r"\w", text[: match.start()]):
        return _found(match, 0.0, "count", "count")  # opens the sentence: 'No cells were lost'
    if previous and previous[0] in PLURAL_VERBS and after[0] in COUNT_NOUNS:
        return _found(match, 0.0, "count", "count")  # 'there were no arrests'
    return None


def _rules() -> list[tuple[re.Pattern[str], Rule]]:
    """Rules tried in order at each word start; the first that matches and accepts wins."""
    before = r"(?<![\w.,/])"
    months = rf"(?:{MONTHS})\b\.?"
    ordinal = r"\d{1,2}(?:\s?\^?(?:st|nd|rd|th))?"  # '6^th': a superscript lost in conversion
    periods = r"years?|months?|weeks?|fortnights?|days?|hours?|minutes?|seconds?|decades?"
    period_kind = r"(?:working|full|calendar|financial|whole|consecutive|school|business)\s+"
    subsections = r"(?:\s?\(\s?\w{1,4}\s?\))*"
    numbered = rf"\d{{1,3}}[A-Za-z]{{0,2}}{subsections}"
    listed = rf"{numbered}(?:\s*(?:,|and|&|or)\s*{numbered})*"
    sections = (
        r"(?i:(?:sections?|articles?|regulations?|paragraphs?|paras?\.?|schedules?|clauses?"
        r"|chapters?)\s*|(?<!['’])s\.?\s?)"
    )
    items = (
        r"(?i:(?:questions?|q|answers?|requests?|points?|items?|parts?|columns?"
        r"|outcomes?(?:\s+(?:types?|codes?))?|appendix|annex|stages?|tiers?|categor(?:y|ies))"
        r"\.?\s*)"
    )
    reference_label = (
        r"(?i:(?:(?:our|your)\s+ref(?:erence)?|ref(?:erence)?s?|(?:request|reference|publication"
        r"|foi|case|crime|incident|log|file|disclosure|enquiry|application)\s+(?:number|no)"
        r"|foi|pub|rfi|box)\b\.?\s*(?:no\b\.?|number)?\s*[:#.]?\s*(?:(?:foi|pub|rfi)\b\s*:?)?)"
    )
    reference = r"[A-Za-z]{0,4}[-/]?\d\w*(?:[-/.]\w+|\s?[-/]\s?\d\w*)*"
    per_cent = r"(?i:\s*%|\s*per\s?cent\b|\s*percent\b|\s*per-cent\b|\s+percentage\s+points?\b)"
    fraction_top = rf"(?i:(?P<top>a|one|{_units}|{_tens})[\s-])"
    reference_rule = _labelled("reference")
    table: list[tuple[str, Rule]] = [
        (r"(?i:https?://|www\.)[^\s\d]*\d\S*", _labelled("other")),
        (r"\+44\s?\(?0?\)?\s?\d{2,4}(?:[ -]?\d{3,4}){1,2}" + END, _phone),
        (before + r"0\d{2,4}(?:[ -]?\d{3,4}){1,2}" + END, _phone),
        (r"(?i:ext(?:ension)?)\.?\s*\d{2,6}(?:\s\d{3,4})?" + END, _labelled("phone_number")),
        (before + r"18001\s?\d{3,5}(?:[ -]?\d{3,4}){0,2}" + END, _labelled("phone_number")),
        (before + r"(?:999|101|111|112|116\s?123|116\s?006)" + END, _service_number),
        (reference_label + reference + END, reference_rule),
        (r"(?i:requests?|applications?)\s+\d+(?:\s?[-/]\s?\d+)+" + END, reference_rule),
        (sections + listed + END, _labelled("section")),
        (items + listed + END, _labelled("item_number")),
        (
            before
            + r"(?:\d{1,2}(?:\.\d{1,2})*(?:\.?[a-z])?(?:\.\)|[.)])(?=\s|$)|\d{1,2},(?=\s+[A-Z]))",
            _item_at_start,
        ),
        (before + r"\d{4}-\d{2}-\d{2}" + END, _date),
        (
            before + r"(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{4}|\d{2})" + END,
            _date,
        ),
        (before + r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})" + END, _date),
        (
            before + r"(?P<first>(?:19|20)\d{2})\s?[-–/]\s?(?P<second>(?:19|20)\d{2}|\d{2})" + END,
            _financial_year,
        ),
        (before + rf"{ordinal}\s+(?:of\s+)?{months}(?:,?\s+(?:19|20)\d{{2}}{END})?", _date),
        (rf"{months}\s+(?:{ordinal},?\s+)?(?:19|20)\d{{2}}" + END, _date),
        (rf"{months}\s+{ordinal}" + END, _date),
        (before + r"\d{1,2}(?:[.:]\d{2})?\s?(?i:am|pm|a\.m\.|p\.m\.)(?!\w)", _date),
        (before + r"\d{1,2}:\d{2}" + END, _date),
        (before + r"(?P<decade>(?:1[89]|20)\d0)'?s" + END, _decade),
        (rf"[£$€]\s?(?P<number>{SCALED})(?:m|bn|k)?" + END, _currency),
        (before + rf"(?P<number>{SCALED}){per_cent}", _percentage),
        (
            before + rf"(?P<top>{NUMBER})\s+(?i:in)\s+(?i:every\s+)?(?P<bottom>{NUMBER})" + END,
            _ratio,
        ),
        (
            before
            + rf"(?P<top>{DIGITS})\s+(?i:per)\s+(?P<bottom>{DIGITS}|(?i:hundred|thousand|million))"
            + END,
            _rate,
        ),
        (before + rf"{fraction_top}(?i:(?P<part>{_fractions}))\b", _fraction),
        (before + r"(?P<top>)(?i:(?P<part>half))\b", _fraction),
        (
            before
            + r"(?P<age>\d{1,3})(?:\s?[-–]\s?\d{1,3}|\s+(?:to|and)\s+\d{1,3}(?!,\d))?"
            + r"(?:\s+(?i:years?|yrs)(?:[\s-](?P<old>(?i:olds?)))?)?"
            + END,
            _age,
        ),
        (
            before
            + rf"(?P<number>{NUMBER})(?P<half>\s+(?i:and\s+a\s+half))?(?:\s+|-)"
            + rf"(?i:{period_kind})?(?i:(?P<period>{periods}))\b",
            _duration,
        ),
        (
            before + r"[^\W\d_]\w*-?\d[\w/-]*|\d+(?:/\d+)+|\d+[^\W\d_]\w*(?:/\w+)*",
            _identifier,
        ),
        (before + r"\d{7,}" + END, _labelled("reference")),
        (before + r"(?:1[5-9]|20)\d{2}" + END, _act_year),
        (before + r"(?:19|20)\d{2}" + END, _year),
        (r"(?i:no)(?=\s)", _none_counted),
        (before + rf"{SCALED}" + END, _count),
        (before + rf"{DIGITS}", _count),
        (r"\d[\d.,]*\d|\d", _identifier),
    ]
    return [(re.compile(pattern), rule) for pattern, rule in table]


RULES = _rules()
# The words a rule can begin with (a number word, a month, a label such as 'Section' or
# 'Ref'). A word start that is none of them, holds no digit and is not followed by '-<digit>'
# can match no rule, so it is passed over with one look-up instead of a match per rule.
RULE_WORDS = _word_set(
    """a dozen no http https www ext extension our your ref reference refs request requests
    publication foi case crime incident log file disclosure enquiry application applications
    pub rfi box section sections article articles regulation regulations paragraph paragraphs para
    paras schedule schedules clause clauses chapter chapters s question questions q answer
    answers point points item items part parts column columns outcome outcomes appendix annex
    stage stages tier tiers category categories"""
) | {*UNIT_WORDS, *TENS_WORDS, *FRACTION_WORDS, *(m.lower() for m in MONTHS.split("|"))}
LEADING_WORD = re.compile(r"[^\W\d_]+(?!\w|-\d)")
CANDIDATE_START = re.compile(r"(?<![\w])[\w£$€+]|(?<=[^\W\d_])\d")


def _qualifier(text: str, start: int) -> tuple[str | None, int, bool]:
    """The comparison words right before ``start``: (qualifier, new start, is_approximate)."""
    window_start = max(0, start - 40)
    found = QUALIFIER_BEFORE.search(text[window_start:start])
    if not found:
        return None, start, False
    qualifier = found.group(1)
    if qualifier.lower() in APPROXIMATE_QUALIFIERS:
        return qualifier, window_start + found.start(1), True
    return qualifier, start, False


def find_numbers(text: str) -> list[Mention]:
    """Every number mention in one sentence, left to right, never overlapping."""
    mentions: list[Mention] = []
    position = 0
    for candidate in CANDIDATE_START.finditer(text):
        if candidate.start() < position:
            continue
        found = _first_rule(text, candidate.start())
        if found is None:
            continue
        qualifier, start, approximate = (
            _qualifier(text, found.start)
            if found.kind != "identifier"  # 'under s.40(2)': no comparison with a section
            else (None, found.start, False)
        )
        if mentions and start < mentions[-1].end:
            start = found.start  # the qualifier words belong to the previous figure
        mentions.append(
            Mention(
                start=start,
                end=found.end,
                value=found.value,
                unit=found.unit,
                kind=found.kind,
                qualifier=qualifier.lower() if qualifier else None,
                is_approximate=approximate,
                words_before=" ".join(_before(text, start).split()[-CONTEXT_WORDS:]),
                words_after=" ".join(
                    text[found.end : found.end + LOOK_BACK].split()[:CONTEXT_WORDS]
                ),
                issue_code=found.issue_code,
                issue_message=found.issue_message,
            )
        )
        position = found.end
    return mentions


def _first_rule(text: str, start: int) -> Found | None:
    word = LEADING_WORD.match(text, start)
    if word and word.group().lower() not in RULE_WORDS:
        return None
    for pattern, rule in RULES:
        match = pattern.match(text, start)
        if match and match.end() > start:
            found = rule(match, text)
            if found is not None:
                return found
    return None


def parse_printed_value(printed: str) -> float | None:
    """The value a printed figure states ('1,234', '12 per cent', 'one in seven'), or None."""
    mentions = find_numbers(printed.strip())
    return mentions[0].value if mentions else None


# --------------------------------------------------------------------------- frames


def _sentence_rows(doc: Document, sentences: list[Sentence]) -> list[dict[str, object]]:
    return [
        {
            "document_id": doc.document_id,
            "sentence_id": f"{doc.document_id}:{s.number}",
            "sentence_number": s.number,
            "line_number": s.line_number,
            "char_start": s.char_start,
            "char_end": s.char_end,
            "sentence_text": s.text,
        }
        for s in sentences
    ]


def _mention_rows(
    doc: Document, sentence: Sentence, mentions: list[Mention]
) -> list[dict[str, object]]:
    sentence_id = f"{doc.document_id}:{sentence.number}"
    return [
        {
            "document_id": doc.document_id,
            "mention_id": f"{sentence_id}:{ordinal}",
            "sentence_id": sentence_id,
            "line_number": sentence.line_number,
            "char_start": sentence.char_start + m.start,
            "char_end": sentence.char_start + m.end,
            "printed_text": sentence.text[m.start : m.end],
            "value": m.value if m.value is None or math.isfinite(m.value) else None,
            "unit": m.unit,
            "number_kind": m.kind,
            "qualifier": m.qualifier,
            "is_approximate": m.is_approximate,
            "words_before": m.words_before,
            "words_after": m.words_after,
        }
        for ordinal, m in enumerate(mentions, start=1)
    ]


def _mention_issues(doc: Document, sentence: Sentence, mentions: list[Mention]) -> list[Issue]:
    return [
        Issue(
            document_id=doc.document_id,
            file_name=doc.file_name,
            line_number=sentence.line_number,
            severity="info",
            issue_code=m.issue_code,
            message=m.issue_message or m.issue_code,
            printed_text=sentence.text[m.start : m.end],
        )
        for m in mentions
        if m.issue_code
    ]


# Replies of one body repeat their preambles and footers line for line: classify each once.
_line_kind = lru_cache(maxsize=8192)(classify_line)


def not_prose(
    lines: tuple[str, ...], claimed: Mapping[int, tuple[str, str | None]]
) -> frozenset[int]:
    """Line numbers that are not prose: the lines a parser claimed for a table (their numbers
    are cells, read by the table parser) and page furniture (by the one line classifier)."""
    skipped = set()
    for number, text in enumerate(lines, start=1):
        kind, table_id = claimed.get(number) or (_line_kind(text), None)
        if table_id is not None or kind.startswith("table") or kind in NOT_PROSE_KINDS:
            skipped.add(number)
    return frozenset(skipped)


def parse_prose(
    doc: Document, claimed: Mapping[int, tuple[str, str | None]] | None = None
) -> dict[str, pl.DataFrame]:
    """Sentences, number mentions and parse issues of the prose of any document (FOI reply,
    article or other), keyed by raw table name. ``claimed`` is what other parsers made of
    each line (line number -> (line kind, table id)); table lines and furniture are left out."""
    return _sentences_and_mentions(doc, not_prose(doc.lines, claimed or {}), [])


def parse_news_article(doc: Document) -> dict[str, pl.DataFrame]:
    """Sentences, number mentions and parse issues of every line of one article."""
    issues: list[Issue] = []
    if doc.document_kind != "news_article":
        issues.append(
            Issue(
                doc.document_id,
                doc.file_name,
                None,
                "info",
                "not_a_news_article",
                f"document kind is {doc.document_kind!r}; parsed as an article anyway",
            )
        )
    return _sentences_and_mentions(doc, frozenset(), issues)


def _sentences_and_mentions(
    doc: Document, skipped: frozenset[int], issues: list[Issue]
) -> dict[str, pl.DataFrame]:
    sentences = split_sentences(doc.lines, skipped)
    mention_rows: list[dict[str, object]] = []
    for sentence in sentences:
        try:
            mentions = find_numbers(sentence.text)
        except (ValueError, OverflowError, ZeroDivisionError) as error:
            issues.append(
                Issue(
                    doc.document_id,
                    doc.file_name,
                    sentence.line_number,
                    "info",
                    "unparsed_sentence",
                    f"numbers in this sentence could not be read: {error}",
                    sentence.text[:200],
                )
            )
            continue
        mention_rows.extend(_mention_rows(doc, sentence, mentions))
        issues.extend(_mention_issues(doc, sentence, mentions))
    return {
        "sentences": pl.DataFrame(_sentence_rows(doc, sentences), schema=SENTENCE_SCHEMA),
        "number_mentions": pl.DataFrame(mention_rows, schema=MENTION_SCHEMA),
        "parse_issues": issues_frame(issues),
    }


# --------------------------------------------------------------------------- curated figures

DECREASE_WORDS = re.compile(
    r"\b(?:decline|declined|decrease|decreased|fall|fell|drop|dropped|down|lower|reduction|"
    r"fewer)\b",
    re.IGNORECASE,
)


def find_printed(haystack: str, needle: str) -> int:
    """Where ``needle`` occurs in ``haystack`` as a whole figure ('24' is not in '124'), or -1."""
    if not needle:
        return -1
    pattern = re.compile(r"(?<![\w,.])" + re.escape(needle) + r"(?![\w]|[,.]\d)")
    found = pattern.search(haystack)
    return found.start() if found else -1


def _row_issue(
    row: Mapping[str, str], doc: Document | None, code: str, message: str, severity: str = "error"
) -> Issue:
    line = _as_int(row.get("line_number"))
    return Issue(
        document_id=doc.document_id if doc else "",
        file_name=str(row.get("file_name") or ""),
        line_number=line,
        severity=severity,  # type: ignore[arg-type]
        issue_code=code,
        message=f"{row.get('figure_id')}: {message}",
        printed_text=row.get("quote"),
        table_id="published_figures",
    )


def _as_int(text: object) -> int | None:
    try:
        return int(str(text))
    except ValueError:
        return None


def _as_float(text: object) -> float | None:
    try:
        value = float(str(text))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _value_matches(row: Mapping[str, str], stated: float | None, printed: float | None) -> bool:
    """The curated value is the printed one (a decline may be recorded as negative)."""
    if stated is None or printed is None:
        return False
    if math.isclose(stated, printed, rel_tol=1e-6, abs_tol=1e-9):
        return True
    negated = math.isclose(stated, -printed, rel_tol=1e-6, abs_tol=1e-9)
    return negated and bool(DECREASE_WORDS.search(str(row.get("quote") or "")))


def _check_row(row: Mapping[str, str], doc: Document | None, mentions: pl.DataFrame) -> list[Issue]:
    if doc is None:
        return [_row_issue(row, None, "figure_document_missing", "no such document")]
    line_number = _as_int(row.get("line_number"))
    if line_number is None or not 1 <= line_number <= doc.line_count:
        return [_row_issue(row, doc, "figure_line_missing", "line number is not in the document")]
    line = doc.lines[line_number - 1]
    quote = str(row.get("quote") or "")
    printed = str(row.get("printed_value") or "")
    quote_at = line.find(quote) if quote else -1
    if quote_at < 0:
        return [_row_issue(row, doc, "figure_quote_drift", "quote is not in the line")]
    printed_at = find_printed(quote, printed)
    if printed_at < 0:
        return [_row_issue(row, doc, "figure_printed_drift", "printed_value is not in the quote")]
    stated = _as_float(row.get("value"))
    parsed = parse_printed_value(printed)
    if not _value_matches(row, stated, parsed):
        message = f"value {row.get('value')!r} is not what {printed!r} states ({parsed})"
        return [_row_issue(row, doc, "figure_value_drift", message)]
    start = quote_at + printed_at
    end = start + len(printed)
    covered = mentions.filter(
        (pl.col("line_number") == line_number)
        & (pl.col("char_start") <= start)
        & (pl.col("char_end") >= end)
    )
    if covered.is_empty():
        message = "the parser finds no number mention covering printed_value"
        return [_row_issue(row, doc, "figure_not_extracted", message, "warning")]
    return []


def _check_references(rows: list[Mapping[str, str]]) -> list[Issue]:
    issues: list[Issue] = []
    ids = [str(r.get("figure_id") or "") for r in rows]
    known = set(ids)
    for row in rows:
        figure_id = str(row.get("figure_id") or "")
        if not figure_id or ids.count(figure_id) > 1:
            issues.append(_row_issue(row, None, "figure_id_not_unique", "empty or repeated id"))
        for column in REFERENCE_COLUMNS:
            target = row.get(column)
            if target and target not in known:
                issues.append(
                    _row_issue(row, None, "figure_reference_missing", f"{column} {target!r}")
                )
    return issues


def _link_problems(row: Mapping[str, str]) -> list[str]:
    """What is inconsistent in one row's links (the checks of rpt_figure_checks use them)."""
    problems = []
    is_part = bool(row.get("part_of_figure_id"))
    if is_part != bool(row.get("breakdown")):
        problems.append("breakdown is set exactly when part_of_figure_id is")
    complete = str(row.get("is_complete_breakdown") or "")
    if (complete in BOOLEAN_TEXT) != is_part or (complete and complete not in BOOLEAN_TEXT):
        problems.append("is_complete_breakdown is true or false exactly when a part_of is set")
    direction = str(row.get("change_direction") or "")
    if direction and direction not in CHANGE_DIRECTIONS:
        problems.append(f"change_direction {direction!r} is not one of {CHANGE_DIRECTIONS}")
    if direction and not row.get("compared_with_figure_id"):
        problems.append("change_direction needs a compared_with_figure_id")
    if row.get("applies_to_figure_id") and row.get("unit") not in ("percent", "ratio"):
        problems.append("applies_to_figure_id is for a percentage or ratio")
    return problems


def _check_links(rows: list[Mapping[str, str]]) -> list[Issue]:
    """Rows whose links contradict themselves, and breakdowns whose parts disagree on
    whether they are complete."""
    issues = [
        _row_issue(row, None, "figure_link_inconsistent", problem)
        for row in rows
        for problem in _link_problems(row)
    ]
    flags: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        if row.get("part_of_figure_id") and row.get("breakdown"):
            key = (str(row["part_of_figure_id"]), str(row["breakdown"]))
            flags.setdefault(key, set()).add(str(row.get("is_complete_breakdown") or ""))
    for row in rows:
        key = (str(row.get("part_of_figure_id") or ""), str(row.get("breakdown") or ""))
        if len(flags.get(key, ())) > 1:
            message = f"the parts of {key[0]} by {key[1]} disagree on is_complete_breakdown"
            issues.append(_row_issue(row, None, "figure_link_inconsistent", message))
    return issues


def check_curated_figures(
    catalogue_rows: Iterable[Mapping[str, str]], documents: Iterable[Document]
) -> list[Issue]:
    """Issues for curated figure rows that no longer match the text they quote.

    A row must name a document and line, quote that line exactly, contain its printed_value
    in the quote, record the value the printed text states, and be found by the parser; its
    links to other rows must name existing rows and agree with each other (a part names its
    breakdown, the parts of one breakdown agree on whether it is complete, a stated direction
    has an earlier figure).
    """
    rows = list(catalogue_rows)
    by_name = {doc.file_name: doc for doc in documents}
    mentions = {name: parse_news_article(doc)["number_mentions"] for name, doc in by_name.items()}
    issues = _check_references(rows) + _check_links(rows)
    empty = empty_frame_of(MENTION_SCHEMA)
    for row in rows:
        name = str(row.get("file_name") or "")
        issues.extend(_check_row(row, by_name.get(name), mentions.get(name, empty)))
    return issues
