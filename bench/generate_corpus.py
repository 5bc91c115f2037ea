"""Synthetic FOI responses at national scale, and the CSV of every cell they print.

``python -m bench.generate_corpus --documents 1000 --out /tmp/corpus --seed 7`` writes
``/tmp/corpus/documents/*.txt`` (one FOI response each) and ``/tmp/corpus/cells.csv`` (one
row per table cell: document, table, row, row label, column, column label, value).

The documents look like the real responses in ``documents/``: a force's heading, numbered
questions each answered by a text table, prose between the tables. Forces come from
``seeds/reference/police_forces.csv``; years run from 2014 to 2024. Two layouts:

- monthly: one year per document, columns ``Jan`` … ``Dec`` and a ``Total`` (or
  ``Grand Total``) column, and a one-column table of crimes per month;
- yearly: two to five years as columns (``2019 2020 2021 Total``).

Tables nest: offence groups with their offences, suspect roles with their outcomes. Every
group row is the exact sum of its detail rows, every ``Grand Total`` row the sum of the
groups, every Total column the sum of the row; tables that count the same population agree
(crimes per month against crimes by offence; suspects by role against the role groups of
suspects by outcome). Labels are the ``example_label`` of the label-map seeds, so every
printed label is known to the warehouse. Some documents wrap long labels (the label on a
line of its own, the numbers on the next), some print thousands separators, some use
Windows line endings or Windows-1252, and a small share print one detail row one number
short, a cell the group row above it proves.

Each document is generated from ``(seed, index)`` alone, so a corpus is the same for a seed
whatever its size, and document ``n`` can be added to a corpus of ``n`` documents.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "seeds" / "reference"
FIRST_YEAR, LAST_YEAR = 2014, 2024
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CELL_COLUMNS = (
    "document",
    "table",
    "row_number",
    "row_label",
    "column_number",
    "column_label",
    "value",
)
TABLE_KINDS = ("crimes", "offences", "roles", "victims", "outcomes")
MISSING_CELL_SHARE = 0.04  # documents that print one detail row one number short
WRAP_AT = 60  # labels longer than this may wrap
CODE_LABEL = re.compile(r"^\d+/\d+$")

Cell = tuple[str, int, int, str, int, str, int]

# Notes a force prints under a table, by the table's subject.
PROSE = {
    "crimes": (
        "Please note that the figures are based on crimes recorded with the online flag and "
        "are subject to change as investigations progress.",
        "The online flag is applied by the officer recording the crime and its use may vary "
        "between officers and over time.",
    ),
    "offences": (
        "Each crime is counted once, under the offence it was recorded as when the data was "
        "extracted from the crime recording system.",
        "Offence groups are shown in capitals with the offences recorded under each group "
        "listed below them.",
    ),
    "roles": (
        "A suspect may be counted under more than one role over the life of an investigation, "
        "so the figures should not be added across tables.",
    ),
    "victims": (
        "Victims are counted once per crime, so a person who reported more than one crime is "
        "counted more than once.",
    ),
    "outcomes": (
        "Outcomes are those assigned when the data was extracted; a suspect without an "
        "outcome yet is shown against a dash.",
        "Figures are correct at the time the data was extracted and may differ from figures "
        "published elsewhere.",
    ),
}
OPENINGS = (
    "Thank you for your request for information, which has been dealt with under the "
    "Freedom of Information Act.",
    "Your request has been considered and the information held by the force is set out "
    "below, question by question.",
    "We have now completed our searches and can provide the following information in "
    "answer to your questions.",
)
CLOSINGS = (
    "If you are dissatisfied with this response you may ask for an internal review of the "
    "way your request was handled.",
    "Please contact the Freedom of Information team if you have any questions about this response.",
)
NOT_HELD_QUESTIONS = (
    "How many of these crimes were committed using social media, and which platforms were used?",
    "How many of the suspects were subsequently convicted at court?",
)
NOT_HELD_ANSWERS = (
    "This information is not held by the police in a retrievable format.",
    "Court results are held by the Ministry of Justice and are not held by the force.",
)


# ---------------------------------------------------------------------------------------
# Vocabulary: forces and labels from the reference seeds
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffenceGroup:
    label: str
    offences: tuple[str, ...]
    style: str  # wording | code


@dataclass(frozen=True)
class Vocabulary:
    forces: tuple[tuple[str, str], ...]  # (force_key, force_name)
    offence_groups: tuple[OffenceGroup, ...]
    roles: tuple[str, ...]
    outcomes: tuple[str, ...]


def _read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _normalised(label: str) -> str:
    return " ".join(label.lower().split())


@cache
def vocabulary() -> Vocabulary:
    forces = tuple(
        (r["force_key"], r["force_name"])
        for r in _read("police_forces.csv")
        if r["force_type"] != "aggregate"
    )
    offence_rows = _read("offence_label_map.csv")
    groups = []
    for group in (r for r in offence_rows if r["is_offence_group_label"] == "true"):
        offence_class = group["offence_key"][:2]
        code_style = group["label_normalised"].startswith(offence_class.lower())
        members: dict[str, str] = {}  # one label per member key in code style (08/65, 008/65)
        for row in offence_rows:
            if row["is_offence_group_label"] == "true" or row["offence_key"][:2] != offence_class:
                continue
            if bool(CODE_LABEL.match(row["example_label"])) != code_style:
                continue
            key = row["offence_key"] if code_style else row["label_normalised"]
            members.setdefault(key, row["example_label"])
        if members:
            style = "code" if code_style else "wording"
            groups.append(OffenceGroup(group["example_label"], tuple(members.values()), style))
    roles = tuple(r["example_label"] for r in _read("suspect_role_label_map.csv"))
    outcomes: dict[str, str] = {}
    for row in _read("outcome_label_map.csv"):
        outcomes.setdefault(_normalised(row["example_label"]), row["example_label"])
    return Vocabulary(forces, tuple(groups), roles, tuple(outcomes.values()))


# ---------------------------------------------------------------------------------------
# Documents as data: tables of rows of full figures
# ---------------------------------------------------------------------------------------


@dataclass
class RowSpec:
    label: str
    values: list[int]  # every column, the total column included
    missing: int | None = None  # the column printed one number short, if any


@dataclass
class TableSpec:
    kind: str
    question: str
    header: str
    columns: list[str]  # column labels as printed in the header
    rows: list[RowSpec] = field(default_factory=list)
    groups: list[tuple[int, list[int]]] = field(default_factory=list)  # (group, details)


@dataclass
class DocumentSpec:
    index: int
    file_name: str
    force_name: str
    layout: str  # monthly | yearly
    periods: list[str]
    tables: list[TableSpec]
    encoding: str
    newline: str


@dataclass
class GeneratedDocument:
    file_name: str
    data: bytes
    cells: list[Cell]


def _series(rng: random.Random, base: float, count: int) -> list[int]:
    """Counts around ``base`` per period (Poisson-like spread, never negative)."""
    spread = math.sqrt(base) + 0.3
    return [max(0, round(rng.gauss(base, spread))) for _ in range(count)]


def _with_total(values: list[int]) -> list[int]:
    return [*values, sum(values)]


def _sum_rows(rows: list[list[int]], width: int) -> list[int]:
    return [sum(r[c] for r in rows) for c in range(width)]


def _base(rng: random.Random, scale: float) -> float:
    """A detail row's typical count per period: most are small, a few are large."""
    return scale * math.exp(rng.gauss(0.8, 1.6))


