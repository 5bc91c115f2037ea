"""Parse what an FOI response says besides its tables: the request, its questions and how
each was answered, how the data was searched (recording systems, offence classes, flags),
and every date in the text, with the problems found in them.

``parse_foi_request`` is pure (a ``Document`` in, DataFrames out) and never raises on odd
text: whatever cannot be read becomes a row in ``parse_issues``. Nothing here knows about a
particular force or document: every rule is a small, general pattern documented where it
is defined. Character offsets (``char_start``/``char_end``) are 0-based, end-exclusive
positions within the printed line, as Python slices them.

Vocabularies:

- ``foi_questions.answer_status``: 'table' (a table line follows the question before the
  next question or section), 'text' (prose of five words or more answers it), 'refused'
  (an exemption, section number or cost limit is cited), 'not_held' (the text says the
  information is not held / unable to provide / may be available elsewhere),
  'attachment_not_included' (the question has no answer of its own in the text and the
  text says the data was supplied in an enclosed or attached spreadsheet or file, which a
  text copy does not contain), 'cut_off' (the text stops before the reply: the document's
  response_status is 'cut_off'), 'unanswered' (none of these). See ``answer_question``.
  ``answer_exemptions`` keeps the exemptions a refused answer cites.
- ``foi_requests.response_status``: the reply as a whole, see ``response_status``.
- ``foi_questions.topic``: see ``question_topic``; ``period_grain``: see ``question_grain``.
- ``document_dates.date_role``: 'response_date', 'request_date', 'range_start' /
  'range_end' (a searched date range), 'cutover' (a date in a statement of when a
  recording system starts or stops), 'period_start' / 'period_end' (the period a
  question asks about; 'period_end_year' for a year that a later 'until the end of
  <month>' narrows), 'mentioned' (any other date). ``parsed_date`` is the printed date
  when it exists; ``interpreted_date`` is the value to use, with ``is_interpretation``
  set when it is not the printed one (31-SEP-2019 -> 2019-09-30).
- ``recording_systems.statement_kind``: 'search_range' ('Recorded between <date field>
  DATE and DATE', with the system named by 'recorded on X' or an 'X Data' heading above
  it) or 'cutover' (prose such as 'X … provides data up to DATE and our new Y system …
  records crimes from that date onwards').
"""

from __future__ import annotations

import bisect
import calendar
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

import polars as pl

from ingest.documents import Document
from ingest.frames import dicts_frame, empty_frame_of
from ingest.issues import ISSUE_SCHEMA, Issue, issues_frame
from ingest.lines import (
    MONTH_RE,
    QUESTION_RE,
    YEAR_RE,
    is_boilerplate,
    is_content,
    is_table_line,
    question_match,
)
from ingest.periods import CACHE_SIZE, MONTHS

T = TypeVar("T")

# --------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "foi_requests": {
        "document_id": pl.String(),
        "file_name": pl.String(),
        # The line the request starts on: its first question (else its reference, else 1).
        "line_number": pl.Int64(),
        "force_name": pl.String(),
        "force_name_line_number": pl.Int64(),
        "reference_number": pl.String(),
        "reference_line_number": pl.Int64(),
        "request_date": pl.Date(),
        "request_date_line_number": pl.Int64(),
        "response_date": pl.Date(),
        "response_date_line_number": pl.Int64(),
        "period_start": pl.Date(),
        "period_end": pl.Date(),
        "period_text": pl.String(),
        "question_count": pl.Int64(),
        # How the reply answers, read from its own text: see ``response_status``.
        "response_status": pl.String(),
        "response_exemptions": pl.String(),  # e.g. 's12' or 's30, s40' (refusals cited)
        "response_status_line_number": pl.Int64(),
    },
    "foi_questions": {
        "document_id": pl.String(),
        "question_number": pl.Int64(),
        "line_number": pl.Int64(),
        "question_text": pl.String(),
        "topic": pl.String(),
        "period_start": pl.Date(),
        "period_end": pl.Date(),
        "period_text": pl.String(),
        # The question whose period this one took ('as per Q1'), when it did.
        "period_inherited_from": pl.Int64(),
        "period_grain": pl.String(),
        "answer_status": pl.String(),
        "answer_reason": pl.String(),
        # The exemptions a refused answer cites ('s12', 's40', 'ncnd', …), comma-separated.
        "answer_exemptions": pl.String(),
        "answer_line_number": pl.Int64(),
        # First and last non-blank line of the answer: its 'Question N' section if it has
        # one, else the lines up to the next question or section heading (null if blank).
        "answer_first_line": pl.Int64(),
        "answer_last_line": pl.Int64(),
    },
    "recording_systems": {
        "document_id": pl.String(),
        "line_number": pl.Int64(),
        "system_name": pl.String(),
        "statement_kind": pl.String(),  # search_range | cutover
        "date_field": pl.String(),
        "range_start_printed": pl.String(),
        "range_end_printed": pl.String(),
        "range_start": pl.Date(),
        "range_end": pl.Date(),
        # The value to use: the printed date, or its flagged interpretation when impossible.
        "range_start_interpreted": pl.Date(),
        "range_end_interpreted": pl.Date(),
        "is_interpretation": pl.Boolean(),
        "statement_text": pl.String(),
    },
    "search_criteria": {
        "document_id": pl.String(),
        "line_number": pl.Int64(),
        # offence_class | offence_code | flag | keyword_search | coverage | period_definition
        "criterion_kind": pl.String(),
        "criterion_code": pl.String(),
        "criterion_text": pl.String(),
    },
    "document_dates": {
        "document_id": pl.String(),
        "line_number": pl.Int64(),
        "printed_text": pl.String(),
        "char_start": pl.Int64(),
        "char_end": pl.Int64(),
        "parsed_date": pl.Date(),
        "is_valid": pl.Boolean(),
        "date_role": pl.String(),
        "precision": pl.String(),  # day | month | year
        "interpreted_date": pl.Date(),
        "is_interpretation": pl.Boolean(),
    },
    "parse_issues": dict(ISSUE_SCHEMA),
}

# --------------------------------------------------------------------------------------
# Vocabulary and patterns
# --------------------------------------------------------------------------------------


# Full dates, most specific first; a later pattern never overlaps an earlier match.
_DAY = r"(?P<day>\d{1,2})"
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 24 October 2019, 4th December 2017, 01-JAN-2014, 31-SEP-2019, 3rd of May, 2020, 6^th April
    # 2020 (a superscript ordinal as a PDF-to-text copy prints it)
    (
        "day",
        re.compile(
            rf"\b{_DAY}\^?(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.]+(?P<month>{MONTH_RE})\.?"
            r"[\s\-/.,]+(?P<year>\d{4})\b",
            re.IGNORECASE,
        ),
    ),
    # October 24, 2019
    (
        "day",
        re.compile(
            rf"\b(?P<month>{MONTH_RE})\.?\s+{_DAY}\^?(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR_RE})\b",
            re.IGNORECASE,
        ),
    ),
    # 2019-10-24
    ("day", re.compile(rf"\b(?P<year>{YEAR_RE})-(?P<month>\d{{1,2}})-{_DAY}\b")),
    # 24/10/2019 or 24.10.2019 (UK order)
    ("day", re.compile(rf"\b{_DAY}[/.](?P<month>\d{{1,2}})[/.](?P<year>{YEAR_RE})\b")),
    # 01-XYZ-2019: shaped like a date but the month is not a month (reported, not parsed)
    ("day", re.compile(rf"\b{_DAY}-(?P<month>[A-Za-z]{{3,9}})-(?P<year>\d{{4}})\b")),
    # September 2019, Sept. 2019
    (
        "month",
        re.compile(rf"\b(?P<month>{MONTH_RE})\.?,?\s+(?P<year>{YEAR_RE})\b", re.IGNORECASE),
    ),
)

FOUR_DIGITS = re.compile(r"\d{4}")

# A heading that introduces the answer to one question: 'Question 7', 'Response to Q7:'.
ANSWER_MARKER_RE = re.compile(
    r"^\s*(?:(?:response|answer|reply)\s+(?:to\s+)?)?(?:question|q)\s*(?P<n>\d{1,2})"
    r"\s*[:.)\-–]?\s*$",
    re.IGNORECASE,
)
# 'Answer: 1,234', 'A1 - Not held': a labelled answer, however short.
ANSWER_LABEL_RE = re.compile(r"^\s*(?:answer|response|reply|a\d{0,2})\s*[:.\-–]\s*\S", re.I)
# Section headings that end the text belonging to the question above them.
SECTION_HEADING_RE = re.compile(
    r"^\s*(?:our\s+|my\s+|your\s+)?(?:request|response|answer|reply|decision|notes?"
    r"|information\s+(?:requested|provided))\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
# After one of these (and at least one question), numbered lines are answers, not questions.
RESPONSE_HEADING_RE = re.compile(r"^\s*(?:our\s+|my\s+)?(?:response|answer|reply)\b", re.I)
# 'You asked:' on a line of its own, over an unnumbered list of questions ('- How many …').
REQUEST_LIST_HEADING_RE = re.compile(
    r"^\s*(?:you\s+asked|your\s+(?:request|questions?)|(?:the\s+)?request(?:\s+details)?"
    r"|questions?\s+asked|information\s+requested)\s*:?\s*$",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^\s*[-•*–]\s+(?P<text>\S.*)$")
# A numbered answer printed bare on its own line ('1.'), over the answer to that question.
BARE_NUMBER_RE = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.):]\s*$")

# Topic rules, tried in order; the first whose words occur in the question wins. Order
# matters: a question about "the outcome of the perpetrator" is about outcomes, and one
# about "cases that reached court" is not about recorded crimes in general.
TOPIC_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern, re.IGNORECASE))
    for topic, pattern in (
        ("court_verdicts", r"\bguilty\b|\bverdicts?\b|\bconvict|\bacquit"),
        ("court_cases", r"\bcourts?\b|\btrials?\b"),
        (
            "outcomes",
            r"\boutcomes?\b|\bcharged?\b|\bcautions?\b|\bdisposals?\b|\bpenalt|\bsanction",
        ),
        ("suspects_identified", r"\bperpetrators?\b|\bsuspects?\b|\boffenders?\b|\baccused\b"),
        (
            "victims",
            r"\bvictims?\b|\bindividuals\b|\bcomplainants?\b|\bpersons?\s+who\b|\bpeople\s+who\b",
        ),
        (
            "offence_breakdown",
            r"offen[cs]e\s+types?|types?\s+of\s+(?:offen[cs]e|crime)|crime\s+types?"
            r"|detail\s+on\s+each|each\s+(?:recorded\s+)?(?:offen[cs]e|crime|incident)"
            r"|by\s+offen[cs]e|home\s+office\s+(?:code|class)",
        ),
        ("recorded_crimes", r"\brecorded\b|\bincidents?\b|\bcrimes?\b|\boffen[cs]es?\b"),
    )
)

# Grain of the figures asked for; the finest one named wins.
GRAIN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (grain, re.compile(pattern, re.IGNORECASE))
    for grain, pattern in (
        ("month", r"\bmonth(?:ly|s)?\b"),
        ("quarter", r"\bquarter(?:ly|s)?\b"),
        ("financial_year", r"\bfinancial\s+years?\b"),
        ("year", r"\bannual(?:ly)?\b|\byearly\b|\b(?:per|each|by|calendar)\s+year\b"),
    )
)

