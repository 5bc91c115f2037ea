"""Published figures in the warehouse: every number the articles print is extracted, every
curated figure is checked, and a number changed in an article both fails the check it takes
part in (marts.rpt_figure_checks) and fails the build naming the figure, file and line.

Expected values are read from the documents' text with the curated quotes, never typed."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from conftest import DOCUMENTS, REPO, copy_documents, run_build

SEED = REPO / "seeds" / "published_figures.csv"
ARTICLES = (
    "002_9809cc51289d4baf.txt",
    "003_1e0ec12af96d52a2.txt",
    "004_137a1a3ab5d0593b.txt",
)
STATUSES = {"pass", "fail", "remainder", "no_overlap", "not_checkable"}

# What a reader sees as a figure, by deliberately simple patterns independent of the parser.
SMALL_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen"
PERCENTAGE = re.compile(r"(?<![\d,.])(\d+(?:\.\d+)?) ?(?:per cent|%)")
DURATION = re.compile(rf"\b(\d+|{SMALL_WORDS}) (years?|months?)\b", re.IGNORECASE)
DIGIT_RUN = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,]\d)|(?<![\d,.])\d+(?![\d,]\d)")
YEAR = re.compile(r"(?:19|20)\d{2}")
AGED = re.compile(r"\baged\s+$", re.IGNORECASE)
NOT_COUNTS = re.compile(
    r"\b0\d{3} \d{3} \d{4}\b"  # a phone number
    r"|\bcall(?:ing)? \d+"  # 'call 999', 'calling 101'
    r"|\b(?:19|20)\d{2}[-–/]\d{2}\b"  # a financial year, '2023-24'
)
WORD_VALUES = {w: i for i, w in enumerate(SMALL_WORDS.split("|"), start=1)}
WORD_VALUES["sixteen"] = 16


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_value(row: dict[str, str], documents: Path) -> float:
    """A curated count as its document prints it now: its printed value, found in its quote,
    found in its line."""
    line = line_of(documents / row["file_name"], int(row["line_number"]))
    assert row["quote"] in line, row["figure_id"]
    assert row["printed_value"] in row["quote"], row["figure_id"]
    assert row["unit"] == "count", row["figure_id"]
    return float(row["printed_value"].replace(",", ""))


def line_of(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


@contextmanager
def connect(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        yield con
    finally:
        con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[dict[str, object]]:
    result = con.execute(sql, list(params))
    names = [column[0] for column in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def printed_counts(line: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, value) of every count in a line: digit runs that are not part of a
    percentage or duration, not a year, a financial year or a phone number."""
    taken = [m.span() for p in (PERCENTAGE, DURATION, NOT_COUNTS) for m in p.finditer(line)]
    for found in DIGIT_RUN.finditer(line):
        inside = any(a <= found.start() and found.end() <= b for a, b in taken)
        if inside or YEAR.fullmatch(found.group()):
            continue
        yield found.start(), found.end(), float(found.group().replace(",", ""))


# --------------------------------------------------------------------------- unchanged


def test_every_printed_count_percentage_and_duration_is_a_mention(warehouse: Path) -> None:
    with connect(warehouse) as con:
        mentions = rows(con, "select * from marts.fct_article_number_mentions")
    seen = {"count": 0, "percentage": 0, "duration": 0, "age": 0}
    for name in ARTICLES:
        lines = (DOCUMENTS / name).read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            expected = [("count", a, b, v) for a, b, v in printed_counts(line)]
            expected += [
                ("percentage", m.start(), m.end(), float(m.group(1)))
                for m in PERCENTAGE.finditer(line)
            ]
            expected += [
                (
                    # 'aged 16 years and older' is an age; other spans of years are durations
                    "age" if AGED.search(line, 0, m.start()) else "duration",
                    m.start(),
                    m.end(),
                    float(m.group(1)) if m.group(1).isdigit() else WORD_VALUES[m.group(1)],
                )
                for m in DURATION.finditer(line)
            ]
            for kind, start, end, value in expected:
                found = [
                    m
                    for m in mentions
                    if (m["file_name"], m["line_number"]) == (name, number)
                    and m["char_start"] <= start
                    and m["char_end"] >= end
                ]
                where = f"{name}:{number} {line[start:end]!r}"
                assert len(found) == 1, where
                assert found[0]["number_kind"] == kind, (where, found)
                assert found[0]["mention_value"] == pytest.approx(value), (where, found)
                assert (
                    line[found[0]["char_start"] : found[0]["char_end"]] == found[0]["printed_text"]
                )
                seen[kind] += 1
    # 002 alone prints 13 counts (1,800 twice, 1,841, 290, 124, 38, 54, 15, 39, 240, 583, 273)
    assert seen["count"] >= 30 and seen["percentage"] == 3, seen
    assert seen["duration"] + seen["age"] == 4 and seen["age"] == 1, seen


