"""The benchmark corpus generator: deterministic, and read back exactly by the parser."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from bench.generate_corpus import (
    generate_corpus,
    generate_document,
    parsed_cells,
    read_cells_csv,
)
from ingest.pipeline import load_folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_gives_the_same_corpus(tmp_path: Path) -> None:
    first = generate_corpus(8, tmp_path / "a", seed=11)
    second = generate_corpus(8, tmp_path / "b", seed=11)
    assert _files(first.documents) == _files(second.documents)
    assert first.cells_csv.read_bytes() == second.cells_csv.read_bytes()
    assert (first.byte_count, first.cell_count) == (second.byte_count, second.cell_count)


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    first = generate_corpus(4, tmp_path / "a", seed=11)
    other = generate_corpus(4, tmp_path / "b", seed=12)
    assert _files(first.documents) != _files(other.documents)


def test_a_document_depends_on_its_seed_and_index_only(tmp_path: Path) -> None:
    """A larger corpus starts with the smaller one, so one document can be added to it."""
    small = generate_corpus(3, tmp_path / "small", seed=5)
    doc = generate_document(5, 3)
    large = generate_corpus(4, tmp_path / "large", seed=5)
    assert _files(large.documents) == {**_files(small.documents), doc.file_name: doc.data}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    # Every document that has a nested table prints one detail row one number short.
    out = tmp_path_factory.mktemp("corpus")
    generated = generate_corpus(6, out, seed=3, missing_cell_share=1.0)
    return generated, load_folder(generated.documents)


def test_the_corpus_ingests_without_errors(corpus) -> None:
    generated, frames = corpus
    issues = frames["parse_issues"]
    errors = issues.filter(pl.col("severity") == "error")
    assert errors.height == 0, errors.select("file_name", "line_number", "message").rows()
    assert frames["documents"].height == generated.document_count
    assert set(frames["documents"]["document_kind"]) == {"foi_response"}


def test_the_parser_reads_back_every_generated_cell(corpus) -> None:
    generated, frames = corpus
    parsed = parsed_cells(frames)
    expected = read_cells_csv(generated.cells_csv)
    assert parsed.height == expected.height == generated.cell_count
    assert parsed.equals(expected)


def test_missing_cells_are_repaired_to_the_generated_value(corpus) -> None:
    _generated, frames = corpus
    cells = frames["foi_table_cells"]
    repaired = cells.filter(pl.col("cell_status") == "repaired")
    assert repaired.height >= 1
    assert repaired["cell_value"].null_count() == 0
    assert (cells["cell_status"] == "missing").sum() == 0
    warnings = frames["parse_issues"].filter(pl.col("issue_code") == "cell_repaired")
    assert warnings.height >= 1
