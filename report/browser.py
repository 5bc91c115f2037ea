"""Open the report in headless Chromium with the network cut off: check that every chart draws
the bars it promises and that no request leaves the machine, and take screenshots.

Used by the test and by `make report-screenshot`. Needs Debian's `chromium` (no browser download:
Playwright drives the system's Chromium) and the `playwright` Python package.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any request that still got past the page's policy goes to a closed port.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The README's picture: the top of the page (summary, coverage, the first force's first charts).
PICTURE_HEIGHT = 1600

# Per chart: the bars it promises (data-marks), the mark shapes Vega drew, and its state.
CHART_STATE = """
() => Array.from(document.querySelectorAll('.chart')).map((el) => ({
  id: el.id,
  label: el.dataset.label,
  expected: Number(el.dataset.marks),
  drawn: el.dataset.drawn || null,
  marks: el.querySelectorAll('svg g.role-mark > path').length,
}))
"""


@dataclass
class ChartState:
    id: str
    label: str
    expected: int
    drawn: str | None
    marks: int


@dataclass
class Visit:
    charts: list[ChartState]
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    overflow_px: int = 0


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise FileNotFoundError("chromium not found: apt-get install -y chromium")
    return found


@contextmanager
def offline_page(viewport: dict[str, int], user_data_dir: Path) -> Iterator[tuple[Page, Visit]]:
    """A page in a fresh Chromium profile that may fetch nothing but local files."""
    visit = Visit(charts=[])
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=chromium_path(),
            args=CHROMIUM_FLAGS,
            headless=True,
            offline=True,
            viewport=viewport,
            service_workers="block",
        )
        try:

            def guard(route: Route) -> None:
                if route.request.url.startswith(LOCAL_SCHEMES):
                    route.continue_()
                else:
                    route.abort("internetdisconnected")

            context.route("**/*", guard)
            page = context.pages[0] if context.pages else context.new_page()
            page.on(
                "request",
                lambda r: None if r.url.startswith(LOCAL_SCHEMES) else visit.requests.append(r.url),
            )
            page.on(
                "console",
                lambda m: visit.refused.append(m.text) if "Refused to" in m.text else None,
            )
            page.on("pageerror", lambda e: visit.errors.append(str(e)))
            yield page, visit
        finally:
            context.close()


def visit_report(
    report: Path,
    viewport: dict[str, int],
    user_data_dir: Path,
    screenshot: Path | None = None,
    picture: Path | None = None,
    *,
    timeout_ms: int = 60_000,
) -> Visit:
    with offline_page(viewport, user_data_dir) as (page, visit):
        page.goto(report.resolve().as_uri(), wait_until="load")
        page.wait_for_function(
            "Array.from(document.querySelectorAll('.chart')).every((el) => el.dataset.drawn)",
            timeout=timeout_ms,
        )
        visit.charts = [ChartState(**state) for state in page.evaluate(CHART_STATE)]
        visit.overflow_px = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
        if picture is not None:
            picture.parent.mkdir(parents=True, exist_ok=True)
            top = {"x": 0, "y": 0, "width": viewport["width"], "height": PICTURE_HEIGHT}
            page.screenshot(path=str(picture), full_page=True, clip=top)
    return visit


def problems(visit: Visit) -> list[str]:
    """What is wrong with a visit, in words; empty when all is well."""
    found = [f"request left the machine: {url}" for url in visit.requests]
    found += [f"the page policy refused a fetch: {text}" for text in visit.refused]
    found += [f"script error: {error}" for error in visit.errors]
    for c in visit.charts:
        if c.drawn != "yes":
            found.append(f"{c.id} ({c.label}) was not drawn: {c.drawn}")
        elif c.marks != c.expected:
            found.append(f"{c.id} ({c.label}): {c.marks} bars drawn, {c.expected} expected")
    if visit.overflow_px > 0:
        found.append(f"the page is {visit.overflow_px}px wider than the window")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m report.browser",
        description="Open the report offline in headless Chromium, check its charts, "
        "take screenshots.",
    )
    parser.add_argument("--report", type=Path, default=Path("build/report/index.html"))
    parser.add_argument("--screenshot", type=Path, default=Path("build/report/screenshot.png"))
    parser.add_argument(
        "--picture", type=Path, help="also a picture of the page's top, e.g. docs/report.png"
    )
    parser.add_argument("--profile", type=Path, default=Path("build/report/chromium-profile"))
    args = parser.parse_args(argv)
    shutil.rmtree(args.profile, ignore_errors=True)
    visit = visit_report(args.report, LAPTOP, args.profile, args.screenshot, args.picture)
    shutil.rmtree(args.profile, ignore_errors=True)
    found = problems(visit)
    for problem in found:
        print(f"report.browser: {problem}", file=sys.stderr)
    bars = sum(c.marks for c in visit.charts)
    print(
        f"report.browser: {len(visit.charts)} charts, {bars} bars drawn, "
        f"{len(visit.requests)} network requests; screenshot {args.screenshot}"
        + (f" and {args.picture}" if args.picture else "")
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
