"""The label maps are keyed by the normalisation rule, and every map row says where it was seen."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.labels import normalise_label

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "reference"
DOCUMENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "shipped"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
MAPS = ["offence_label_map.csv", "outcome_label_map.csv", "suspect_role_label_map.csv"]


def rows(seed: str) -> list[dict[str, str]]:
    with (SEEDS / seed).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("seed", MAPS)
def test_every_map_row_is_keyed_by_the_rule(seed: str) -> None:
    for row in rows(seed):
        if row["example_label"]:
            assert row["label_normalised"] == normalise_label(row["example_label"]), row


@pytest.mark.parametrize("seed", MAPS)
def test_a_label_seen_in_a_document_is_printed_on_the_named_line(seed: str) -> None:
    for row in rows(seed):
        if not row["document"]:
            continue
        # A shipped document, or one of the annotated corpus.
        path = next(
            d / row["document"] for d in (DOCUMENTS, CORPUS) if (d / row["document"]).exists()
        )
        lines = path.read_text(encoding="utf-8").split("\n")
        printed = " ".join(lines[int(row["line_number"]) - 1].split())
        # A wrapped label starts on the named line; its first words are printed there.
        first_words = " ".join(row["example_label"].split()[:4])
        assert first_words in printed, (row["example_label"], row["line_number"], printed)


@pytest.mark.parametrize(
    ("printed", "normalised"),
    [
        ("Caution – Adult (Inc Conditional Caution)", "caution - adult (inc conditional caution)"),
        ("CAUTION - ADULT(INC CONDITIONAL CAUTION)", "caution - adult (inc conditional caution)"),
        ("SUSPECT (NO ACTION)  EVIDENTIAL DIFF.", "suspect (no action) evidential diff"),
        ("action(victim support)", "action (victim support)"),
        ("-", "-"),
        ("Harassment etc. of a person in his home:", "harassment etc. of a person in his home"),
    ],
)
def test_normalise_label(printed: str, normalised: str) -> None:
    assert normalise_label(printed) == normalised
