"""Number mentions in the prose of real documents (FOI replies, articles, other).

Every line here is cut from the real corpus (tests/corpus/real) and every expected value is
read from its truth file: the counts a careful reader finds in the line's sentences
(``counts_in_prose``). A line whose truth lists no count must give no mention of kind
``count``: its years, dates, ages, phone numbers, sections of a law, references, question
numbers, money and durations are numbers of other kinds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from ingest.documents import read_document
from ingest.news import find_numbers, numbers, sentence_spans
from ingest.pipeline import parse_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
TARGET = 0.95  # share of the truth files' prose counts found as count mentions


@cache
def truth(file_name: str) -> dict[str, object]:
    return json.loads((CORPUS / f"{file_name}.truth.json").read_text(encoding="utf-8"))


def truth_counts(file_name: str, line_number: int) -> list[float]:
    counts = truth(file_name)["counts_in_prose"]
    assert isinstance(counts, list)
    return sorted(float(c["value"]) for c in counts if c["line"] == line_number)


def line_of(file_name: str, line_number: int) -> str:
    return read_document(CORPUS / file_name).lines[line_number - 1]


def counts_in_line(line: str) -> list[float]:
    """The values of the count mentions the parser finds in one line's sentences."""
    values = []
    for start, end in sentence_spans(line):
        for mention in find_numbers(line[start:end]):
            if mention.kind == "count" and mention.value is not None:
                values.append(mention.value)
    return sorted(values)


def lines_with_counts() -> list[tuple[str, int]]:
    return [
        ("wmp_705A-23_stalking_coercive_gps_s12.txt", 17),  # records that would need reading
        ("wmp_248A-24_coercive_control_stalking_gps_s12_10812.txt", 25),  # and 5 minutes each
        ("south-wales_825-25_s12_7069_occurrences.txt", 11),  # occurrences to read
        ("jersey_foi-6692_cyberstalking_2013-2023.txt", 11),  # 'nearly 2000 such records'
        ("northumbria_545-18_community_resolution_s12.txt", 14),  # '2277 times', 18 hour limit
        ("northumbria_487-16_coercive_control.txt", 31),  # '1. Three arrests have been made.'
        ("northumbria_487-16_coercive_control.txt", 33),  # '2. Two persons have received…'
        ("northumbria_1408-21_crimes_against_mps_harassment.txt", 44),  # '3. 2': answer 3 is 2
        ("norfolk-suffolk_FOI-006860-17_custody_suites_docslib.txt", 45),  # 'No cells were lost'
        ("norfolk-suffolk_FOI-006860-17_custody_suites_docslib.txt", 23),  # closed in 2011, 6 new
        ("avon-somerset_1283-17_controlling_coercive.txt", 27),  # 506 reports since Dec 2015
        ("news_blackpoolgazette_2015_lancashire_stalking_117_foi.txt", 30),  # 'seven offenders'
        ("news_kentonline_2015_kent_stalking_reports_rise.txt", 7),  # 'nine reports', a year
        ("news_halesowennews_2024_record_stalking_prosecutions_wm.txt", 9),  # and 15 months
    ]


@pytest.mark.parametrize(("file_name", "line_number"), lines_with_counts())
def test_counts_in_real_sentences_are_found(file_name: str, line_number: int) -> None:
    expected = truth_counts(file_name, line_number)
    assert expected, "the fixture line must hold a prose count in the truth file"
    assert counts_in_line(line_of(file_name, line_number)) == expected


# Lines whose numbers the truth files do not count, one class of wording each.
NOT_COUNTS = [
    ("cleveland_38-25_outcome_21_briefing.txt", 8),  # Enquiry Reference: FOI: 38-25
    ("wmp_1808A-21_stalking.txt", 3),  # Stalking (1808A/21)
    ("psni_FOI-14014_stalking_harassment_statistics_s12.txt", 2),  # Request Number: FOI/14014
    ("met_01.FOI.22.023036_threat_to_kill_facebook_s40.txt", 8),  # reference no: 01.FOI.22.…
    ("met_wdtk_2017090000451_coercive_control_stalking_harassment_arrests.txt", 32),  # long ref
    ("essex_PUB1268-16151_revenge_porn_2018-2021.txt", 9),  # PUB 1268
    ("northumbria_1408-21_crimes_against_mps_harassment.txt", 48),  # Section 40 (2)
    ("dyfed-powys_735-2021_stalking_data_s12-2.txt", 14),  # the Section 12(2) exemption
    ("north-yorkshire_560-202425_public_order_s127_rex_offences_HO_codes.txt", 10),  # Q1(a)., s5
    ("wmp_1075A-22_revenge_porn.txt", 27),  # '4.', outcome types 1, 14, 15 and 16
    ("wmp_1976-20_controlling_coercive_s12.txt", 3),  # '1)', section 76 of the … Act 2015
    ("psni_F-00843_stalking_cyberstalking.txt", 8),  # Act 1997, Act 1861, Act 2003, Act 1988
    ("cleveland_11177_cyber_crime_2019.txt", 17),  # victim under 16, 17/18 and over 18
    ("essex_1003-20442_sharing_sexual_images_008-71.txt", 11),  # section 33, aged 18 or older
    ("wmp_911A-22_domestic_violence_monthly_and_age_gender_tables.txt", 8),  # aged 16 or over
    ("nottinghamshire_000915-15_ufo_sightings_area_by_year_flattened_docslib.txt", 5),  # Tel/Ext
    ("avon-somerset_1283-17_controlling_coercive.txt", 35),  # Date of request: 18.10.17.
    ("kent_wdtk_2016_da_stalking_harassment_request.txt", 13),  # '2.', 29th December … 01.06.16
    ("west-mercia_wdtk_11681_shpo_discharges_acknowledgement.txt", 42),  # on 6^th April 2020
    ("south-wales_825-25_s12_7069_occurrences.txt", 14),  # £450, 18 hours of work
    ("merseyside_wdtk_cease_to_desist_harassment_letters_wirral.txt", 38),  # 20 working days
    ("news_eadt_2019_essex_stalking_harassment_78pc.txt", 7),  # 'an average of 42 … each day'
    ("news_cumbria-pcc_2023_stalking_harassment_cyber_1405_1271.txt", 19),  # '999 and 101 calls'
    ("news_cumbria-pcc_2023_stalking_harassment_cyber_1405_1271.txt", 21),  # '999 emergency calls'
]


