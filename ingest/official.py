"""Official statistics tables (ONS and Home Office publications) told apart from FOI replies
and news by their own wording: a source line naming the statistics' producer, the name of
the producer or of the statistics, table titles, statistical contacts. Nothing is read from
a file name.

``documents.classify_kind`` asks ``is_official_statistics`` first, for every format.
"""

from __future__ import annotations

import re

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
# Any kind at all, in one search: most lines of most documents print none, and every
# document is asked.
ANY_EVIDENCE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in OFFICIAL_EVIDENCE.values()), re.IGNORECASE
)


def official_evidence(lines: tuple[str, ...]) -> set[str]:
    """The kinds of official-statistics wording the lines print."""
    found = set()
    for line in lines:
        text = line.strip().strip("|").strip()
        if not ANY_EVIDENCE.search(text):
            continue
        for kind, pattern in OFFICIAL_EVIDENCE.items():
            if kind not in found and pattern.search(text):
                found.add(kind)
    return found


def is_official_statistics(lines: tuple[str, ...]) -> bool:
    """Numbered table titles and two more kinds of official wording (news quotes the ONS and
    its statistics, but prints no such titles)."""
    found = official_evidence(lines)
    return len(found) >= MIN_EVIDENCE_KINDS and "table_title" in found