AS_PER_RE = re.compile(r"\bas\s+per\s+(?:q|question)\s*(?P<n>\d{1,2})\b", re.IGNORECASE)
YEAR_RANGE_RE = re.compile(
    rf"(?:\b(?:from|between)\s+)?(?:(?P<m1>{MONTH_RE})\.?\s+)?(?P<y1>{YEAR_RE})"
    rf"\s*(?:–|—|-|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b)\s*"
    rf"(?:(?P<m2>{MONTH_RE})\.?\s+)?(?P<y2>{YEAR_RE})\b",
    re.IGNORECASE,
)
FINANCIAL_YEAR_RE = re.compile(
    rf"\b(?:financial\s+year|FY)\s*(?P<y1>{YEAR_RE})\s*[/-]\s*(?P<y2>\d{{2}}|{YEAR_RE})\b",
    re.IGNORECASE,
)
SINGLE_PERIOD_RE = re.compile(
    rf"\b(?:for|in|of|during|throughout)\s+(?:the\s+)?(?:(?:calendar\s+)?year\s+)?"
    rf"(?:(?P<m>{MONTH_RE})\.?\s+)?(?P<y>{YEAR_RE})\b",
    re.IGNORECASE,
)
END_OF_MONTH_RE = re.compile(
    rf"\b(?:until|up\s+to|to|till|through|by)\s+(?:the\s+)?end\s+of\s+"
    rf"(?P<m>{MONTH_RE})\.?(?:\s+(?P<y>{YEAR_RE}))?\b",
    re.IGNORECASE,
)
RANGE_CONNECTOR_RE = re.compile(r"\s*(?:–|—|-|to|and|until|till|through)\s*", re.IGNORECASE)

# Answer wording. Refusals cite an exemption or limit; 'not held' says the data is not there.
REFUSED_RE = re.compile(
    r"\bexempt(?:ion)?s?\b|\bsection\s+\d+|\brefus|\bcost\s+limit|\bappropriate\s+limit"
    r"|neither\s+confirm\s+nor\s+deny|\bvexatious",
    re.IGNORECASE,
)
NOT_HELD_RE = re.compile(
    r"\bnot\s+held\b|\bdo(?:es)?\s+not\s+hold\b|\bunable\s+to\s+(?:provide|supply|locate)"
    r"|\bcannot\s+(?:provide|supply)|\bnot\s+(?:centrally\s+)?recorded\b|\bno\s+information\b"
    r"|\bnot\s+(?:available|retained)\b|\bmay\s+be\s+available\s+from\b",
    re.IGNORECASE,
)
# "the enclosed spreadsheet", "attached file", "spreadsheet (attached)": the figures are in
# a separate file, which a text-only copy of the response does not contain.
ATTACHMENT_RE = re.compile(
    r"\b(?:enclosed|attached|accompanying)\b[^.]{0,60}?"
    r"\b(?:spreadsheets?|excel|workbooks?|files?|documents?|tables?|csv|appendix|annex)\b"
    r"|\b(?:spreadsheets?|excel|workbooks?|appendix|annex)\b[^.]{0,60}?\b(?:enclosed|attached)\b"
    r"|\b(?:see|find)\s+(?:the\s+)?(?:data|information|figures)\s+(?:attached|enclosed)\b"
    r"|\bplease\s+(?:see|find)\s+(?:the\s+)?attach|\b(?:as|see)\s+attached\b|\bin\s+the\s+attached\b",
    re.IGNORECASE,
)
QUESTION_REFERENCE_RE = re.compile(r"\b(?:question|q)\s*(?P<n>\d{1,2})\b", re.IGNORECASE)

# Search method. '8L – HARASSMENT' names a Home Office class; '195/94 Harassment' a code.
OFFENCE_CLASS_RE = re.compile(r"^\s*(?P<code>\d{1,3}[A-Z]{1,2})\s*[–—-]\s*(?P<text>\S.*?)\s*$")
OFFENCE_CODE_RE = re.compile(r"^\s*(?P<code>\d{2,3}/\d{1,3})\s*[–—:-]?\s*(?P<text>[A-Za-z].*?)\s*$")
FLAG_RE = re.compile(
    r"(?P<text>[‘'\"“]?(?P<name>[A-Za-z][\w-]*)[’'\"”]?\s+(?:crime\s+)?"
    r"(?:flag|tag|marker|qualifier)\b(?:\s*=\s*[‘'\"“]?\w+[’'\"”]?)?)",
    re.IGNORECASE,
)
FLAG_KEYWORD = re.compile(r"flag|tag|marker|qualifier", re.IGNORECASE)
# 'Cyber flagged crime' / "flagged as 'cyber-crime.'": a flag named before or after 'flagged'.
FLAGGED_RES = (
    re.compile(r"(?P<text>\b(?P<name>[A-Za-z][\w-]*)\s+flagged\b)", re.IGNORECASE),
    re.compile(
        r"(?P<text>\bflagged\s+as\s+[‘'\"“](?P<name>[A-Za-z][\w -]*?)[.,]?[’'\"”])",
        re.IGNORECASE,
    ),
)
# 'a keyword search for GPS': the word (or quoted phrase) a free-text search looked for.
KEYWORD_SEARCH_RE = re.compile(
    r"(?P<text>\bkey\s?word\s+search(?:es)?\s+(?:for|of|on)\s+"
    r"(?:[‘'\"“](?P<quoted>[^’'\"”]{1,40})[’'\"”]|(?P<word>[A-Za-z][\w-]*)))",
    re.IGNORECASE,
)
# 'the offence code 08/67', 'HO Code: 125/12', 'classification code 125/09': a Home Office
# code named inside a sentence (OFFENCE_CODE_RE reads a code heading its own line).
INLINE_OFFENCE_CODE_RE = re.compile(
    r"(?P<text>\b(?:HO|Home\s+Office|offence|classification)\s+codes?\s*(?:of\s+|:\s*)?"
    r"(?P<code>\d{2,3}/\d{1,3}))",
    re.IGNORECASE,
)
# 'all recorded crime', 'total recorded crime': figures said to cover every recorded crime.
RECORDED_CRIME_RE = re.compile(
    r"(?P<text>\b(?:all|total)\s+(?:police\s+)?recorded\s+crimes?\b"
    r"|\ball\s+crimes?\s+recorded\b)",
    re.IGNORECASE,
)
# Words that sit before 'flag'/'marker' without naming one ("no generic marker").
NOT_A_FLAG_NAME = frozenset(
    {"a", "an", "any", "the", "this", "that", "no", "generic", "specific", "each", "crime"}
    | {"which", "our", "their", "its", "new", "relevant", "such"}
)
# Words that sit before 'flagged' without naming a flag ('have been flagged', 'be flagged').
NOT_A_FLAGGED_NAME = frozenset({"been", "be", "is", "are", "was", "were", "not", "being", "marker"})
# The words between 'between'/'from' and a range's first date name its date field.
RANGE_FIELD_RE = re.compile(
    r".*\b(?:between|from)\s+(?:the\s+)?(?P<field>[^,;]*?)\s*$", re.IGNORECASE | re.DOTALL
)
# 'recorded on CMS(ii) 01 crime register': the system a search ran on, as printed.
SYSTEM_AFTER_RECORDED_RE = re.compile(
    r"\b(?i:recorded|held|stored|searched)\s+(?i:on|in|within)\s+(?i:the\s+|our\s+)?"
    r"(?P<name>[A-Z][A-Za-z0-9]*(?:\s?\([A-Za-z0-9]+\))?)"
)
# 'CMS(II) Data –': a heading naming the system the lines below it were searched on.
SYSTEM_HEADING_RE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z0-9()]*(?:\s+[A-Z][A-Za-z0-9()]*)?)\s+(?i:data)\s*[–—:-]?\s*$"
)
# 'our new CONNECT system': an acronym naming a system in prose.
SYSTEM_BEFORE_WORD_RE = re.compile(
    r"\b(?P<name>[A-Z][A-Z0-9]+(?:\([A-Za-z0-9]+\))?)\s+(?:crime\s+)?(?:system|database)\b"
)
CUTOVER_END_BEFORE_RE = re.compile(
    r"\b(?P<kw>up\s+to(?:\s+and\s+including)?|up\s+until|until|prior\s+to|before)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
CUTOVER_START_BEFORE_RE = re.compile(
    r"\b(?P<kw>from|since|as\s+of|starting|beginning)\s+(?:the\s+)?$", re.IGNORECASE
)
THAT_DATE_RE = re.compile(
    r"\b(?:from|since)\s+(?:that|this|the\s+same)\s+date(?:\s+onwards?)?", re.IGNORECASE
)

FORCE_RE = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:and|&|of|[A-Z][a-z]+))*\s+"
    r"(?:Police(?:\s+Service)?|Constabulary)|Police\s+Scotland"
    r"|Police\s+Service\s+of\s+Northern\s+Ireland)\b"
)
NOT_FORCE_WORDS = frozenset(
    {"The", "Your", "Our", "This", "That", "Dear", "A", "An", "Freedom", "Information"}
    | {"Request", "Response", "Of", "And", "Local", "Re", "To", "From"}
)
# A reference as printed: letters and digits joined by / - _ . (a dash may have spaces
# around it: '429- 25', '174 -24'); it must hold a digit.
_REF_VALUE = r"[A-Z0-9]+(?:(?:\s?[-–]\s?|[/_.\-])[A-Z0-9]+)*"
# 'Our ref:', 'FOI Reference:', 'Enquiry Reference:', 'Reference Number:', 'FOI Number:',
# 'Request Number:', 'Freedom of Information (Act) request (reference) no/number:'. The
# requester's own ('Your ref') is not the reply's. A leading 'FOI'/'FOI/' is a word of the
# label, not of the reference ('FOI 006860-17', 'FOI/14014').
_REF_QUALIFIER = (
    r"(?:our|enquiry|case|foia?|request|freedom\s+of\s+information(?:\s+act)?\s+request)"
)
REFERENCE_RE = re.compile(
    rf"(?<![\w])(?P<yours>your\s+)?(?:{_REF_QUALIFIER}\s+)*"
    rf"(?:ref(?:erence)?\b\.?(?:\s+(?:no\b\.?|number))?|(?<=\s)(?:no\b\.?|number|id\b))"
    rf"\s*[:.#]?\s*(?:foia?\b\s*[:/]?\s*)?(?P<ref>{_REF_VALUE})?\s*\.?\s*$"
    rf"|(?<![\w])(?P<yours2>your\s+)?(?:{_REF_QUALIFIER}\s+)*"
    rf"(?:ref(?:erence)?\b\.?(?:\s+(?:no\b\.?|number))?|(?<=\s)(?:no\b\.?|number|id\b))"
    rf"\s*[:.#]?\s*(?:foia?\b\s*[:/]?\s*)?(?P<ref2>{_REF_VALUE})",
    re.IGNORECASE,
)
# A qualifier alone must precede 'no'/'number' ('Tel. No: 0191…' is no reference).
_NUMBER_LABEL_RE = re.compile(rf"(?:your\s+)?(?:{_REF_QUALIFIER}\s+)+(?:no\b|number|id\b)", re.I)
# A reference printed in a title: 'Anti – Stalking Law (1841_15)', 'Revenge Porn (1075A/22)',
# '… (R008987 and R009802)' (the first), 'Coercive control - 487/16' (a disclosure-log
# heading), 'Right to know request 1009-11'. Its shape tells it from a year or a date: a
# letter prefix or suffix, or exactly one separator between digit groups.
_TITLE_REF = r"[A-Z]{0,3}\d{2,}[A-Z]?(?:[/_\-]\d{1,4})?"
TITLE_REFERENCE_RE = re.compile(
    rf"\((?P<ref>{_TITLE_REF})(?:\s+(?:and|&)\s+[^)]*)?\)\s*$"
    r"|\s[-–]\s(?P<ref2>\d{2,6}[A-Z]?/\d{2,4})\s*$"
    r"|\brequest\s+(?P<ref3>\d{2,}[A-Z]?[/\-]\d{2,4})\s*$",
    re.IGNORECASE,
)
# 'FOI 951/18', 'FOI 174 -24': the word FOI and a reference of digit groups, alone on a line.
FOI_PREFIX_RE = re.compile(
    r"^\s*FOIA?\s*[:\-]?\s*(?P<ref>\d+[A-Z]?(?:\s?[-–/]\s?\d+)+)\s*\.?\s*$", re.I
)
# A disclosure log's publication-scheme number ('PUB 1393', 'Publication Number: 1003') is
# not the request's; a bare number printed on the line after it is.
PUBLICATION_NUMBER_RE = re.compile(
    r"^\s*pub(?:lication)?(?:\s+(?:no\.?|number)\s*:?)?\s*\d+\s*$", re.I
)
BARE_REFERENCE_RE = re.compile(rf"^\s*(?P<ref>{_REF_VALUE})\s*$", re.IGNORECASE)
DATE_LABEL_RE = re.compile(r"^\s*(?:date(?:\s+of\s+(?:response|reply|letter))?)?\s*:?\s*$", re.I)
REQUEST_DATE_CONTEXT_RE = re.compile(
    r"(?:\brequest\b[^.]*?\b(?:dated|of|received(?:\s+on)?|on)|\breceived(?:\s+on)?"
    r"|\bdate\s+(?:of\s+)?request(?:ed)?|\bdate\s+received|\brequest\s+date"
    # 'received by Cambridgeshire Constabulary on', 'first notified to … on the',
    # 'submitted on the', 'your email dated'
    r"|\b(?:received|submitted|notified|made)\b[^.]{0,80}?\bon(?:\s+the)?"
    r"|\b(?:e-?\s?mail|letter|correspondence|application)\s+dated)\s*:?\s*$",
    re.IGNORECASE,
)
# Labels of the reply's own date: 'Date Responded 13 February 2018', 'Dated: 21 Jan 2013',
# 'Version date: 04/03/2022', 'Response Date:16/06/2011', 'Date of response: 15/10/14',
# '… published on' (a disclosure page), 'Date: 23/01/2018'.
RESPONSE_DATE_LABEL_RE = re.compile(
    r"(?:\bdate\s+(?:responded|of\s+(?:response|reply|letter|disclosure|issue|release)|published"
    r"|sent|disclosed|issued)|\b(?:response|disclosure|publication|release)\s+date"
    r"|\b(?:dated|responded|disclosed|released|issued)(?:\s+on)?|\bversion\s+date"
    r"|\bpublished(?:\s+on)?|^\s*date)\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
# A date with a two-digit year ('30/09/14', '18.10.17'), read only after a date label.
SHORT_DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{2})\b(?![/.]\d)"
)
# A weekday before a date ('Friday, 1 December, 2017') is part of a lone date line.
WEEKDAY_RE = re.compile(r"^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$", re.IGNORECASE)
WEEKDAY_TAIL_RE = re.compile(r"\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$", re.I)
# A letterhead's contact line may end with the letter's date ('Tel: 101 … Fax: … 10 March 2015').
CONTACT_LINE_RE = re.compile(
    r"^(?:[\W\d]*(?:tel(?:ephone)?|fax|ext|direct\s+(?:dial|line)|e-?mail|mobile)\b\.?)+[\W\d]*$",
    re.IGNORECASE,
)
# A lone date line this close to the top of a letter is the letter's (the response's) date.
LETTER_HEAD_LINES = 15

# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundDate:
    """A date expression found in a string; offsets are relative to that string."""

    start: int
    end: int
    printed: str
    precision: str  # day | month
    year: int
    month: int | None  # None: the printed month is not a month name
    day: int | None
    parsed: date | None  # the printed date, when it exists (month precision: the 1st)
    interpreted: date | None  # the value to use when the printed one is impossible
    problem: str | None  # why the printed date is not a real date


@dataclass(frozen=True)
class DateRow:
    line_number: int
    printed_text: str
    char_start: int
    char_end: int
    parsed_date: date | None
    is_valid: bool
    date_role: str
    precision: str
    interpreted_date: date | None
    is_interpretation: bool


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    text: str | None
    rows: tuple[DateRow, ...] = ()


@dataclass(frozen=True)
class Question:
    number: int
    line_number: int
    text: str
    text_lines: tuple[int, ...]  # the lines the question text was read from


@dataclass(frozen=True)
class AnswerSection:
    """Text introduced by a 'Question N' heading (or a repeated 'N.' line) later on."""

    number: int
    heading_line: int
    inline_text: str  # text on the heading line itself after 'Question N:'
    first_line: int | None
    last_line: int | None


@dataclass(frozen=True)
class Answer:
    status: str
    reason: str | None
    line_number: int | None


@dataclass(frozen=True)
class SystemStatement:
    line_number: int
    system_name: str | None
    statement_kind: str
    date_field: str | None
    start_printed: str | None
    end_printed: str | None
    start: date | None
    end: date | None
    start_interpreted: date | None
    end_interpreted: date | None
    statement_text: str
    basis: str | None = None  # how a date not printed as such was worked out

    @property
    def is_interpretation(self) -> bool:
        return (self.start_interpreted != self.start) or (self.end_interpreted != self.end)


@dataclass(frozen=True)
class Layout:
    """Which lines are questions, answer headings, section headings and table rows."""

    questions: tuple[Question, ...]
    sections: tuple[AnswerSection, ...]
    boundaries: tuple[int, ...]  # line numbers that end the text above them
    table_lines: frozenset[int]
    question_lines: frozenset[int]


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def calendar_date(year: int, month: int, day: int) -> tuple[date | None, date | None, str | None]:
    """(date, interpretation, problem). A day past the month's end but within 31 (31 Sept)
    is read as the month's last day: the writer evidently meant 'the end of the month'."""
    if not 1900 <= year <= 2100:
        return None, None, f"year {year} is outside 1900–2100"
    if not 1 <= month <= 12:
        return None, None, f"month {month} is not a month number (1–12)"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return date(year, month, day), None, None
    name = calendar.month_name[month]
    if days < day <= 31:
        return None, last_day(year, month), f"{name} {year} has {days} days (expected 1–{days})"
    return None, None, f"day {day} is not a day of {name} (expected 1–{days})"


def found_date(match: re.Match[str], precision: str) -> FoundDate:
    year = int(match["year"])
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    day = int(match["day"]) if precision == "day" else 1
    if month is None:
        parsed, interpreted, problem = None, None, f"'{month_text}' is not a month name"
    else:
        parsed, interpreted, problem = calendar_date(year, month, day)
    return FoundDate(
        start=match.start(),
        end=match.end(),
        printed=match.group(0),
        precision=precision,
        year=year,
        month=month,
        day=day if precision == "day" else None,
        parsed=parsed,
        interpreted=interpreted,
        problem=problem,
    )


def scan_dates(text: str) -> list[FoundDate]:
    """Every full date (and month-year) in ``text``, left to right, without overlaps."""
    # Every pattern ends in a four-digit year: most lines have none, and several steps scan
    # the same lines, so the answer is remembered.
    if not FOUR_DIGITS.search(text):
        return []
    return list(_scan_dates(text))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _scan_dates(text: str) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    for precision, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < f.end and f.start < match.end() for f in found):
                continue
            found.append(found_date(match, precision))
    return tuple(sorted(found, key=lambda f: f.start))


def usable_date(found: FoundDate, *, as_end: bool = False) -> date | None:
    """The value an analyst should use: printed, else interpreted; month precision gives the
    first day of the month, or its last when the date closes a range."""
    value = found.parsed or found.interpreted
    if value is not None and found.precision == "month" and as_end:
        return last_day(value.year, value.month)
    return value


def date_row(
    found: FoundDate, line_number: int, role: str, *, offset: int = 0, as_end: bool = False
) -> DateRow:
    parsed = found.parsed
    if parsed is not None and found.precision == "month" and as_end:
        parsed = last_day(parsed.year, parsed.month)
    interpreted = parsed if parsed is not None else found.interpreted
    return DateRow(
        line_number=line_number,
        printed_text=found.printed,
        char_start=found.start - offset,
        char_end=found.end - offset,
        parsed_date=parsed,
        is_valid=found.parsed is not None,
        date_role=role,
        precision=found.precision,
        interpreted_date=interpreted,
        is_interpretation=found.parsed is None and found.interpreted is not None,
    )


def date_issue(doc: Document, line_number: int, found: FoundDate) -> Issue:
    if found.interpreted is not None:
        what = (
            f"read as {found.interpreted.isoformat()}, the last day of that month "
            "(document_dates.interpreted_date, is_interpretation = true)"
        )
        code = "impossible_date"
    elif found.month is None:
        what = "left unparsed"
        code = "unparseable_date"
    else:
        what = "left unparsed: the intended date is not evident"
        code = "impossible_date"
    return Issue(
        document_id=doc.document_id,
        file_name=doc.file_name,
        line_number=line_number,
        severity="warning",
        issue_code=code,
        message=(
            f"{doc.file_name} line {line_number}: printed '{found.printed}' is not a real "
            f"date: {found.problem}; {what}"
        ),
        printed_text=found.printed,
    )


# --------------------------------------------------------------------------------------
# Line layout: tables, questions, headings
# --------------------------------------------------------------------------------------


def continuation_lines(lines: tuple[str, ...], index: int) -> list[int]:
    """0-based indexes of lines that continue a question (no blank line in between)."""
    taken: list[int] = []
    for i in range(index + 1, len(lines)):
        line = lines[i]
        if (
            not line.strip()
            or is_table_line(line)
            or QUESTION_RE.match(line)
            or ANSWER_MARKER_RE.match(line)
            or ANSWER_LABEL_RE.match(line)
            or SECTION_HEADING_RE.match(line)
            or REPLY_START_RE.search(line)
        ):
            break
        taken.append(i)
    return taken


def next_text_line(lines: tuple[str, ...], index: int) -> int | None:
    """0-based index of the next non-blank line after ``index``."""
    return next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)


def read_question(
    lines: tuple[str, ...], number: int, index: int, inline: str | None
) -> Question | None:
    """A question's text: on its numbered line ('1: How many …') and the lines that continue
    it, or, under a bare 'Question N' heading, on the lines that follow."""
    if inline is not None:
        text_indexes = [index, *continuation_lines(lines, index)]
        parts = [inline]
    else:
        following = next_text_line(lines, index)
        if following is None:
            return None
        text_indexes = [following, *continuation_lines(lines, following)]
        parts = []
    parts += [lines[i].strip() for i in text_indexes if i != index]
    return Question(
        number=number,
        line_number=index + 1,
        text=" ".join(parts),
        text_lines=tuple(i + 1 for i in text_indexes),
    )


def bullet_questions(lines: tuple[str, ...]) -> list[Question]:
    """An unnumbered list of questions under a request heading ('You asked:' then '- The
    number of …' lines, blank lines allowed): the n-th item is question n, so that a numbered
    answer ('1.', '2. We hold no …') links to it. Only the first such list, of two or more
    items, with no numbered question before it or between it and the reply ('In response'):
    a list followed by numbered questions is part of the request, not its questions."""
    for index, line in enumerate(lines):
        if question_match(line) is not None:
            return []
        if not REQUEST_LIST_HEADING_RE.match(line):
            continue
        found: list[Question] = []
        end = len(lines)
        for i in range(index + 1, len(lines)):
            item = BULLET_RE.match(lines[i])
            if item is None and lines[i].strip():
                end = i
                break
            if item is not None:
                number = len(found) + 1
                found.append(Question(number, i + 1, item["text"].strip(), (i + 1,)))
        for following in lines[end:]:
            if REPLY_START_RE.search(following):
                break
            if question_match(following) is not None:
                return []
        return found if len(found) >= 2 else []
    return []


def analyse_layout(lines: tuple[str, ...]) -> Layout:
    """Find questions and answer sections. A numbered line is a new question the first time
    its number appears, before any response heading that follows a question; a repeated
    number or a 'Question N' heading introduces the answer to question N. An unnumbered list
    of questions numbers its items in order (bullet_questions)."""
    questions: list[Question] = bullet_questions(lines)
    markers: list[tuple[int, int, str]] = []  # (number, 0-based index, inline text)
    boundaries: set[int] = {n for q in questions for n in q.text_lines}
    seen: set[int] = {q.number for q in questions}
    answering = False
    for index, line in enumerate(lines):
        line_number = index + 1
        bare = BARE_NUMBER_RE.match(line)
        if bare and int(bare["n"]) in seen:
            # '1.' alone over the answer to question 1 (its text is on the lines below).
            boundaries.add(line_number)
            markers.append((int(bare["n"]), index, ""))
            continue
        if questions and RESPONSE_HEADING_RE.match(line) and SECTION_HEADING_RE.match(line):
            answering = True
        if SECTION_HEADING_RE.match(line):
            boundaries.add(line_number)
            continue
        marker = ANSWER_MARKER_RE.match(line)
        numbered = question_match(line)
        number = int(marker["n"]) if marker else numbered[0] if numbered else None
        if number is None:
            continue
        boundaries.add(line_number)
        if number in seen or answering:
            # 'Question 7: We are unable …' carries its answer on the heading line itself.
            inline = numbered[1] if numbered and not marker else ""
            markers.append((number, index, inline))
            continue
        seen.add(number)
        question = read_question(lines, number, index, numbered[1] if numbered else None)
        if question is not None:
            questions.append(question)
            boundaries.update(question.text_lines)
    sections = tuple(
        answer_section(lines, number, index, inline, boundaries)
        for number, index, inline in markers
    )
    question_lines = frozenset(n for q in questions for n in q.text_lines)
    table_lines = frozenset(
        i + 1 for i, line in enumerate(lines) if i + 1 not in question_lines and is_table_line(line)
    )
    return Layout(
        questions=tuple(questions),
        sections=sections,
        boundaries=tuple(sorted(boundaries)),
        table_lines=table_lines,
        question_lines=question_lines,
    )