def _nonzero(rng: random.Random, values: list[int]) -> list[int]:
    if not any(values):
        values[rng.randrange(len(values))] = rng.randint(1, 3)
    return values


def _offence_figures(
    rng: random.Random, vocab: Vocabulary, width: int, scale: float
) -> list[tuple[str, list[int], list[tuple[str, list[int]]]]]:
    style = rng.choice(("wording", "wording", "code"))
    available = [g for g in vocab.offence_groups if g.style == style]
    chosen = sorted(
        rng.sample(available, rng.randint(min(2, len(available)), len(available))),
        key=available.index,
    )
    groups = []
    for group in chosen:
        offences = [o for o in group.offences if rng.random() < 0.75] or [group.offences[0]]
        details = [(o, _series(rng, _base(rng, scale), width)) for o in offences]
        _nonzero(rng, details[0][1])
        groups.append((group.label, _sum_rows([d[1] for d in details], width), details))
    return groups


def _outcome_figures(
    rng: random.Random, vocab: Vocabulary, width: int, scale: float
) -> list[tuple[str, list[int], list[tuple[str, list[int]]]]]:
    roles = [r for r in vocab.roles if rng.random() < 0.7] or [vocab.roles[0]]
    outcomes = rng.sample(vocab.outcomes, rng.randint(4, min(12, len(vocab.outcomes))))
    # Printed as forces print them: '-' (no outcome yet) first, the rest alphabetically.
    outcomes.sort(key=lambda label: (label != "-", label.lower()))
    groups = []
    for role_number, role in enumerate(roles):
        role_scale = scale * (3.0 if role_number == 0 else rng.uniform(0.05, 0.6))
        mine = [o for o in outcomes if rng.random() < 0.6] or [outcomes[0]]
        details = [(o, _series(rng, _base(rng, role_scale), width)) for o in mine]
        _nonzero(rng, details[0][1])
        groups.append((role, _sum_rows([d[1] for d in details], width), details))
    return groups


