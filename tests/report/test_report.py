"""The report: built from the test warehouse (the shipped documents), its figures trace to the
documents' lines, every text is escaped, the facts' `scope` is shown (and escaped),
and in headless Chromium with the network cut off every chart draws and nothing is fetched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from lxml import html as lxml_html

from report.browser import LAPTOP, PHONE, problems, visit_report
from report.build import render
from tests.warehouse.conftest import REPO, SHIPPED, warehouse  # noqa: F401  (the fixture)

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture(scope="module")
def report_html(warehouse: Path) -> str:  # noqa: F811
    return render(warehouse)


@pytest.fixture(scope="module")
def report_file(report_html: str) -> Path:
    """Kept in build/test/report/, with the test's screenshot next to it."""
    out = REPO / "build" / "test" / "report" / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report_html, encoding="utf-8")
    return out


def cards(tree: lxml_html.HtmlElement, measure_title: str) -> list[lxml_html.HtmlElement]:
    """The cards under the section heading `measure_title`."""
    heading = tree.xpath(f"//h3[normalize-space()='{measure_title}']")
    assert heading, f"no section {measure_title!r} in the report"
    return heading[0].xpath("following-sibling::div[1][@class='grid']/div[@class='card']")


def rows_of(card: lxml_html.HtmlElement) -> list[dict[str, str]]:
    table = card.xpath(".//details//table")[0]
    headers = [th.text_content().strip() for th in table.xpath(".//thead//th")]
    return [
        dict(zip(headers, [td.text_content().strip() for td in tr.xpath("./td")], strict=True))
        for tr in table.xpath(".//tbody/tr")
    ]


def document_lines(file_name: str) -> list[str]:
    return (SHIPPED / file_name).read_text(encoding="utf-8").splitlines()


def printed_on(line: str, value: int) -> bool:
    return re.search(rf"(?<![\d,]){value:,}(?![\d,])|(?<![\d,]){value}(?![\d,])", line) is not None


def test_recorded_crimes_add_up_to_the_documents_printed_total(report_html: str) -> None:
    tree = lxml_html.fromstring(report_html)
    [card] = cards(tree, "Recorded crimes")
    rows = rows_of(card)
    file_name = rows[0]["Document"]
    lines = document_lines(file_name)
    numbers = [int(row["Line"].removeprefix("line ")) for row in rows]
    # Each month's figure is printed on the line the report names.
    for row, number in zip(rows, numbers, strict=True):
        assert printed_on(lines[number - 1], int(row["Crimes"].replace(",", ""))), row
    # Their sum is the Grand Total the document prints after the last of them.
    total_line = next(
        line for line in lines[max(numbers) :] if line.lower().startswith("grand total")
    )
    printed_total = int(total_line.split()[-1].replace(",", ""))
    assert sum(int(row["Crimes"].replace(",", "")) for row in rows) == printed_total


def test_victims_are_each_printed_on_their_line(report_html: str) -> None:
    tree = lxml_html.fromstring(report_html)
    for card in cards(tree, "Victims"):
        for row in rows_of(card):
            line = document_lines(row["Document"])[int(row["Line"].removeprefix("line ")) - 1]
            assert printed_on(line, int(row["Victims"].replace(",", ""))), (row, line)


def test_outcome_shares_of_each_period_add_up_to_one(report_html: str) -> None:
    tree = lxml_html.fromstring(report_html)
    [card] = cards(tree, "Outcomes by Home Office outcome group")
    by_period: dict[str, list[dict[str, str]]] = {}
    for row in rows_of(card):
        by_period.setdefault(row["Period"], []).append(row)
    for period, rows in by_period.items():
        counts = [int(r["Suspects"].replace(",", "")) for r in rows]
        shares = [float(r["Share"].rstrip("%")) for r in rows]
        assert sum(shares) == pytest.approx(100, abs=0.05 * len(rows)), period
        for count, share in zip(counts, shares, strict=True):
            assert share == pytest.approx(100 * count / sum(counts), abs=0.05), period


def test_press_figures_are_listed_under_their_force_as_printed_on_their_line(
    report_html: str,
    warehouse: Path,  # noqa: F811
) -> None:
    tree = lxml_html.fromstring(report_html)
    listed = []
    for heading in tree.xpath("//h3[normalize-space()='Figures published in the press']"):
        force = heading.xpath("preceding-sibling::h2[1]")[0].text_content()
        for tr in heading.xpath("following-sibling::details[1]//tbody/tr"):
            row = [td.text_content() for td in tr.xpath("./td")]
            line = document_lines(row[5])[int(row[6].removeprefix("line ")) - 1]
            assert row[3] in line, (row, line)
            listed.append((force, row[5], row[3]))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = con.execute(
            "select coalesce(f.force_name, 'Force not identified'), p.file_name, p.printed_value "
            "from marts.fct_published_figures as p "
            "left join marts.dim_forces as f using (force_key)"
        ).fetchall()
    assert expected, "the shipped articles publish figures"
    assert sorted(listed) == sorted(expected)


