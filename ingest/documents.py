"""Reading a document: bytes -> decoded lines, content hash, encoding and kind."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ingest.formats import FormatIssue, LineSource, Rendered, UnreadableFormat
from ingest.formats.read import render
from ingest.formats.text import ENCODINGS, decode, split_lines
from ingest.lines import is_boilerplate, is_content, question_number
from ingest.official import is_official_statistics

__all__ = [
    "ENCODINGS",
    "Document",
    "UnreadableDocument",
    "content_hash",
    "decode",
    "document_from_text",
    "read_document",
    "split_lines",
]

FOI_MARKERS = re.compile(r"freedom of information|\bFOI\b|\breference no\b", re.IGNORECASE)

# Evidence of a reply to an FOI request, line by line (each line counts once): letter and
# disclosure-log wording addressed to the requester, exemptions, reference labels, the
# request / response headings of disclosure logs, request threads' own lines.
FOI_EVIDENCE = re.compile(
    r"\byour\s+(?:request|e-?mail|letter|enquiry|application|correspondence)\b"
    r"|\b(?:we|I)\s+(?:can(?:not)?|am|are|have)\s+(?:not\s+)?(?:able\s+to\s+|unable\s+to\s+)?"
    r"(?:confirm|provide|advise|supply|disclose|refuse|considered)\b"
    r"|\bexemptions?\b|\bappropriate\s+limit\b|\bneither\s+confirm\s+nor\s+deny\b"
    r"|\bcosts?\s+of\s+compliance\b|\bsection\s+1\s*\(1\)|\brefusal\s+notice\b"
    r"|^\s*(?:request(?:\s+\d+)?|response|answer|you\s+asked|request\s+and\s+answer|our\s+response"
    r"|disclosure(?:\s+details)?|question|decision)\s*[:.\-]?\s*$"
    r"|^\s*dear\b|\byours\s+(?:faithfully|sincerely)\b"
    r"|\b(?:our|your|enquiry|foi|request)\s+ref(?:erence)?\b|^\s*reference(?:\s+n(?:o|umber))?\s*:"
    r"|\brequest\s+(?:number|reference)\b|\bfreedom\s+of\s+information\s+(?:request|act\s+request)"
    r"\s+(?:ref|number|no)"
    r"|\bdisclosure\s+log\b|\binformation\s+(?:requested|you\s+(?:have\s+)?requested|held\s+by)\b"
    r"|\bplease\s+(?:find|see)\s+(?:the\s+|our\s+)?(?:attached|enclosed|below|data\s+attached)\b"
    r"|\b(?:does|do)\s+(?:not\s+)?hold\s+(?:the\s+|any\s+)?information\b"
    r"|\bthe\s+request\s+was\b|\bthis\s+request\s+has\s+been\b|\bfreedom\s+of\s+information\s+request\s+'"
    # the requester's own wording, quoted in the reply or the thread
    r"|\b(?:I|we)\s+(?:would\s+like|am\s+(?:seeking|interested|writing|requesting)|wish)\b"
    r"|\bplease\s+(?:can\s+you\s+|could\s+you\s+)?(?:provide|supply|tell\s+me|advise)\b"
    r"|\byour\s+force\b|^\s*(?:[A-Za-z0-9]{1,2}[.)]\s*)?how\s+many\b",
    re.IGNORECASE,
)
# Every alternative of FOI_EVIDENCE holds one of these (lower case): a line with none is
# skipped without running the long pattern.
FOI_EVIDENCE_WORDS = (
    "your", "we ", "i ", "exempt", "limit", "confirm", "complian", "section", "refus",
    "request", "respon", "answer", "asked", "disclos", "question", "decision", "dear", "ref",
    "freedom", "information", "please", "hold", "how many",
)  # fmt: skip
# Evidence of journalism: reported speech, 'figures show', quotation openers, people quoted.
NEWS_EVIDENCE = re.compile(
    r"\b(?:said|says|told|added|explained)\b"
    r"|\b(?:figures|statistics|data)\s+(?:show|shows|showed|reveal|revealed|suggest|obtained|released)\b"
    r"|\b(?:new|latest)\s+(?:figures|statistics)\b|\bper\s+cent\b|^\s*[“\"]"
    r"|\b(?:spokes(?:man|woman|person)|campaigners?|charity)\b",
    re.IGNORECASE,
)
NEWS_EVIDENCE_WORDS = (
    "said", "says", "told", "added", "explained", "figures", "statistics", "data", "per cent",
    "spokes", "campaign", "charity", '"', "“",
)  # fmt: skip
# A parliamentary record (Hansard, written answers) is neither an FOI reply nor news.
PARLIAMENT_EVIDENCE = re.compile(
    r"\bhansard\b|\bcolumn\s+\d+W|\bwritten\s+(?:answers?|questions?|statements?)\b"
    r"|\basked\s+the\s+(?:secretary\s+of\s+state|minister|chancellor)\b"
    r"|\bhouse\s+of\s+(?:commons|lords)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Document:
    """A document as read from disk. ``lines`` are 1-based: ``lines[0]`` is line 1."""

    document_id: str  # sha256 of the bytes: the document's identity
    file_name: str
    byte_count: int
    encoding: str | None  # None for a format that is not text (PDF, Word)
    lines: tuple[str, ...]
    document_kind: str  # foi_response | news_article | unknown
    title: str | None
    format: str = "txt"  # what the content was read as (ingest.formats.detect)
    # Where each line was printed in the original file (page, table cell, paragraph);
    # ``line_sources[i]`` is line i + 1's. Empty for a document built from text.
    line_sources: tuple[LineSource, ...] = ()
    # What the format reader doubted (an extension that lies about the content).
    format_issues: tuple[FormatIssue, ...] = ()

    @property
    def line_count(self) -> int:
        return len(self.lines)


# A file that cannot be read (binary, empty, corrupt, encrypted, no text layer): one error
# type for every format, with the issue code that quarantines it.
UnreadableDocument = UnreadableFormat


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_lines(lines: tuple[str, ...]) -> list[str]:
    """The non-blank lines that are not page furniture."""
    return [line for line in lines if is_content(line)]


# A document shows what it is in its opening: the letter head, the request, the reply's first
# paragraphs, an article's lead. Only its first lines with words are weighed.
KIND_EVIDENCE_LINES = 80
# Lines with a word of three letters; a row of figures is no evidence of a kind.
HAS_WORD = re.compile(r"[A-Za-z]{3}")


def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` in lower-cased text: one search in C instead of
    a Python loop over the words (the kind is weighed on every document's opening lines)."""
    return re.compile("|".join(re.escape(word) for word in words))