def span_until_boundary(
    lines: tuple[str, ...], after_line: int, boundaries: Iterable[int]
) -> tuple[int | None, int | None]:
    """First and last non-blank line after ``after_line`` before the next boundary line."""
    stop = min((b for b in boundaries if b > after_line), default=len(lines) + 1)
    filled = [n for n in range(after_line + 1, stop) if lines[n - 1].strip()]
    return (filled[0], filled[-1]) if filled else (None, None)


def answer_section(
    lines: tuple[str, ...], number: int, index: int, inline: str, boundaries: set[int]
) -> AnswerSection:
    first, last = span_until_boundary(lines, index + 1, boundaries)
    return AnswerSection(number, index + 1, inline, first, last)


# --------------------------------------------------------------------------------------
# Questions: topic, period, grain, answer
# --------------------------------------------------------------------------------------


def question_topic(text: str) -> str:
    """The first TOPIC_RULES entry whose words occur in the question, else 'other':
    court_verdicts (guilty, verdict, convicted), court_cases (court, trial), outcomes
    (outcome, charge, caution, disposal, penalty, sanction), suspects_identified
    (perpetrator, suspect, offender), victims (victim, individuals, complainant, people
    who), offence_breakdown (offence type, detail on each incident, by offence, Home Office
    code), recorded_crimes (recorded, incidents, crimes, offences)."""
    return next((topic for topic, rule in TOPIC_RULES if rule.search(text)), "other")


def question_grain(text: str) -> str | None:
    """'month' if the question says monthly/per month, 'quarter', 'financial_year', 'year'
    for annual / per calendar year; None when it names no grain."""
    return next((grain for grain, rule in GRAIN_RULES if rule.search(text)), None)


@dataclass(frozen=True)
class Joined:
    """Several lines read as one text, with a way back from an offset to its line."""

    text: str
    starts: tuple[int, ...]
    line_numbers: tuple[int, ...]

    @classmethod
    def of(cls, lines: tuple[str, ...], line_numbers: Iterable[int]) -> Joined:
        text, starts, numbers = "", [], []
        for n in line_numbers:
            if text:
                text += " "
            starts.append(len(text))
            numbers.append(n)
            text += lines[n - 1]
        return cls(text, tuple(starts), tuple(numbers))

    def locate(self, offset: int) -> tuple[int, int]:
        """(line number, offset within that line)."""
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.line_numbers[i], self.starts[i]


def endpoint_row(
    joined: Joined,
    start: int,
    end: int,
    value: date,
    role: str,
    precision: str,
) -> DateRow:
    line_number, line_offset = joined.locate(start)
    return DateRow(
        line_number=line_number,
        printed_text=joined.text[start:end],
        char_start=start - line_offset,
        char_end=end - line_offset,
        parsed_date=value,
        is_valid=True,
        date_role=role,
        precision=precision,
        interpreted_date=value,
        is_interpretation=False,
    )


def year_endpoint(
    joined: Joined, match: re.Match[str], month_group: str, year_group: str, role: str
) -> tuple[date, DateRow]:
    """A period endpoint printed as '2014' or 'Sept 2019': the first or last day it covers."""
    year = int(match[year_group])
    month = month_number(match[month_group]) if match[month_group] else None
    is_end = role.startswith("period_end")
    if month is None:
        value = date(year, 12, 31) if is_end else date(year, 1, 1)
    else:
        value = last_day(year, month) if is_end else date(year, month, 1)
    start = match.start(month_group) if match[month_group] else match.start(year_group)
    row = endpoint_row(
        joined, start, match.end(year_group), value, role, "month" if month else "year"
    )
    return value, row


def period_date_row(joined: Joined, found: FoundDate, role: str) -> DateRow:
    line_number, line_offset = joined.locate(found.start)
    return date_row(
        found, line_number, role, offset=line_offset, as_end=role.startswith("period_end")
    )


def full_date_period(joined: Joined) -> Period | None:
    """Two full dates joined by 'to'/'and'/'–' ('between 01/01/2014 and 30/09/2019')."""
    found = scan_dates(joined.text)
    for first, second in itertools.pairwise(found):
        gap = joined.text[first.end : second.start]
        start, end = usable_date(first), usable_date(second, as_end=True)
        if RANGE_CONNECTOR_RE.fullmatch(gap) and start and end:
            rows = [
                period_date_row(joined, first, "period_start"),
                period_date_row(joined, second, "period_end"),
            ]
            printed = joined.text[first.start : second.end]
            return Period(start, end, printed, tuple(rows))
    return None


def year_period(joined: Joined) -> Period | None:
    """'from 2014 – 2019', '2014-Sept 2019', 'financial year 2019/20', 'for 2022'."""
    match = YEAR_RANGE_RE.search(joined.text)
    if match and int(match["y1"]) <= int(match["y2"]):
        start, start_row = year_endpoint(joined, match, "m1", "y1", "period_start")
        end, end_row = year_endpoint(joined, match, "m2", "y2", "period_end")
        return Period(start, end, match.group(0).strip(), (start_row, end_row))
    match = FINANCIAL_YEAR_RE.search(joined.text)
    if match:
        first = int(match["y1"])
        start, end = date(first, 4, 1), date(first + 1, 3, 31)
        rows = (
            endpoint_row(joined, match.start("y1"), match.end("y1"), start, "period_start", "year"),
            endpoint_row(joined, match.start("y2"), match.end("y2"), end, "period_end", "year"),
        )
        return Period(start, end, match.group(0), rows)
    match = SINGLE_PERIOD_RE.search(joined.text)
    if match:
        start, start_row = year_endpoint(joined, match, "m", "y", "period_start")
        end, end_row = year_endpoint(joined, match, "m", "y", "period_end")
        return Period(start, end, match.group(0), (start_row, end_row))
    return None


def narrow_to_month_end(joined: Joined, period: Period) -> Period:
    """'… until the end of September' moves the end to that month's last day in the end
    year; the year that it narrows keeps its own row, as 'period_end_year'."""
    match = END_OF_MONTH_RE.search(joined.text)
    if match is None or period.end is None or period.start is None:
        return period
    month = month_number(match["m"])
    year = int(match["y"]) if match["y"] else period.end.year
    if month is None:
        return period
    end = last_day(year, month)
    if not period.start <= end < period.end:
        return period
    rows = tuple(
        replace(r, date_role="period_end_year") if r.date_role == "period_end" else r
        for r in period.rows
    )
    printed_end = match.end("y") if match["y"] else match.end("m")
    row = endpoint_row(joined, match.start("m"), printed_end, end, "period_end", "month")
    text = "; ".join(t for t in (period.text, match.group(0)) if t)
    return Period(period.start, end, text, (*rows, row))


def question_period(lines: tuple[str, ...], question: Question) -> Period | None:
    joined = Joined.of(lines, question.text_lines)
    period = full_date_period(joined) or year_period(joined)
    return narrow_to_month_end(joined, period) if period else None


def resolve_periods(
    questions: tuple[Question, ...], own: dict[int, Period | None]
) -> dict[int, tuple[Period | None, int | None]]:
    """A question that says 'as per Q1' takes Q1's period when it prints none of its own, or
    when it prints the same years (Q1 may narrow them: 'until the end of September')."""
    resolved: dict[int, tuple[Period | None, int | None]] = {}
    for question in questions:
        period = own.get(question.number)
        reference = AS_PER_RE.search(question.text)
        source_number = int(reference["n"]) if reference else None
        source = resolved.get(source_number, (None, None))[0] if source_number else None
        if source is None or source_number == question.number:
            resolved[question.number] = (period, None)
        elif period is None:
            resolved[question.number] = (Period(source.start, source.end, None), source_number)
        elif same_years(period, source):
            resolved[question.number] = (
                Period(source.start, source.end, period.text, period.rows),
                source_number,
            )
        else:
            resolved[question.number] = (period, None)
    return resolved


def same_years(a: Period, b: Period) -> bool:
    return (
        a.start is not None
        and a.end is not None
        and b.start is not None
        and b.end is not None
        and (a.start.year, a.end.year) == (b.start.year, b.end.year)
    )


def answer_kind(text: str) -> str | None:
    """'refused' when an exemption or limit is cited, 'not_held' when the data is not there."""
    if REFUSED_RE.search(text):
        return "refused"
    if NOT_HELD_RE.search(text):
        return "not_held"
    return None


def prose_of(lines: tuple[str, ...], first: int | None, last: int | None, layout: Layout) -> str:
    if first is None or last is None:
        return ""
    return " ".join(
        lines[n - 1].strip()
        for n in range(first, last + 1)
        if lines[n - 1].strip()
        and n not in layout.table_lines
        and not is_boilerplate(lines[n - 1])
        and not PREAMBLE_RE.search(lines[n - 1])
    )


def answer_in_span(
    lines: tuple[str, ...],
    first: int | None,
    last: int | None,
    layout: Layout,
    extra: tuple[str, int] | None = None,
) -> Answer | None:
    """How a block of text answers: a table in it, a refusal, or prose (five words or more,
    or any labelled 'Answer: …' line).
    ``extra`` is text on a heading line ('Question 7: We are unable …') and its line."""
    span = range(first, last + 1) if first is not None and last is not None else range(0)
    tables = [n for n in span if n in layout.table_lines]
    if tables:
        return Answer("table", None, tables[0])
    prose = " ".join(
        t for t in (extra[0] if extra else "", prose_of(lines, first, last, layout)) if t
    )
    labelled = any(ANSWER_LABEL_RE.match(lines[n - 1]) for n in span)
    kind = answer_kind(prose) or ("text" if labelled or len(prose.split()) >= 5 else None)
    if kind is None:
        return None
    return Answer(kind, prose, extra[1] if extra else first)


def question_span(
    lines: tuple[str, ...], question: Question, layout: Layout
) -> tuple[int | None, int | None]:
    return span_until_boundary(lines, max(question.text_lines), layout.boundaries)


def free_lines(lines: tuple[str, ...], layout: Layout) -> list[int]:
    """Lines that belong to no question's range nor any answer section."""
    owned: set[int] = set(layout.question_lines)
    for item in (*layout.questions, *layout.sections):
        first, last = (
            question_span(lines, item, layout)
            if isinstance(item, Question)
            else (item.first_line, item.last_line)
        )
        if first is not None and last is not None:
            owned.update(range(first, last + 1))
        if isinstance(item, AnswerSection):
            owned.add(item.heading_line)
    # Furniture and the standard preamble ('… subject to certain limitations and exemptions')
    # answer nothing.
    return [
        n
        for n in range(1, len(lines) + 1)
        if n not in owned
        and lines[n - 1].strip()
        and not is_boilerplate(lines[n - 1])
        and not PREAMBLE_RE.search(lines[n - 1])
    ]


