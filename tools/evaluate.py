"""make evaluate: how far to trust the warehouse on a folder of annotated documents.

    python -m tools.evaluate --corpus tests/corpus/real [--require figures=98,invented=0]
    python -m tools.evaluate --corpus DIR --warehouse FILE   # score an existing warehouse

Builds a throwaway warehouse from the folder's documents with the normal ingest and dbt build,
compares its marts (never the parser's own output) with the `*.truth.json` files beside the
documents, and writes OUT/report.md and OUT/report.json. Exit status: 0, or 1 when a --require
threshold is missed, 2 when nothing could be scored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.evaluation.build import BuildError, build_warehouse
from tools.evaluation.marts import read_marts
from tools.evaluation.report import RunInfo, summary, write_reports
from tools.evaluation.scoring import Evaluation, evaluate
from tools.evaluation.thresholds import ThresholdError, missed_thresholds, parse_requirements
from tools.evaluation.truth import TRUTH_SUFFIX, read_truth

METRIC_HELP = """\
metrics for --require (shares are percentages, at least; counts are numbers, at most):
  figures               table figures right (value, line, period and labels)
  wrong, missing        table figures with a label or period wrong / with no cell (counts)
  invented              warehouse cells of annotated documents matching no figure (count)
  facts                 detail figures of complete crime/offence/role/outcome/victim tables
                        in their fact table with the right value, period and label
  fact_rows_outside     fact rows from cut-off tables, tables of another subject, or lines
                        in no table (count)
  fact_rows_totals      fact rows holding a printed total (count)
  fact_rows_unmatched   other fact rows matching no truth figure (count)
  kind, force, reference, request_date, response_date, response_status
                        document fields found / expected where the truth states them; force
                        counts the documents whose text names the truth's force (a document
                        naming none, left blank by the warehouse, is listed, not counted)
  force_all             force on every document whose truth gives one
  cut_off               cut-off or emptied tables reported in rpt_data_quality_issues
  prose_counts          counts in sentences found as number mentions of kind count
A metric whose mart or column does not exist is "not available" and misses any threshold.
"""
METRIC_NAMES = [
    "figures", "wrong", "missing", "invented", "facts", "fact_rows_outside", "fact_rows_totals",
    "fact_rows_unmatched", "kind", "force", "force_all", "reference", "request_date",
    "response_date", "response_status", "cut_off", "prose_counts",
]  # fmt: skip


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.evaluate",
        description="Score the warehouse against annotated documents (*.truth.json).",
        epilog=METRIC_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("tests/corpus/real"),
        help="folder of documents and their *.truth.json files",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("build/evaluate"),
        help="output folder: documents/, warehouse.duckdb, logs/, report.*",
    )
    parser.add_argument(
        "--warehouse", type=Path, help="score this existing warehouse instead of building one"
    )
    parser.add_argument(
        "--require",
        metavar="NAME=VALUE,...",
        help="thresholds, e.g. figures=98,invented=0 (names below)",
    )
    return parser.parse_args(argv)


def _run_info(arguments: argparse.Namespace, truth_files: list[str]) -> tuple[RunInfo, Path]:
    """Build (or take) the warehouse and say how it went."""
    if arguments.warehouse is not None:
        documents = [
            p.name
            for p in arguments.corpus.iterdir()
            if p.is_file() and not p.name.endswith(TRUTH_SUFFIX) and not p.name.startswith(".")
        ]
        info = RunInfo(str(arguments.corpus), str(arguments.warehouse), "not run (--warehouse)")
        warehouse = arguments.warehouse
    else:
        outcome = build_warehouse(arguments.corpus, arguments.out)
        documents = outcome.documents
        info = RunInfo(
            str(arguments.corpus),
            str(outcome.warehouse),
            outcome.status,
            outcome.failed_nodes,
            outcome.notes,
        )
        warehouse = outcome.warehouse
    info.truth_files = len(truth_files)
    info.documents_without_truth = sorted(set(documents) - set(truth_files))
    info.truth_without_document = sorted(set(truth_files) - set(documents))
    return info, warehouse


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        requirements = parse_requirements(arguments.require, METRIC_NAMES)
    except ThresholdError as error:
        print(error, file=sys.stderr)
        return 2
    if not arguments.corpus.is_dir():
        print(f"evaluate: {arguments.corpus} is not a folder", file=sys.stderr)
        return 2
    truth = read_truth(arguments.corpus)
    if not truth:
        print(f"evaluate: no *{TRUTH_SUFFIX} files in {arguments.corpus}", file=sys.stderr)
        return 2
    try:
        info, warehouse = _run_info(arguments, [document.file for document in truth])
    except BuildError as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 2
    evaluation: Evaluation = evaluate(truth, read_marts(warehouse))
    info.missed_thresholds = missed_thresholds(evaluation.metrics, requirements)
    write_reports(evaluation, info, arguments.out)
    print(summary(evaluation, info, arguments.out))
    for missed in info.missed_thresholds:
        print(f"evaluate: threshold missed: {missed}", file=sys.stderr)
    return 1 if info.missed_thresholds else 0


if __name__ == "__main__":
    sys.exit(main())
