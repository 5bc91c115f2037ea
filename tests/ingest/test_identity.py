"""Identity of an FOI reply: its reference is unique within its force, not nationally. Two
forces' replies that print the same reference are two documents; a second reply of the same
force and reference with other content is a revised version, quarantined."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from ingest.pipeline import assemble, load_folder, parse_path, request_identity

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
# Two real replies of two forces that print their references in the same style (NNNN/YYYY).
FIRST = "cambridgeshire_wdtk_0339-2014_undercover_policing_refused.txt"
SECOND = "dyfed-powys_1135-2024_stalking_clinic.txt"


def truth(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def same_reference(tmp_path: Path) -> Path:
    """FIRST, and SECOND printing FIRST's reference in place of its own."""
    folder = tmp_path / "documents"
    folder.mkdir()
    shutil.copy(CORPUS / FIRST, folder / FIRST)
    text = (CORPUS / SECOND).read_text(encoding="utf-8")
    own, shared = truth(SECOND)["reference"], truth(FIRST)["reference"]
    assert own in text
    (folder / SECOND).write_text(text.replace(own, shared), encoding="utf-8")
    return folder


def requests_of(frames: dict[str, pl.DataFrame]) -> dict[str, tuple[str, str]]:
    return {
        r["file_name"]: (r["force_name"], r["reference_number"])
        for r in frames["foi_requests"].iter_rows(named=True)
    }


def statuses(frames: dict[str, pl.DataFrame]) -> dict[str, str]:
    return dict(frames["documents"].select("file_name", "load_status").iter_rows())


def revised_issues(frames: dict[str, pl.DataFrame]) -> list[str]:
    issues = frames["parse_issues"].filter(pl.col("issue_code") == "revised_document")
    return issues["file_name"].to_list()


def test_two_forces_sharing_a_reference_are_two_documents(same_reference: Path) -> None:
    frames = load_folder(same_reference)
    requests = requests_of(frames)
    # The same reference is read from both, under two forces.
    assert requests[FIRST][1] == requests[SECOND][1] == truth(FIRST)["reference"]
    assert request_identity(*requests[FIRST]) != request_identity(*requests[SECOND])
    assert revised_issues(frames) == []
    assert statuses(frames) == {FIRST: "loaded", SECOND: "loaded"}


def test_a_reference_kept_from_an_earlier_build_is_per_force_too(same_reference: Path) -> None:
    # As the scheduled build does: FIRST is already in the published warehouse.
    kept = parse_path(same_reference / FIRST).frames["foi_requests"].row(0, named=True)
    known = {request_identity(kept["force_name"], kept["reference_number"]): FIRST}
    frames = assemble([parse_path(same_reference / SECOND)], known_references=known)
    assert revised_issues(frames) == []
    assert statuses(frames) == {SECOND: "loaded"}


def test_the_same_force_and_reference_with_other_content_is_a_revised_version(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    shutil.copy(CORPUS / FIRST, folder / FIRST)
    text = (CORPUS / FIRST).read_text(encoding="utf-8")
    (folder / "zz_revised.txt").write_text(text + "\nA revised reply.\n", encoding="utf-8")
    frames = load_folder(folder)
    assert revised_issues(frames) == ["zz_revised.txt"]
    assert statuses(frames) == {FIRST: "loaded", "zz_revised.txt": "quarantined"}


def test_a_force_printed_with_or_without_its_kind_is_one_force() -> None:
    # Both spellings are read from real Cleveland replies of the corpus.
    names = set()
    for path in sorted(CORPUS.glob("cleveland_9*.txt")):
        requests = parse_path(path).frames["foi_requests"]
        names.update(requests["force_name"].drop_nulls().to_list())
    assert {"Cleveland Police", "Cleveland Police Service"} <= names
    assert len({request_identity(name, "1/23") for name in names}) == 1
    assert request_identity("Cleveland Police", "1/23") != request_identity(
        "Dyfed Powys Police", "1/23"
    )
