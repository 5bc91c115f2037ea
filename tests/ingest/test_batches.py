"""The batched, parallel loader writes exactly what the in-memory pipeline writes."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from ingest.__main__ import main as ingest_main
from ingest.batches import parse_folder_staged
from ingest.pipeline import document_paths, load_folder
from ingest.writer import write_raw
from tests.raw_tables import raw_tables

DOCUMENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "shipped"
FOI_2019 = "001_92a5b072fd8db548.txt"
FOI_2022 = "000_dbe143eee267caba.txt"
ARTICLE = "003_1e0ec12af96d52a2.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real documents plus one of each case that crosses documents or batches: a
    duplicate, a revised version (same reference), a near-duplicate (an article with every
    third paragraph cut), an unreadable file, an empty file."""
    folder = tmp_path_factory.mktemp("batches") / "documents"
    shutil.copytree(DOCUMENTS, folder)
    (folder / "copy_of_2022.txt").write_bytes((DOCUMENTS / FOI_2022).read_bytes())
    revised = (DOCUMENTS / FOI_2019).read_text(encoding="utf-8")
    assert "She conducted a search" in revised
    revised = revised.replace("She conducted a search", "She conducted a revised search")
    (folder / "zz_revised_2019.txt").write_text(revised, encoding="utf-8")
    paragraphs = [p for p in (DOCUMENTS / ARTICLE).read_text(encoding="utf-8").splitlines() if p]
    cut = [p for i, p in enumerate(paragraphs) if i % 3 != 2]
    (folder / "aa_cut_article.txt").write_text("\n\n".join(cut) + "\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def in_memory(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    database = tmp_path_factory.mktemp("in_memory") / "warehouse.duckdb"
    write_raw(database, load_folder(folder))
    return raw_tables(database)


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 3), (2, 2), (2, 100)])
def test_batches_write_the_same_rows_as_the_in_memory_pipeline(
    folder: Path, in_memory: dict[str, list[tuple]], tmp_path: Path, workers: int, batch_size: int
) -> None:
    done: list[int] = []
    staged = parse_folder_staged(
        document_paths(folder),
        tmp_path / "staging",
        workers=workers,
        batch_size=batch_size,
        progress=done.append,
    ).decided()
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, staged.frames, parts=staged.parts)
    batched = raw_tables(database)
    assert batched.keys() == in_memory.keys()
    for name, rows in in_memory.items():
        assert batched[name] == rows, name
    # The cases really were there (issue_code is parse_issues' sixth column).
    codes = [row[5] for row in batched["parse_issues"]]
    for code in ("duplicate_document", "revised_document", "near_duplicate", "unreadable_document"):
        assert code in codes, code
    assert sum(done) == len(document_paths(folder))


def test_parsing_in_this_process_leaves_the_callers_collector_settings(
    folder: Path, tmp_path: Path
) -> None:
    # Parsing runs with a larger young generation; a caller (a notebook, pytest) keeps its own.
    saved = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    try:
        parse_folder_staged(document_paths(folder)[:2], tmp_path / "staging", workers=1)
        assert gc.get_threshold() == (123, 4, 5)
    finally:
        gc.set_threshold(*saved)


def test_the_cli_loads_in_parallel_and_reports_the_counts(
    folder: Path, in_memory: dict[str, list[tuple]], tmp_path: Path, capsys
) -> None:
    database = tmp_path / "out" / "warehouse.duckdb"
    code = ingest_main(
        ["--documents", str(folder), "--database", str(database), "--workers", "2",
         "--batch-size", "2"]
    )  # fmt: skip
    assert code == 0
    assert raw_tables(database) == in_memory
    out = capsys.readouterr().out
    assert f"{len(in_memory['documents'])} documents" in out
    assert f"{len(in_memory['foi_table_cells'])} cells" in out
    # The Parquet staging folder beside the database is gone.
    assert [p.name for p in database.parent.iterdir()] == ["warehouse.duckdb"]


def test_the_cli_refuses_a_zero_batch_size(folder: Path, tmp_path: Path, capsys) -> None:
    code = ingest_main(
        ["--documents", str(folder), "--database", str(tmp_path / "w.duckdb"), "--batch-size", "0"]
    )
    assert code == 2
    assert "--batch-size" in capsys.readouterr().err