def answer_question(
    lines: tuple[str, ...], question: Question, layout: Layout, free: list[int]
) -> tuple[Answer, int | None, int | None]:
    """Status, reason and line range, looked for in this order: a later 'Question N' section;
    the lines between this question and the next; a refusal elsewhere that names the
    question ('… question 6 …'); tables outside every question's lines when there is only
    one question; a statement that the data is in an enclosed or attached
    spreadsheet or file ('attachment_not_included': the answer exists but is not in this
    text); a refusal elsewhere that names no question; else 'unanswered'."""
    for section in layout.sections:
        if section.number != question.number:
            continue
        inline = (section.inline_text, section.heading_line) if section.inline_text else None
        found = answer_in_span(lines, section.first_line, section.last_line, layout, inline)
        if found:
            return found, section.first_line, section.last_line
    first, last = question_span(lines, question, layout)
    found = answer_in_span(lines, first, last, layout)
    if found:
        return found, first, last
    for n in free:
        text = lines[n - 1].strip()
        named = {int(m["n"]) for m in QUESTION_REFERENCE_RE.finditer(text)}
        if question.number in named and (kind := answer_kind(text)):
            return Answer(kind, text, n), first, last
    free_tables = [n for n in free if n in layout.table_lines]
    if free_tables and len(layout.questions) == 1:  # the only question owns every table
        return Answer("table", None, free_tables[0]), free_tables[0], free_tables[-1]
    attachment = next((n for n in free if ATTACHMENT_RE.search(lines[n - 1])), None)
    if attachment is not None:
        reason = lines[attachment - 1].strip()
        return Answer("attachment_not_included", reason, attachment), first, last
    for n in free:
        text = lines[n - 1].strip()
        if (kind := answer_kind(text)) and not QUESTION_REFERENCE_RE.search(text):
            return Answer(kind, text, n), first, last
    return Answer("unanswered", None, None), first, last


# --------------------------------------------------------------------------------------
# Search method: recording systems and their date ranges, cut-over statements
# --------------------------------------------------------------------------------------


def base_name(name: str) -> str:
    """'CMS(ii)' and 'CMS' name the same system; so do 'CONNECT' and 'Connect'."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip().casefold()


def range_in_line(line: str) -> tuple[FoundDate, FoundDate, str | None] | None:
    """'… between <field> DATE and DATE': the two dates and the date field, if one is named."""
    found = scan_dates(line)
    for first, second in itertools.pairwise(found):
        if not RANGE_CONNECTOR_RE.fullmatch(line[first.end : second.start]):
            continue
        lead = RANGE_FIELD_RE.match(line[: first.start])
        if lead is None:
            continue
        field = lead["field"].strip()
        return first, second, field if re.search(r"\bdates?$", field, re.IGNORECASE) else None
    return None


def system_for_range(lines: tuple[str, ...], line_number: int, stop: int) -> str | None:
    """The system a range was searched on: 'recorded on X' on the range line or above it
    (back to the previous range), else a heading 'X Data –' above it."""
    span = range(line_number, stop, -1)
    for pattern in (SYSTEM_AFTER_RECORDED_RE, SYSTEM_HEADING_RE):
        for n in span:
            match = pattern.search(lines[n - 1])
            if match:
                return match["name"].strip()
    return None


def search_ranges(
    lines: tuple[str, ...], candidates: list[int]
) -> list[tuple[SystemStatement, FoundDate, FoundDate]]:
    """Each line with a searched date range, with the system it was searched on."""
    statements = []
    previous = 0
    for n in candidates:
        found = range_in_line(lines[n - 1])
        if found is None:
            continue
        first, second, field = found
        statement = SystemStatement(
            line_number=n,
            system_name=system_for_range(lines, n, previous),
            statement_kind="search_range",
            date_field=field,
            start_printed=first.printed,
            end_printed=second.printed,
            start=first.parsed,
            # A month closing a range ('to March 2018') closes on its last day.
            end=usable_date(second, as_end=True) if second.parsed else None,
            start_interpreted=usable_date(first),
            end_interpreted=usable_date(second, as_end=True),
            statement_text=lines[n - 1].strip(),
        )
        statements.append((statement, first, second))
        previous = n
    return statements


def known_system_names(lines: tuple[str, ...], ranges: list[SystemStatement]) -> set[str]:
    names = {s.system_name for s in ranges if s.system_name}
    for line in lines:
        for pattern in (SYSTEM_AFTER_RECORDED_RE, SYSTEM_BEFORE_WORD_RE, SYSTEM_HEADING_RE):
            names.update(m["name"].strip() for m in pattern.finditer(line))
    return {base_name(name) for name in names if base_name(name)}


def system_mentions(line: str, bases: set[str]) -> list[tuple[int, str]]:
    """(offset, name as printed) of each capitalised mention of a known system."""
    mentions = []
    for base in bases:
        pattern = rf"(?<![\w]){re.escape(base)}(?:\s?\([A-Za-z0-9]+\))?(?![\w])"
        for match in re.finditer(pattern, line, re.IGNORECASE):
            if match.group(0)[0].isupper():
                mentions.append((match.start(), match.group(0)))
    return sorted(mentions)


@dataclass(frozen=True)
class CutoverPhrase:
    offset: int
    side: str  # start | end
    printed: str
    value: date | None
    found: FoundDate | None  # the printed date, when the phrase has one
    basis: str | None = None  # how a date was worked out ('the day after …')


def cutover_phrases(line: str, last: CutoverPhrase | None) -> list[CutoverPhrase]:
    """'up to 4th December 2017' (end), 'from 5 December 2017' (start) and 'from that date
    onwards' (start: the day after the last cut-over end, as one system hands over to the
    next; or the same day when the last phrase was itself a start)."""
    phrases: list[CutoverPhrase] = []
    for found in scan_dates(line):
        value = usable_date(found)
        before = line[: found.start]
        end_kw = CUTOVER_END_BEFORE_RE.search(before)
        if end_kw:
            exclusive = end_kw["kw"].lower().startswith(("prior", "before"))
            value = value - timedelta(days=1) if value and exclusive else value
            phrases.append(CutoverPhrase(found.start, "end", found.printed, value, found))
        elif CUTOVER_START_BEFORE_RE.search(before):
            phrases.append(CutoverPhrase(found.start, "start", found.printed, value, found))
    for match in THAT_DATE_RE.finditer(line):
        earlier = [p for p in phrases if p.offset < match.start() and p.value]
        reference = earlier[-1] if earlier else last
        value, basis = None, None
        if reference is not None and reference.value is not None:
            after_end = reference.side == "end"
            value = reference.value + timedelta(days=1) if after_end else reference.value
            basis = f"{'the day after' if after_end else 'from'} '{reference.printed}'"
        phrases.append(CutoverPhrase(match.start(), "start", match.group(0), value, None, basis))
    return sorted(phrases, key=lambda p: p.offset)


def printed_value(phrase: CutoverPhrase | None) -> date | None:
    """The phrase's date unless the printed date is impossible (then only interpreted)."""
    if phrase is None or (phrase.found is not None and phrase.found.parsed is None):
        return None
    return phrase.value


def owner_of(phrase: CutoverPhrase, mentions: list[tuple[int, str]]) -> str | None:
    """The system named nearest before the phrase (else the first one after it)."""
    before = [name for offset, name in mentions if offset < phrase.offset]
    if before:
        return before[-1]
    after = [name for offset, name in mentions if offset > phrase.offset]
    return after[0] if after else None


def cutover_statements(
    lines: tuple[str, ...], candidates: list[int], bases: set[str]
) -> list[tuple[SystemStatement, list[FoundDate]]]:
    """One statement per system a prose line gives a start or end date for."""
    statements = []
    last: CutoverPhrase | None = None
    for n in candidates:
        line = lines[n - 1]
        mentions = system_mentions(line, bases)
        if not mentions:
            continue
        phrases = cutover_phrases(line, last)
        by_system: dict[str, list[CutoverPhrase]] = {}
        for phrase in phrases:
            owner = owner_of(phrase, mentions)
            if owner is not None:
                by_system.setdefault(owner, []).append(phrase)
        for name, owned in by_system.items():
            starts = [p for p in owned if p.side == "start"]
            ends = [p for p in owned if p.side == "end"]
            start, end = (starts[0] if starts else None), (ends[0] if ends else None)
            statement = SystemStatement(
                line_number=n,
                system_name=name,
                statement_kind="cutover",
                date_field=None,
                start_printed=start.printed if start else None,
                basis=start.basis if start else None,
                end_printed=end.printed if end else None,
                start=printed_value(start),
                end=printed_value(end),
                start_interpreted=start.value if start else None,
                end_interpreted=end.value if end else None,
                statement_text=line.strip(),
            )
            statements.append((statement, [p.found for p in owned if p.found]))
        dated = [p for p in phrases if p.value]
        if dated:
            last = dated[-1]
    return statements


def range_conflicts(doc: Document, statements: list[SystemStatement]) -> list[Issue]:
    """A searched range that runs outside what another line says the system holds (it
    starts before the system started recording, or ends after it stopped), or that ends
    before it starts."""
    issues: list[Issue] = []
    ranges = [s for s in statements if s.statement_kind == "search_range"]
    cutovers = [s for s in statements if s.statement_kind == "cutover"]
    for r in ranges:
        start, end = r.start_interpreted, r.end_interpreted
        if start and end and start > end:
            issues.append(
                conflict_issue(
                    doc,
                    r,
                    f"the range starts {start} (printed '{r.start_printed}') after it ends "
                    f"{end} (printed '{r.end_printed}'); expected start on or before end",
                )
            )
        for c in cutovers:
            if not (r.system_name and c.system_name):
                continue
            if base_name(r.system_name) != base_name(c.system_name):
                continue
            if start and c.start_interpreted and start < c.start_interpreted:
                issues.append(
                    conflict_issue(
                        doc,
                        r,
                        f"{r.system_name} range starts {start} (printed '{r.start_printed}'"
                        f"{field_words(r)}) but line {c.line_number} says {c.system_name} "
                        f"records from {c.start_interpreted} (printed '{c.start_printed}'"
                        f"{basis_words(c)}); "
                        f"expected a start on or after {c.start_interpreted}",
                    )
                )
            if end and c.end_interpreted and end > c.end_interpreted:
                issues.append(
                    conflict_issue(
                        doc,
                        r,
                        f"{r.system_name} range ends {end} (printed '{r.end_printed}'"
                        f"{field_words(r)}) but line {c.line_number} says {c.system_name} "
                        f"holds data up to {c.end_interpreted} (printed '{c.end_printed}'); "
                        f"expected an end on or before {c.end_interpreted}",
                    )
                )
    return issues


def basis_words(statement: SystemStatement) -> str:
    return f", {statement.basis}" if statement.basis else ""


def field_words(statement: SystemStatement) -> str:
    return f", {statement.date_field}" if statement.date_field else ""


def conflict_issue(doc: Document, statement: SystemStatement, detail: str) -> Issue:
    return Issue(
        document_id=doc.document_id,
        file_name=doc.file_name,
        line_number=statement.line_number,
        severity="warning",
        issue_code="contradictory_date_range",
        message=f"{doc.file_name} line {statement.line_number}: {detail}",
        printed_text=statement.statement_text,
    )


# --------------------------------------------------------------------------------------
# Search criteria
# --------------------------------------------------------------------------------------


def criteria_in_line(line: str, *, is_table: bool) -> list[tuple[str, str | None, str]]:
    """(kind, code, text) for offence classes/codes heading a line and the flags, keyword
    searches, codes and 'all recorded crime' phrases in it: what a search covered, as printed."""
    found: list[tuple[str, str | None, str]] = []
    if not is_table:
        match = OFFENCE_CLASS_RE.match(line)
        if match:
            found.append(("offence_class", match["code"], match.group(0).strip()))
        match = None if match else OFFENCE_CODE_RE.match(line)
        if match:
            found.append(("offence_code", match["code"], match.group(0).strip()))
        else:
            found += [
                ("offence_code", m["code"], m["text"].strip())
                for m in INLINE_OFFENCE_CODE_RE.finditer(line)
            ]
    found += flags_in_line(line)
    found += [
        ("keyword_search", (m["quoted"] or m["word"]).casefold(), m["text"].strip())
        for m in KEYWORD_SEARCH_RE.finditer(line)
    ]
    found += [
        ("coverage", "all recorded crime", m["text"].strip())
        for m in RECORDED_CRIME_RE.finditer(line)
    ]
    return found


