"""Near-duplicates: a shortened, lightly edited copy of a document already loaded (the same
article in another outlet) is loaded once and reported naming both files, in one run or in a
later scheduled run; different documents that share template wording are never merged."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb
import polars as pl
import pytest

from ingest.documents import read_document
from ingest.duplicates import (
    MIN_SHINGLES,
    NEAR_DUPLICATE_CONTAINMENT,
    Candidate,
    containment,
    figures_agree,
    fingerprint,
    near_duplicates,
    shingles,
)
from ingest.lines import is_table_line
from ingest.pipeline import load_folder, parse_path
from ingest.scheduled import RunRecord, building_path, ingest_incrementally

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
ARTICLE = "news_expressandstar_2022-01-27_wmp_stalking_surge.txt"
# Light edits another outlet makes: a tense, a synonym, a name's form (each printed once or
# more in ARTICLE; only the first is edited).
EDITS = (
    (" said ", " says "),
    ("shot up", "rose"),
    ("surged", "jumped"),
    ("Office for National Statistics", "ONS"),
)


def outlet_copy(text: str) -> str:
    """ARTICLE as another outlet prints it: its own masthead, every third paragraph dropped,
    a few words edited."""
    paragraphs = [line for line in text.splitlines() if line.strip()]
    kept = ["Another Outlet", *(p for i, p in enumerate(paragraphs[1:]) if i % 3 != 2)]
    copy = "\n\n".join(kept) + "\n"
    for old, new in EDITS:
        assert old in copy, old
        copy = copy.replace(old, new, 1)
    return copy


def statuses(frames: dict[str, pl.DataFrame]) -> dict[str, str]:
    return dict(frames["documents"].select("file_name", "load_status").iter_rows())


def near_duplicate_issues(frames: dict[str, pl.DataFrame]) -> list[dict]:
    issues = frames["parse_issues"].filter(pl.col("issue_code") == "near_duplicate")
    return issues.to_dicts()


@pytest.fixture
def article_and_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    text = (CORPUS / ARTICLE).read_text(encoding="utf-8")
    shutil.copy(CORPUS / ARTICLE, folder / ARTICLE)
    (folder / "another_outlet.txt").write_text(outlet_copy(text), encoding="utf-8")
    return folder


def test_the_copy_is_shorter_and_edited_but_scores_above_the_threshold(
    article_and_copy: Path,
) -> None:
    original = shingles(read_document(article_and_copy / ARTICLE).lines)
    copy = shingles(read_document(article_and_copy / "another_outlet.txt").lines)
    score, shared = containment(set(copy), original)
    # Not the same bytes, not the same shingles: the content hash cannot catch it.
    assert len(copy) < 0.8 * len(original)
    assert shared < len(copy)
    assert score >= NEAR_DUPLICATE_CONTAINMENT


def test_a_shortened_copy_in_another_outlet_is_loaded_once_naming_both_files(
    article_and_copy: Path,
) -> None:
    frames = load_folder(article_and_copy)
    # The longer (the original) is kept; the copy is held back, its figures out of the facts.
    assert statuses(frames) == {ARTICLE: "loaded", "another_outlet.txt": "quarantined"}
    (issue,) = near_duplicate_issues(frames)
    assert issue["file_name"] == "another_outlet.txt"
    assert issue["severity"] == "error"
    assert ARTICLE in issue["message"] and "another_outlet.txt" in issue["message"]


def test_which_copy_is_kept_does_not_depend_on_file_names(tmp_path: Path) -> None:
    # The copy named to sort first is still the one held back: the longer is kept.
    folder = tmp_path / "documents"
    folder.mkdir()
    text = (CORPUS / ARTICLE).read_text(encoding="utf-8")
    (folder / "zz_original.txt").write_text(text, encoding="utf-8")
    (folder / "aa_copy.txt").write_text(outlet_copy(text), encoding="utf-8")
    frames = load_folder(folder)
    assert statuses(frames) == {"zz_original.txt": "loaded", "aa_copy.txt": "quarantined"}


def real_candidates() -> list[Candidate]:
    """Every real corpus document, by its shingles alone (no FOI identity: the text alone
    must not merge them)."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_document(path)
        found.append(Candidate(doc.document_id, path.name, fingerprint(doc.lines)))
    return found


def test_no_two_documents_of_the_real_corpus_are_near_duplicates() -> None:
    candidates = real_candidates()
    assert len(candidates) == 96
    assert near_duplicates(candidates) == []


def force_of(path: Path) -> str | None:
    truth = CORPUS / f"{path.name}.truth.json"
    return json.loads(truth.read_text(encoding="utf-8")).get("force_key")


def test_replies_sharing_a_template_score_below_the_threshold() -> None:
    # One force's replies to different requests share its preamble and closing; each pair
    # (North Yorkshire's two, Cleveland's six, ...) is scored, the smaller in the larger.
    by_force: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(CORPUS.glob("*.txt")):
        if not path.name.startswith("news_") and force_of(path):
            by_force[force_of(path)].append(path)
    assert len(by_force["north_yorkshire"]) == 2 and len(by_force["cleveland"]) >= 2
    scored = 0
    for paths in by_force.values():
        for first, second in itertools.combinations(paths, 2):
            a, b = (shingles(read_document(p).lines) for p in (first, second))
            if min(len(a), len(b)) < MIN_SHINGLES:
                continue
            score, _ = containment(set(a), b)
            assert score < NEAR_DUPLICATE_CONTAINMENT, (first.name, second.name, score)
            scored += 1
    assert scored >= 20


