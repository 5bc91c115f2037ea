"""ingest.news: sentences and number mentions of the news articles, and the curated figures."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.documents import Document, document_from_text, read_document
from ingest.news import (
    CURATED_COLUMNS,
    SCHEMAS,
    check_curated_figures,
    find_numbers,
    parse_news_article,
    parse_printed_value,
    sentence_spans,
)

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "shipped"
SEED = ROOT / "seeds" / "published_figures.csv"
ARTICLES = (
    "002_9809cc51289d4baf.txt",
    "003_1e0ec12af96d52a2.txt",
    "004_137a1a3ab5d0593b.txt",
)

# Independent, deliberately simple patterns for what a reader sees as a figure.
SMALL_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
DIGIT_RUN = re.compile(r"\d(?:[\d,.]*\d)?")
WORD_FIGURE = re.compile(
    rf"\b(?:(?:{SMALL_WORDS}) in (?:every )?(?:{SMALL_WORDS})|a (?:half|third|quarter)"
    rf"|(?:{SMALL_WORDS}) (?:years?|months?))\b",
    re.IGNORECASE,
)
PERCENTAGE = re.compile(r"(\d+(?:\.\d+)?) ?(?:per cent|%)")
DURATION = re.compile(rf"\b(\d+|{SMALL_WORDS}) (years?|months?)\b", re.IGNORECASE)
AGED = re.compile(r"\baged\s+$", re.IGNORECASE)
THOUSANDS = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,]\d)")
WORD_VALUES = {w: i for i, w in enumerate(SMALL_WORDS.split("|"), start=1)}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {name: read_document(DOCUMENTS / name) for name in ARTICLES}


@pytest.fixture(scope="module")
def parsed(documents: dict[str, Document]) -> dict[str, dict[str, pl.DataFrame]]:
    return {name: parse_news_article(doc) for name, doc in documents.items()}


@pytest.fixture(scope="module")
def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def mention_covering(
    mentions: pl.DataFrame, line_number: int, start: int, end: int
) -> dict[str, object] | None:
    covering = mentions.filter(
        (pl.col("line_number") == line_number)
        & (pl.col("char_start") <= start)
        & (pl.col("char_end") >= end)
    )
    return covering.row(0, named=True) if covering.height else None


def mention_of(frames: dict[str, pl.DataFrame], printed_text: str) -> dict[str, object]:
    rows = frames["number_mentions"].filter(pl.col("printed_text") == printed_text)
    assert rows.height == 1, f"expected one mention printed {printed_text!r}, got {rows.height}"
    return rows.row(0, named=True)


# --------------------------------------------------------------------------- shape


def test_frames_have_the_declared_schemas(parsed: dict[str, dict[str, pl.DataFrame]]) -> None:
    for frames in parsed.values():
        assert set(frames) == set(SCHEMAS)
        for name, frame in frames.items():
            assert dict(frame.schema) == SCHEMAS[name], name


def test_empty_document_gives_empty_frames_with_columns() -> None:
    frames = parse_news_article(document_from_text(""))
    for name, frame in frames.items():
        assert dict(frame.schema) == SCHEMAS[name]
    assert frames["sentences"].is_empty()
    assert frames["number_mentions"].is_empty()


def test_real_articles_parse_without_issues(parsed: dict[str, dict[str, pl.DataFrame]]) -> None:
    for name, frames in parsed.items():
        assert frames["parse_issues"].is_empty(), (name, frames["parse_issues"].to_dicts())


def test_offsets_reproduce_the_printed_text(
    documents: dict[str, Document], parsed: dict[str, dict[str, pl.DataFrame]]
) -> None:
    for name, frames in parsed.items():
        lines = documents[name].lines
        for row in frames["sentences"].iter_rows(named=True):
            line = lines[row["line_number"] - 1]
            assert line[row["char_start"] : row["char_end"]] == row["sentence_text"]
        for row in frames["number_mentions"].iter_rows(named=True):
            line = lines[row["line_number"] - 1]
            assert line[row["char_start"] : row["char_end"]] == row["printed_text"]


def test_ids_are_unique_and_numbered(parsed: dict[str, dict[str, pl.DataFrame]]) -> None:
    for frames in parsed.values():
        sentences = frames["sentences"]
        numbers = sentences["sentence_number"].to_list()
        assert numbers == list(range(1, len(numbers) + 1))
        assert sentences["sentence_id"].n_unique() == sentences.height
        for row in sentences.iter_rows(named=True):
            assert row["sentence_id"] == f"{row['document_id']}:{row['sentence_number']}"
        mentions = frames["number_mentions"]
        assert mentions["mention_id"].n_unique() == mentions.height
        assert mentions["sentence_id"].is_in(sentences["sentence_id"].implode()).all()


def test_sentences_cover_every_printed_character(
    documents: dict[str, Document], parsed: dict[str, dict[str, pl.DataFrame]]
) -> None:
    for name, frames in parsed.items():
        sentences = frames["sentences"]
        for number, line in enumerate(documents[name].lines, start=1):
            text = "".join(
                sentences.filter(pl.col("line_number") == number)["sentence_text"].to_list()
            )
            assert re.sub(r"\s", "", text) == re.sub(r"\s", "", line)


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Call the helpline on 0808 802 0300 or visit the site. It is free.",
            ["Call the helpline on 0808 802 0300 or visit the site.", "It is free."],
        ),
        (
            "Det. Supt. Jane Smith said crime rose 2.5 per cent. She was clear.",
            ["Det. Supt. Jane Smith said crime rose 2.5 per cent.", "She was clear."],
        ),
        (
            'He said: "Stalking ruins lives." Police agreed.',
            ['He said: "Stalking ruins lives."', "Police agreed."],
        ),
        ('"Why now?" she asked. Nobody knew.', ['"Why now?" she asked.', "Nobody knew."]),
        ("Mr. J. Smith of No. 10 spoke.", ["Mr. J. Smith of No. 10 spoke."]),
        ("Published", ["Published"]),
        ("   ", []),
    ],
)
def test_sentence_splitting(line: str, expected: list[str]) -> None:
    assert [line[a:b] for a, b in sentence_spans(line)] == expected


def test_article_sentence_counts(parsed: dict[str, dict[str, pl.DataFrame]]) -> None:
    sentences = parse_news_article(read_document(DOCUMENTS / ARTICLES[1]))["sentences"]
    line_37 = sentences.filter(pl.col("line_number") == 37)["sentence_text"].to_list()
    assert len(line_37) == 2
    assert line_37[1].startswith("If you’re in immediate danger, call 999")


# --------------------------------------------------------------------------- numbers


def test_every_printed_figure_is_a_mention(
    documents: dict[str, Document], parsed: dict[str, dict[str, pl.DataFrame]]
) -> None:
    missing = []
    for name, doc in documents.items():
        mentions = parsed[name]["number_mentions"]
        for number, line in enumerate(doc.lines, start=1):
            for pattern in (DIGIT_RUN, WORD_FIGURE):
                for found in pattern.finditer(line):
                    if mention_covering(mentions, number, found.start(), found.end()) is None:
                        missing.append((name, number, found.group()))
    assert missing == []


def test_percentages_are_percentages(
    documents: dict[str, Document], parsed: dict[str, dict[str, pl.DataFrame]]
) -> None:
    seen = 0
    for name, doc in documents.items():
        for number, line in enumerate(doc.lines, start=1):
            for found in PERCENTAGE.finditer(line):
                mention = mention_covering(
                    parsed[name]["number_mentions"], number, found.start(), found.end()
                )
                assert mention is not None
                assert mention["number_kind"] == "percentage"
                assert mention["unit"] == "percent"
                assert mention["value"] == float(found.group(1))
                seen += 1
    assert seen == 3  # 27 and 10 per cent (003), 26 per cent (004)


def test_durations_are_durations(
    documents: dict[str, Document], parsed: dict[str, dict[str, pl.DataFrame]]
) -> None:
    seen = 0
    for name, doc in documents.items():
        for number, line in enumerate(doc.lines, start=1):
            for found in DURATION.finditer(line):
                mention = mention_covering(
                    parsed[name]["number_mentions"], number, found.start(), found.end()
                )
                assert mention is not None, found.group()
                # 'aged 16 years and older' is an age; other spans of years are durations.
                aged = AGED.search(line, 0, found.start())
                assert mention["number_kind"] == ("age" if aged else "duration")
                amount = found.group(1).lower()
                expected = float(amount) if amount.isdigit() else WORD_VALUES[amount]
                assert mention["value"] == expected
                unit = "months" if found.group(2).lower().startswith("month") else "years"
                assert mention["unit"] == unit
                seen += 1
    assert seen == 4  # five years (002), 15 months and 16 years (003), six years (004)


def test_counts_with_thousands_separators(
    documents: dict[str, Document], parsed: dict[str, dict[str, pl.DataFrame]]
) -> None:
    for name, doc in documents.items():
        for number, line in enumerate(doc.lines, start=1):
            for found in THOUSANDS.finditer(line):
                mention = mention_covering(
                    parsed[name]["number_mentions"], number, found.start(), found.end()
                )
                assert mention is not None
                assert mention["number_kind"] == "count"
                assert mention["value"] == float(found.group().replace(",", ""))


@pytest.mark.parametrize(
    ("article", "printed", "line_number"),
    [(ARTICLES[2], "2013", 12), (ARTICLES[1], "2010", 5), (ARTICLES[0], "2012", 29)],
)
def test_years_are_not_counts(
    parsed: dict[str, dict[str, pl.DataFrame]], article: str, printed: str, line_number: int
) -> None:
    mention = mention_of(parsed[article], printed)
    assert mention["line_number"] == line_number
    assert mention["number_kind"] == "year"
    assert mention["unit"] == "year"
    assert mention["value"] == float(printed)


def test_no_count_looks_like_a_bare_year(parsed: dict[str, dict[str, pl.DataFrame]]) -> None:
    for frames in parsed.values():
        counts = frames["number_mentions"].filter(pl.col("number_kind") == "count")
        assert not counts["printed_text"].str.contains(r"^(?:19|20)\d{2}$").any()


def test_named_figures(parsed: dict[str, dict[str, pl.DataFrame]]) -> None:
    es2016, nq2024, es2019 = (parsed[name] for name in ARTICLES)

    percent = mention_of(es2019, "26 per cent")
    assert (percent["number_kind"], percent["value"], percent["qualifier"]) == (
        "percentage",
        26.0,
        "only",
    )

    ratio = mention_of(nq2024, "around one in seven")
    assert (ratio["number_kind"], ratio["unit"]) == ("ratio", "ratio")
    assert ratio["value"] == pytest.approx(1 / 7)
    assert ratio["qualifier"] == "around" and ratio["is_approximate"]

    duration = mention_of(nq2024, "15 months")
    assert (duration["number_kind"], duration["unit"], duration["value"]) == (
        "duration",
        "months",
        15.0,
    )

    quarter = mention_of(es2019, "a quarter")
    assert (quarter["number_kind"], quarter["value"]) == ("ratio", 0.25)

    financial = mention_of(nq2024, "2023-24")
    assert (financial["number_kind"], financial["unit"], financial["value"]) == (
        "financial_year",
        "financial_year",
        2023.0,
    )

    lower_bound = mention_of(es2019, "more than 1,000")
    assert lower_bound["value"] == 1000.0 and lower_bound["is_approximate"]
    assert lower_bound["qualifier"] == "more than"
    assert lower_bound["words_before"] == "meaning no action was taken in"

    down = mention_of(nq2024, "51,100")
    assert (down["qualifier"], down["is_approximate"]) == ("down from", False)
    assert mention_of(es2016, "124")["qualifier"] == "including"
    assert mention_of(es2016, "1,841")["value"] == 1841.0
    assert mention_of(es2019, "November 2012")["number_kind"] == "date"


@pytest.mark.parametrize(
    ("article", "printed"),
    [(ARTICLES[0], "0808 802 0300"), (ARTICLES[1], "999"), (ARTICLES[1], "101")],
)
def test_phone_numbers_are_identifiers(
    parsed: dict[str, dict[str, pl.DataFrame]], article: str, printed: str
) -> None:
    mention = mention_of(parsed[article], printed)
    assert (mention["number_kind"], mention["unit"]) == ("identifier", "phone_number")
    assert mention["value"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There were 999 reports.", [("999", "count")]),
        ("Officers answered 101 calls in 2019.", [("101", "count"), ("2019", "year")]),
        ("There were 2015 stalking offences.", [("2015", "count")]),
        (
            "Rates rose in 2019/20 and 2013-18.",
            [("2019/20", "financial_year"), ("2013-18", "year")],
        ),
        ("They helped one another, and one person.", [("one", "count")]),
        (
            "Nearly half of victims, two-thirds of men.",
            [("Nearly half", "ratio"), ("two-thirds", "ratio")],
        ),
        ("It cost £1.2 million on the A38.", [("£1.2 million", "money"), ("A38", "identifier")]),
        (
            "A 15-year-old got two and a half years.",
            [("15-year", "duration"), ("two and a half years", "duration")],
        ),
    ],
)
def test_number_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[m.start : m.end], m.kind) for m in find_numbers(text)] == expected


def test_unclassified_numbers_are_info_issues() -> None:
    frames = parse_news_article(document_from_text("Codes 08/65 and 195/12 were used in the 1st."))
    issues = frames["parse_issues"]
    assert issues["severity"].unique().to_list() == ["info"]
    assert sorted(issues["printed_text"].to_list()) == ["08/65", "195/12", "1st"]
    assert frames["number_mentions"].filter(pl.col("number_kind") == "identifier").height == 3


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("1,841", 1841.0),
        ("26 per cent", 26.0),
        ("one in seven", 1 / 7),
        ("15 months", 15.0),
        ("a quarter", 0.25),
        ("1.2 million", 1_200_000.0),
        ("twenty-five", 25.0),
        ("", None),
        ("none", None),
    ],
)
def test_parse_printed_value(printed: str, value: float | None) -> None:
    assert parse_printed_value(printed) == (pytest.approx(value) if value else value)


# --------------------------------------------------------------------------- curated figures


def test_seed_has_the_curated_columns(seed_rows: list[dict[str, str]]) -> None:
    with SEED.open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == CURATED_COLUMNS
    assert 35 <= len(seed_rows) <= 45
    assert set(Counter(row["file_name"] for row in seed_rows)) == set(ARTICLES)


def test_seed_rows_match_their_text(
    seed_rows: list[dict[str, str]], documents: dict[str, Document]
) -> None:
    for row in seed_rows:
        line = documents[row["file_name"]].lines[int(row["line_number"]) - 1]
        assert row["quote"] in line, row["figure_id"]
        assert row["printed_value"] in row["quote"], row["figure_id"]
        printed = parse_printed_value(row["printed_value"])
        assert printed is not None, row["figure_id"]
        assert abs(float(row["value"])) == pytest.approx(printed), row["figure_id"]
    assert check_curated_figures(seed_rows, documents.values()) == []


def test_changed_article_is_reported(
    seed_rows: list[dict[str, str]], documents: dict[str, Document], tmp_path: Path
) -> None:
    source = DOCUMENTS / ARTICLES[1]
    changed = tmp_path / source.name
    changed.write_bytes(source.read_bytes().replace(b"3,166", b"3,167"))
    docs = [*(d for n, d in documents.items() if n != source.name), read_document(changed)]
    issues = check_curated_figures(seed_rows, docs)
    assert [i.message.split(":")[0] for i in issues] == ["nq2024_ew_prosecutions"]
    assert issues[0].severity == "error"
    assert issues[0].file_name == source.name and issues[0].line_number == 7


@pytest.mark.parametrize(
    ("column", "new", "code"),
    [
        ("value", "1842", "figure_value_drift"),
        ("printed_value", "1,842", "figure_printed_drift"),
        ("line_number", "14", "figure_quote_drift"),
        ("line_number", "99", "figure_line_missing"),
        ("file_name", "missing.txt", "figure_document_missing"),
        ("compared_with_figure_id", "no_such_figure", "figure_reference_missing"),
        ("restates_figure_id", "no_such_figure", "figure_reference_missing"),
        ("change_direction", "increase", "figure_link_inconsistent"),
        ("breakdown", "outcome", "figure_link_inconsistent"),
    ],
)
def test_changed_row_is_reported(
    seed_rows: list[dict[str, str]],
    documents: dict[str, Document],
    column: str,
    new: str,
    code: str,
) -> None:
    rows = [dict(row) for row in seed_rows]
    target = next(row for row in rows if row["figure_id"] == "es2016_incidents_total")
    target[column] = new
    issues = check_curated_figures(rows, documents.values())
    assert [(i.issue_code, i.message.split(":")[0]) for i in issues] == [
        (code, "es2016_incidents_total")
    ]


def test_seed_links_define_consistent_checks(seed_rows: list[dict[str, str]]) -> None:
    by_id = {row["figure_id"]: row for row in seed_rows}
    for row in seed_rows:
        # a part names its breakdown; a share or change is about a count of the same article
        assert bool(row["part_of_figure_id"]) == bool(row["breakdown"]), row["figure_id"]
        for column in ("applies_to_figure_id", "restates_figure_id", "part_of_figure_id"):
            if row[column]:
                assert by_id[row[column]]["file_name"] == row["file_name"], row["figure_id"]
        if row["applies_to_figure_id"]:
            assert by_id[row["applies_to_figure_id"]]["unit"] == "count", row["figure_id"]
    # the checks the issue names are all defined: outcomes of the 2016 incidents, the sexes
    # of the 2019 victims, youths and adults of the 2016 cautions, a share, a stated change
    breakdowns = {(row["part_of_figure_id"], row["breakdown"]) for row in seed_rows}
    assert {
        ("es2016_incidents_total", "outcome"),
        ("es2019_cases_logged_total", "victim_sex"),
        ("es2016_cautions", "age_group"),
    } <= breakdowns
    assert by_id["es2019_share_referred_to_cps"]["applies_to_figure_id"]
    assert by_id["nq2024_wm_recorded_crimes"]["change_direction"] == "decrease"


def test_parts_of_one_breakdown_must_agree_on_completeness(
    seed_rows: list[dict[str, str]], documents: dict[str, Document]
) -> None:
    rows = [dict(row) for row in seed_rows]
    adults = next(row for row in rows if row["figure_id"] == "es2016_cautions_adults")
    adults["is_complete_breakdown"] = "false"
    issues = check_curated_figures(rows, documents.values())
    assert {i.issue_code for i in issues} == {"figure_link_inconsistent"}
    assert sorted(i.message.split(":")[0] for i in issues) == [
        "es2016_cautions_adults",
        "es2016_cautions_young_people",
    ]


def test_a_decline_may_be_negative_only_when_the_quote_says_so(
    seed_rows: list[dict[str, str]], documents: dict[str, Document]
) -> None:
    rows = [dict(row) for row in seed_rows]
    rise = next(row for row in rows if row["figure_id"] == "nq2024_ew_prosecutions_pct_change")
    rise["value"] = "-27"
    issues = check_curated_figures(rows, documents.values())
    assert [i.issue_code for i in issues] == ["figure_value_drift"]


# --------------------------------------------------------------------------- fuzzing

NUMBERISH = st.sampled_from(
    [
        "1,841",
        "26 per cent",
        "one in seven",
        "a quarter",
        "15 months",
        "2023-24",
        "2013",
        "0808 802 0300",
        "call 999",
        "more than",
        "Det.",
        '."',
        "3.5",
        "£",
        "1,8",
        "99999999999999999999999999999999999999999999",
        "in every zero",
        "0 in 0",
        "per 0",
        "twenty-",
        "\n",
        " ",
        "November",
        "half",
        "%",
    ]
)


def check_never_raises(text: str) -> None:
    frames = parse_news_article(document_from_text(text))
    for name, frame in frames.items():
        assert dict(frame.schema) == SCHEMAS[name]
    doc = document_from_text(text)
    for row in frames["number_mentions"].iter_rows(named=True):
        line = doc.lines[row["line_number"] - 1]
        assert line[row["char_start"] : row["char_end"]] == row["printed_text"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_fuzz_arbitrary_text_never_raises(text: str) -> None:
    check_never_raises(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(NUMBERISH, st.text(max_size=5)), max_size=30))
def test_fuzz_numberish_text_never_raises(parts: list[str]) -> None:
    check_never_raises(" ".join(parts))
