"""The label normalisation rule, in Python.

macros/normalise_label.sql applies the same rule in SQL (the warehouse uses that one); this
twin lets the seeds and tests check that every label-map row is keyed by the rule's result.
"""

from __future__ import annotations

import re

DASHES = re.compile("[–—−]")
TRAILING = re.compile(r"[.:;,\s]+$")


def normalise_label(label: str) -> str:
    """Lower case, one kind of dash, a space around brackets, single spaces, no trailing
    punctuation: 'Caution – Adult(Inc)' -> 'caution - adult (inc)'."""
    text = DASHES.sub("-", label.lower()).replace("(", " (").replace(")", ") ")
    text = " ".join(text.split())
    return TRAILING.sub("", text).strip()
