"""infer_hierarchy and compatible on vectors, and a property test on generated nested tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.hierarchy import Node, RowFigures, Solution, compatible, flatten, infer_hierarchy

# --- helpers ------------------------------------------------------------------------------


def full(*values: int) -> RowFigures:
    return RowFigures(tuple(values))


def short(printed: tuple[int, ...], missing: int = 1) -> RowFigures:
    return RowFigures(None, printed, missing)


def shape(nodes: list[Node]) -> list:
    """A tree as nested (row, [children]) for readable comparisons."""
    return [(n.row, shape(n.children)) for n in nodes]


def add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def vector_sum(vectors: list[tuple[int, ...]], width: int) -> tuple[int, ...]:
    acc = (0,) * width
    for v in vectors:
        acc = add(acc, v)
    return acc


def preorder(nodes: list[Node]) -> list[int]:
    out = []
    for n in nodes:
        out.append(n.row)
        out.extend(preorder(n.children))
    return out


def assert_reconciles(
    solution: Solution,
    vectors: list[tuple[int, ...]],
    width: int,
    total: tuple[int, ...] | None,
) -> None:
    """Every row once, in document order; groups and the total equal the sums of their parts."""
    assert preorder(solution.roots) == list(range(len(vectors)))
    assert solution.mismatches == 0
    assert solution.bindings == {}

    def check(nodes: list[Node]) -> None:
        for n in nodes:
            if n.children:
                kids = [vectors[c.row] for c in n.children]
                assert vector_sum(kids, width) == vectors[n.row], n.row
                check(n.children)

    check(solution.roots)
    if total is not None:
        assert vector_sum([vectors[n.row] for n in solution.roots], width) == total


# --- compatible ---------------------------------------------------------------------------


def test_compatible_finds_the_one_gap():
    assert compatible((1, 2, 3), (1, 9, 2, 3), 1) == [(1,)]


def test_compatible_lists_every_gap_that_leaves_the_printed_values():
    # Removing any one of three equal values leaves the same printed pair.
    assert compatible((0, 0), (0, 0, 0), 1) == [(0,), (1,), (2,)]
    assert compatible((5, 0, 7), (5, 0, 0, 7), 1) == [(1,), (2,)]


def test_compatible_two_missing():
    assert compatible((1,), (1, 2, 3), 2) == [(1, 2)]
    assert compatible((4, 6), (4, 5, 6, 7), 2) == [(1, 3)]


def test_compatible_rejects_wrong_values_and_lengths():
    assert compatible((1, 2), (1, 3, 4), 1) == []  # no gap leaves (1, 2)
    assert compatible((1, 2), (1, 2, 3, 4), 1) == []  # lengths disagree
    assert compatible((1, 2), (1, 2), 1) == []


def test_compatible_rejects_negative_and_suppressed_values():
    # A residual below zero (a total smaller than its parts) proves nothing.
    assert compatible((1, 2), (1, -1, 2), 1) == []
    assert compatible((1, 2), (1, None, 2), 1) == []


def test_compatible_with_nothing_missing_is_equality():
    assert compatible((1, 2), (1, 2), 0) == [()]
    assert compatible((1, 2), (2, 1), 0) == []


# --- infer_hierarchy ----------------------------------------------------------------------


def test_empty_table():
    solution = infer_hierarchy([], 3, None)
    assert solution is not None
    assert solution.roots == [] and solution.bindings == {}


def test_group_and_details_under_a_grand_total():
    rows = [full(3, 5), full(1, 2), full(2, 3)]
    solution = infer_hierarchy(rows, 2, full(3, 5))
    assert solution is not None
    assert shape(solution.roots) == [(0, [(1, []), (2, [])])]


def test_flat_rows_under_a_grand_total():
    rows = [full(3, 5), full(1, 2), full(2, 3)]
    solution = infer_hierarchy(rows, 2, full(6, 10))
    assert solution is not None
    assert shape(solution.roots) == [(0, []), (1, []), (2, [])]


def test_two_groups_and_flatten():
    rows = [full(4, 1), full(1, 1), full(3, 0), full(2, 2), full(2, 2)]
    solution = infer_hierarchy(rows, 2, full(6, 3))
    assert solution is not None
    assert shape(solution.roots) == [(0, [(1, []), (2, [])]), (3, [(4, [])])]
    assert flatten(solution.roots) == {0: (None, 0), 1: (0, 1), 2: (0, 1), 3: (None, 0), 4: (3, 1)}


def test_identical_siblings_are_not_nested_when_the_group_needs_both():
    # b could be a's child (same figures), but then the group would not reach its sum.
    rows = [full(10, 10), full(5, 5), full(5, 5)]
    solution = infer_hierarchy(rows, 2, full(10, 10))
    assert solution is not None
    assert shape(solution.roots) == [(0, [(1, []), (2, [])])]


def test_identical_top_level_rows_are_siblings_when_the_total_says_so():
    rows = [full(5, 5), full(5, 5)]
    solution = infer_hierarchy(rows, 2, full(10, 10))
    assert solution is not None
    assert shape(solution.roots) == [(0, []), (1, [])]


def test_zero_rows_are_never_groups():
    rows = [full(0, 0), full(0, 0), full(1, 2)]
    solution = infer_hierarchy(rows, 2, full(1, 2))
    assert solution is not None
    assert all(not n.children for n in solution.roots)
    assert preorder(solution.roots) == [0, 1, 2]


def test_three_levels():
    rows = [full(10), full(6), full(1), full(5), full(4), full(3)]
    solution = infer_hierarchy(rows, 1, full(13))
    assert solution is not None
    assert shape(solution.roots) == [(0, [(1, [(2, []), (3, [])]), (4, [])]), (5, [])]


def test_nothing_reconciles():
    assert infer_hierarchy([full(1, 2), full(2, 3)], 2, full(3, 6)) is None


def test_tolerance_locates_a_single_misprint():
    solution = infer_hierarchy([full(1, 2), full(2, 3)], 2, full(3, 6), tolerance=1)
    assert solution is not None
    assert solution.mismatches == 1
    assert solution.bindings == {}
    # Two wrong columns are beyond a tolerance of one.
    assert infer_hierarchy([full(1, 2), full(2, 3)], 2, full(4, 6), tolerance=1) is None


def test_short_detail_row_is_proven_by_its_group():
    rows = [full(3, 5, 8), full(1, 2, 3), short((2, 5))]
    solution = infer_hierarchy(rows, 3, full(3, 5, 8))
    assert solution is not None
    assert solution.bindings == {2: (2, 3, 5)}
    assert not solution.ambiguous_rows
    assert compatible((2, 5), solution.bindings[2], 1) == [(1,)]


def test_short_group_row_is_proven_by_its_details():
    rows = [short((3, 8)), full(1, 2, 3), full(2, 3, 5)]
    solution = infer_hierarchy(rows, 3, full(3, 5, 8))
    assert solution is not None
    assert solution.bindings == {0: (3, 5, 8)}
    assert shape(solution.roots) == [(0, [(1, []), (2, [])])]


def test_short_row_is_not_filled_with_values_that_do_not_match_its_print():
    # The group proves (2, 3, 5) but the row printed (9, 5): no placement gives that.
    rows = [full(3, 5, 8), full(1, 2, 3), short((9, 5))]
    assert infer_hierarchy(rows, 3, full(3, 5, 8)) is None


def test_two_short_rows_in_one_sum_prove_nothing():
    rows = [full(3, 5), short((2,)), short((3,))]
    solution = infer_hierarchy(rows, 2, full(3, 5))
    assert solution is None or solution.bindings == {}


def test_repair_that_another_bracketing_fills_differently_is_ambiguous():
    # Without a grand total, row 2 can be (2, 0) under row 0, or something else elsewhere.
    rows = [full(2, 3), full(0, 3), short((0,))]
    solution = infer_hierarchy(rows, 2, None)
    assert solution is not None
    assert 2 in solution.ambiguous_rows


# --- property: generated nested tables reconcile ------------------------------------------


@dataclass
class Gen:
    values: tuple[int, ...] | None = None  # leaves only; groups are computed
    children: list[Gen] = field(default_factory=list)


def gen_trees(width: int, levels: int, low: int, min_children: int) -> st.SearchStrategy[list[Gen]]:
    leaf = st.builds(Gen, st.tuples(*[st.integers(low, 60)] * width))
    node: st.SearchStrategy[Gen] = leaf
    for _ in range(levels - 1):
        groups = st.builds(Gen, st.none(), st.lists(node, min_size=min_children, max_size=3))
        node = st.one_of(leaf, groups)
    return st.lists(node, min_size=1, max_size=4)


def materialise(nodes: list[Gen], width: int, out: list[tuple[int, ...]]) -> list[Node]:
    """Rows in document order (a group before its children); groups are their sums."""
    built = []
    for g in nodes:
        index = len(out)
        out.append((0,) * width)
        if g.children:
            kids = materialise(g.children, width, out)
            out[index] = vector_sum([out[k.row] for k in kids], width)
            built.append(Node(index, kids))
        else:
            assert g.values is not None
            out[index] = g.values
            built.append(Node(index))
    return built


@st.composite
def nested_tables(draw):
    width = draw(st.integers(1, 6))
    levels = draw(st.integers(1, 3))
    # Half the tables use zeros and one-child groups (ambiguous figures); half do not.
    unambiguous = draw(st.booleans())
    trees = draw(gen_trees(width, levels, 1 if unambiguous else 0, 2 if unambiguous else 1))
    vectors: list[tuple[int, ...]] = []
    roots = materialise(trees, width, vectors)
    with_total = unambiguous or draw(st.booleans())
    total = vector_sum([vectors[n.row] for n in roots], width) if with_total else None
    return width, vectors, roots, total


@settings(max_examples=300, deadline=None, database=None)
@given(nested_tables())
def test_generated_tables_reconcile(table):
    width, vectors, roots, total = table
    rows = [full(*v) for v in vectors]
    solution = infer_hierarchy(rows, width, full(*total) if total is not None else None)
    assert solution is not None, "the generated structure reconciles, so one must be found"
    assert_reconciles(solution, vectors, width, total)
    distinct = len(set(vectors)) == len(vectors)
    positive = all(x > 0 for v in vectors for x in v)
    if total is not None and distinct and positive:
        # Nothing is ambiguous: no row equals another, and no level can lose a row.
        assert shape(solution.roots) == shape(roots)


def test_without_groups_every_row_is_top_level():
    # Two equal rows would nest (a group of one detail); a series of periods never does.
    rows = [full(5, 5), full(5, 5), full(2, 3)]
    assert shape(infer_hierarchy(rows, 2, None).roots) == [(0, [(1, [])]), (2, [])]  # type: ignore[union-attr]
    solution = infer_hierarchy(rows, 2, None, groups=False)
    assert solution is not None
    assert shape(solution.roots) == [(0, []), (1, []), (2, [])]
    # The grand total still proves a short row among them.
    proved = infer_hierarchy([full(5, 5), short((3,))], 2, full(5, 8), groups=False)
    assert proved is not None and proved.bindings == {1: (0, 3)}
