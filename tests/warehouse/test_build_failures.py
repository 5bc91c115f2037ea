"""A damaged copy of the documents must fail the build, naming the document and the line."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_documents, run_build

FOI_2022 = "000_dbe143eee267caba.txt"
NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"


def _row_lines(text: str) -> list[tuple[int, str, list[str]]]:
    """(line number, label, numbers) for every line that ends in a run of 13 numbers."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(rf"^(.*?\D)\s*((?:(?:{NUMBER})\s+){{12}}(?:{NUMBER}))\s*$", line)
        if match:
            rows.append((number, match.group(1).strip(), match.group(2).split()))
    return rows


def test_a_changed_number_fails_the_build_naming_document_and_line(tmp_path: Path) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # A detail row with a non-zero first month: add one to it, so its row total and its
    # group's sum no longer hold.
    number, label, values = next(
        (n, lab, v)
        for n, lab, v in _row_lines("\n".join(lines))
        if lab[:1].isupper() and not lab.isupper() and lab != "Grand Total" and int(v[0]) > 0
    )
    old = lines[number - 1]
    lines[number - 1] = old.replace(f"{label} {values[0]} ", f"{label} {int(values[0]) + 1} ", 1)
    assert lines[number - 1] != old
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    assert result.returncode != 0
    # The gate on rpt_data_quality_issues names the line of the changed number, both as the
    # parser's row-total error and as the reconciliation check that failed there.
    assert f"{FOI_2022}:{number} [row_total_mismatch]" in result.output, result.output[-3000:]
    assert f"{FOI_2022}:{number} [failed_check]" in result.output


def test_a_missing_cell_no_total_can_prove_fails_the_build(tmp_path: Path) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # The victims row: no total row and no group stands over it, so only its own total
    # column remains, which cannot say which month was lost.
    number = next(n for n, label, _ in _row_lines("\n".join(lines)) if label.lower() == "victim")
    tokens = lines[number - 1].split()
    del tokens[3]
    lines[number - 1] = " ".join(tokens)
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    assert result.returncode != 0
    assert f"{FOI_2022}:{number} [missing_cell_unproven]" in result.output, result.output[-3000:]
    assert "no value is invented" in result.output
