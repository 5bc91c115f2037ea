"""Near-duplicates: a shortened or lightly edited copy of a document already loaded (pure).

The same article in two outlets, or one outlet's copy cut by a few paragraphs with a word or
two changed, has other bytes, so the content hash does not catch it. Its word shingles do:
every run of ``SHINGLE_WORDS`` consecutive words of the document's content (page furniture
left out, case, punctuation and line breaks ignored), each kept as a 32-bit hash. A copy's
shingles are nearly all among the original's, whatever was cut, so the score is the
*containment* of the smaller set in the larger (|A ∩ B| / |smaller|), not their Jaccard
similarity, which a cut lowers. A copy also prints its original's figures: two short replies
filled into one template share most of their words, not their numbers.

Documents are compared through an inverted index, so the work grows with the number of
documents, not with the number of pairs: only one shingle in ``SAMPLE_EVERY`` (by hash, so
the same shingles in every document) is indexed, a shingle held by
``COMMON_SHINGLE_DOCUMENTS`` documents (template wording: an FOI reply's preamble, a request
sent to every force) is not looked up, and only a pair whose sampled shingles come near the
threshold is scored, exactly, on all its shingles.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain

from ingest.lines import is_boilerplate

# Five words: long enough that two different texts rarely share a run by chance (a date, a
# force's name and a crime type together make four), short enough that one edited word
# removes only five shingles of a copy.
SHINGLE_WORDS = 5
# A copy shares at least this share of the smaller document's shingles; each cut or edited
# word removes at most SHINGLE_WORDS of them. Measured: a real article with a third of its
# paragraphs cut and four words edited scores 0.83 in the one it copies, a shipped article with
# a third cut 0.93. Different documents in tests/corpus/real score at most 0.69 (two forces'
# replies quoting the one request a requester sent to every force: FOI identity tells them
# apart anyway), 0.60 where no identity does (one force's two request threads on one site,
# sharing the site's wording), and two different articles at most 0.46 (one agency's story on
# two forces' figures). The threshold sits between.
NEAR_DUPLICATE_CONTAINMENT = 0.75
# Fewer shingles than this (a one-paragraph acknowledgement, a table with no prose) is too
# little text to tell a copy from a form letter: such a document is never called a copy.
MIN_SHINGLES = 40
# A shingle held by this many documents is template wording, not evidence of copying.
COMMON_SHINGLE_DOCUMENTS = 50
# One shingle in four (by hash) is indexed and looked up.
SAMPLE_EVERY = 4
# A pair is scored exactly when its shared sampled shingles reach a third of the threshold.
# Simulated: a copy of MIN_SHINGLES shingles at the threshold falls below that about once in
# 1,500 times; one of 100 shingles (some 80 words) or more, less than once in 100,000.
SAMPLED_SHARE = NEAR_DUPLICATE_CONTAINMENT / 3
# A copy prints at least this share of the distinct numbers of the one with fewer (a cut drops
# some, an edit rarely changes one). Two generated replies of one template, 60 shingles each,
# score 0.75 on their words and share only 6 of 11 numbers (question numbers and years).
SHARED_FIGURES = 0.75

WORD = re.compile(r"[^\W_]+")
# A number as printed: '56,658', '28', '3.5' (thousands separators dropped).
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def words(lines: Iterable[str]) -> list[str]:
    """The words of the content lines in order, case folded, punctuation dropped."""
    return [
        word for line in lines if not is_boilerplate(line) for word in WORD.findall(line.casefold())
    ]


def shingles(lines: Iterable[str], size: int = SHINGLE_WORDS) -> array:
    """The sorted distinct hashes of every run of ``size`` consecutive content words (runs
    cross line breaks: two outlets wrap one paragraph differently). CRC-32 is the same in
    every process (Python's ``hash`` of a string is not); two different shingles share a
    hash about once in four billion pairs, which moves no score."""
    found = words(lines)
    # Each run is a slice of the words joined once (a run is its words and the spaces
    # between them), not a join of its own: the same bytes hashed, without building them
    # again for each of the run's words.
    text = memoryview(" ".join(found).encode())
    starts = list(accumulate((len(word.encode()) + 1 for word in found), initial=0))
    return array(
        "I",
        sorted(
            {
                zlib.crc32(text[starts[i] : starts[i + size] - 1])
                for i in range(len(found) - size + 1)
            }
        ),
    )


def numbers(lines: Iterable[str]) -> frozenset[str]:
    """The distinct numbers printed in the content lines."""
    return frozenset(
        found.replace(",", "")
        for line in lines
        if not is_boilerplate(line)
        for found in NUMBER.findall(line)
    )


@dataclass(frozen=True)
class Fingerprint:
    """What near-duplicate detection keeps of a document's text."""

    shingles: array
    numbers: frozenset[str]


def fingerprint(lines: Sequence[str]) -> Fingerprint:
    return Fingerprint(shingles(lines), numbers(lines))


EMPTY = Fingerprint(array("I"), frozenset())


def containment(a: set[int], b: array) -> tuple[float, int]:
    """The share of the smaller of two sets of distinct shingles that is in the other (0
    when either is empty), and the number of shingles they share."""
    smaller = min(len(a), len(b))
    shared = len(a.intersection(b))
    return (shared / smaller if smaller else 0.0), shared


def sampled(hashes: Iterable[int]) -> list[int]:
    return [h for h in hashes if h % SAMPLE_EVERY == 0]


@dataclass(frozen=True)
class Candidate:
    """A loaded document as the comparison sees it. ``requests`` are its FOI identities
    (``pipeline.request_identity``), empty for a document that prints no reference."""

    document_id: str
    file_name: str
    fingerprint: Fingerprint
    requests: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def shingles(self) -> array:
        return self.fingerprint.shingles


@dataclass(frozen=True)
class NearDuplicate:
    kept: Candidate
    copy: Candidate
    containment: float
    shared: int  # shingles the two share


def different_requests(a: Candidate, b: Candidate) -> bool:
    """Two FOI replies to different requests (each names its force and reference, and no
    identity is shared) are two documents however much template wording they share."""
    return bool(a.requests and b.requests and a.requests.isdisjoint(b.requests))


def figures_agree(a: Candidate, b: Candidate) -> bool:
    """Whether the one printing fewer numbers prints SHARED_FIGURES of them in the other too
    (prose with no number at all agrees)."""
    first, second = a.fingerprint.numbers, b.fingerprint.numbers
    fewer = min(len(first), len(second))
    return fewer == 0 or len(first & second) >= SHARED_FIGURES * fewer


def keep_order(candidate: Candidate) -> tuple[int, str]:
    """Within one run the longer document (more shingles) is kept: a cut copy has less of
    the story, never more. Equal lengths: the first by file name."""
    return (-len(candidate.shingles), candidate.file_name)


def near_duplicates(
    new: Sequence[Candidate], published: Sequence[Candidate] = ()
) -> list[NearDuplicate]:
    """Each document of ``new`` that is a near-duplicate of a document kept before it, with
    the one it copies. ``published`` (loaded by an earlier run) are always kept: a copy that
    arrives later never displaces what analysts already read. Among ``new``, the longer is
    kept (``keep_order``). Result in ``keep_order`` of the copies."""
    index: dict[int, list[int]] = {}
    kept: list[Candidate] = []
    sample_sizes: list[int] = []
    found: list[NearDuplicate] = []

    def add(candidate: Candidate, sample: list[int]) -> None:
        number = len(kept)
        kept.append(candidate)
        sample_sizes.append(len(sample))
        for shingle in sample:
            holders = index.setdefault(shingle, [])
            if len(holders) < COMMON_SHINGLE_DOCUMENTS:
                holders.append(number)

    for candidate in sorted(published, key=keep_order):
        add(candidate, sampled(candidate.shingles))
    for candidate in sorted(new, key=keep_order):
        sample = sampled(candidate.shingles)
        match = best_match(candidate, sample, kept, sample_sizes, index)
        if match is None:
            add(candidate, sample)
        else:
            found.append(match)
    return found


def best_match(
    candidate: Candidate,
    sample: list[int],
    kept: list[Candidate],
    sample_sizes: list[int],
    index: dict[int, list[int]],
) -> NearDuplicate | None:
    """The kept document ``candidate`` copies most (the first kept on a tie), if any."""
    if len(candidate.shingles) < MIN_SHINGLES:
        return None
    held: list[list[int]] = []  # who holds each sampled shingle, counted at once below
    common = 0  # sampled shingles too common to look up: each may be shared with any
    for shingle in sample:
        holders = index.get(shingle, ())
        if len(holders) >= COMMON_SHINGLE_DOCUMENTS:
            common += 1
        elif holders:
            held.append(holders)
    rare: Counter[int] = Counter(chain.from_iterable(held))
    best: NearDuplicate | None = None
    own: set[int] | None = None
    for number in sorted(rare):
        other = kept[number]
        # The cheapest tests first: most pairs share too few sampled shingles.
        smaller_sample = max(min(len(sample), sample_sizes[number]), 1)
        if rare[number] + common < SAMPLED_SHARE * smaller_sample:
            continue
        if len(other.shingles) < MIN_SHINGLES or different_requests(candidate, other):
            continue
        if not figures_agree(candidate, other):
            continue
        own = set(candidate.shingles) if own is None else own
        score, shared = containment(own, other.shingles)
        if score >= NEAR_DUPLICATE_CONTAINMENT and (best is None or score > best.containment):
            best = NearDuplicate(other, candidate, score, shared)
    return best
