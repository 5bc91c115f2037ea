"""Which rows of a table are groups and which are their details, inferred from the figures.

A group row is followed by its detail rows and equals their sum in every column; a grand
total row equals the sum of the top-level rows. Nothing here looks at labels or casing.

Rows whose printed cells are fewer than the columns ("short" rows: a cell was lost when
the document was produced) take part as unknowns: where a sum relation contains exactly
one short row, the relation determines its full vector, and the vector is accepted only if
the printed numbers are that vector with the missing cells left out. That is the proof
recorded with the repair.

The search is a depth-first backtracking over bracketings; sums only grow (counts are not
negative), so a running sum that passes its target prunes the branch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

Vector = tuple[int | None, ...]  # None: a suppressed cell (not comparable)

MAX_DEPTH = 4
MAX_STEPS = 200_000
ALTERNATIVES_CHECKED = 25  # further bracketings examined before a repair is trusted


@dataclass(frozen=True)
class RowFigures:
    """What a row printed: ``values`` when complete, else the printed numbers of a short row."""

    values: Vector | None
    printed: tuple[int, ...] = ()
    missing: int = 0


@dataclass
class Node:
    row: int
    children: list[Node] = field(default_factory=list)


@dataclass
class Solution:
    roots: list[Node]
    bindings: dict[int, tuple[int, ...]]  # short row index -> proven full vector
    mismatches: int  # relations accepted with a tolerated mismatch (0 when all hold)
    ambiguous_rows: frozenset[int] = frozenset()  # short rows another bracketing fills otherwise


class SearchExhausted(Exception):
    pass


def compatible(printed: tuple[int, ...], full: Vector, missing: int) -> list[tuple[int, ...]]:
    """Positions at which ``missing`` cells can be removed from ``full`` to leave ``printed``."""
    if any(v is None or v < 0 for v in full) or len(full) != len(printed) + missing:
        return []
    placements = []
    for gap in combinations(range(len(full)), missing):
        kept = tuple(v for i, v in enumerate(full) if i not in gap)
        if kept == printed:
            placements.append(gap)
    return placements


def _mismatched_columns(a: Vector, b: Vector) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x is not None and y is not None and x != y)


def _exceeds(acc: Vector, target: Vector, tolerance: int) -> bool:
    over = sum(
        1 for x, y in zip(acc, target, strict=True) if x is not None and y is not None and x > y
    )
    return over > tolerance


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(None if x is None or y is None else x + y for x, y in zip(a, b, strict=True))


def _sub(a: Vector, b: Vector) -> Vector:
    return tuple(None if x is None or y is None else x - y for x, y in zip(a, b, strict=True))


class _Search:
    def __init__(self, rows: list[RowFigures], width: int, tolerance: int, max_depth: int) -> None:
        self.rows = rows
        self.width = width
        self.tolerance = tolerance
        self.max_depth = max_depth
        self.zero: Vector = (0,) * width
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SearchExhausted

    def siblings(
        self,
        i: int,
        end: int,
        acc: Vector,
        free: int | None,
        target: Vector | None,
        depth: int,
        must_reach_end: bool,
        bindings: dict[int, tuple[int, ...]],
        mismatches: int,
    ) -> Iterator[tuple[list[Node], int, dict[int, tuple[int, ...]], int]]:
        """Sequences of sibling nodes from row i whose sum is ``target`` (or that reach ``end``)."""
        self.tick()
        closing = target is not None and (not must_reach_end or i == end)
        if closing and i < end and self.rows[i].values == self.zero and depth > 0:
            # An all-zero row after a group's last detail adds nothing, so the figures cannot
            # place it; it is taken as one more detail of the group (details of a group are
            # printed together), before the group is closed.
            for rest, k, b2, m2 in self.siblings(
                i + 1, end, acc, free, target, depth, must_reach_end, bindings, mismatches
            ):
                yield [Node(i), *rest], k, b2, m2
            return
        if closing:
            yield from self._close(i, acc, free, target, bindings, mismatches)
        if target is None and i == end:
            yield [], i, bindings, mismatches
        if i >= end:
            return
        if target is not None and _exceeds(acc, target, self.tolerance):
            return
        for node, j, vec, node_free, b2, m2 in self.node(i, end, depth, bindings, mismatches):
            if node_free is not None and free is not None:
                continue  # two unknown rows in one sum: the relation cannot prove either
            new_free = node_free if node_free is not None else free
            new_acc = acc if node_free is not None else _add(acc, vec)
            for rest, k, b3, m3 in self.siblings(
                j, end, new_acc, new_free, target, depth, must_reach_end, b2, m2
            ):
                yield [node, *rest], k, b3, m3

    def _close(
        self,
        i: int,
        acc: Vector,
        free: int | None,
        target: Vector,
        bindings: dict[int, tuple[int, ...]],
        mismatches: int,
    ) -> Iterator[tuple[list[Node], int, dict[int, tuple[int, ...]], int]]:
        if free is None:
            if acc == self.zero and target != self.zero:
                return
            bad = _mismatched_columns(acc, target)
            if bad == 0:
                yield [], i, bindings, mismatches
            elif bad <= self.tolerance:
                yield [], i, bindings, mismatches + 1
            return
        if self.tolerance:
            return  # a repair is only ever proven by sums that hold exactly
        residual = _sub(target, acc)
        row = self.rows[free]
        if compatible(row.printed, residual, row.missing):
            yield [], i, {**bindings, free: tuple(v for v in residual if v is not None)}, mismatches

    def node(
        self, i: int, end: int, depth: int, bindings: dict[int, tuple[int, ...]], mismatches: int
    ) -> Iterator[tuple[Node, int, Vector, int | None, dict[int, tuple[int, ...]], int]]:
        """A node at row i: first as a group (if the figures allow), then as a detail row."""
        row = self.rows[i]
        if depth < self.max_depth and row.values is not None and row.values != self.zero:
            for children, j, b2, m2 in self.siblings(
                i + 1, end, self.zero, None, row.values, depth + 1, False, bindings, mismatches
            ):
                if children:
                    yield Node(i, children), j, row.values, None, b2, m2
        if depth < self.max_depth and row.values is None and not self.tolerance:
            # A short group row: its details (complete detail rows) prove its full vector.
            acc = self.zero
            for j in range(i + 1, end):
                child = self.rows[j]
                if child.values is None:
                    break
                acc = _add(acc, child.values)
                if compatible(row.printed, acc, row.missing):
                    full = tuple(v for v in acc if v is not None)
                    kids = [Node(k) for k in range(i + 1, j + 1)]
                    yield Node(i, kids), j + 1, acc, None, {**bindings, i: full}, mismatches
        if row.values is not None:
            yield Node(i), i + 1, row.values, None, bindings, mismatches
        else:
            yield Node(i), i + 1, self.zero, i, bindings, mismatches


def infer_hierarchy(
    rows: list[RowFigures],
    width: int,
    total: RowFigures | None,
    tolerance: int = 0,
    groups: bool = True,
) -> Solution | None:
    """The first bracketing of ``rows`` under which every group and the total reconcile.

    With ``tolerance`` > 0, a relation may disagree in up to that many columns (used only to
    locate a misprint after an exact search failed; repairs are never made then). With
    ``groups`` False the rows are all top level (a series of periods has no groups).
    """
    if not rows:
        return Solution([], {}, 0)
    # Shallowest first: a structure of groups and details is preferred to one that nests a
    # group under a detail that happens to equal it.
    for max_depth in range(1, MAX_DEPTH + 1) if groups else (0,):
        solution = _first_solution(rows, width, total, tolerance, max_depth)
        if solution is not None:
            return solution
    return None


def _first_solution(
    rows: list[RowFigures], width: int, total: RowFigures | None, tolerance: int, max_depth: int
) -> Solution | None:
    search = _Search(rows, width, tolerance, max_depth)
    target = total.values if total is not None else None
    first: Solution | None = None
    ambiguous: set[int] = set()
    try:
        solutions = search.siblings(0, len(rows), search.zero, None, target, 0, True, {}, 0)
        for seen, (roots, _end, bindings, mismatches) in enumerate(solutions):
            if first is None:
                first = Solution(roots, bindings, mismatches)
                if not bindings:
                    break  # nothing was repaired: the first bracketing is all we need
            else:
                # A repair must be the same under every bracketing that reconciles.
                ambiguous |= {k for k, v in first.bindings.items() if bindings.get(k, v) != v}
                ambiguous |= set(bindings) - set(first.bindings)
            if seen >= ALTERNATIVES_CHECKED:
                break
    except SearchExhausted:
        if first is None:
            return None
    if first is not None:
        first.ambiguous_rows = frozenset(ambiguous)
    return first


def flatten(roots: list[Node]) -> dict[int, tuple[int | None, int]]:
    """row index -> (parent row index, depth)."""
    out: dict[int, tuple[int | None, int]] = {}

    def walk(nodes: list[Node], parent: int | None, depth: int) -> None:
        for n in nodes:
            out[n.row] = (parent, depth)
            walk(n.children, n.row, depth + 1)

    walk(roots, None, 0)
    return out