def test_every_curated_figure_matches_its_text_and_is_checked(warehouse: Path) -> None:
    seed = seed_rows()
    with connect(warehouse) as con:
        figures = rows(con, "select * from marts.fct_published_figures")
        checks = rows(con, "select * from marts.rpt_figure_checks")
    assert {f["figure_id"] for f in figures} == {r["figure_id"] for r in seed}
    for figure in figures:
        assert figure["text_status"] == "exact", figure["figure_id"]
        assert figure["matches_text"], figure["figure_id"]
        line = line_of(DOCUMENTS / str(figure["file_name"]), int(figure["line_number"]))
        printed = line[int(figure["char_start"]) : int(figure["char_end"])]
        assert printed == figure["printed_text"] and figure["printed_value"] in printed
    assert checks and all(c["status"] in STATUSES for c in checks)
    assert [c["check_id"] for c in checks if c["status"] == "fail"] == []
    involved = {figure_id for c in checks for figure_id in c["figure_ids"]}
    assert involved == {r["figure_id"] for r in seed}
    # every figure is compared with the FOI data or says why not; this corpus's FOI data
    # (West Midlands, 2022, online) overlaps no article, so nothing is compared
    foi = [c for c in checks if c["check_type"] == "foi_comparison"]
    assert {c["figure_id"] for c in foi} == {r["figure_id"] for r in seed}
    assert {c["status"] for c in foi} <= {"no_overlap", "not_checkable"}
    assert all(c["status_reason"] for c in foi)


def test_parts_and_shares_are_recomputed_from_the_text(warehouse: Path) -> None:
    seed = {r["figure_id"]: r for r in seed_rows()}
    breakdowns: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in seed.values():
        if row["part_of_figure_id"]:
            breakdowns.setdefault((row["part_of_figure_id"], row["breakdown"]), []).append(row)
    with connect(warehouse) as con:
        checks = {c["check_id"]: c for c in rows(con, "select * from marts.rpt_figure_checks")}
    for (whole_id, breakdown), parts in breakdowns.items():
        check = checks[f"parts_of_whole:{whole_id}:{breakdown}"]
        whole = text_value(seed[whole_id], DOCUMENTS)
        total = sum(text_value(part, DOCUMENTS) for part in parts)
        assert (check["expected"], check["actual"]) == (whole, total), check["check_id"]
        complete = parts[0]["is_complete_breakdown"] == "true"
        bounded = any(f"more than {p['printed_value']}" in p["quote"] for p in parts)
        if total == whole or (complete and bounded and total <= whole):
            assert check["status"] == "pass", check
        else:
            assert (complete, check["status"]) == (False, "remainder"), check
    # a stated percentage against the ratio of the counts it is about, rounded as printed
    share = seed["es2019_share_referred_to_cps"]
    part = seed[share["applies_to_figure_id"]]
    ratio = (
        100 * text_value(part, DOCUMENTS) / text_value(seed[part["part_of_figure_id"]], DOCUMENTS)
    )
    stated = float(PERCENTAGE.search(share["printed_value"]).group(1))  # type: ignore[union-attr]
    check = checks["share_of_whole:es2019_share_referred_to_cps"]
    assert check["actual"] == pytest.approx(ratio) and check["expected"] == stated
    assert check["status"] == ("pass" if round(ratio) == stated else "fail")


# --------------------------------------------------------------------------- changed


def test_a_changed_outcome_count_fails_its_check_and_the_build(
    tmp_path: Path, warehouse: Path
) -> None:
    seed = {r["figure_id"]: r for r in seed_rows()}
    whole = seed["es2016_incidents_total"]
    parts = [
        r
        for r in seed.values()
        if r["part_of_figure_id"] == whole["figure_id"] and r["breakdown"] == "outcome"
    ]
    documents = copy_documents(tmp_path)
    whole_value = text_value(whole, documents)
    parts_sum = sum(text_value(p, documents) for p in parts)
    # The largest outcome grows until the outcomes exceed the incidents by one.
    target = max(parts, key=lambda p: text_value(p, documents))
    old = int(text_value(target, documents))
    new = old + int(whole_value - parts_sum) + 1
    path = documents / target["file_name"]
    lines = path.read_text(encoding="utf-8").split("\n")
    number = int(target["line_number"])
    changed_quote = target["quote"].replace(target["printed_value"], f"{new:,}", 1)
    lines[number - 1] = lines[number - 1].replace(target["quote"], changed_quote, 1)
    assert changed_quote in lines[number - 1] and target["quote"] not in lines[number - 1]
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    # The drift of the curated figure from its text stops the build, naming figure and line.
    assert result.returncode != 0
    assert "no longer match their text" in result.output, result.output[-3000:]
    assert f"{target['figure_id']} {target['file_name']}:{number}: " in result.output
    assert f"prints {new:,} where the seed has {target['printed_value']}" in result.output
    # ... and the report was still built from the text as it is now: the outcomes fail.
    check_id = f"parts_of_whole:{whole['figure_id']}:outcome"
    with connect(result.database) as con:
        check = rows(con, "select * from marts.rpt_figure_checks where check_id = ?", check_id)
        figure = rows(
            con,
            "select * from marts.fct_published_figures where figure_id = ?",
            target["figure_id"],
        )
        changed = {
            c["check_id"]: c["status"]
            for c in rows(con, "select check_id, status from marts.rpt_figure_checks")
        }
    assert len(check) == 1
    assert check[0]["status"] == "fail" and check[0]["status_reason"] == "parts_exceed_whole"
    assert check[0]["expected"] == whole_value
    assert check[0]["actual"] == parts_sum - old + new == whole_value + 1
    assert target["figure_id"] in check[0]["figure_ids"]
    assert figure[0]["text_status"] == "number_changed"
    assert figure[0]["printed_value_in_text"] == new and not figure[0]["matches_text"]
    # No other check changed its status.
    with connect(warehouse) as con:
        before = {
            c["check_id"]: c["status"]
            for c in rows(con, "select check_id, status from marts.rpt_figure_checks")
        }
    assert set(before) == set(changed)
    assert {k for k in before if before[k] != changed[k]} == {check_id}
