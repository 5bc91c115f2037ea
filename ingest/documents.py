"""Reading a document: bytes -> decoded lines, content hash, encoding and kind."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

# Tried in order. utf-8-sig strips a byte-order mark; cp1252 covers Windows "smart quotes".
# latin-1 decodes any byte, so it is last and reported as a guess by the caller.
ENCODINGS = ("utf-8-sig", "cp1252")

FOI_MARKERS = re.compile(r"freedom of information|\bFOI\b|\breference no\b", re.IGNORECASE)
QUESTION_LINE = re.compile(r"^\s*(?:q(?:uestion)?\s*)?(\d{1,2})\s*[:.)]\s+\S", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """A document as read from disk. ``lines`` are 1-based: ``lines[0]`` is line 1."""

    document_id: str  # sha256 of the bytes: the document's identity
    file_name: str
    byte_count: int
    encoding: str
    lines: tuple[str, ...]
    document_kind: str  # foi_response | news_article | unknown
    title: str | None

    @property
    def line_count(self) -> int:
        return len(self.lines)


class UnreadableDocument(ValueError):
    """The bytes are not text in any encoding we accept (binary, empty)."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding name). Raises UnreadableDocument for binary."""
    if b"\x00" in data:
        raise UnreadableDocument("contains NUL bytes: a binary file, not text")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = "utf-8" if encoding == "utf-8-sig" else encoding
        if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            name = "utf-8-bom"
        return text, name
    raise UnreadableDocument("not valid UTF-8 or Windows-1252 text")


def split_lines(text: str) -> tuple[str, ...]:
    """Split on any line ending (\\n, \\r\\n, \\r); a final newline does not add a line."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = normalised.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Non-breaking spaces and tabs are layout, not content.
    return tuple(line.replace("\u00a0", " ").replace("\t", " ").rstrip() for line in lines)


def classify_kind(lines: tuple[str, ...]) -> str:
    """FOI response if it says so or asks numbered questions; news article if it reads as prose."""
    # A heading-like line (short) that names FOI; an article may mention FOI laws in prose.
    if any(FOI_MARKERS.search(line) and len(line.split()) <= 12 for line in lines[:15]):
        return "foi_response"
    question_lines = sum(1 for line in lines if QUESTION_LINE.match(line))
    if question_lines >= 2:
        return "foi_response"
    prose = [line for line in lines if len(line.split()) >= 8]
    if prose:
        return "news_article"
    return "unknown"


def guess_title(lines: tuple[str, ...]) -> str | None:
    """The first non-blank line that is more than a date or a publisher's name."""
    for line in lines:
        text = line.strip()
        if len(text.split()) >= 4 and not re.fullmatch(r"[\d\s\w]{0,12}\d{4}", text):
            return text[:200]
    return None


def read_document(path: Path) -> Document:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    text, encoding = decode(data)
    lines = split_lines(text)
    return Document(
        document_id=content_hash(data),
        file_name=path.name,
        byte_count=len(data),
        encoding=encoding,
        lines=lines,
        document_kind=classify_kind(lines),
        title=guess_title(lines),
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