def _nested_rows(
    groups: list[tuple[str, list[int], list[tuple[str, list[int]]]]],
) -> tuple[list[RowSpec], list[tuple[int, list[int]]]]:
    rows: list[RowSpec] = []
    structure = []
    for label, values, details in groups:
        group_index = len(rows)
        rows.append(RowSpec(label, _with_total(values)))
        detail_indexes = []
        for detail_label, detail_values in details:
            detail_indexes.append(len(rows))
            rows.append(RowSpec(detail_label, _with_total(detail_values)))
        structure.append((group_index, detail_indexes))
    return rows, structure


def _question(rng: random.Random, kind: str, when: str, refers_to: int | None) -> str:
    """Question text for a table: its year(s), or 'as per Qn' for the year of question n."""
    if refers_to:
        breakdown = f"Please provide a breakdown as per Q{refers_to}."
    else:
        breakdown = f"Please provide the figures {when}."
    texts = {
        "crimes": (
            f"The total number of stalking and harassment crimes recorded with the online "
            f"flag {when}",
            f"Please state how many crimes of stalking or harassment flagged as online were "
            f"recorded {when}",
        ),
        "offences": (
            "Where possible, provide the offence type of each recorded crime (e.g. harassment, "
            f"stalking, malicious communications). {breakdown}",
            f"Please break these crimes down by offence type. {breakdown}",
        ),
        "roles": (
            "The number of these crimes in which the perpetrator(s) is identified, by suspect "
            f"role. {breakdown}",
            f"How many suspects were recorded for these crimes, by role? {breakdown}",
        ),
        "victims": (
            "The number of individuals that have reported these offences to your police "
            f"force. {breakdown}",
            f"How many victims reported these crimes to the force? {breakdown}",
        ),
        "outcomes": (
            "Please provide details relating to the outcome for each suspect (e.g. charge, "
            f"caution, community resolution). {breakdown}",
            f"What was the outcome for the suspects referred to above? {breakdown}",
        ),
    }
    text = rng.choice(texts[kind])
    return text if text.endswith((".", "?")) else text + "."


