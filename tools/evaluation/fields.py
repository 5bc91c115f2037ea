"""Per-document fields, cut-off tables and prose counts: each a list of checks, found or not.

A field is expected only where the truth states it (a force, a reference, a date that is not
null; a response status for FOI replies). Several FOI requests on one page: a field is found when
any of the document's requests carries it. Each function returns None when the mart or column
it needs does not exist (the metric is then not available).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from tools.evaluation.force_names import document_text, names_force
from tools.evaluation.labels import normalise_reference
from tools.evaluation.marts import CUT_OFF_ISSUE_CODES, FoiRequestRow, Marts
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
    counted: bool = True  # False: reported, but outside the metric's denominator


def _shown(values: list[str | None]) -> str:
    shown = sorted({value for value in values if value is not None})
    return ", ".join(shown) if shown else "none"


def kind_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    if marts.documents is None:
        return None
    kinds = {row.file: LEGACY_KINDS.get(row.kind or "", row.kind) for row in marts.documents}
    return [
        Check("kind", d.file, None, d.kind, kinds.get(d.file) or "not loaded",
              kinds.get(d.file) == d.kind)
        for d in documents
    ]  # fmt: skip


def force_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    """The truth's force against dim_documents; the target counts documents that name it.

    A document whose truth gives a force its text never names (see force_names), and for which
    the warehouse found no force, is reported but not counted. A wrong force always counts.
    """
    if marts.documents is None:
        return None
    forces = {row.file: row.force_key for row in marts.documents}
    checks = []
    for d in documents:
        if d.force_key is None:
            continue
        found = forces.get(d.file)
        text = document_text(d.path)
        unnamed = found is None and text is not None and not names_force(text, d.force_key)
        shown = "none (the text names no force: not counted)" if unnamed else found or "none"
        checks.append(
            Check("force", d.file, None, d.force_key, shown, found == d.force_key, not unnamed)
        )
    return checks


def _requests(marts: Marts) -> dict[str, list[FoiRequestRow]]:
    requests: dict[str, list[FoiRequestRow]] = defaultdict(list)
    for request in marts.foi_requests or []:
        requests[request.file].append(request)
    return requests


def _request_field_checks(
    documents: list[TruthDocument],
    marts: Marts,
    metric: str,
    same: Callable[[str, str], bool],
) -> list[Check] | None:
    """The truth's value of `metric` against the same-named field of the document's requests."""
    if marts.foi_requests is None:
        return None
    requests = _requests(marts)
    checks = []
    for document in documents:
        expected = getattr(document, metric)
        if expected is None:
            continue
        found = [getattr(request, metric) for request in requests[document.file]]
        ok = any(value is not None and same(value, expected) for value in found)
        checks.append(Check(metric, document.file, None, expected, _shown(found), ok))
    return checks


def _equal(found: str, expected: str) -> bool:
    return found == expected


def _same_reference(found: str, expected: str) -> bool:
    return normalise_reference(found) == normalise_reference(expected)


def reference_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    return _request_field_checks(documents, marts, "reference", _same_reference)


def request_date_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    return _request_field_checks(documents, marts, "request_date", _equal)


def response_date_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    return _request_field_checks(documents, marts, "response_date", _equal)


def response_status_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    if not marts.has_response_status:
        return None
    replies = [document for document in documents if document.kind == "foi_response"]
    return _request_field_checks(replies, marts, "response_status", _equal)


def cut_off_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    """Every truth table with complete=false is reported by an issue on its lines or up to 5
    after them (to the end of the document when the table ends within 5 lines of it)."""
    if marts.issues is None:
        return None
    lines_by_file: dict[str, list[int]] = defaultdict(list)
    for issue in marts.issues:
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
            reported = [n for n in lines_by_file[document.file] if table.first_line <= n <= last]
            expected = f"lines {table.first_line}-{table.last_line} cut off"
            found = f"issue on line {min(reported)}" if reported else "not reported"
            checks.append(
                Check("cut_off", document.file, table.first_line, expected, found, bool(reported))
            )
    return checks


def prose_checks(documents: list[TruthDocument], marts: Marts) -> list[Check] | None:
    """A prose count is found when a number mention of kind count has its value on its line
    (each mention answers one count)."""
    if marts.mentions is None:
        return None
    available: Counter[tuple[str, int, float]] = Counter()
    for mention in marts.mentions:
        if mention.number_kind == "count" and mention.value is not None:
            available[(mention.file, mention.line, round(mention.value, 6))] += 1
    checks = []
    for document in documents:
        for count in document.prose_counts:
            key = (document.file, count.line, round(float(count.value), 6))
            ok = available[key] > 0
            available[key] -= ok
            expected = f"{count.value:g} ({count.what})"
            found = "count mention" if ok else "not found"
            checks.append(Check("prose_counts", document.file, count.line, expected, found, ok))
    return checks


FIELD_CHECKS: dict[str, Callable[[list[TruthDocument], Marts], list[Check] | None]] = {
    "kind": kind_checks,
    "force": force_checks,
    "reference": reference_checks,
    "request_date": request_date_checks,
    "response_date": response_date_checks,
    "response_status": response_status_checks,
    "cut_off": cut_off_checks,
    "prose_counts": prose_checks,
}
