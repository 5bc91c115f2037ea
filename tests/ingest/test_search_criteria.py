"""Search criteria read from real request and reply lines: each kind of phrase that can set
a figure's scope (flags, keyword searches, offence codes named in a sentence, 'recorded
crime' as a whole). Lines are found in tests/corpus/real by their printed words; every
expected code is a word printed on that line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.foi_requests import criteria_in_line

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"

# (document, words that find the line, expected (kind, code, printed text) in line order)
CASES = [
    (
        "avon-somerset_148235_cyber_crime_fy_one_cell_per_line_sum.txt",
        "have been flagged as",
        [("flag", "cyber-crime", "flagged as ‘cyber-crime.’")],
    ),
    (
        "avon-somerset_148235_cyber_crime_fy_one_cell_per_line_sum.txt",
        "Cyber flagged crime:",
        [("flag", "cyber", "Cyber flagged")],
    ),
    (
        "cleveland_429-25_malicious_comms_arrests_table.txt",
        "domestic qualifier",
        [("flag", "domestic", "domestic qualifier")],
    ),
    (
        "wmp_248A-24_coercive_control_stalking_gps_s12_10812.txt",
        "keyword search",
        [("keyword_search", "gps", "keyword search for GPS")],
    ),
    (
        "hampshire_CM-PA-000184-19_coercive_control_wdtk.txt",
        "offence code",
        [("offence_code", "08/67", "offence code 08/67")],
    ),
    (
        "north-yorkshire_560-202425_public_order_s127_rex_offences_HO_codes.txt",
        "Q1(a)",
        [("offence_code", "125/12", "HO Code: 125/12")],
    ),
    (
        "psni_F-2023-01450_intentional_harassment_125-09.txt",
        "classification code",
        [("offence_code", "125/09", "classification code 125/09")],
    ),
    (
        "news_expressandstar_2022-04-29_wm_biggest_crime_increase.txt",
        "total recorded crime",
        [("coverage", "all recorded crime", "total recorded crime")],
    ),
]


def line_with(name: str, words: str) -> str:
    (line,) = [
        line for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if words in line
    ]
    return line


@pytest.mark.parametrize(("name", "words", "expected"), CASES, ids=[c[1] for c in CASES])
def test_scope_phrases_are_read_as_printed(
    name: str, words: str, expected: list[tuple[str, str, str]]
) -> None:
    line = line_with(name, words)
    for _, code, text in expected:
        assert text in line
        assert code in line.casefold() or code == "all recorded crime"
    assert criteria_in_line(line, is_table=False) == expected


def test_words_before_flagged_that_name_no_flag_are_not_flags() -> None:
    """'VAP crimes that have been flagged with a 'domestic' marker': the flag is the
    marker's name, 'domestic'; 'been' before 'flagged' names no flag."""
    line = line_with(
        "west-mercia_wdtk_RFI6724-1_domestic_dispute_acknowledgement.txt", "have been flagged"
    )
    assert criteria_in_line(line, is_table=False) == [("flag", "domestic", "'domestic' marker")]
