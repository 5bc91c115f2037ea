"""Each format read by content, with its provenance, and its bad inputs quarantined (or
warned) with an issue naming the file and what was expected and found; other documents
still load. Fixtures are written in the test from text cut from real documents."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import polars as pl
import pytest
from fpdf import FPDF

from ingest.documents import read_document
from ingest.formats import UnreadableFormat
from ingest.formats.detect import OLE2, detect
from ingest.formats.read import render
from ingest.pipeline import load_folder, parse_path
from tests.formats.replies import reply_blocks
from tests.formats.writers import FONT, has_sheets, to_csv, to_docx, to_html, to_pdf

TESTS = Path(__file__).resolve().parents[1]
SHIPPED = TESTS / "fixtures" / "shipped"
REAL = TESTS / "corpus" / "real"
SEED = SHIPPED / "000_dbe143eee267caba.txt"
REFUSAL = REAL / "cambridgeshire_wdtk_0339-2014_undercover_policing_refused.txt"


def seed_blocks():
    return reply_blocks(read_document(SEED))


def words_only(path: Path) -> list[str]:
    """The lines of a real reply that print no digit: a page with no figures."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not any(ch.isdigit() for ch in line)]


# ---- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("reply.html", lambda: to_html(seed_blocks()), "html"),
        ("reply.docx", lambda: to_docx(seed_blocks()), "docx"),
        ("reply.pdf", lambda: to_pdf(seed_blocks()), "pdf"),
        ("reply.csv", lambda: to_csv(seed_blocks()), "csv"),
        ("reply.txt", lambda: SEED.read_bytes(), "txt"),
    ],
)
def test_the_format_is_read_from_the_content_not_the_name(name, make, expected) -> None:
    data = make()
    assert detect(data, name).format == expected
    assert detect(data, name).issue is None
    # The same bytes under a neutral name are still recognised.
    assert detect(data, "document").format == expected


def test_every_real_and_shipped_text_document_is_read_as_text() -> None:
    """The .txt path is unchanged: no real reply is mistaken for HTML or CSV."""
    paths = [*SHIPPED.glob("*.txt"), *REAL.glob("*.txt")]
    assert len(paths) > 90
    wrong = {p.name: detect(p.read_bytes(), p.name).format for p in paths}
    assert {n: f for n, f in wrong.items() if f != "txt"} == {}


@pytest.mark.parametrize(
    ("name", "make", "found"),
    [
        ("reply.txt", lambda: to_html(seed_blocks()), "html"),
        ("reply.docx", lambda: to_pdf(seed_blocks()), "pdf"),
        ("reply.pdf", lambda: to_docx(seed_blocks()), "docx"),
    ],
)
def test_a_lying_extension_is_read_by_content_with_a_warning_naming_both(
    tmp_path: Path, name, make, found
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    parsed = parse_path(path)
    assert parsed.frames["documents"]["format"].to_list() == [found]
    assert parsed.frames["documents"]["load_status"].to_list() == ["loaded"]
    (warning,) = [i for i in parsed.issues if i.issue_code == "extension_mismatch"]
    said = name.rsplit(".", 1)[1]
    assert warning.severity == "warning"
    assert name in warning.message and f"says {said}" in warning.message
    assert f"content is {found}" in warning.message
    # Read as what it is: the seed's cells are all there.
    assert parsed.frames["foi_table_cells"].height == 1274


# ---- HTML ----------------------------------------------------------------------------------


def test_html_keeps_every_visible_text_and_marks_the_furniture() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Disclosure log</title><style>p{color:red}</style>"
        b"<script>var tracking = 1;</script></head><body>"
        b"<nav><a href='/'>Home</a> <a href='/foi'>Disclosure log</a></nav>"
        b"<div class='cookie-banner'>We use cookies on this site.</div>"
        b"<main><h1>Stalking offences</h1><p>Please find the information below.</p>"
        b"<table><tr><th rowspan='2'>Offence</th><th colspan='2'>Year</th></tr>"
        b"<tr><th>2021</th><th>2022</th></tr>"
        b"<tr><td>Stalking</td><td>1,234</td><td>1,301</td></tr></table></main>"
        b"<footer>Copyright West Midlands Police</footer></body></html>"
    )
    rendered = render(page, "page.html")
    text = "\n".join(rendered.lines)
    visible = ("Home", "Disclosure log", "We use cookies on this site.", "Stalking offences",
               "Please find the information below.", "Copyright West Midlands Police")  # fmt: skip
    assert all(v in text for v in visible)
    assert "tracking" not in text and "color:red" not in text  # not page text
    # Spans expanded: every row has a cell per column; the text at its first position.
    assert "| Offence | Year |  |" in rendered.lines
    assert "|  | 2021 | 2022 |" in rendered.lines
    row = rendered.lines.index("| Stalking | 1,234 | 1,301 |")
    cells = [c.locator for c in rendered.sources[row].cells]
    assert cells == [f"table 1, row 3, column {c}" for c in (1, 2, 3)]
    pairs = zip(rendered.lines, rendered.sources, strict=True)
    furniture = {line for line, s in pairs if s.furniture}
    assert furniture == {"Home Disclosure log", "We use cookies on this site.",
                         "Copyright West Midlands Police"}  # fmt: skip