def test_two_replies_of_one_force_are_loaded_whatever_they_share(tmp_path: Path) -> None:
    # The two North Yorkshire replies and Cleveland's, parsed as ingest does (FOI identities
    # included): every one loads.
    folder = tmp_path / "documents"
    folder.mkdir()
    names = sorted(
        p.name for p in CORPUS.glob("*.txt") if p.name.startswith(("north-yorkshire", "cleveland"))
    )
    assert len(names) >= 4
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    frames = load_folder(folder)
    assert near_duplicate_issues(frames) == []
    assert set(statuses(frames).values()) == {"loaded"}


def test_a_reply_to_another_request_is_never_a_near_duplicate(tmp_path: Path) -> None:
    # A force that answers two requests with the same wording (a duplicate request from
    # another requester): the replies differ only in their reference, so their shingles are
    # nearly all shared, yet they are two replies (the force + reference identity decides).
    name = "cleveland_900-24_stalking_protection_orders.txt"
    text = (CORPUS / name).read_text(encoding="utf-8")
    reference = json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))["reference"]
    assert reference in text
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "other_request.txt").write_text(text.replace(reference, "9999/24"), "utf-8")
    parsed = [parse_path(folder / n) for n in (name, "other_request.txt")]
    score, _ = containment(set(parsed[0].fingerprint.shingles), parsed[1].fingerprint.shingles)
    assert score >= NEAR_DUPLICATE_CONTAINMENT
    frames = load_folder(folder)
    assert near_duplicate_issues(frames) == []
    assert statuses(frames) == {name: "loaded", "other_request.txt": "loaded"}


def test_the_same_wording_with_other_figures_is_not_a_copy() -> None:
    # A real reply, and the same reply with every figure of its table lines one higher (as a
    # template filled in for another request would print): its words are nearly all shared,
    # its figures are not, so neither is held back.
    name = "nottinghamshire_002425-15_assaults_special_constables_s12_1library.txt"
    lines = read_document(CORPUS / name).lines
    other = [re.sub(r"\d+", lambda m: str(int(m[0]) + 1), line) if is_table_line(line) else line
             for line in lines]  # fmt: skip
    first = Candidate("a", name, fingerprint(lines))
    second = Candidate("b", "other_figures.txt", fingerprint(other))
    score, _ = containment(set(first.shingles), second.shingles)
    assert score >= NEAR_DUPLICATE_CONTAINMENT
    assert not figures_agree(first, second)
    assert near_duplicates([first, second]) == []


def test_too_little_text_is_never_called_a_copy() -> None:
    lines = ["Stalking rose by a tenth in the year to March, the figures show."]
    short = Candidate("a", "a.txt", fingerprint(lines))
    same = Candidate("b", "b.txt", fingerprint(lines))
    assert len(short.shingles) < MIN_SHINGLES
    assert near_duplicates([short, same]) == []


def scheduled_run(documents: Path, warehouse: Path) -> duckdb.DuckDBPyConnection:
    """The ingest half of a scheduled run (no dbt): parse what is new, publish the raw
    tables as the warehouse; returns a connection to the published warehouse."""
    building = building_path(warehouse)
    building.parent.mkdir()
    record = RunRecord(run_id="test", started_at="2026-01-01T00:00:00")
    ingest_incrementally(documents, building, warehouse, record)
    os.replace(building, warehouse)
    shutil.rmtree(building.parent)
    return duckdb.connect(str(warehouse), read_only=True)


def published_state(warehouse: Path, documents: Path) -> tuple[dict[str, str], list[tuple]]:
    con = scheduled_run(documents, warehouse)
    try:
        status = dict(con.execute("select file_name, load_status from raw.documents").fetchall())
        issues = con.execute(
            "select file_name, message from raw.parse_issues where issue_code = 'near_duplicate'"
        ).fetchall()
    finally:
        con.close()
    return status, issues


@pytest.mark.parametrize("first", ["original", "copy"])
def test_a_copy_arriving_in_a_later_scheduled_run_is_held_back(tmp_path: Path, first: str) -> None:
    """Whichever arrives first is published and stays; the later one is held back, even the
    longer: a copy never displaces figures analysts already read."""
    documents = tmp_path / "documents"
    documents.mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    text = (CORPUS / ARTICLE).read_text(encoding="utf-8")
    files = {"original": (ARTICLE, text), "copy": ("another_outlet.txt", outlet_copy(text))}
    later = "copy" if first == "original" else "original"
    (documents / files[first][0]).write_text(files[first][1], encoding="utf-8")
    status, issues = published_state(warehouse, documents)
    assert status == {files[first][0]: "loaded"} and issues == []

    (documents / files[later][0]).write_text(files[later][1], encoding="utf-8")
    status, issues = published_state(warehouse, documents)
    assert status == {files[first][0]: "loaded", files[later][0]: "quarantined"}
    ((file_name, message),) = issues
    assert file_name == files[later][0]
    assert files[first][0] in message

    # A run that changes nothing keeps it so (the copy's rows are carried over as they are).
    status, issues = published_state(warehouse, documents)
    assert status == {files[first][0]: "loaded", files[later][0]: "quarantined"}
    assert [name for name, _ in issues] == [files[later][0]]
