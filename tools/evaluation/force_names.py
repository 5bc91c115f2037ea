"""Whether a document's text names the force its truth gives: the evaluator's own test.

The issue's force target counts "documents that name it". A truth file may give a force the
document never prints (annotators sometimes took it from the page's web address, which is not
part of the document). The evaluator decides this itself, never from the warehouse's reading:
a document names its force when its text holds any of the force's names — the words of the
truth key, the seeded name with and without "Police"/"Constabulary", the seeded aliases and web
domain labels. The test is deliberately generous (any name anywhere keeps the document in the
target's denominator); only a text holding none of them is set aside, and the report lists it.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"
SUFFIXES = re.compile(r"\s+(police( service)?|constabulary)$")
# Formats whose bytes are not text: the evaluator cannot read them itself, so it keeps them.
BINARY_STARTS = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _squash(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("-", " ").replace("_", " ")
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def _rows(name: str) -> list[dict[str, str]]:
    path = REFERENCE / name
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def force_names() -> dict[str, frozenset[str]]:
    """Every name of every seeded force, squashed (lower case, words only)."""
    names: dict[str, set[str]] = {}
    for row in _rows("police_forces.csv"):
        full = _squash(row["force_name"])
        names.setdefault(row["force_key"], set()).update({full, SUFFIXES.sub("", full)})
    for row in _rows("force_aliases.csv"):
        names.setdefault(row["force_key"], set()).add(_squash(row["name_as_printed"]))
    for row in _rows("force_web_domains.csv"):
        names.setdefault(row["force_key"], set()).add(_squash(row["domain_label"]))
    return {key: frozenset(n for n in found if n) for key, found in names.items()}


def names_of(force_key: str) -> frozenset[str]:
    """The force's names; a key that is not seeded still names itself by its words."""
    return force_names().get(force_key, frozenset()) | {_squash(force_key)}


def document_text(path: Path | None) -> str | None:
    """The document's text as stored, or None when the evaluator cannot read it itself."""
    if path is None or not path.is_file():
        return None
    data = path.read_bytes()
    if data.startswith(BINARY_STARTS):
        return None
    return data.decode("utf-8", errors="replace")


def names_force(text: str, force_key: str) -> bool:
    """True when any name of the force stands in the text as whole words."""
    squashed = f" {_squash(text)} "
    # Domains are written without spaces ('avonandsomerset'); compare against the text with its
    # word breaks removed as well.
    joined = squashed.replace(" ", "")
    return any(
        f" {name} " in squashed or (len(name) > 8 and name.replace(" ", "") in joined)
        for name in names_of(force_key)
    )
