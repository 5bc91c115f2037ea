"""Propose rows for seeds/published_figures.csv from an article's number mentions.

    python -m ingest.propose_figures documents/003_1e0ec12af96d52a2.txt
    python -m ingest.propose_figures --check seeds/published_figures.csv documents/*.txt

The first form prints candidate CSV rows (counts, percentages, ratios and durations; years,
dates and phone numbers are left out) for a human to review into the seed: the quote,
printed value, value, unit and approximation come from the parser; the metric is a guess
from nearby words and every other column is left for the reviewer. The second form reports
curated rows that no longer match the text (see ``ingest.news.check_curated_figures``).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import TextIO

import polars as pl

from ingest.documents import Document, read_document
from ingest.news import CURATED_COLUMNS, check_curated_figures, parse_news_article

PROPOSED_KINDS = ("count", "percentage", "ratio", "duration")
QUOTE_WORDS = 4

# For counts and durations: the first hint found in the words after the figure, then before
# it, then in both together.
METRIC_HINTS: tuple[tuple[str, str], ...] = (
    (r"\bcustodial sentence length|\baverage\b.*\bsentence", "average_custodial_sentence_length"),
    (r"\bcustodial", "custodial_sentences"),
    (r"\bsentence", "sentences"),
    (r"\bprosecut", "prosecutions"),
    (r"\bcharged\b|\bcharges\b", "charges"),
    (r"\bcaution", "cautions"),
    (r"\bwarning", "warnings"),
    (r"\bcommunity resolution", "community_resolutions"),
    (r"\bevidential", "evidential_difficulties"),
    (r"\bno detection|\boutcome yet", "no_outcome_yet"),
    (r"\bno action", "no_action"),
    (r"\breferred|\breferral", "referrals_to_cps"),
    (r"\blogged", "cases_logged"),
    (r"\bincidents?\b", "incidents"),
    (r"\brecorded\b.*\bcrimes\b", "recorded_crimes"),
    (r"\boffences\b", "offences"),
)
CHANGE_WORDS = re.compile(r"\bincrease|\bdecline|\brise\b|\bfall\b|\bdrop", re.IGNORECASE)


def guess_metric(words_before: str, words_after: str, number_kind: str) -> str:
    """A metric from the vocabulary, guessed from the words around a figure ('' if none)."""
    if number_kind == "percentage":
        return "percent_change" if CHANGE_WORDS.search(words_after) else "share_of_cases"
    if number_kind == "ratio":
        victim = re.search(r"\bvictim", words_after, re.IGNORECASE)
        return "prevalence" if victim else "share_of_cases"
    for context in (words_after, words_before, f"{words_before} {words_after}"):
        for pattern, metric in METRIC_HINTS:
            if re.search(pattern, context, re.IGNORECASE):
                return metric
    return ""


def quote_around(line: str, start: int, end: int, words: int = QUOTE_WORDS) -> str:
    """An exact substring of ``line``: the figure with up to ``words`` words either side."""
    before = re.search(rf"(?:\S+\s+){{0,{words}}}$", line[:start])
    after = re.match(rf"(?:\s+[^\s.;:!?]+){{0,{words}}}", line[end:])
    begin = before.start() if before else start
    finish = end + (after.end() if after else 0)
    return line[begin:finish].strip()


def printed_value(printed_text: str, qualifier: str | None, is_approximate: bool) -> str:
    """The number as printed, without an approximating qualifier ('more than 1,000' -> '1,000')."""
    if is_approximate and qualifier and printed_text.lower().startswith(qualifier):
        return printed_text[len(qualifier) :].strip()
    return printed_text


def proposed_rows(doc: Document) -> list[dict[str, str]]:
    mentions = parse_news_article(doc)["number_mentions"].filter(
        pl.col("number_kind").is_in(PROPOSED_KINDS)
    )
    prefix = Path(doc.file_name).stem.split("_")[0]
    rows = []
    for m in mentions.iter_rows(named=True):
        line = doc.lines[m["line_number"] - 1]
        printed = printed_value(m["printed_text"], m["qualifier"], m["is_approximate"])
        slug = re.sub(r"\W+", "_", printed.lower()).strip("_")
        row = dict.fromkeys(CURATED_COLUMNS, "")
        row.update(
            figure_id=f"d{prefix}_l{m['line_number']}_{slug}",
            file_name=doc.file_name,
            line_number=str(m["line_number"]),
            quote=quote_around(line, m["char_start"], m["char_end"]),
            printed_value=printed,
            value="" if m["value"] is None else repr(m["value"]).removesuffix(".0"),
            unit=m["unit"],
            metric=guess_metric(m["words_before"], m["words_after"], m["number_kind"]),
            is_approximate=str(m["is_approximate"]).lower(),
            note=f"proposed: {m['number_kind']}; review every column",
        )
        rows.append(row)
    return rows


def write_rows(rows: list[dict[str, str]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CURATED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="+", type=Path, help="article text files")
    parser.add_argument("--check", type=Path, help="a curated figures CSV to check instead")
    args = parser.parse_args(argv)
    docs = [read_document(path) for path in args.documents]
    if args.check:
        with args.check.open(encoding="utf-8", newline="") as handle:
            issues = check_curated_figures(csv.DictReader(handle), docs)
        for issue in issues:
            print(issue.describe())
        return 1 if issues else 0
    write_rows([row for doc in docs for row in proposed_rows(doc)], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