def _document_spec(
    seed: int, index: int, vocab: Vocabulary, missing_cell_share: float
) -> tuple[DocumentSpec, random.Random]:
    rng = random.Random(f"{seed}:{index}")
    force_key, force_name = rng.choice(vocab.forces)
    scale = rng.uniform(0.3, 4.0)  # the force's size
    if rng.random() < 0.7:
        layout = "monthly"
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        periods = list(MONTH_NAMES if rng.random() < 0.15 else MONTHS)
        when = f"for {year}, broken down by month"
        period_text = str(year)
    else:
        layout = "yearly"
        span = rng.randint(2, 5)
        first = rng.randint(FIRST_YEAR, LAST_YEAR - span + 1)
        years = list(range(first, first + span))
        periods = [str(y) for y in years]
        when = f"for each year from {years[0]} to {years[-1]}"
        period_text = f"{years[0]}-{years[-1]}"
        scale *= 12
    width = len(periods)
    total_label = rng.choice(("Total", "Total", "Grand Total"))
    columns = [*periods, total_label]

    if rng.random() < 0.35:
        kinds = list(TABLE_KINDS)
    else:
        kinds = [k for k in TABLE_KINDS if rng.random() < 0.55] or [rng.choice(TABLE_KINDS)]

    offences = _offence_figures(rng, vocab, width, scale)
    crimes = _sum_rows([g[1] for g in offences], width)
    outcomes = _outcome_figures(rng, vocab, width, scale)
    victims = [round(v * rng.uniform(0.9, 1.05)) for v in crimes]

    tables: list[TableSpec] = []
    crimes_question: int | None = None
    for kind in kinds:
        number = len(tables) + 1
        refers_to = crimes_question if layout == "monthly" and rng.random() < 0.6 else None
        question = _question(rng, kind, when, refers_to)
        if kind == "crimes":
            crimes_question = number
            if layout == "monthly":
                measure = rng.choice(("No. of Crimes", "Number of crimes", "Crimes"))
                table = TableSpec(kind, question, f"{year} {measure}", [measure])
                table.rows = [RowSpec(m, [v]) for m, v in zip(periods, crimes, strict=True)]
                table.rows.append(RowSpec(rng.choice(("Grand Total", "Total")), [sum(crimes)]))
            else:
                caption = rng.choice(("No. of Crimes", "Crimes"))
                table = TableSpec(kind, question, _header(caption, columns), columns)
                label = rng.choice(("Recorded crimes", "Online flagged crimes", "All crimes"))
                table.rows = [RowSpec(label, _with_total(crimes))]
        elif kind in ("offences", "outcomes"):
            caption = rng.choice(
                ("Offence", "Offence Type", "HO Description")
                if kind == "offences"
                else ("Outcome", "Outcome Type")
            )
            nested = offences if kind == "offences" else outcomes
            table = TableSpec(kind, question, _header(caption, columns), columns)
            table.rows, table.groups = _nested_rows(nested)
            grand_total = _sum_rows([values for _, values, _ in nested], width)
            table.rows.append(RowSpec("Grand Total", _with_total(grand_total)))
        elif kind == "roles":
            caption = rng.choice(("Role", "Suspect Role"))
            table = TableSpec(kind, question, _header(caption, columns), columns)
            table.rows = [RowSpec(label, _with_total(values)) for label, values, _ in outcomes]
            table.rows.append(
                RowSpec("Grand Total", _with_total(_sum_rows([g[1] for g in outcomes], width)))
            )
        else:
            caption = rng.choice(("", "", "Victims"))
            table = TableSpec(kind, question, _header(caption, columns), columns)
            label = rng.choice(("VICTIM", "Victims", "Number of victims"))
            table.rows = [RowSpec(label, _with_total(victims))]
        tables.append(table)

    if rng.random() < missing_cell_share:
        _drop_one_cell(rng, tables)
    file_name = f"{index:06d}_{force_key}_{period_text}.txt"
    encoding = "cp1252" if rng.random() < 0.05 else "utf-8"
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    spec = DocumentSpec(index, file_name, force_name, layout, periods, tables, encoding, newline)
    return spec, rng


def _header(caption: str, columns: list[str]) -> str:
    return " ".join(filter(None, [caption, *columns]))