FOI_WORDS = any_of(FOI_EVIDENCE_WORDS)
NEWS_WORDS = any_of(NEWS_EVIDENCE_WORDS)


def has_evidence(line: str, words: re.Pattern[str], pattern: re.Pattern[str]) -> bool:
    """``pattern`` matches, on a line with one of the ``words`` (a cheap test first)."""
    return bool(words.search(line.lower())) and bool(pattern.search(line))


def classify_kind(lines: tuple[str, ...]) -> str:
    """What the document is, from its own text (furniture aside): a publication of official
    statistics tables is 'official_statistics'; a parliamentary record is 'other'; a reply
    to an FOI request when its wording says so more than journalism does (or it asks
    numbered questions); a news article when it reads as prose."""
    if is_official_statistics(lines):
        return "official_statistics"
    worded = list(islice((line for line in lines if HAS_WORD.search(line)), KIND_EVIDENCE_LINES))
    furniture = [is_boilerplate(line) for line in worded]
    # A request thread's own lines ('The request was successful') are furniture but say
    # the page is an FOI thread.
    thread = sum(
        1 for line, f in zip(worded, furniture, strict=True) if f and FOI_EVIDENCE.search(line)
    )
    text = [line for line, f in zip(worded, furniture, strict=True) if not f]
    if any(PARLIAMENT_EVIDENCE.search(line) for line in text):
        return "other"
    foi = thread + sum(1 for line in text if has_evidence(line, FOI_WORDS, FOI_EVIDENCE))
    news = sum(1 for line in text if has_evidence(line, NEWS_WORDS, NEWS_EVIDENCE))
    # A heading-like line (short) that names FOI; an article may mention FOI laws in prose.
    heading = any(FOI_MARKERS.search(line) and len(line.split()) <= 12 for line in text[:15])
    questions = sum(1 for line in text if question_number(line) is not None)
    if (foi >= 2 and foi > news) or ((heading or questions >= 2) and foi >= news):
        return "foi_response"
    if any(len(line.split()) >= 8 for line in text):
        return "news_article"
    return "foi_response" if heading or foi else "unknown"


def guess_title(lines: tuple[str, ...]) -> str | None:
    """The first line that is more than a date or a publisher's name, and not furniture."""
    for line in lines:
        text = line.strip()
        if is_boilerplate(text):
            continue
        if len(text.split()) >= 4 and not re.fullmatch(r"[\d\s\w]{0,12}\d{4}", text):
            return text[:200]
    return None


def read_document(path: Path) -> Document:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    return document_from_rendered(render(data, path.name), data, path.name)


def document_from_rendered(rendered: Rendered, data: bytes, file_name: str) -> Document:
    """A Document from a format reader's lines. Lines the markup marks as page furniture
    are no evidence of the kind or the title."""
    lines = rendered.lines
    evidence = lines
    if any(source.furniture for source in rendered.sources):
        evidence = tuple(
            "" if source.furniture else line
            for line, source in zip(lines, rendered.sources, strict=True)
        )
    return Document(
        document_id=content_hash(data),
        file_name=file_name,
        byte_count=len(data),
        encoding=rendered.encoding,
        lines=lines,
        document_kind=classify_kind(evidence),
        title=guess_title(evidence),
        format=rendered.format,
        line_sources=rendered.sources,
        format_issues=rendered.issues,
    )


def document_from_text(text: str, file_name: str = "fixture.txt") -> Document:
    """Build a Document from text, for tests and fixtures."""
    data = text.encode("utf-8")
    lines = split_lines(text)
    return Document(
        document_id=content_hash(data),
        file_name=file_name,
        byte_count=len(data),
        encoding="utf-8",
        lines=lines,
        document_kind=classify_kind(lines),
        title=guess_title(lines),
    )