def test_html_furniture_is_boilerplate_and_no_evidence_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "reply.html"
    path.write_bytes(to_html(seed_blocks()))
    parsed = parse_path(path)
    lines = parsed.frames["document_lines"]
    kinds = dict(zip(lines["line_text"], lines["line_kind"], strict=True))
    assert kinds["Home"] == "boilerplate"
    assert kinds["We use cookies to make this site work."] == "boilerplate"
    assert parsed.frames["documents"]["title"].to_list() == [read_document(SEED).title]


def test_an_html_page_with_no_table_and_no_figures_is_warned(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in words_only(REFUSAL)[:8])
    path = tmp_path / "refusal.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    parsed = parse_path(path)
    (issue,) = [i for i in parsed.issues if i.issue_code == "no_figures"]
    assert issue.severity == "warning" and "refusal.html" in issue.message
    assert "no table and no figure" in issue.message
    assert parsed.frames["documents"]["load_status"].to_list() == ["loaded"]


# ---- Word ----------------------------------------------------------------------------------


def test_docx_paragraphs_and_merged_cells_keep_their_place() -> None:
    lines = words_only(REFUSAL)[:3]
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Cambridgeshire Constabulary"
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Year"
    grid = [("Offence", "", ""), ("Stalking", "2021", "2022"), ("Harassment", "7", "8")]
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    rendered = render(out.getvalue(), "reply.docx")
    assert rendered.lines[0] == "Cambridgeshire Constabulary" and rendered.sources[0].furniture
    for n, line in enumerate(lines, start=1):
        at = rendered.lines.index(line)
        assert rendered.sources[at].locator == f"paragraph {n}"
    assert "| Offence | Year |  |" in rendered.lines
    at = rendered.lines.index("| Harassment | 7 | 8 |")
    assert rendered.sources[at].locator == "table 1, row 3"
    assert rendered.sources[at].cells[2].locator == "table 1, row 3, column 3"


# ---- CSV -----------------------------------------------------------------------------------


def test_csv_notes_are_text_and_the_table_is_located() -> None:
    data = to_csv(seed_blocks())
    rendered = render(data, "reply.csv")
    first = next(line for line in read_document(SEED).lines if line.strip())
    assert rendered.lines[0] == first
    at = rendered.lines.index("| Jan | 1,837 |")
    assert rendered.sources[at].cells[1].locator.endswith("column 2")
    number = int(rendered.sources[at].locator.removeprefix("row "))
    assert data.decode().splitlines()[number - 1].startswith('Jan,"1,837"')