def _drop_one_cell(rng: random.Random, tables: list[TableSpec]) -> None:
    """One detail row of a nested table printed one number short: a cell whose neighbours
    differ from it, so the group row above proves which cell it was."""
    candidates = []
    for t, table in enumerate(tables):
        for _group, details in table.groups:
            for r in details:
                values = table.rows[r].values
                for c, v in enumerate(values):
                    left = values[c - 1] if c > 0 else None
                    right = values[c + 1] if c + 1 < len(values) else None
                    if v > 0 and v != left and v != right:
                        candidates.append((t, r, c))
    if candidates:
        t, r, c = rng.choice(candidates)
        tables[t].rows[r].missing = c


# ---------------------------------------------------------------------------------------
# Rendering: data -> text
# ---------------------------------------------------------------------------------------


def _number(value: int, separators: bool) -> str:
    # A bare number from 1900 to 2099 reads as a year ('Jan 2019' is a date): printed with
    # its separator, as a spreadsheet export does.
    if separators or 1900 <= value <= 2099:
        return f"{value:,}"
    return str(value)


def _split_label(label: str) -> tuple[str, str] | None:
    """A long label as two lines, split at a space near its middle. Never where a line would
    end in a number (it would read as a row) or a dash, or start with a dash (a new '-' row)."""
    words = label.split()
    dashes = {"-", "–"}
    splits = [
        k
        for k in range(1, len(words))
        if words[k - 1] not in dashes
        and words[k] not in dashes
        and not any(c.isdigit() for c in words[k - 1])
        and not words[k][:1].isdigit()
    ]
    if not splits:
        return None
    k = min(splits, key=lambda k: abs(2 * k - len(words)))
    return " ".join(words[:k]), " ".join(words[k:])


def _render_rows(rng: random.Random, table: TableSpec, style: dict[str, float]) -> Iterator[str]:
    for row in table.rows:
        if rng.random() < style["blank_between_rows"]:
            yield ""
        separators = rng.random() < style["separators"]
        printed = [_number(v, separators) for c, v in enumerate(row.values) if c != row.missing]
        numbers = " ".join(printed)
        if len(row.label) > WRAP_AT and rng.random() < style["wrap"]:
            split = _split_label(row.label) if rng.random() < 0.5 else None
            if split is None:
                yield row.label
            else:
                first, second = split
                yield first
                if rng.random() < 0.5:
                    yield ""
                yield (" " if rng.random() < 0.5 else "") + second
            yield numbers
        else:
            yield f"{row.label} {numbers}"


def render(spec: DocumentSpec, rng: random.Random) -> str:
    style = {
        "blank_between_rows": rng.choice((0.0, 0.3, 0.8, 1.0)),
        "separators": rng.choice((0.0, 0.5, 1.0)),
        "wrap": rng.choice((0.0, 0.7, 1.0)),
    }
    question_style = rng.choice(("{n}: {text}", "{n}. {text}", "Q{n}. {text}"))
    lines = ["", f"{spec.force_name} Freedom of Information", ""]
    if rng.random() < 0.6:
        # Unique per document: two responses with one reference are versions of one
        # response, and ingest quarantines the later one.
        lines += [f"Request reference: FOI-{spec.index + 1:06d}", ""]
    if rng.random() < 0.7:
        lines += [rng.choice(OPENINGS), ""]
    for number, table in enumerate(spec.tables, start=1):
        lines += [question_style.format(n=number, text=table.question), ""]
        lines.append(table.header + (" " if rng.random() < 0.3 else ""))
        lines += list(_render_rows(rng, table, style))
        lines.append("")
        if rng.random() < 0.4:
            lines += [rng.choice(PROSE[table.kind]), ""]
    if rng.random() < 0.2:
        n = len(spec.tables) + 1
        pick = rng.randrange(len(NOT_HELD_QUESTIONS))
        text = NOT_HELD_QUESTIONS[pick]
        lines += [question_style.format(n=n, text=text), "", NOT_HELD_ANSWERS[pick], ""]
    if rng.random() < 0.5:
        lines += [rng.choice(CLOSINGS), ""]
    return spec.newline.join(lines)