def flags_in_line(line: str) -> list[tuple[str, str | None, str]]:
    """('flag', name, text) for each flag, tag, marker or qualifier the line names."""
    # FLAG_RE tries every position of the line; most lines have none of its keywords.
    if not FLAG_KEYWORD.search(line):
        return []
    found: list[tuple[str, str | None, str]] = []
    for flag in FLAG_RE.finditer(line):
        name = flag["name"]
        if name.casefold() in NOT_A_FLAG_NAME:
            continue
        found.append(("flag", name.casefold(), flag["text"].strip()))
    for flagged in FLAGGED_RES:
        for flag in flagged.finditer(line):
            name = flag["name"].casefold()
            if name not in NOT_A_FLAG_NAME | NOT_A_FLAGGED_NAME:
                found.append(("flag", name, flag["text"].strip()))
    return found


# --------------------------------------------------------------------------------------
# The request: force, reference, dates
# --------------------------------------------------------------------------------------


def force_in_line(line: str) -> str | None:
    for match in FORCE_RE.finditer(line):
        words = match["name"].split()
        while words and words[0] in NOT_FORCE_WORDS:
            words = words[1:]
        if len(words) >= 2:
            return " ".join(words)
    return None


def find_force(lines: tuple[str, ...], head: int) -> tuple[str | None, int | None]:
    """The force as printed, preferring the letter head (before the first question)."""
    order = [*range(1, head + 1), *range(head + 1, len(lines) + 1)]
    for n in order:
        name = force_in_line(lines[n - 1])
        if name:
            return name, n
    return None, None


def reference_value(text: str | None) -> str | None:
    """A printed reference when ``text`` has a digit and is not a date or a phone number."""
    if not text:
        return None
    value = text.strip().rstrip(".-/ ")
    if not re.search(r"\d", value) or scan_dates(value) or len(value) > 40:
        return None
    return value


def labelled_reference(lines: tuple[str, ...], n: int) -> str | None:
    """The reference after a label on line ``n`` (1-based), or on the next non-blank line
    when the label ends its line ('Our ref:' / 'CM/PA/000184/19')."""
    line = lines[n - 1]
    prefixed = FOI_PREFIX_RE.match(line)
    if prefixed and (found := reference_value(prefixed["ref"])):
        return found
    for match in REFERENCE_RE.finditer(line):
        if match["yours"] or match["yours2"]:
            continue
        label = line[match.start() : match.start("ref") if match["ref"] else match.end()]
        if not re.search(r"\bref", label, re.I) and not _NUMBER_LABEL_RE.match(line, match.start()):
            continue
        value = match["ref"] or match["ref2"]
        if (
            value is None
            and match["ref"] is None
            and match.group(0)
            .rstrip()
            .endswith(
                (
                    ":",
                    "ref",
                    "Ref",
                    "REF",
                    "reference",
                    "Reference",
                    "REFERENCE",
                    "number",
                    "Number",
                )
            )
        ):
            following = next_text_line(lines, n - 1)
            if following is not None and following <= n + 8:
                bare = BARE_REFERENCE_RE.match(lines[following])
                value = bare["ref"] if bare else None
        found = reference_value(value)
        if found:
            return found
    return None


def find_reference(lines: tuple[str, ...]) -> tuple[str | None, int | None]:
    """The reply's own reference, as printed: a labelled one first ('Our ref: …'), else one
    printed in a title or heading, else a bare number printed after a publication number."""
    for n in range(1, len(lines) + 1):
        found = labelled_reference(lines, n)
        if found:
            return found, n
    for n, line in enumerate(lines[: LETTER_HEAD_LINES * 2], start=1):
        match = TITLE_REFERENCE_RE.search(line.strip())
        if match and len(line.split()) <= 16:
            found = reference_value(match["ref"] or match["ref2"] or match["ref3"])
            if found:
                return found, n
    for n, line in enumerate(lines[:-1], start=1):
        if PUBLICATION_NUMBER_RE.match(line):
            following = next_text_line(lines, n - 1)
            bare = BARE_REFERENCE_RE.match(lines[following]) if following is not None else None
            if bare and (found := reference_value(bare["ref"])):
                return found, following + 1
    return None, None


SALUTATION_RE = re.compile(r"^\s*dear\b", re.IGNORECASE)


def letter_head(lines: tuple[str, ...]) -> int:
    """The last line of the letter head of a reply that numbers no questions: the lines
    before its salutation ('Dear …'), else the first LETTER_HEAD_LINES lines with words.
    Blank lines and page furniture (a document-sharing site's 'Copied!', 'Full text') do
    not count: they push a stored page's letter head down without being part of it."""
    salutation = next(
        (n for n, line in enumerate(lines[:60], start=1) if SALUTATION_RE.match(line)), None
    )
    return max(salutation or 0, _content_line_number(lines, LETTER_HEAD_LINES))


def _content_line_number(lines: tuple[str, ...], count: int) -> int:
    """The line number of the ``count``-th line that is neither blank nor furniture (the
    last line when there are fewer)."""
    seen = 0
    for n, line in enumerate(lines, start=1):
        if is_content(line):
            seen += 1
            if seen == count:
                return n
    return len(lines)


def short_dates(text: str) -> list[FoundDate]:
    """Dates with a two-digit year ('30/09/14'), as FoundDate (years 2000-2099)."""
    found = []
    for match in SHORT_DATE_RE.finditer(text):
        year = 2000 + int(match["year"])
        parsed, interpreted, problem = calendar_date(year, int(match["month"]), int(match["day"]))
        if parsed is not None:
            found.append(
                FoundDate(
                    match.start(),
                    match.end(),
                    match.group(0),
                    "day",
                    year,
                    int(match["month"]),
                    int(match["day"]),
                    parsed,
                    interpreted,
                    problem,
                )
            )
    return found


def previous_text(lines: tuple[str, ...], n: int) -> str:
    """The last non-blank line before line ``n`` (1-based), or ''."""
    for i in range(n - 2, max(n - 4, 0) - 1, -1):
        if lines[i].strip():
            return lines[i].strip()
    return ""


def response_date_rank(lines: tuple[str, ...], n: int, found: FoundDate, head: int) -> int | None:
    """How surely a date is the reply's own date (lower is surer), or None when it is not:
    0 after a response-date label; 1 in the letter head as a dated heading ('October 21,
    2021 | Statistics', a title's '(27/05/2016)'); 2 alone on its line in the letter head;
    3 at the end of a letterhead contact line."""
    line = lines[n - 1]
    before, after = line[: found.start].strip(), line[found.end :].strip(" .,")
    label_before = before if before and not WEEKDAY_RE.match(before) else previous_text(lines, n)
    if RESPONSE_DATE_LABEL_RE.search(label_before) and not REQUEST_DATE_CONTEXT_RE.search(
        label_before
    ):
        return 0
    if n > head:
        return None
    if not before and after.startswith(("|", ":")):
        return 1
    if line[max(found.start - 1, 0)] == "(" and line[found.end : found.end + 1] == ")":
        return 1
    if not after and (not before or WEEKDAY_RE.match(before) or DATE_LABEL_RE.fullmatch(before)):
        return 2
    if not after and CONTACT_LINE_RE.match(before):
        return 3
    return None


def letter_dates(
    lines: tuple[str, ...], head: int, skip: frozenset[int]
) -> dict[str, tuple[FoundDate, int]]:
    """'request_date': the first date after 'your request dated' / 'received on' / 'Date of
    request:' (on its line or ending the line before); 'response_date': the surest of the
    dates ``response_date_rank`` accepts, the first of equals."""
    roles: dict[str, tuple[FoundDate, int]] = {}
    best: tuple[int, int, FoundDate] | None = None
    for n, line in enumerate(lines, start=1):
        if n in skip or is_boilerplate(line):
            continue
        found_here = [f for f in scan_dates(line) if f.precision == "day"]
        labelled = [f for f in short_dates(line)]
        for found in [*found_here, *labelled]:
            # A label may end the line before ('Request Date:' / 'Monday, 6 November, 2017',
            # '… request submitted' / 'on the 18/01/2019').
            context = WEEKDAY_TAIL_RE.sub("", f"{previous_text(lines, n)} {line[: found.start]}")
            is_short = found in labelled
            if REQUEST_DATE_CONTEXT_RE.search(context):
                roles.setdefault("request_date", (found, n))
                continue
            rank = response_date_rank(lines, n, found, head)
            if rank is None or (is_short and rank != 0):
                continue
            if best is None or (rank, n) < (best[0], best[1]):
                best = (rank, n, found)
    if best is not None:
        roles["response_date"] = (best[2], best[1])
    return roles


# --------------------------------------------------------------------------------------
# The reply's status: data, partial, refused, not_held, attachment_only or cut_off
# --------------------------------------------------------------------------------------

