"""Number mentions: every number printed in a sentence, with its value, unit and kind.

A number mention is recognised by trying, at each word start, an ordered list of rules; the
first rule that matches and accepts its context wins (see the package docstring)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.news.sentences import LOOK_BACK, word_set

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


CONTEXT_WORDS = 6

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

COUNT_NOUNS = word_set(
    """people persons person victims victim offenders offender suspects suspect cases case
    crimes crime offences offence offenses offense incidents incident reports report arrests
    charges cautions warnings prosecutions convictions sentences complaints calls men man women
    woman children child youths adults officers officer times occasions referrals records
    stalkers perpetrators orders deaths households residents members staff users posts messages
    accounts applications requests investigations allegations instances individuals girls boys
    families pupils students patients forces homes reported recorded logged"""
)
YEAR_PREPOSITIONS = word_set(
    "in since during until till before after between year years early late mid summer winter "
    "spring autumn of"
)
CALL_WORDS = re.compile(
    r"\b(?:call|calls|calling|called|ring|ringing|dial|dialling|dialing|phone|phoning|"
    r"telephone|tel|fax|text|texting|textphone|minicom|contact|helpline|hotline)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
SERVICE_NUMBERS = word_set("999 101 111 112")  # '999 and 101 calls'
CALLS = word_set("call")  # "a 999 or 101 call"; "101 calls" is a count
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
PRONOUN_ONE = word_set("no any every some each")
LAW_WORDS = word_set("act acts law laws regulations order rules bill measure")
AGE_WORDS = word_set("aged age ages")
AGE_LINKS = word_set("between under over from of")  # 'aged between 18 and 24'
AGE_BOUNDS = word_set("over older under younger above below")
YEAR_OLDS = word_set("year-old year-olds years-old yr-olds")
# 'under 16, 17/18 and over 18': an age bound that continues a list of ages.
AGE_LIST = re.compile(
    r"\b(?:aged?|under|over)\s+\d{1,2}\b[^.;]*\b(?:and|or)\s+(?:under|over)\s+$", re.IGNORECASE
)
# Who or what an age bound is said of: 'children under 16', 'the victim was over 18'.
AGE_HOLDERS = word_set(
    "was were is are be being child children people persons person victims victim those adults "
    "adult juveniles juvenile youths young suspects suspect offenders offender anyone males "
    "females boys girls men women minors"
)
MAX_AGE = 120
MIN_BOUNDED_AGE, MAX_BOUNDED_AGE = 10, 25  # 'under 16', 'over 18': the ages laws draw lines at
PLURAL_VERBS = word_set("were have had are")


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
    after = _next_words(text, match.end(), 3)
    previous = _previous_words(text, match.start(), 2)
    called = (
        bool(set(after) & CALLS)
        or after[:1] == ["emergency"]
        or after[:1] == ["non-emergency"]  # '999 emergency calls'
        or (after[:1] in (["and"], ["or"]) and after[1:2] and after[1] in SERVICE_NUMBERS)
        or (previous[1:] in (["and"], ["or"]) and previous[0] in SERVICE_NUMBERS)
    )
    if not CALL_WORDS.search(_before(text, match.start())) and not called:
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
    previous = _previous_words(text, match.start(), 2)
    if previous[-1:] == ["per"] or previous[-2:] == ["average", "of"]:
        return _found(match, value, "other", "measure")  # 'per 1,000 people', 'an average of 42'
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
    # 'questions 1, 2 and 4', 'Sections 30 and 31': a list ends with 'and', '&' or 'or', so in
    # 'question 3, 45 crimes' the 45 is not taken for a question.
    listed = rf"{numbered}(?:(?:\s*,\s*{numbered})*\s*,?\s*(?:and|&|or)\s*{numbered})?"
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
            + r"(?:\d{1,2}(?:\.\d{1,2})*(?:\.?[a-z])?(?:\.\)|[.)])(?=\s|$)|\d{1,2},(?=\s+[A-Z])"
            + r"|\d{1,2}[a-z]?\s?:(?=\s+[A-Za-z]))",
            _item_at_start,
        ),
        (before + r"\d{4}-\d{2}-\d{2}" + END, _date),
        (before + rf"\d{{1,2}}-(?i:{MONTHS})-(?:\d{{4}}|\d{{2}})" + END, _date),  # 01-JAN-2014
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
RULE_WORDS = word_set(
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
