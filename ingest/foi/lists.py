"""Lists of figures printed one item a line: '2019 – 768', '2009 – 16 crimes',
'2020 up to 31st January – 59', 'a) Burglary - 12'.

A list is at least two consecutive lines, each a label, a dash with a space either side, and
one number (optionally followed by a one-word unit such as 'crimes'). A year range
('2008 – 2018'), a reference ('Reference: 9317-18': no spaces around its dash) or a lone line
is not a list.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingest.foi.tokens import DECIMAL_PLACES
from ingest.periods import CACHE_SIZE, YEAR

# Words printed in place of a figure ('2016 – no information held'): a cell with no value.
NO_FIGURE = (
    r"no (?:information|data|records?|figures?) (?:is |are )?(?:held|recorded|available)"
    r"|not (?:held|recorded|known|available)|nil|none|n/?a"
)
NO_FIGURE_WORDS = re.compile(rf"\b(?:{NO_FIGURE})\s*$", re.IGNORECASE)
# A sum of money or a figure with decimals ('£2,713.92', '£0', '12.5'): tokens.decimal_value.
_WHOLE = r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"
DECIMAL_FIGURE = rf"[£$€]?{_WHOLE}\.\d{{1,{DECIMAL_PLACES}}}|[£$€]{_WHOLE}"
LIST_LINE = re.compile(
    r"^\s*(?P<enumerator>\(?(?:[a-z]|\d{1,2})[.)]\s+)?"  # an enumerator: 'a)', '3.'
    r"(?P<label>\S.*?)(?:\s+[–—-]\s+|\s*(?P<colon>:)\s*)"
    rf"(?P<value>{DECIMAL_FIGURE}|\d{{1,3}}(?:,\d{{3}})+|\d+|{NO_FIGURE})"
    r"(?:\s+(?P<unit>[a-z]+))?\s*\.?$",
    re.IGNORECASE,
)
MIN_ITEMS = 2
LETTER = re.compile(r"[^\W_]")  # a label holds a letter or a digit ('|' is not a label)
MAX_LABEL_WORDS = 8


@dataclass(frozen=True)
class ListItem:
    label: str
    value: str  # as printed
    line: int  # 1-based
    start: int  # the value's character offsets in its line
    end: int


def is_figure(value: str) -> bool:
    """A number or a sum of money, not words printed in place of one."""
    return value[:1].isdigit() or value[:1] in "£$€"


def list_item(line: str, number: int) -> ListItem | None:
    found = _list_parts(line)
    if found is None:
        return None
    label, value, start, end = found
    return ListItem(label, value, number, start, end)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _list_parts(line: str) -> tuple[str, str, int, int] | None:
    """(label, value, value start, value end) of a list line; cached, as each line is asked
    about as it is read and as the line below a possible introduction."""
    if not any(c.isdigit() for c in line) and not NO_FIGURE_WORDS.search(line):
        return None
    match = LIST_LINE.match(line)
    if not match:
        return None
    label, value = match.group("label").strip(), match.group("value")
    if match.group("colon") and not match.group("enumerator"):
        return None  # 'label : number' lists without numbering are read as table rows
    if match.group("unit") and not is_figure(value):
        return None
    words = [w for w in label.split() if LETTER.search(w)]  # a dash in a label is no word
    if len(words) > MAX_LABEL_WORDS or label.endswith(":") or not words:
        return None
    if YEAR.match(label) and YEAR.match(value) and int(value) >= int(label):
        return None  # '2008 – 2018': a range of years
    return label, value, match.start("value"), match.end("value")


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
    if not any(is_figure(item.value) for item in items):
        return None
    return items if len(items) >= MIN_ITEMS else None


# 'Great Yarmouth Police Station 8 cell custody closed on 07.11.2011. Howard Street, ...':
# a name, its figure and the figure's unit, then text about the item.
UNIT_ITEM = re.compile(
    r"^\s*(?P<label>[A-Z][^\d:]*?)\s+(?P<value>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<unit>[a-z]+)\b"
)
MIN_UNIT_ITEMS = 3
MAX_HEADING_WORDS = 3


@dataclass(frozen=True)
class UnitItem:
    group: str | None  # the heading the item stands under ('Norfolk')
    label: str
    value: str
    unit: str
    line: int  # 1-based
    start: int
    end: int


NAME_JOINERS = frozenset({"of", "and", "the", "upon", "on", "in", "&", "-", "–"})


def _name(label: str) -> bool:
    """'Bury St Edmunds Police Station': a name in title case, not the start of a sentence
    ('In Newport,', 'Caerphilly saw')."""
    words = label.split()
    return (
        0 < len(words) <= MAX_LABEL_WORDS
        and "," not in label
        and all(w[0].isupper() or w in NAME_JOINERS for w in words)
    )


def _heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and not any(c.isdigit() for c in text)
        and not text.endswith((".", ":", "?", ","))
        and text[0].isupper()
    )


def read_unit_list(lines: tuple[str, ...], i: int) -> list[UnitItem] | None:
    """Items that each give a name, a figure and the same unit ('… Police Station 8 cell
    custody …'), one a line, blank lines between, under optional short headings; or None.
    The shared unit is what makes the lines a list of one measure, not sentences."""
    items: list[UnitItem] = []
    group: str | None = None
    pending_group: str | None = None
    k = i
    while k < len(lines):
        text = lines[k].strip()
        if not text:
            k += 1
            continue
        match = UNIT_ITEM.match(lines[k])
        label = match.group("label").strip() if match else ""
        if match and _name(label):
            if items and match.group("unit") != items[0].unit:
                break
            group = pending_group if pending_group is not None else group
            pending_group = None
            items.append(
                UnitItem(
                    group,
                    label,
                    match.group("value"),
                    match.group("unit"),
                    k + 1,
                    match.start("value"),
                    match.end("value"),
                )
            )
        elif _heading(text) and pending_group is None:
            pending_group = text
        else:
            break
        k += 1
    return items if len(items) >= MIN_UNIT_ITEMS else None
