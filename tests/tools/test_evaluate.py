"""make evaluate scores the marts against truth files, and nothing else.

The warehouses here are written by hand from the real corpus's truth files (a "perfect"
warehouse holds exactly what the truth says), so every expected number comes from the truth;
one end-to-end test runs the real command on three corpus documents.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tools.evaluate import METRIC_NAMES, main
from tools.evaluation.labels import is_period_label, normalise_label, normalise_reference
from tools.evaluation.marts import FACTS, read_marts
from tools.evaluation.scoring import Evaluation, evaluate
from tools.evaluation.truth import FACT_SUBJECTS, read_truth

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus" / "real"
# A reply with a crimes table, an offences table, suppressed cells and prose counts; a reply
# with a crimes table and a cut-off outcomes table; an article with counts in its sentences.
TABLES = "northumbria_1408-21_crimes_against_mps_harassment.txt"
CUT_OFF = "hampshire_CM-PA-000184-19_coercive_control_wdtk.txt"
ARTICLE = "news_kentonline_2015_kent_stalking_reports_rise.txt"
SHARE_METRICS = [
    "figures", "facts", "kind", "force", "force_all", "reference", "request_date",
    "response_date", "response_status", "cut_off", "prose_counts",
]  # fmt: skip
COUNT_METRICS = [
    "wrong", "missing", "invented", "fact_rows_outside", "fact_rows_totals", "fact_rows_unmatched",
]  # fmt: skip


def copy_corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
        shutil.copy(CORPUS / f"{name}.truth.json", folder / f"{name}.truth.json")
    return folder


def edit_truth(folder: Path, name: str, edit) -> None:
    path = folder / f"{name}.truth.json"
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))


def first_cell(data: dict, subject: str) -> dict:
    """The truth's first figure (value not null, not a total) of a table of that subject."""
    table = next(t for t in data["tables"] if t["subject"] == subject and t["complete"])
    return next(c for c in table["cells"] if c["value"] is not None and not c["is_total"])


def create(connection, table: str, columns: str, rows: list[tuple]) -> None:
    connection.execute(f"create table marts.{table} ({columns})")
    if rows:
        marks = ", ".join("?" for _ in rows[0])
        connection.executemany(f"insert into marts.{table} values ({marks})", rows)


def perfect_warehouse(
    truth_folder: Path,
    database: Path,
    *,
    status_column: bool = True,
    mentions_table: str = "fct_number_mentions",
    extra_cells: list[tuple] = (),
) -> Path:
    """The marts the scorer reads, holding exactly what the truth files say."""
    documents = read_truth(truth_folder)
    connection = duckdb.connect(str(database))
    connection.execute("create schema marts")
    create(
        connection,
        "dim_documents",
        "file_name varchar, document_kind varchar, force_key varchar",
        [(d.file, d.kind, d.force_key) for d in documents],
    )
    status = ", response_status varchar" if status_column else ""
    create(
        connection,
        "dim_foi_requests",
        f"file_name varchar, reference_number varchar, request_date date, response_date date"
        f"{status}",
        [
            (d.file, d.reference, d.request_date, d.response_date)
            + ((d.response_status,) if status_column else ())
            for d in documents
            if d.kind == "foi_response"
        ],
    )
    cells = [
        (c.file, c.line, c.value, " > ".join(c.row), c.row[-1] if c.row else None, c.column,
         c.period_start, c.period_end, "t")
        for d in documents for c in d.cells
    ]  # fmt: skip
    create(
        connection,
        "fct_table_cells",
        "file_name varchar, line_number integer, value double, row_path varchar, "
        "row_label varchar, column_label varchar, period_start date, period_end date, "
        "table_id varchar",
        cells + list(extra_cells),
    )
    for spec in FACTS:
        rows = [
            (c.file, c.line, c.value, c.row[-1] if c.row else None, c.period_start, c.period_end)
            for d in documents
            for c in d.cells
            if c.subject == spec.subject and c.table_complete and not c.is_total
            and c.value is not None
        ]  # fmt: skip
        label = spec.label_column or "no_label"
        create(
            connection,
            spec.table,
            f"file_name varchar, line_number integer, {spec.value_column} double, "
            f"{label} varchar, period_start date, period_end date",
            rows,
        )
    create(
        connection,
        "rpt_data_quality_issues",
        "file_name varchar, line_number integer, issue_code varchar",
        [(d.file, t.first_line, "table_cut_off") for d in documents for t in d.tables
         if not t.complete],
    )  # fmt: skip
    create(
        connection,
        mentions_table,
        "file_name varchar, line_number integer, mention_value double, number_kind varchar",
        [(d.file, p.line, p.value, "count") for d in documents for p in d.prose_counts],
    )
    connection.close()
    return database


