"""Per-document fields, cut-off tables and prose counts: each a check, found or not.

A field is expected only where the truth states it (a force, a reference, a date that is not
null; a response status for FOI replies). Several FOI requests on one page: a field is found when
any of the document's requests carries it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from tools.evaluation.labels import normalise_reference
from tools.evaluation.marts import CUT_OFF_ISSUE_CODES, Marts
from tools.evaluation.truth import TruthDocument

CUT_OFF_WINDOW = 5  # an issue may be reported up to 5 lines after the table's last line
LEGACY_KINDS = {"unknown": "other"}


@dataclass(frozen=True)
class Check:
    metric: str
    file: str
    line: int | None
    expected: str
    found: str
    ok: bool


def _kind(kind: str | None) -> str | None:
    return LEGACY_KINDS.get(kind, kind) if kind is not None else None


def _shown(values: list[str | None]) -> str:
    shown = sorted({value for value in values if value is not None})
    return ", ".join(shown) if shown else "none"


def document_checks(documents: list[TruthDocument], marts: Marts) -> dict[str, list[Check]]:
    """kind and force from dim_documents; the FOI fields from dim_foi_requests."""
    checks: dict[str, list[Check]] = defaultdict(list)
    loaded = {row.file: row for row in marts.documents or []}
    requests = defaultdict(list)
    for request in marts.foi_requests or []:
        requests[request.file].append(request)
    for document in documents:
        row = loaded.get(document.file)
        if marts.documents is not None:
            kind = _kind(row.kind) if row else None
            checks["kind"].append(
                Check(
                    "kind",
                    document.file,
                    None,
                    document.kind,
                    kind or "not loaded",
                    kind == document.kind,
                )
            )
            if document.force_key is not None:
                force = row.force_key if row else None
                checks["force"].append(
                    Check(
                        "force",
                        document.file,
                        None,
                        document.force_key,
                        force or "none",
                        force == document.force_key,
                    )
                )
        if marts.foi_requests is not None:
            _request_checks(document, requests[document.file], marts, checks)
    return dict(checks)


def _request_checks(
    document: TruthDocument, requests: list, marts: Marts, checks: dict[str, list[Check]]
) -> None:
    file = document.file
    if document.reference is not None:
        found = [r.reference for r in requests]
        wanted = normalise_reference(document.reference)
        checks["reference"].append(
            Check(
                "reference",
                file,
                None,
                document.reference,
                _shown(found),
                any(normalise_reference(value) == wanted for value in found if value),
            )
        )
    for metric in ("request_date", "response_date"):
        expected = getattr(document, metric)
        if expected is not None:
            found = [getattr(r, metric) for r in requests]
            checks[metric].append(
                Check(metric, file, None, expected, _shown(found), expected in found)
            )
    if (
        marts.has_response_status
        and document.kind == "foi_response"
        and document.response_status is not None
    ):
        found = [r.response_status for r in requests]
        checks["response_status"].append(
            Check(
                "response_status",
                file,
                None,
                document.response_status,
                _shown(found),
                document.response_status in found,
            )
        )


def cut_off_checks(documents: list[TruthDocument], marts: Marts) -> list[Check]:
    """Every truth table with complete=false is reported by an issue on its lines or just after
    them (to the end of the document when the table ends within the window of it)."""
    lines_by_file: dict[str, list[int]] = defaultdict(list)
    for issue in marts.issues or []:
        if issue.issue_code in CUT_OFF_ISSUE_CODES and issue.line is not None:
            lines_by_file[issue.file].append(issue.line)
    checks = []
    for document in documents:
        for table in document.tables:
            if table.complete:
                continue
            last = table.last_line + CUT_OFF_WINDOW
            if document.line_count is not None and last >= document.line_count:
                last = 10**9
            reported = [ln for ln in lines_by_file[document.file] if table.first_line <= ln <= last]
            found = f"issue on line {min(reported)}" if reported else "not reported"
            checks.append(
                Check(
                    "cut_off",
                    document.file,
                    table.first_line,
                    f"lines {table.first_line}-{table.last_line} cut off",
                    found,
                    bool(reported),
                )
            )
    return checks


def prose_checks(documents: list[TruthDocument], marts: Marts) -> list[Check]:
    """A prose count is found when a number mention of kind count has its value on its line."""
    available: Counter[tuple[str, int, float]] = Counter()
    for mention in marts.mentions or []:
        if mention.number_kind == "count" and mention.value is not None:
            available[(mention.file, mention.line, round(mention.value, 6))] += 1
    checks = []
    for document in documents:
        for count in document.prose_counts:
            key = (document.file, count.line, round(float(count.value), 6))
            ok = available[key] > 0
            if ok:
                available[key] -= 1
            checks.append(
                Check(
                    "prose_counts",
                    document.file,
                    count.line,
                    f"{count.value:g} ({count.what})",
                    "count mention" if ok else "not found",
                    ok,
                )
            )
    return checks