def test_a_ragged_csv_is_quarantined_naming_the_row(tmp_path: Path) -> None:
    data = b'Month,Crimes\r\nJan,"1,837"\r\nFeb,"2,041",7\r\nMar,"1,948"\r\n'
    with pytest.raises(UnreadableFormat) as raised:
        render(data, "monthly.csv")
    assert raised.value.issue_code == "ragged_csv"
    assert "row 3 has 3 fields" in str(raised.value) and "has 2" in str(raised.value)


# data.police.uk's street-level crime files: one row per crime, located on the map.
STREET_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)


def test_a_record_level_csv_is_quarantined_as_not_a_table_of_figures() -> None:
    rows = [
        STREET_HEADER,
        "a1,2022-05,West Midlands Police,West Midlands Police,-1.89,52.48,On or near Park Street,"
        "E01009000,Birmingham 001A,Violence and sexual offences,Under investigation,",
        ",2022-05,West Midlands Police,West Midlands Police,-1.90,52.47,On or near High Street,"
        "E01009001,Birmingham 001B,Anti-social behaviour,,",
    ]
    with pytest.raises(UnreadableFormat) as raised:
        render("\n".join(rows).encode(), "street.csv")
    assert raised.value.issue_code == "record_level_csv"
    assert "'Crime ID'" in str(raised.value) and "not a table of figures" in str(raised.value)


# ---- PDF -----------------------------------------------------------------------------------


def _pdf(lines: list[str], password: str | None = None, text: bool = True) -> bytes:
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.add_font("Liberation", fname=str(FONT))
    pdf.set_font("Liberation", size=9)
    pdf.add_page()
    if text:
        for line in lines:
            pdf.cell(0, 5, line)
            pdf.ln(5)
    else:
        pdf.rect(20, 20, 100, 60, style="F")  # a scan: marks, no text
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("name", "make", "code", "says"),
    [
        ("protected.pdf", lambda: _pdf(words_only(REFUSAL), password="s3cret"),
         "encrypted_document", "password"),
        ("scanned.pdf", lambda: _pdf([], text=False), "no_text_layer", "no text layer"),
        ("truncated.pdf", lambda: to_pdf(seed_blocks())[:3000], "corrupt_document", "damaged"),
        ("protected.xlsx", lambda: OLE2 + bytes(504) + "EncryptionInfo".encode("utf-16-le"),
         "encrypted_document", "password-protected"),
    ],
)  # fmt: skip
def test_bad_files_are_quarantined_and_the_others_still_load(
    tmp_path: Path, name, make, code, says
) -> None:
    folder = tmp_path / "documents"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("*.md"))
    (folder / name).write_bytes(make())
    frames = load_folder(folder)
    documents = frames["documents"]
    status = dict(zip(documents["file_name"], documents["load_status"], strict=True))
    assert status.pop(name) == "quarantined"
    assert set(status.values()) == {"loaded"}
    issues = frames["parse_issues"].filter(pl.col("file_name") == name).to_dicts()
    (error,) = [i for i in issues if i["severity"] == "error"]
    assert error["issue_code"] == code
    assert name in error["message"] and says in error["message"]
    # Nothing else lost: the seed's cells are all loaded.
    assert frames["foi_table_cells"].height == 1274


def test_a_pdf_text_line_is_traced_to_its_page_and_line() -> None:
    lines = words_only(REFUSAL)[:4]
    rendered = render(_pdf(lines), "letter.pdf")
    assert [line for line in rendered.lines if line] == lines
    pairs = zip(rendered.lines, rendered.sources, strict=True)
    located = [s.locator for line, s in pairs if line]
    assert located == [f"page 1, line {n}" for n in range(1, 5)]


@pytest.mark.skipif(has_sheets(), reason="the spreadsheet reader is installed")
def test_a_workbook_without_the_spreadsheet_reader_is_a_clear_issue(tmp_path: Path) -> None:
    from tests.formats.writers import to_xlsx

    path = tmp_path / "reply.xlsx"
    path.write_bytes(to_xlsx(seed_blocks()))
    parsed = parse_path(path)
    (error,) = parsed.issues
    assert error.issue_code == "unsupported_format" and "reply.xlsx" in error.message
    assert "spreadsheet reader" in error.message
