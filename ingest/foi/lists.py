"""Lists of figures printed one item a line: '2019 – 768', '2009 – 16 crimes',
'2020 up to 31st January – 59', 'a) Burglary - 12'.

A list is at least two consecutive lines, each a label, a dash with a space either side, and
one number (optionally followed by a one-word unit such as 'crimes'). A year range
('2008 – 2018'), a reference ('Reference: 9317-18': no spaces around its dash) or a lone line
is not a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.periods import YEAR

LIST_LINE = re.compile(
    r"^\s*(?:\(?(?:[a-z]|\d{1,2})[.)]\s+)?"  # an enumerator: 'a)', '3.'
    r"(?P<label>\S.*?)\s+[–—-]\s+"
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\s+(?P<unit>[a-z]+))?\s*$",
    re.IGNORECASE,
)
MIN_ITEMS = 2
MAX_LABEL_WORDS = 8


@dataclass(frozen=True)
class ListItem:
    label: str
    value: str  # as printed
    line: int  # 1-based
    start: int  # the value's character offsets in its line
    end: int


def list_item(line: str, number: int) -> ListItem | None:
    match = LIST_LINE.match(line)
    if not match:
        return None
    label, value = match.group("label").strip(), match.group("value")
    if len(label.split()) > MAX_LABEL_WORDS or label.endswith(":"):
        return None
    if YEAR.match(label) and YEAR.match(value) and int(value) >= int(label):
        return None  # '2008 – 2018': a range of years
    return ListItem(label, value, number, match.start("value"), match.end("value"))


def read_list(lines: tuple[str, ...], i: int) -> list[ListItem] | None:
    """The list starting at line index i (consecutive lines), or None."""
    items: list[ListItem] = []
    k = i
    while k < len(lines):
        item = list_item(lines[k], k + 1)
        if item is None:
            break
        items.append(item)
        k += 1
    return items if len(items) >= MIN_ITEMS else None