@pytest.mark.parametrize(("file_name", "line_number"), NOT_COUNTS)
def test_numbers_that_count_nothing_are_not_counts(file_name: str, line_number: int) -> None:
    line = line_of(file_name, line_number)
    assert any(ch.isdigit() for ch in line), "the fixture line must print a number"
    assert counts_in_line(line) == truth_counts(file_name, line_number) == []


def test_a_decimal_rate_is_not_a_count() -> None:
    """'giving the borough a rate of 5.8': the line's counts are the truth's, the rate is not."""
    file_name = "news_whatsoninstockport_2025_gmp_stalking_hotspots.txt"
    line = line_of(file_name, 6)
    assert "5.8" in line
    assert counts_in_line(line) == truth_counts(file_name, 6)


@cache
def parsed_corpus() -> list[tuple[str, pl.DataFrame, pl.DataFrame]]:
    """(file name, number mentions, document lines) of every corpus document, as ingest
    parses them: prose of every kind of document, table lines left to the table parser."""
    out = []
    for path in sorted(CORPUS.glob("*.truth.json")):
        file_name = path.name.removesuffix(".truth.json")
        frames, _ = parse_document(read_document(CORPUS / file_name))
        out.append((file_name, frames["number_mentions"], frames["document_lines"]))
    return out


def test_prose_counts_of_the_whole_corpus_are_found() -> None:
    """The issue's target: >= 95% of the truth files' prose counts are count mentions with
    that value on that line, in FOI replies, articles and other documents alike."""
    found: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    missed = []
    for file_name, mentions, _ in parsed_corpus():
        counts = mentions.filter(pl.col("number_kind") == "count")
        got = set(zip(counts["line_number"].to_list(), counts["value"].to_list(), strict=True))
        kind = str(truth(file_name)["kind"])
        for count in truth(file_name)["counts_in_prose"]:  # type: ignore[attr-defined]
            expected[kind] += 1
            if (count["line"], float(count["value"])) in got:
                found[kind] += 1
            else:
                missed.append((file_name, count["line"], count["value"]))
    total = sum(expected.values())
    assert total >= 150, "the corpus truth files list their prose counts"
    assert expected["foi_response"] > 0 and expected["news_article"] > 0
    assert sum(found.values()) >= TARGET * total, missed
    assert found["foi_response"] >= TARGET * expected["foi_response"], missed


def test_table_lines_are_not_prose() -> None:
    """A number on a line the table parser claims is a cell, never also a mention."""
    claimed_somewhere = False
    for _, mentions, lines in parsed_corpus():
        table_lines = set(
            lines.filter(pl.col("line_kind").str.starts_with("table"))["line_number"].to_list()
        )
        claimed_somewhere = claimed_somewhere or bool(table_lines)
        assert not table_lines & set(mentions["line_number"].to_list())
    assert claimed_somewhere, "some corpus documents print tables"


def test_passing_over_words_no_rule_begins_with_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shortcut past word starts no rule can begin with (news.numbers.RULE_WORDS) finds exactly
    what trying every rule at every word start finds, on every line of the corpus."""
    sentences = [
        line[start:end]
        for path in sorted(CORPUS.glob("*.txt"))
        for line in read_document(path).lines
        for start, end in sentence_spans(line)
    ]
    with_shortcut = [find_numbers(text) for text in sentences]
    monkeypatch.setattr(numbers, "LEADING_WORD", re.compile(r"(?!)"))
    assert [find_numbers(text) for text in sentences] == with_shortcut
