"""Nothing is read from a file name: every real corpus document parses to the same rows under a
neutral name (analysts name their files as they like)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from ingest.pipeline import parse_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))


def _without_names(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.drop([c for c in frame.columns if c == "file_name"])


def _messages(issues: list, name: str) -> list[tuple]:
    return sorted(
        (i.line_number or 0, i.issue_code, i.severity, i.message.replace(name, "<file>"))
        for i in issues
    )


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name[:40])
def test_a_document_parses_the_same_under_a_neutral_name(path: Path, tmp_path: Path) -> None:
    neutral = tmp_path / "document.txt"
    shutil.copy(path, neutral)
    named, renamed = parse_path(path), parse_path(neutral)
    assert named.frames.keys() == renamed.frames.keys()
    for table in named.frames:
        assert _without_names(named.frames[table]).equals(_without_names(renamed.frames[table])), (
            table
        )
    assert _messages(named.issues, path.name) == _messages(renamed.issues, neutral.name)
