"""Official statistics tables (ONS and Home Office publications) told apart from FOI replies
and news by their own wording: a source line naming the statistics' producer, the name of
the producer or of the statistics, table titles, statistical contacts. Nothing is read from
a file name.

``official_document`` builds the Document the parsers read from a format reader's
``Rendered`` lines (the kind decided here, else by ``documents.classify_kind``).
"""

from __future__ import annotations

import re

from ingest.documents import Document, classify_kind, content_hash, guess_title
from ingest.formats import Rendered

# One line each; a document is official statistics when enough distinct kinds of evidence
# are printed (a single 'Source: Home Office' could be quoted in a reply).
OFFICIAL_EVIDENCE = {
    "source": re.compile(
        r"^\W*source:.*\b(?:home office|office for national statistics|ons"
        r"|police recorded crime)\b",
        re.IGNORECASE,
    ),
    "producer": re.compile(r"\boffice for national statistics\b|@ons\.gov", re.IGNORECASE),
    "statistics": re.compile(
        r"\b(?:national statistics|statistical (?:bulletin|release|contact)|official statistics"
        r"|data tables)\b",
        re.IGNORECASE,
    ),
    "table_title": re.compile(r"^\W*table\s+[a-z]?\d{1,2}[a-z]?\s*:\s+\w", re.IGNORECASE),
}
MIN_EVIDENCE_KINDS = 3


def official_evidence(lines: tuple[str, ...]) -> set[str]:
    """The kinds of official-statistics wording the lines print."""
    found = set()
    for line in lines:
        text = line.strip().strip("|").strip()
        for kind, pattern in OFFICIAL_EVIDENCE.items():
            if kind not in found and pattern.search(text):
                found.add(kind)
    return found


def document_kind(lines: tuple[str, ...]) -> str:
    """'official_statistics' when the lines print numbered table titles and two more kinds
    of its wording (news quotes the ONS and its statistics, but prints no such titles), else
    the kind ``classify_kind`` gives."""
    found = official_evidence(lines)
    if len(found) >= MIN_EVIDENCE_KINDS and "table_title" in found:
        return "official_statistics"
    return classify_kind(lines)


def official_document(rendered: Rendered, data: bytes, file_name: str) -> Document:
    """The Document of a file read by a format reader (its lines as rendered)."""
    lines = tuple(line.replace("\u00a0", " ").rstrip() for line in rendered.lines)
    return Document(
        document_id=content_hash(data),
        file_name=file_name,
        byte_count=len(data),
        encoding=rendered.encoding or rendered.format,
        lines=lines,
        document_kind=document_kind(lines),
        title=guess_title(lines),
    )
