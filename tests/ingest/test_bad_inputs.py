"""Bad input: each kind gets a precise issue; a document-level problem quarantines the
document, a table's problem names its table (dbt holds that table back); the rest loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from ingest.pipeline import load_folder

DOCUMENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "shipped"
FOI_2022 = "000_dbe143eee267caba.txt"
FOI_2019 = "001_92a5b072fd8db548.txt"


@pytest.fixture(scope="module")
def clean() -> dict[str, pl.DataFrame]:
    return load_folder(DOCUMENTS)


def load_with(
    tmp_path: Path, name: str, content: bytes, replacing: str | None = None
) -> dict[str, pl.DataFrame]:
    """The shipped documents and ``name``; a damaged copy of a shipped document is loaded
    ``replacing`` it (beside it, the copy is held back as its near-duplicate)."""
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    if replacing:
        (folder / replacing).unlink()
    (folder / name).write_bytes(content)
    return load_folder(folder)


def status_of(frames: dict[str, pl.DataFrame], name: str) -> list[str]:
    documents = frames["documents"]
    return documents.filter(pl.col("file_name") == name)["load_status"].to_list()


def errors_for(frames: dict[str, pl.DataFrame], name: str) -> list[dict]:
    issues = frames["parse_issues"]
    rows = issues.filter((pl.col("file_name") == name) & (pl.col("severity") == "error"))
    return rows.to_dicts()


def assert_others_intact(
    frames: dict[str, pl.DataFrame], clean: dict[str, pl.DataFrame], replaced: str | None = None
) -> None:
    """Every real document (but the one ``replaced``) still loads, with exactly the cells
    of a clean load."""
    documents = clean["documents"].filter(pl.col("file_name") != (replaced or ""))
    for name in documents["file_name"].to_list():
        assert status_of(frames, name) == ["loaded"], name
    clean_ids = documents["document_id"].to_list()
    kept = frames["foi_table_cells"].filter(pl.col("document_id").is_in(clean_ids))
    expected = clean["foi_table_cells"].filter(pl.col("document_id").is_in(clean_ids))
    assert kept.sort(kept.columns).equals(expected.sort(kept.columns))


def foi_text() -> str:
    return (DOCUMENTS / FOI_2022).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n \n\t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        # 0x81 and 0x8D are undefined in Windows-1252 and invalid in UTF-8.
        ("unknown_encoding.txt", "Offence caf\u00e9 ".encode("latin-1") + b"\x81\x8d", "not valid"),
    ],
)
def test_unreadable_files_are_quarantined_with_the_reason(
    tmp_path: Path, clean, name: str, content: bytes, reason: str
) -> None:
    frames = load_with(tmp_path, name, content)
    assert status_of(frames, name) == ["quarantined"]
    (error,) = errors_for(frames, name)
    assert error["issue_code"] == "unreadable_document"
    assert name in error["message"] and reason in error["message"]
    assert_others_intact(frames, clean)


def test_a_truncated_table_is_named_with_its_line_and_table(tmp_path: Path, clean) -> None:
    lines = foi_text().split("\n")
    # Cut the document inside the offence table: its last printed row loses its tail.
    cut = next(n for n, line in enumerate(lines, 1) if line.startswith("Harassment 448 "))
    truncated = "\n".join([*lines[: cut - 1], " ".join(lines[cut - 1].split()[:4])])
    frames = load_with(tmp_path, "truncated.txt", truncated.encode(), replacing=FOI_2022)
    # The document loads; the error names the table, which dbt holds back from the facts.
    assert status_of(frames, "truncated.txt") == ["loaded"]
    errors = [e for e in errors_for(frames, "truncated.txt") if e["line_number"] == cut]
    assert errors and all(e["table_id"] for e in errors)
    assert_others_intact(frames, clean, replaced=FOI_2022)


def test_a_non_numeric_token_where_a_number_should_be_is_named(tmp_path: Path, clean) -> None:
    lines = foi_text().split("\n")
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("Harassment 448 "))
    lines[number - 1] = lines[number - 1].replace(" 521 ", " 5z1 ", 1)
    frames = load_with(tmp_path, "typo.txt", "\n".join(lines).encode(), replacing=FOI_2022)
    assert status_of(frames, "typo.txt") == ["loaded"]
    errors = [e for e in errors_for(frames, "typo.txt") if e["line_number"] == number]
    assert errors and any("5z1" in (e["printed_text"] or "") for e in errors)
    assert all(e["table_id"] for e in errors)
    assert_others_intact(frames, clean, replaced=FOI_2022)


def test_missing_cells_no_total_can_prove_are_not_invented(tmp_path: Path, clean) -> None:
    lines = foi_text().split("\n")
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("VICTIM "))
    tokens = lines[number - 1].split()
    del tokens[5]
    lines[number - 1] = " ".join(tokens)
    frames = load_with(tmp_path, "lost_cell.txt", "\n".join(lines).encode(), replacing=FOI_2022)
    assert status_of(frames, "lost_cell.txt") == ["loaded"]
    (error,) = [e for e in errors_for(frames, "lost_cell.txt") if e["line_number"] == number]
    assert error["issue_code"] == "missing_cell_unproven"
    assert error["table_id"]
    document_id = frames["documents"].filter(pl.col("file_name") == "lost_cell.txt")["document_id"][
        0
    ]
    row_cells = frames["foi_table_cells"].filter(
        (pl.col("document_id") == document_id) & (pl.col("line_number") == number)
    )
    assert row_cells.height > 0 and row_cells["cell_value"].null_count() == row_cells.height
    assert_others_intact(frames, clean, replaced=FOI_2022)


def test_the_same_document_under_two_names_loads_once(tmp_path: Path, clean) -> None:
    frames = load_with(tmp_path, "copy_of_2022.txt", (DOCUMENTS / FOI_2022).read_bytes())
    assert status_of(frames, "copy_of_2022.txt") == []  # not loaded a second time
    warnings = frames["parse_issues"].filter(pl.col("issue_code") == "duplicate_document")
    assert warnings["file_name"].to_list() == ["copy_of_2022.txt"]
    assert FOI_2022 in warnings["message"][0]
    assert_others_intact(frames, clean)


def test_a_revised_version_of_a_response_is_quarantined_naming_its_reference(
    tmp_path: Path, clean
) -> None:
    revised = (
        (DOCUMENTS / FOI_2019)
        .read_text(encoding="utf-8")
        .replace("She conducted a search", "She conducted a revised search")
    )
    frames = load_with(tmp_path, "zz_revised_2019.txt", revised.encode())
    assert status_of(frames, "zz_revised_2019.txt") == ["quarantined"]
    (error,) = errors_for(frames, "zz_revised_2019.txt")
    reference_line = next(
        n for n, line in enumerate(revised.split("\n"), 1) if "Reference No" in line
    )
    assert error["issue_code"] == "revised_document"
    assert error["line_number"] == reference_line and FOI_2019 in error["message"]
    assert_others_intact(frames, clean)