def score(truth_folder: Path, database: Path) -> Evaluation:
    return evaluate(read_truth(truth_folder), read_marts(database))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus", [TABLES, CUT_OFF, ARTICLE])


def test_a_perfect_warehouse_scores_everything(corpus: Path, tmp_path: Path) -> None:
    result = score(corpus, perfect_warehouse(corpus, tmp_path / "w.duckdb"))
    truth = read_truth(corpus)
    figures = [c for d in truth for c in d.cells if c.value is not None]
    assert result.metrics["figures"].expected == len(figures) > 0
    for name in SHARE_METRICS:
        metric = result.metrics[name]
        assert metric.expected > 0, name
        assert metric.found == metric.expected, (name, metric)
    for name in COUNT_METRICS:
        assert result.metrics[name].found == 0, name
    assert result.items == []
    assert all(row.misses == 0 for row in result.documents)


def test_one_changed_figure_is_named_and_nothing_else(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    changed = {}

    def change_value(data: dict) -> None:
        cell = first_cell(data, "offences")
        cell["value"] += 1
        changed.update(cell)

    edit_truth(corpus, TABLES, change_value)
    result = score(corpus, database)
    figures = [i for i in result.items if i.area == "figure"]
    assert [(i.file, i.line, i.outcome) for i in figures if i.outcome != "invented"] == [
        (TABLES, changed["line"], "missing")
    ]
    # the warehouse's own cell on that line now matches no figure: it is the only invented one
    assert [(i.file, i.line) for i in figures if i.outcome == "invented"] == [
        (TABLES, changed["line"])
    ]
    assert {(i.file, i.line) for i in result.items} == {(TABLES, changed["line"])}
    assert result.metrics["figures"].found == result.metrics["figures"].expected - 1
    assert result.documents[0].file == TABLES
    assert f"line {changed['line']}" in " ".join(result.documents[0].differences)


def test_a_changed_label_or_period_makes_that_figure_wrong(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    lines = {}

    def change_label_and_period(data: dict) -> None:
        offence = first_cell(data, "offences")
        offence["row"] = [offence["row"][-1] + " offences"]
        crime = first_cell(data, "recorded_crimes")
        crime["period_end"] = "2099-12-31"
        lines.update(label=offence["line"], period=crime["line"])

    edit_truth(corpus, TABLES, change_label_and_period)
    result = score(corpus, database)
    figures = sorted((i.line, i.outcome) for i in result.items if i.area == "figure")
    assert figures == sorted([(lines["label"], "wrong"), (lines["period"], "wrong")])
    by_line = {i.line: i.found for i in result.items if i.area == "figure"}
    assert "absent" in by_line[lines["label"]]
    assert "period end" in by_line[lines["period"]]
    assert result.metrics["wrong"].found == 2
    assert result.metrics["missing"].found == result.metrics["invented"].found == 0


def test_an_invented_cell_is_counted(corpus: Path, tmp_path: Path) -> None:
    truth = next(d for d in read_truth(corpus) if d.file == TABLES)
    free_line = max(t.last_line for t in truth.tables) + 1
    assert truth.table_at(free_line) is None
    extra = [(TABLES, free_line, 7.0, "Row", "Row", "Count", None, None, "t9")]
    result = score(corpus, perfect_warehouse(corpus, tmp_path / "w.duckdb", extra_cells=extra))
    assert result.metrics["invented"].found == 1
    assert [(i.file, i.line, i.outcome) for i in result.items] == [(TABLES, free_line, "invented")]


def test_a_number_on_a_suppressed_cell_is_invented_and_a_null_never(
    corpus: Path, tmp_path: Path
) -> None:
    truth = next(d for d in read_truth(corpus) if d.file == TABLES)
    blank = next(c for c in truth.cells if c.value is None)
    null_cell = (TABLES, blank.line, None, "x", "x", "x", None, None, "t")
    zero_cell = (TABLES, blank.line, 0.0, "x", "x", "x", None, None, "t")
    database = perfect_warehouse(corpus, tmp_path / "a.duckdb", extra_cells=[null_cell])
    assert score(corpus, database).metrics["invented"].found == 0
    database = perfect_warehouse(corpus, tmp_path / "b.duckdb", extra_cells=[zero_cell])
    assert score(corpus, database).metrics["invented"].found == 1


def test_a_fact_row_from_a_cut_off_table_is_counted(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    truth = next(d for d in read_truth(corpus) if d.file == CUT_OFF)
    cut = next(t for t in truth.tables if not t.complete)
    connection = duckdb.connect(str(database))
    connection.execute(
        "insert into marts.fct_outcome_counts values (?, ?, 5, 'Charged', null, null)",
        [CUT_OFF, cut.last_line],
    )
    connection.close()
    result = score(corpus, database)
    assert result.metrics["fact_rows_outside"].found == 1
    assert [(i.line, i.outcome) for i in result.items] == [(cut.last_line, "from_incomplete")]


def test_absent_columns_are_not_available_not_a_crash(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(
        corpus,
        tmp_path / "w.duckdb",
        status_column=False,
        mentions_table="fct_article_number_mentions",
    )
    result = score(corpus, database)
    assert not result.metrics["response_status"].available
    assert result.metrics["response_status"].shown() == "not available"
    prose = result.metrics["prose_counts"]
    assert prose.found == prose.expected > 0
    assert "fct_article_number_mentions" in prose.note


def test_thresholds_exit_non_zero_and_name_the_metric(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    base = ["--corpus", str(corpus), "--warehouse", str(database), "--out", str(tmp_path / "o")]
    assert main([*base, "--require", "figures=100,invented=0,cut_off=100"]) == 0

    edit_truth(corpus, TABLES, lambda data: first_cell(data, "offences").update(value=-1))
    capsys.readouterr()
    assert main([*base, "--require", "figures=100,invented=0,kind=100"]) == 1
    errors = capsys.readouterr().err
    assert "figures:" in errors
    assert "invented: 1, required at most 0" in errors
    assert "kind" not in errors
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["run"]["missed_thresholds"]
    assert "Thresholds missed" in (tmp_path / "o" / "report.md").read_text()


def test_unknown_threshold_names_are_refused(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    argv = ["--corpus", str(corpus), "--warehouse", str(database), "--require", "figure=98"]
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2


def set_force(database: Path, file: str, force: str | None) -> None:
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "update marts.dim_documents set force_key = ? where file_name = ?", [force, file]
        )


def test_a_force_the_text_never_names_is_listed_not_counted(corpus: Path, tmp_path: Path) -> None:
    # The Northumbria reply never prints "Gwent": a truth saying gwent cannot be read from it.
    edit_truth(corpus, TABLES, lambda data: data.update(force_key="gwent"))
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    set_force(database, TABLES, None)
    result = score(corpus, database)
    named = [d for d in read_truth(corpus) if d.force_key is not None]
    force, every = result.metrics["force"], result.metrics["force_all"]
    assert (force.found, force.expected) == (len(named) - 1, len(named) - 1)
    assert (every.found, every.expected) == (len(named) - 1, len(named))
    assert TABLES in force.note
    [item] = [i for i in result.items if i.area == "force"]
    assert (item.file, item.expected) == (TABLES, "gwent")
    assert "names no force" in item.found


def test_a_wrong_or_missed_force_the_text_names_always_counts(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    set_force(database, TABLES, None)  # the reply names Northumbria Police: a miss
    missed = score(corpus, database).metrics["force"]
    assert missed.found == missed.expected - 1
    edit_truth(corpus, TABLES, lambda data: data.update(force_key="gwent"))
    set_force(database, TABLES, "northumbria")  # a force found, but not the truth's: counted
    wrong = score(corpus, database).metrics["force"]
    assert (wrong.found, wrong.expected) == (missed.found, missed.expected)


def test_every_metric_can_be_required(corpus: Path, tmp_path: Path) -> None:
    result = score(corpus, perfect_warehouse(corpus, tmp_path / "w.duckdb"))
    assert sorted(result.metrics) == sorted(METRIC_NAMES)
    assert set(SHARE_METRICS) | set(COUNT_METRICS) == set(METRIC_NAMES)


def test_the_scorer_never_imports_the_parser(corpus: Path, tmp_path: Path) -> None:
    database = perfect_warehouse(corpus, tmp_path / "w.duckdb")
    script = (
        "import sys\n"
        "from tools.evaluate import main\n"
        f"code = main(['--corpus', {str(corpus)!r}, '--warehouse', {str(database)!r},"
        f" '--out', {str(tmp_path / 'o')!r}])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m == 'ingest' or m.startswith('ingest.'))\n"
        "assert not loaded, loaded\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("2019", True),
        ("2014/2015", True),
        ("1999-2000", True),
        ("2004-05", True),
        ("01/07/2021", True),
        ("01.01.20 - 01.01.21", True),
        ("2020 up to 31st January", True),
        ("18-24", False),
        ("+75", False),
        ("Hartlepool United vs Gateshead - January 1st 2018", False),
        ("Count", False),
        ("", False),
    ],
)
def test_period_labels_are_checked_through_the_period(label: str, period: bool) -> None:
    assert is_period_label(label) is period


def test_labels_and_references_compare_in_form_only() -> None:
    assert normalise_label("Sum:") == normalise_label("sum")
    assert normalise_label("Further  investigation – police") == "further investigation - police"
    assert normalise_label("Burglary") != normalise_label("Robbery")
    assert normalise_reference("429- 25") == normalise_reference("429-25")
    assert normalise_reference("1075A/22") != normalise_reference("1075/22")


def test_fact_subjects_have_fact_tables() -> None:
    assert [spec.subject for spec in FACTS] == list(FACT_SUBJECTS)


def test_end_to_end_on_three_corpus_documents(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus", [TABLES, CUT_OFF, ARTICLE])
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, "-m", "tools.evaluate", "--corpus", str(corpus), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert len(completed.stdout.splitlines()) <= 25
    report = json.loads((out / "report.json").read_text())
    figures = [c for d in read_truth(corpus) for c in d.cells if c.value is not None]
    assert report["metrics"]["figures"]["expected"] == len(figures)
    assert report["run"]["build"] in {"passed", "failed"}
    assert sorted(row["file"] for row in report["documents"]) == sorted([TABLES, CUT_OFF, ARTICLE])
    assert (out / "warehouse.duckdb").exists()
    assert sorted(p.name for p in (out / "documents").iterdir()) == sorted(
        [TABLES, CUT_OFF, ARTICLE]
    )
    markdown = (out / "report.md").read_text()
    assert "## Documents, worst first" in markdown
    assert f"dbt build: {report['run']['build']}" in markdown