def test_the_repaired_cell_is_shown_with_its_proofs(report_html: str, warehouse: Path) -> None:  # noqa: F811
    tree = lxml_html.fromstring(report_html)
    heading = tree.xpath("//h3[normalize-space()='Repaired cells and their proofs']")[0]
    repaired = heading.xpath("following-sibling::div[1]//tbody/tr")
    proofs = heading.xpath("following-sibling::h4[1]/following-sibling::div[1]//tbody/tr")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cells = con.execute(
            "select file_name, line_number, column_label from marts.fct_table_cells "
            "where is_repaired order by all"
        ).fetchall()
    assert cells, "the shipped documents have a repaired cell (a blank May, proven zero)"
    shown = sorted(
        (r[0].text_content(), int(r[2].text_content()), r[4].text_content())
        for r in (row.xpath("./td") for row in repaired)
    )
    assert shown == sorted(cells)
    # The blank is on the line the report names, in the document itself.
    for file_name, number, _ in cells:
        assert len(re.findall(r"\d+", document_lines(file_name)[number - 1])) < 13
    assert proofs and all(p.xpath("./td")[-1].text_content() == "repaired" for p in proofs)


def test_the_page_is_self_contained(report_html: str) -> None:
    tree = lxml_html.fromstring(report_html)
    assert not tree.xpath("//*[@src]"), "nothing may be loaded from elsewhere"
    assert not tree.xpath("//link"), "no stylesheet or font may be linked"
    for style in tree.xpath("//style"):
        assert "url(" not in style.text_content() and "@import" not in style.text_content()
    specs = tree.xpath("//script[@type='application/vnd.vegalite+json']")
    assert len(specs) == len(tree.xpath("//div[@class='chart']")) > 0


def hostile_copy(warehouse: Path, tmp_path: Path) -> Path:  # noqa: F811
    """A copy of the warehouse with a document whose texts are markup, scope among them."""
    copy = tmp_path / "hostile.duckdb"
    shutil.copy(warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update marts.dim_documents set title = ?, web_url = 'javascript:alert(1)' "
            "where document_id in (select document_id from marts.fct_recorded_crimes)",
            [HOSTILE],
        )
        con.execute("update marts.rpt_data_quality_issues set message = ?", [HOSTILE])
        con.execute("update marts.fct_recorded_crimes set scope = 'online <flag>'")
    return copy


def test_texts_from_documents_are_escaped_and_a_scope_column_is_used(
    warehouse: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    html = render(hostile_copy(warehouse, tmp_path))
    assert HOSTILE not in html and 'alert("x")' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "javascript:" not in html
    tree = lxml_html.fromstring(html)
    assert not tree.xpath("//b"), "markup from a document became markup in the report"
    [card] = cards(tree, "Recorded crimes")
    assert "scope: online <flag>" in card.text_content()
    coverage = tree.xpath("//h2[@id='coverage']/following-sibling::details[1]//tbody/tr")
    assert any(row.xpath("./td")[2].text_content() == "online <flag>" for row in coverage)


def test_in_chromium_offline_every_chart_draws_and_nothing_is_fetched(
    report_file: Path, report_html: str, tmp_path: Path
) -> None:
    screenshot = report_file.parent / "screenshot.png"
    visit = visit_report(report_file, LAPTOP, tmp_path / "profile", screenshot)
    assert problems(visit) == []
    assert visit.requests == []
    charts = len(lxml_html.fromstring(report_html).xpath("//div[@class='chart']"))
    assert len(visit.charts) == charts
    assert all(c.marks > 0 for c in visit.charts)
    # The recorded-crimes chart draws one bar per month the document prints.
    [recorded] = [c for c in visit.charts if c.label.startswith("Recorded crimes,")]
    assert recorded.marks == 12
    assert screenshot.stat().st_size > 10_000


def test_on_a_phone_the_page_fits_the_screen(report_file: Path, tmp_path: Path) -> None:
    visit = visit_report(report_file, PHONE, tmp_path / "profile")
    assert problems(visit) == []
    assert visit.overflow_px <= 0


def test_the_browser_check_catches_a_fetch_and_a_broken_chart(
    report_html: str, tmp_path: Path
) -> None:
    """The checks above can fail: a page that fetches an image and has a broken chart."""
    broken = report_html.replace(
        "<main>",
        '<main><img src="http://example.invalid/pixel.png" alt="">'
        '<div id="broken" class="chart" data-marks="1" data-label="broken"></div>'
        '<script type="application/vnd.vegalite+json" data-for="broken">'
        '{"mark": "no-such-mark"}</script>',
        1,
    )
    page = tmp_path / "broken.html"
    page.write_text(broken, encoding="utf-8")
    found = problems(visit_report(page, LAPTOP, tmp_path / "profile"))
    assert any("example.invalid" in problem for problem in found), found
    assert any(problem.startswith("broken (broken) was not drawn") for problem in found), found