def _cells(spec: DocumentSpec) -> list[Cell]:
    cells = []
    for t, table in enumerate(spec.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            label = " ".join(row.label.split())
            for c, value in enumerate(row.values):
                cells.append((spec.file_name, t, r, label, c + 1, table.columns[c], value))
    return cells


def generate_document(
    seed: int, index: int, missing_cell_share: float = MISSING_CELL_SHARE
) -> GeneratedDocument:
    """Document ``index`` of the corpus for ``seed``: its bytes and every cell it prints."""
    spec, rng = _document_spec(seed, index, vocabulary(), missing_cell_share)
    text = render(spec, rng)
    return GeneratedDocument(spec.file_name, text.encode(spec.encoding), _cells(spec))


# ---------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    documents: Path  # the folder of documents
    cells_csv: Path
    document_count: int
    byte_count: int
    cell_count: int


def write_document(
    folder: Path, seed: int, index: int, missing_cell_share: float = MISSING_CELL_SHARE
) -> GeneratedDocument:
    doc = generate_document(seed, index, missing_cell_share)
    (folder / doc.file_name).write_bytes(doc.data)
    return doc


def generate_corpus(
    count: int, out: Path, seed: int, missing_cell_share: float = MISSING_CELL_SHARE
) -> Corpus:
    """Write documents 0 … count-1 to ``out/documents`` and their cells to ``out/cells.csv``."""
    folder = out / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.txt"):
        stale.unlink()
    cells_csv = out / "cells.csv"
    byte_count = cell_count = 0
    with cells_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CELL_COLUMNS)
        for index in range(count):
            doc = write_document(folder, seed, index, missing_cell_share)
            writer.writerows(doc.cells)
            byte_count += len(doc.data)
            cell_count += len(doc.cells)
    return Corpus(folder, cells_csv, count, byte_count, cell_count)


def parsed_cells(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The cells ingest parsed (``ingest.pipeline.load_folder`` frames) in the CSV's shape."""
    import polars as pl

    return (
        frames["foi_table_cells"]
        .join(frames["documents"].select("document_id", "file_name"), on="document_id")
        .join(frames["foi_tables"].select("table_id", "table_number"), on="table_id")
        .join(
            frames["foi_table_rows"].select("table_id", "row_number", "row_label"),
            on=["table_id", "row_number"],
        )
        .join(
            frames["foi_table_columns"].select("table_id", "column_number", "column_label"),
            on=["table_id", "column_number"],
        )
        .select(
            pl.col("file_name").alias("document"),
            pl.col("table_number").alias("table"),
            "row_number",
            "row_label",
            "column_number",
            "column_label",
            pl.col("cell_value").alias("value"),
        )
        .sort("document", "table", "row_number", "column_number")
    )


def read_cells_csv(path: Path) -> pl.DataFrame:
    """The equivalent CSV as a frame with the same column types as ``parsed_cells``."""
    import polars as pl

    schema = {
        "document": pl.String,
        "table": pl.Int64,
        "row_number": pl.Int64,
        "row_label": pl.String,
        "column_number": pl.Int64,
        "column_label": pl.String,
        "value": pl.Int64,
    }
    return pl.read_csv(path, schema=schema).sort("document", "table", "row_number", "column_number")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate_corpus", description=__doc__)
    parser.add_argument("--documents", type=int, required=True, help="how many documents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--missing-cell-share",
        type=float,
        default=MISSING_CELL_SHARE,
        help="share of documents that print one detail row one number short",
    )
    args = parser.parse_args(argv)
    corpus = generate_corpus(args.documents, args.out, args.seed, args.missing_cell_share)
    print(
        f"generate_corpus: {corpus.document_count} documents, {corpus.byte_count:,} bytes, "
        f"{corpus.cell_count:,} cells -> {corpus.documents} and {corpus.cells_csv}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
