"""Document-level reading of real FOI replies and articles: kind, page furniture, title,
reference, dates and response status.

Every fixture is a few lines cut from a document of the real corpus (tests/corpus/real), and
every expected value is read from that document's truth file (format: tests/corpus/README.md).
The last tests run over the whole corpus folder and assert the issue's targets.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from ingest.documents import Document, document_from_text, is_boilerplate, read_document
from ingest.foi_requests import parse_foi_request
from ingest.lines import line_frame

CORPUS = Path(__file__).parents[1] / "corpus" / "real"


@cache
def truth(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))


def real(name: str) -> Document:
    return read_document(CORPUS / name)


def cut(name: str, first: int, last: int) -> Document:
    """Lines first..last (1-based, inclusive) of a corpus document, as a document."""
    lines = real(name).lines[first - 1 : last]
    return document_from_text("\n".join(lines) + "\n", file_name=f"cut_{name}")


def request_row(doc: Document) -> dict:
    requests = parse_foi_request(doc)["foi_requests"]
    assert requests.height == 1, f"{doc.file_name}: read as no FOI reply"
    return requests.row(0, named=True)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def loose(text: str | None) -> str | None:
    """References compare without spaces and case ('429- 25' as printed)."""
    return "".join(text.split()).casefold() if text else None


# --- page furniture ------------------------------------------------------------------------

# (document, first line, last line): a cookie banner and site notices of a disclosure log; a
# request-thread site's header and status line; a document-sharing site's chrome; navigation.
FURNITURE = [
    ("cleveland_38-25_outcome_21_briefing.txt", 1, 7),
    ("btp_wdtk_1009-11_thefts_railway_mojibake.txt", 3, 3),
    ("hampshire_CM-PA-000184-19_coercive_control_wdtk.txt", 1, 1),
    ("nottinghamshire_002183-13_arrests_s40_refusal_1library.txt", 3, 4),
    ("wmp_1075A-22_revenge_porn.txt", 1, 1),
    ("avon-somerset_1283-17_controlling_coercive.txt", 1, 3),
    ("norfolk-suffolk_FOI-006860-17_custody_suites_docslib.txt", 1, 1),
]


@pytest.mark.parametrize(("name", "first", "last"), FURNITURE)
def test_page_furniture_is_a_line_kind_of_its_own(name: str, first: int, last: int) -> None:
    doc = real(name)
    furniture = [n for n in range(first, last + 1) if doc.lines[n - 1].strip()]
    lines = line_frame(doc, {})
    # Every line is accounted for, the furniture as 'boilerplate'.
    assert lines.height == doc.line_count
    kinds = dict(zip(lines["line_number"].to_list(), lines["line_kind"].to_list(), strict=True))
    assert {kinds[n] for n in furniture} == {"boilerplate"}
    assert doc.title is not None and not is_boilerplate(doc.title)


def test_the_reply_itself_is_not_furniture() -> None:
    # The reference line under a cookie banner, the reply's first sentence.
    doc = real("cleveland_38-25_outcome_21_briefing.txt")
    assert not is_boilerplate(doc.lines[7])  # 'Enquiry Reference: FOI: 38-25'
    assert truth("cleveland_38-25_outcome_21_briefing.txt")["reference"] == "38-25"
    assert request_row(doc)["reference_number"] == "38-25"


def test_no_title_in_the_corpus_is_furniture() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_document(path)
        assert doc.title is None or not is_boilerplate(doc.title), path.name


# --- kind ---------------------------------------------------------------------------------

KINDS = [
    # a disclosure-log reply under a cookie banner (read as news before)
    ("essex_PUB1380-16266_stalking_data_10_years_s12.txt", 1, 25),
    # a request thread: status line, the request, the force's acknowledgement
    ("btp_wdtk_1009-11_thefts_railway_mojibake.txt", 1, 30),
    # a reply that quotes the request without numbering it
    ("cleveland_11177_cyber_crime_2019.txt", 1, 15),
    # a PDF letter rendered by a request-thread site
    ("hampshire_CM-PA-000829-21_dog_thefts_s12_wdtk_pdf.txt", 1, 60),
    # news that says figures were obtained under the Freedom of Information Act
    ("news_blackpoolgazette_2015_lancashire_stalking_117_foi.txt", 1, 12),
    ("news_expressandstar_2016-02-06_wmp_facebook_stalkers.txt", 1, 12),
    # a parliamentary written answer
    ("hansard_2006-06-14_force_area_by_year_one_cell_per_line_pipe.txt", 1, 40),
]


@pytest.mark.parametrize(("name", "first", "last"), KINDS)
def test_kind_from_the_content(name: str, first: int, last: int) -> None:
    assert cut(name, first, last).document_kind == truth(name)["kind"]


# --- references -----------------------------------------------------------------------------

REFERENCES = [
    ("wmp_1075A-22_revenge_porn.txt", 1, 5),  # Revenge Porn (1075A/22)
    ("copfs_R008987_2014_stalking_cases.txt", 1, 8),  # Stalking Cases (R008987 and R009802)
    ("hampshire_CM-PA-000184-19_coercive_control_wdtk.txt", 38, 47),  # Our ref: / CM/PA/…
    ("met_01.FOI.22.023166_stalking_offences_detections.txt", 8, 10),  # reference no: 01.FOI…
    ("psni_FOI-14014_stalking_harassment_statistics_s12.txt", 1, 4),  # Request Number: FOI/…
    ("psni_F-2023-01450_intentional_harassment_125-09.txt", 1, 6),  # Reference: F-2023-01450
    ("cleveland_429-25_malicious_comms_arrests_table.txt", 8, 10),  # Enquiry Reference: 429- 25
    ("norfolk-suffolk_FOI-006860-17_custody_suites_docslib.txt", 1, 5),  # No: FOI 006860-17
    ("northumbria_951-18_online_crime.txt", 30, 33),  # FOI 951/18
    ("northumbria_487-16_coercive_control.txt", 1, 6),  # Coercive control - 487/16
    ("btp_wdtk_1009-11_thefts_railway_mojibake.txt", 23, 30),  # Right to know request 1009-11
    ("essex_PUB1393-16717_stalking_offences_spo_2020-2022.txt", 8, 12),  # PUB 1393 / 16717
    ("staffordshire_FOI-4505_arrests_hanley_attachment_docest.txt", 1, 8),  # Our Ref FOI 4505
    ("south-yorkshire_20171967_crimes_over_christmas_spreadsheet_ncnd.txt", 1, 8),
]


@pytest.mark.parametrize(("name", "first", "last"), REFERENCES)
def test_references_in_the_forms_printed(name: str, first: int, last: int) -> None:
    doc = cut(name, first, last)
    assert loose(request_row(doc)["reference_number"]) == loose(truth(name)["reference"])


def test_the_requesters_own_reference_and_a_phone_number_are_no_reference() -> None:
    # 'Your Ref:' (empty) sits under the force's 'Our Ref FOI 4505'; Durham's letterhead
    # prints 'Tel. No: 0191 …' above 'Our Ref: SRT/DC/FOI/162/15'.
    staffordshire = "staffordshire_FOI-4505_arrests_hanley_attachment_docest.txt"
    assert request_row(cut(staffordshire, 5, 8))["reference_number"] is None
    durham = "durham_SRT-DC-FOI-162-15_students_sexual_assault_harassment_stalking_s12_docsbay.txt"
    row = request_row(cut(durham, 1, 12))
    assert row["reference_number"] == truth(durham)["reference"]


# --- dates --------------------------------------------------------------------------------

RESPONSE_DATES = [
    ("northumbria_1188-19_cyber_stalking.txt", 1, 8),  # Date Responded 07 November 2019
    ("northumbria_487-16_coercive_control.txt", 1, 12),  # Dated: 22 Apr 2016
    ("northumbria_794-14_domestic_violence_calls_arrests.txt", 1, 14),  # Date of response: …
    ("psni_F-00843_stalking_cyberstalking.txt", 1, 6),  # October 21, 2021 | Crime/Incident …
    ("jersey_foi-6692_cyberstalking_2013-2023.txt", 1, 8),  # … published on / 22 August 2023.
    ("south-yorkshire_20171967_crimes_over_christmas_spreadsheet_ncnd.txt", 1, 16),
    ("hampshire_CM-PA-000184-19_coercive_control_wdtk.txt", 1, 55),  # a lone date line
    ("thames-valley_HQ-PA-003493-18_modern_slavery_s12_wdtk.txt", 1, 18),
    ("nottinghamshire_000915-15_ufo_sightings_area_by_year_flattened_docslib.txt", 1, 10),
    ("cleveland_9999-18_disclosure_log_multi_traffic_officers_list.txt", 1, 8),
    ("copfs_R013019_2016_stalking_s39_charges.txt", 1, 10),  # … Stalking (27/05/2016) (R…)
]


@pytest.mark.parametrize(("name", "first", "last"), RESPONSE_DATES)
def test_response_dates_in_the_forms_printed(name: str, first: int, last: int) -> None:
    assert iso(request_row(cut(name, first, last))["response_date"]) == truth(name)["response_date"]


REQUEST_DATES = [
    ("cambridgeshire_wdtk_0339-2014_undercover_policing_refused.txt", 20, 28),
    ("hampshire_CM-PA-000184-19_coercive_control_wdtk.txt", 45, 55),  # submitted / on the …
    ("northumbria_487-16_coercive_control.txt", 1, 12),  # your e mail dated 13 April 2016
    ("south-yorkshire_20171967_crimes_over_christmas_spreadsheet_ncnd.txt", 1, 16),
    ("staffordshire_FOI-4505_arrests_hanley_attachment_docest.txt", 1, 12),  # notified …
    ("avon-somerset_1283-17_controlling_coercive.txt", 30, 36),  # Date of request: 18.10.17.
    ("met_wdtk_2017090000451_coercive_control_stalking_harassment_arrests.txt", 30, 37),
    ("west-mercia_wdtk_11681_shpo_discharges_acknowledgement.txt", 36, 44),  # on 6^th April 2020
]


@pytest.mark.parametrize(("name", "first", "last"), REQUEST_DATES)
def test_request_dates_in_the_forms_printed(name: str, first: int, last: int) -> None:
    assert iso(request_row(cut(name, first, last))["request_date"]) == truth(name)["request_date"]


# --- response status ----------------------------------------------------------------------

STATUSES = [
    "wmp_911A-22_domestic_violence_monthly_and_age_gender_tables.txt",  # data (tables)
    "northumbria_487-16_coercive_control.txt",  # data in words ('Three arrests')
    "northumbria_1188-19_cyber_stalking.txt",  # the 'limitations and exemptions' preamble
    "wmp_1976-20_controlling_coercive_s12.txt",  # refused, s12
    "south-wales_825-25_s12_7069_occurrences.txt",  # refused: '7,069' counts work, not data
    "dyfed-powys_735-2021_stalking_data_s12-2.txt",  # refused: unable to confirm or deny
    "met_01.FOI.22.023036_threat_to_kill_facebook_s40.txt",  # partial: some disclosed, s40
    "essex_PUB1380-16266_stalking_data_10_years_s12.txt",  # partial: 'Part Disclosure'
    "wmp_840A-20_cyber_stalking_harassment.txt",  # attachment only: '(840A_20_attachment.pdf)'
    "northumbria_951-18_online_crime.txt",  # attachment only: 'as attached'
    "city-of-london_wdtk_2020_cctv_burglary_theft_not_held.txt",  # not held
    "west-mercia_wdtk_RFI6724-1_domestic_dispute_acknowledgement.txt",  # an acknowledgement
    "essex_PUB1393-16717_stalking_offences_spo_2020-2022.txt",  # cut off after the periods
    "wmp_1075A-22_revenge_porn.txt",  # only the request survives
]


@pytest.mark.parametrize("name", STATUSES)
def test_response_status_for_the_document(name: str) -> None:
    assert request_row(real(name))["response_status"] == truth(name)["response_status"]


def test_the_exemption_a_refusal_cites_is_kept() -> None:
    assert (
        "s12"
        in request_row(real("wmp_1976-20_controlling_coercive_s12.txt"))["response_exemptions"]
    )
    assert (
        "s40"
        in request_row(real("met_01.FOI.22.023036_threat_to_kill_facebook_s40.txt"))[
            "response_exemptions"
        ]
    )
    ncnd = request_row(real("dyfed-powys_735-2021_stalking_data_s12-2.txt"))
    assert "ncnd" in ncnd["response_exemptions"]


# --- the whole corpus against the targets -----------------------------------------


def corpus_scores() -> dict[str, tuple[int, int]]:
    found = {key: [0, 0] for key in ("kind", "reference", "response_date", "status")}
    for path in sorted(CORPUS.glob("*.txt")):
        expected = truth(path.name)
        doc = read_document(path)
        kind = "other" if doc.document_kind == "unknown" else doc.document_kind
        found["kind"][1] += 1
        found["kind"][0] += kind == expected["kind"]
        rows = parse_foi_request(doc)["foi_requests"]
        row = rows.row(0, named=True) if rows.height else {}
        checks = (
            ("reference", expected["reference"], loose(row.get("reference_number"))),
            ("response_date", expected["response_date"], iso(row.get("response_date"))),
        )
        for key, want, got in checks:
            if want is not None:
                found[key][1] += 1
                found[key][0] += (loose(want) if key == "reference" else want) == got
        if expected["kind"] == "foi_response":
            found["status"][1] += 1
            found["status"][0] += row.get("response_status") == expected["response_status"]
    return {key: (right, total) for key, (right, total) in found.items()}


TARGETS = {"kind": 0.98, "reference": 0.95, "response_date": 0.90, "status": 0.90}


def test_the_corpus_meets_the_document_targets() -> None:
    scores = corpus_scores()
    assert all(total > 0 for _, total in scores.values())
    missed = {
        key: f"{right}/{total}"
        for key, (right, total) in scores.items()
        if right < TARGETS[key] * total
    }
    assert not missed, f"below target: {missed}"