# Where the reply starts: an answer heading, or the reply's own wording to the requester.
REPLY_START_RE = re.compile(
    r"^\s*(?:our\s+)?(?:response|answer|reply|request\s+and\s+answer|decision|foi\s+duty)\s*[:\-–]?\s*$"
    r"|^\s*(?:q(?:uestion)?\s*\d{1,2}|a\d{0,2}|answer|response)\s*[:.)\-–]\s*\S"
    r"|\b(?:I|we)\s+(?:can|am\s+able\s+to|are\s+able\s+to)\s+confirm\b"
    r"|\b(?:does|do)\s+(?:not\s+)?hold\s+(?:the\s+|any\s+|some\s+)?information\b"
    r"|\bhaving\s+completed\s+(?:enquiries|searches)\b|\bsearches\s+(?:were|have\s+been)\s+(?:conducted|undertaken)"
    r"|\bplease\s+(?:find|see)\s+(?:the\s+|our\s+)?(?:attached|enclosed|below|data)\b"
    r"|\bhas\s+now\s+(?:been\s+)?considered\b|\b(?:in\s+)?response\s+to\s+your\s+request\b"
    r"|\bthe\s+information\s+(?:you\s+(?:have\s+)?requested|requested)\s+is\b"
    r"|\b(?:we|I|police|force|constabulary|service)\s+(?:are|am|is)\s+unable\s+to\s+(?:provide|supply|locate|answer)\b"
    r"|\b(?:is|are|being)\s+refused\b|\bdecided\s+to\s+disclose\b"
    r"|\bI\s+write\s+in\s+(?:connection|response|reply)\b|\bhad\s+the\s+opportunity\s+to\s+(?:fully\s+)?consider"
    r"|^\s*in\s+response\b|\bhaving\s+made\s+enquiries\b|\bI\s+(?:can\s+)?(?:inform|advise)\s+you\b"
    r"|\byour\s+request\s+has\s+(?:now\s+)?been\s+considered\b|\bnot\s+obliged\s+to\s+provide\b"
    r"|\bour\s+data\s+(?:are|is)\s+not\b|\bwe\s+(?:do\s+not\s+|don't\s+)?hold\b"
    r"|\b(?:have|has)\s+been\s+recorded\b|\bthere\s+(?:were|was|have\s+been|has\s+been)\s+\d",
    re.IGNORECASE,
)
# A request-thread site's status line (furniture, never an answer) says how the thread ended;
# it decides only when the reply's own text is lost.
THREAD_STATUS_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("refused", re.compile(r"^the\s+request\s+was\s+refused\b", re.I)),
    ("not_held", re.compile(r"\bdid\s+not\s+have\s+the\s+information\s+requested\b", re.I)),
    ("partial", re.compile(r"^the\s+request\s+was\s+partially\s+successful\b", re.I)),
)
# Wording of a refusal's estimate of the work ('7,069 occurrences would need reading'): the
# number on such a line counts records to read, not figures answering the request.
WORK_ESTIMATE_RE = re.compile(
    r"\bwould\s+(?:need|have|require|take|exceed)\b|\bmanual(?:ly)?\b|\bto\s+(?:read|review|examine)\b"
    r"|\bhours?\b|\bworking\s+days?\b",
    re.IGNORECASE,
)
# A refusal that still gives part of the answer: 'as a gesture of goodwill I have supplied',
# 'Part Disclosure with Section 12 Exemption', 'Rather than refuse your request we have provided'.
PARTIAL_SUPPLY_RE = re.compile(
    r"\bgesture\s+of\s+goodwill\b|\bpart(?:ial)?\s+disclosure\b|\brather\s+than\s+refus"
    r"|\bhave\s+(?:supplied|provided)\s+(?:some|part|what)\b|\bsome\s+of\s+the\s+information\s+(?:is|has)"
    r"|\bdisclose\s+some\s+of\b|\bsome\s+(?:data|information)\s+(?:has|have)\s+been\s+withheld\b",
    re.IGNORECASE,
)
# A count written in words ('Three arrests have been made', 'Two persons').
NUMBER_WORD_COUNT_RE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
    r"|fifty|hundred)\s+(?!(?:years|months|weeks|days|hours|times)\b)(?:[a-z]+\s+)?"
    r"(?!(?:years|months|weeks|days|hours|times)\b)[a-z]+s\b(?!\s+(?:ago|old))",
    re.IGNORECASE,
)
# Standard wording that explains the Act, never an answer: 'subject to certain limitations
# and exemptions', 'Unless exemptions apply, the first duty …', 'places two duties'.
PREAMBLE_RE = re.compile(
    r"subject\s+to\s+(?:certain\s+)?(?:limitations|exemptions)|unless\s+exemptions\s+apply"
    r"|places\s+two\s+duties|purpose\s+of\s+the\s+act|general\s+right\s+of\s+access"
    r"|if\s+(?:my|the)\s+request\s+is\s+(?:denied|refused)|justify\s+all\s+deletions"
    r"|right\s+to\s+(?:request\s+an?\s+)?(?:internal\s+)?review"
    r"|complain\w*\s+to\s+the\s+information\s+commissioner|\bright\s+of\s+(?:appeal|complaint)"
    # the requester's own conditions ('In the event that you are unable to provide all …')
    r"|\bin\s+the\s+event\s+that\s+you\b|\bif\s+you\s+are\s+unable\b"
    # an acknowledgement: the reply is still to come
    r"|\bnot\s+being\s+exempt\b|\bwill\s+(?:now\s+)?be\s+considered\b|\byou\s+will\s+receive\s+a\s+response\b"
    # a disclosure form's empty fields and the law on refusals quoted before an answer
    r"|\b(?:exemption|fact)s?\s*[–\-:]\s*not\s+applicable|where\s+exemptions\s+are\s+relied",
    re.IGNORECASE,
)
# The exemption a refusal cites: section 12 (cost; article 16 in Jersey, section 12 of
# FOISA), 14 (vexatious or repeated), 30, 31, 40, and 'neither confirm nor deny'.
EXEMPTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern, re.IGNORECASE))
    for code, pattern in (
        (
            "s12",
            r"\b(?:section|s\.?)\s*12\b|\bretrievable\s+format\b|\bappropriate\s+(?:\(cost\)\s+)?limit\b|\bcost\s+limit\b"
            r"|\bcost\s+(?:of\s+compliance|excessive)\b|\b(?:18|eighteen)\s+hours\b",
        ),
        ("s14", r"\b(?:section|s\.?)\s*14\b|\bvexatious\b"),
        ("s21", r"\b(?:section|s\.?)\s*21\b|\breasonably\s+accessible\b"),
        ("s30", r"\b(?:section|s\.?)\s*30\b"),
        ("s31", r"\b(?:section|s\.?)\s*31\b"),
        ("s40", r"\b(?:section|s\.?)\s*40\b|\bpersonal\s+(?:data|information)\s+(?:is\s+)?exempt"),
        (
            "ncnd",
            r"\bneither\s+confirm\s+nor\s+deny\b|\bunable\s+to\s+confirm\s+or\s+(?:deny|not)\b",
        ),
    )
)
REFUSAL_RE = re.compile(
    r"\brefus(?:al|ed|e)\b|\bexempt(?:ion)?s?\b|\bexceed(?:s|ed)?\s+the\s+(?:appropriate|cost|\d)"
    r"|\bneither\s+confirm\s+nor\s+deny\b|\bwould\s+(?:exceed|take\s+(?:significantly\s+)?more)\b"
    r"|\bnot\s+obliged\s+to\s+(?:provide|supply|disclose)\b"
    # the cost limit in its usual words, and 'unable to confirm or deny'
    r"|\b(?:18|eighteen)[\s-]+hours?\b|\bappropriate\s+(?:\(cost\)\s+)?(?:costs?\s+)?(?:limit|level)"
    r"|\bcosts?\s+of\s+(?:complying|compliance|determining)\b|£\s?450\b"
    r"|\bunable\s+to\s+confirm\s+or\s+(?:deny|not)\b"
    r"|\bretrievable\s+format\b|\blocate,?\s+retrieve\s+and\s+extract\b",
    re.IGNORECASE,
)
# A caveat about the data ('Please note that … is not recorded') is not a 'not held' answer.
CAVEAT_RE = re.compile(r"^\s*(?:please\s+note|note\s*:|caveat)", re.IGNORECASE)
# A count in the reply: a number that is not a year, a date, a section, a reference, an age
# band or a telephone number; or a table line.
_NOT_A_COUNT_RE = re.compile(
    rf"\b{YEAR_RE}(?:/\d{{2,4}})?\b|\b(?:section|s\.?|article|act|regulation|ref(?:erence)?|q|question)"
    r"\s*\d+(?:\s*\(\d+\))*|\b\d+\s*(?:hours?|%|per\s*cent|years?|months?|weeks?|days?|working)\b"
    r"|£\s*[\d,.]+"
    r"|\b\d+(?:[/\-.]\d+)+\b|\b\d{4,}\s+\d{3,}\b|^\s*(?:\(?[a-z0-9]\)|\d{1,2}[.),:])\s"
    r"|^\s*\d{1,2}\.[a-z]\.?\s|^\s*\(\d+\)\s*$|\b(?:tel(?:ephone)?|fax|ext|direct\s+(?:dial|line))\b.*"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_RE})\b"
    r"|\bquestions?\s+\d+[a-z]?(?:\s*(?:,|and|&|to|-)\s*\d+[a-z]?)*"
    r"|\b(?:request|part|item|option|appendix|annex|page|table|column|point)\s+\d+\b"
    r"|\b\d+\s*\^?(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_COUNT_RE = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w.])|(?<![\w.£])\d+(?![\w.%/])")


def has_count(line: str) -> bool:
    """A line that gives a figure: a number that is a count (a question, ending '?', asks)."""
    if line.rstrip().endswith("?"):
        return False
    if NUMBER_WORD_COUNT_RE.search(line) and not re.match(r"^\s*(?:how|what|please)\b", line, re.I):
        return True
    text = line
    for found in scan_dates(line):
        text = text[: found.start] + " " * (found.end - found.start) + text[found.end :]
    return bool(_COUNT_RE.search(_NOT_A_COUNT_RE.sub(" ", text)))


def exemptions_cited(text: str) -> list[str]:
    return [code for code, pattern in EXEMPTION_RULES if pattern.search(text)]


def reply_lines(lines: tuple[str, ...], layout: Layout) -> list[int]:
    """The lines of the reply itself: from the first reply line after the last question
    (or after the request's own lines), leaving out furniture and standard preamble."""
    start = next(
        (
            n
            for n in range(1, len(lines) + 1)
            if n not in layout.table_lines
            and REPLY_START_RE.search(lines[n - 1])
            and not PREAMBLE_RE.search(lines[n - 1])
            and not is_boilerplate(lines[n - 1])
            and n not in layout.question_lines
        ),
        None,
    )
    if start is None:
        return []
    return [
        n
        for n in range(start, len(lines) + 1)
        if lines[n - 1].strip()
        and n not in layout.question_lines
        and (n in layout.table_lines or not is_boilerplate(lines[n - 1]))
        and (n in layout.table_lines or not PREAMBLE_RE.search(lines[n - 1]))
    ]


def stops_mid_text(lines: tuple[str, ...]) -> bool:
    """The text stops mid-sentence: its last line does not end as a sentence or a table ends."""
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return bool(last) and not re.search(r"[.?!:;)\]”\"'’|]$|\d$", last)


def response_status(
    lines: tuple[str, ...], layout: Layout, table_answers: Iterable[object] = ()
) -> tuple[str, str | None, int | None]:
    """(status, exemptions, line) for the whole reply: 'data' (figures in the text),
    'partial' (figures, and a refusal, an attachment or 'not held' for the rest),
    'refused' (an exemption or the cost limit, no figures), 'attachment_only', 'not_held',
    or 'cut_off' (the text stops before any answer). ``table_answers`` are the lines of
    tables that answer a question (a table answering a question is a figure)."""
    reply = reply_lines(lines, layout)
    # Only the first figure is needed: a long table stops the search at its first row.
    first_figure = next(
        (
            n
            for n in reply
            if has_count(lines[n - 1])
            and not (REFUSAL_RE.search(lines[n - 1]) or WORK_ESTIMATE_RE.search(lines[n - 1]))
        ),
        None,
    )
    figures = sorted(
        {
            *([first_figure] if first_figure is not None else []),
            *(n for n in table_answers if isinstance(n, int)),
        }
    )
    # Refusals, attachments and 'not held' are said in words, never in a table row.
    words = [n for n in reply if n not in layout.table_lines]
    refusals = [n for n in words if REFUSAL_RE.search(lines[n - 1])]
    attached = [n for n in words if ATTACHMENT_RE.search(lines[n - 1])]
    not_held = [
        n for n in words if NOT_HELD_RE.search(lines[n - 1]) and not CAVEAT_RE.search(lines[n - 1])
    ]
    codes = sorted({c for n in words for c in exemptions_cited(lines[n - 1])}) if refusals else []
    exemptions = ", ".join(codes) or None
    if figures:
        other = refusals or attached or not_held
        return ("partial" if other else "data"), exemptions, figures[0]
    if refusals:
        # a part disclosure may be stated above the reply ('Part Disclosure with Section 12')
        partly = attached or any(
            PARTIAL_SUPPLY_RE.search(line) and not is_boilerplate(line) for line in lines
        )
        return ("partial" if partly else "refused"), exemptions, refusals[0]
    if attached:
        return "attachment_only", None, attached[0]
    if not_held:
        partly = attached or any(
            PARTIAL_SUPPLY_RE.search(line) and not is_boilerplate(line) for line in lines
        )
        return ("partial" if partly else "not_held"), None, not_held[0]
    for n, line in enumerate(lines, start=1):
        for status, pattern in THREAD_STATUS_RULES:
            if pattern.search(line.strip()):
                return status, None, n
    return "cut_off", None, None


# --------------------------------------------------------------------------------------
# Assembling the frames
# --------------------------------------------------------------------------------------


def guarded(doc: Document, issues: list[Issue], step: str, run: Callable[[], T], default: T) -> T:
    """Run one parsing step; text that breaks it becomes an error issue, not an exception,
    so one odd line never loses the rest of the document."""
    try:
        return run()
    except Exception as error:  # any failure on arbitrary text is reported, not raised
        issues.append(
            Issue(
                document_id=doc.document_id,
                file_name=doc.file_name,
                line_number=None,
                severity="error",
                issue_code="parser_error",
                message=f"{doc.file_name}: the {step} step failed: {error!r}",
            )
        )
        return default


def frame(name: str, rows: list[dict[str, object]]) -> pl.DataFrame:
    return dicts_frame(rows, SCHEMAS[name])


def empty_frames() -> dict[str, pl.DataFrame]:
    return {name: empty_frame_of(schema) for name, schema in SCHEMAS.items()}


EMPTY_LAYOUT = Layout((), (), (), frozenset(), frozenset())


def parse_questions(doc: Document, layout: Layout) -> tuple[list[dict[str, object]], list[DateRow]]:
    """One row per question, and the date rows of the periods the questions print."""
    lines = doc.lines
    own = {q.number: question_period(lines, q) for q in layout.questions}
    resolved = resolve_periods(layout.questions, own)
    free = free_lines(lines, layout)
    rows: list[dict[str, object]] = []
    for q in layout.questions:
        period, inherited_from = resolved[q.number]
        answer, first, last = answer_question(lines, q, layout, free)
        grain = question_grain(q.text) or inherited_grain(q.text, rows)
        rows.append(
            {
                "document_id": doc.document_id,
                "question_number": q.number,
                "line_number": q.line_number,
                "question_text": q.text,
                "topic": question_topic(q.text),
                "period_start": period.start if period else None,
                "period_end": period.end if period else None,
                "period_text": period.text if period else None,
                "period_inherited_from": inherited_from,
                "period_grain": grain,
                "answer_status": answer.status,
                "answer_reason": answer.reason,
                "answer_exemptions": (
                    ", ".join(exemptions_cited(answer.reason)) or None
                    if answer.status == "refused" and answer.reason
                    else None
                ),
                "answer_line_number": answer.line_number,
                "answer_first_line": first,
                "answer_last_line": last,
            }
        )
    return rows, [row for p in own.values() if p for row in p.rows]


def inherited_grain(text: str, rows: list[dict[str, object]]) -> str | None:
    """'Please provide a breakdown as per Q1' with no grain of its own: Q1's grain."""
    reference = AS_PER_RE.search(text)
    if reference is None:
        return None
    source = next((r for r in rows if r["question_number"] == int(reference["n"])), None)
    grain = source["period_grain"] if source else None
    return grain if isinstance(grain, str) else None


def parse_systems(doc: Document, layout: Layout) -> tuple[list[SystemStatement], list[DateRow]]:
    """Searched ranges ('Recorded between <field> DATE and DATE') and cut-over prose."""
    lines = doc.lines
    candidates = [
        n
        for n in range(1, len(lines) + 1)
        if n not in layout.question_lines and n not in layout.table_lines and lines[n - 1].strip()
    ]
    ranges = search_ranges(lines, candidates)
    range_lines = {s.line_number for s, _, _ in ranges}
    bases = known_system_names(lines, [s for s, _, _ in ranges])
    prose = [n for n in candidates if n not in range_lines]
    cutovers = cutover_statements(lines, prose, bases)
    statements = sorted(
        [s for s, _, _ in ranges] + [s for s, _ in cutovers],
        key=lambda s: (s.line_number, s.statement_kind),
    )
    dates = [
        row
        for s, first, second in ranges
        for row in (
            date_row(first, s.line_number, "range_start"),
            date_row(second, s.line_number, "range_end", as_end=True),
        )
    ]
    dates += [date_row(f, s.line_number, "cutover") for s, found in cutovers for f in found]
    return statements, dates


def parse_criteria(
    doc: Document, layout: Layout, statements: list[SystemStatement]
) -> list[dict[str, object]]:
    rows = [
        {"line_number": n, "criterion_kind": kind, "criterion_code": code, "criterion_text": text}
        for n, line in enumerate(doc.lines, start=1)
        for kind, code, text in criteria_in_line(line, is_table=n in layout.table_lines)
    ]
    # The date field a range was searched on defines which crimes fall in the period.
    rows += [
        {
            "line_number": s.line_number,
            "criterion_kind": "period_definition",
            "criterion_code": None,
            "criterion_text": s.date_field,
        }
        for s in statements
        if s.statement_kind == "search_range" and s.date_field
    ]
    rows.sort(key=lambda r: (r["line_number"], str(r["criterion_kind"])))
    return [{"document_id": doc.document_id, **r} for r in rows]


def parse_request(
    doc: Document, layout: Layout, questions: list[dict[str, object]]
) -> tuple[dict[str, object], list[DateRow]]:
    """The document-level row: who, which reference, when, and the period asked about."""
    lines = doc.lines
    first_question = min((q.line_number for q in layout.questions), default=None)
    head = first_question - 1 if first_question else letter_head(lines)
    force, force_line = find_force(lines, head)
    reference, reference_line = find_reference(lines)
    dated = letter_dates(lines, head, layout.table_lines | layout.question_lines)
    request, request_line = dated.get("request_date", (None, None))
    response, response_line = dated.get("response_date", (None, None))
    starts = [q["period_start"] for q in questions if isinstance(q["period_start"], date)]
    ends = [q["period_end"] for q in questions if isinstance(q["period_end"], date)]
    period_text = next((q["period_text"] for q in questions if q["period_text"]), None)
    row = {
        "document_id": doc.document_id,
        "file_name": doc.file_name,
        "line_number": first_question or reference_line or 1,
        "force_name": force,
        "force_name_line_number": force_line,
        "reference_number": reference,
        "reference_line_number": reference_line,
        # Only real dates here; an impossible one is interpreted (and flagged) in
        # document_dates and reported in parse_issues.
        "request_date": request.parsed if request else None,
        "request_date_line_number": request_line,
        "response_date": response.parsed if response else None,
        "response_date_line_number": response_line,
        "period_start": min(starts, default=None),
        "period_end": max(ends, default=None),
        "period_text": period_text,
        "question_count": len(questions),
    }
    # A table that answers a question is a figure when a line of it prints a count (a
    # header of dates or a list of periods asked about is not).
    first_table_figure = next(
        (
            n
            for q in questions
            if q["answer_status"] == "table"
            and isinstance(q["answer_first_line"], int)
            and isinstance(q["answer_last_line"], int)
            for n in range(q["answer_first_line"], q["answer_last_line"] + 1)
            if n in layout.table_lines and has_count(lines[n - 1])
        ),
        None,
    )
    answered = [first_table_figure] if first_table_figure is not None else []
    status, exemptions, status_line = response_status(lines, layout, answered)
    row["response_status"] = status
    row["response_exemptions"] = exemptions
    row["response_status_line_number"] = status_line
    dates = [
        date_row(found, n, role)
        for role, (found, n) in dated.items()
        if found is not None and n is not None
    ]
    return row, dates


def all_dates(
    doc: Document, layout: Layout, specific: list[DateRow]
) -> tuple[list[DateRow], list[Issue]]:
    """Every date in the text outside table rows: the ones a step gave a role, and the rest
    as 'mentioned'. Each printed date that is not a real date becomes one issue."""
    rows = list(specific)
    issues: list[Issue] = []
    for n, line in enumerate(doc.lines, start=1):
        if n in layout.table_lines:
            continue
        for found in scan_dates(line):
            if found.problem:
                issues.append(date_issue(doc, n, found))
            covered = any(
                r.line_number == n and r.char_start < found.end and found.start < r.char_end
                for r in specific
            )
            if not covered:
                rows.append(date_row(found, n, "mentioned"))
    rows.sort(key=lambda r: (r.line_number, r.char_start))
    return rows, issues


def is_foi_response(doc: Document, layout: Layout) -> bool:
    """This parser only speaks for FOI responses: said so, asks questions, or has a reference."""
    return (
        doc.document_kind == "foi_response"
        or bool(layout.questions)
        or find_reference(doc.lines)[0] is not None
    )


def statement_row(doc: Document, s: SystemStatement) -> dict[str, object]:
    return {
        "document_id": doc.document_id,
        "line_number": s.line_number,
        "system_name": s.system_name,
        "statement_kind": s.statement_kind,
        "date_field": s.date_field,
        "range_start_printed": s.start_printed,
        "range_end_printed": s.end_printed,
        "range_start": s.start,
        "range_end": s.end,
        "range_start_interpreted": s.start_interpreted,
        "range_end_interpreted": s.end_interpreted,
        "is_interpretation": s.is_interpretation,
        "statement_text": s.statement_text,
    }


def date_frame_row(doc: Document, row: DateRow) -> dict[str, object]:
    return {"document_id": doc.document_id, **row.__dict__}


def parse_foi_request(doc: Document) -> dict[str, pl.DataFrame]:
    """Parse one FOI response's non-table content into the frames named in ``SCHEMAS``.
    A document that is not an FOI response (or is empty) gives empty frames."""
    issues: list[Issue] = []
    layout = guarded(doc, issues, "layout", lambda: analyse_layout(doc.lines), EMPTY_LAYOUT)
    if not guarded(doc, issues, "kind", lambda: is_foi_response(doc, layout), False):
        return {**empty_frames(), "parse_issues": issues_frame(issues)}
    questions, period_dates = guarded(
        doc, issues, "questions", lambda: parse_questions(doc, layout), ([], [])
    )
    statements, system_dates = guarded(
        doc, issues, "recording systems", lambda: parse_systems(doc, layout), ([], [])
    )
    conflicts = guarded(doc, issues, "range check", lambda: range_conflicts(doc, statements), [])
    criteria = guarded(
        doc, issues, "search criteria", lambda: parse_criteria(doc, layout, statements), []
    )
    request, request_dates = guarded(
        doc, issues, "request", lambda: parse_request(doc, layout, questions), (None, [])
    )
    if request and request["response_status"] == "cut_off" and stops_mid_text(doc.lines):
        # The text stops before the reply: no question is 'unanswered', it is cut off.
        for question in questions:
            if question["answer_status"] == "unanswered":
                question["answer_status"] = "cut_off"
    if not questions:
        issues.append(
            Issue(
                document_id=doc.document_id,
                file_name=doc.file_name,
                line_number=None,
                severity="info",
                issue_code="no_questions_found",
                message=(
                    f"{doc.file_name}: an FOI response with no numbered question lines "
                    "('1: …', '2. …', 'Q3 …', 'Question 4'); foi_questions is empty"
                ),
            )
        )
    specific = [*request_dates, *system_dates, *period_dates]
    dates, date_issues = guarded(
        doc, issues, "dates", lambda: all_dates(doc, layout, specific), (specific, [])
    )
    issues = sorted(
        [*issues, *date_issues, *conflicts],
        key=lambda i: (i.line_number or 0, i.issue_code),
    )
    return {
        "foi_requests": frame("foi_requests", [request] if request else []),
        "foi_questions": frame("foi_questions", questions),
        "recording_systems": frame(
            "recording_systems", [statement_row(doc, s) for s in statements]
        ),
        "search_criteria": frame("search_criteria", criteria),
        "document_dates": frame("document_dates", [date_frame_row(doc, r) for r in dates]),
        "parse_issues": issues_frame(issues),
    }


# --------------------------------------------------------------------------------------
# The curated catalogue (seeds/document_catalogue.csv) against what the text says
# --------------------------------------------------------------------------------------


def catalogue_text(value: object) -> str | None:
    """A catalogue or parsed value as comparable text: dates as ISO, blanks as None."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    return text or None


def catalogue_conflicts(
    doc_frames: dict[str, pl.DataFrame], catalogue: pl.DataFrame, file_name: str
) -> list[Issue]:
    """One 'catalogue_conflict' warning for each value the text and the catalogue both give
    and disagree on: the response date (against publication_date, only when the catalogue
    knows the day), the reference number and the force name. A parsed FOI response with no
    catalogue row gives one 'not_in_catalogue' info issue."""
    requests = doc_frames.get("foi_requests")
    if requests is None or requests.is_empty():
        return []
    parsed = requests.row(0, named=True)
    # A list lookup: a polars filter per document costs milliseconds at national scale.
    names = [str(name) for name in catalogue.get_column("file_name").to_list()]
    if file_name not in names:
        return [
            Issue(
                document_id=parsed["document_id"],
                file_name=file_name,
                line_number=None,
                severity="info",
                issue_code="not_in_catalogue",
                message=f"{file_name}: no row in the document catalogue",
            )
        ]
    entry = catalogue.row(names.index(file_name), named=True)
    knows_day = catalogue_text(entry.get("publication_date_precision")) == "day"
    checks = (  # (what, parsed column, its line column, catalogue column)
        (
            "response date",
            "response_date",
            "response_date_line_number",
            "publication_date" if knows_day else None,
        ),
        ("reference number", "reference_number", "reference_line_number", "reference_number"),
        ("force name", "force_name", "force_name_line_number", "force_name"),
    )
    issues = []
    for label, parsed_column, line_column, catalogue_column in checks:
        if catalogue_column is None:
            continue
        found = catalogue_text(parsed.get(parsed_column))
        curated = catalogue_text(entry.get(catalogue_column))
        if found is None or curated is None or found.casefold() == curated.casefold():
            continue
        line_number = parsed.get(line_column)
        where = f"{file_name} line {line_number}" if line_number else file_name
        issues.append(
            Issue(
                document_id=parsed["document_id"],
                file_name=file_name,
                line_number=line_number,
                severity="warning",
                issue_code="catalogue_conflict",
                message=(
                    f"{where}: the text gives {label} '{found}' but the document catalogue "
                    f"has {catalogue_column} '{curated}'"
                ),
                printed_text=found,
            )
        )
    return issues
