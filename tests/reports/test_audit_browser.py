"""The audit's HTML page in a real browser: it fits a 1280 px screen and prints on A4 landscape.

Debian's ``chromium`` and ``chromium-driver`` (installed by ``.ci/run``) are driven by
Selenium, pointed at ``/usr/bin/chromium`` and ``/usr/bin/chromedriver`` explicitly, so that
Selenium never tries to download a driver. The page is an audit of generated records (a few
thousand, several teams and quarters, a team with a very long name, some records that could
not be read, and targets) rendered headless:

- at 1280 px wide, no element reaches past the viewport and no table cell's content overflows it;
- with print media emulated at the content width of A4 landscape (297 mm less the page's
  12 mm margins, at 96 px an inch), every table fits, as does every other element;
- ``print_page`` on A4 landscape gives a PDF.

Where the browser is absent the tests skip and say so; under ``MSP_CI=1`` (``.ci/run``) a skip
fails the run (tests/conftest.py), so there they must run.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from msp.reports.audit import audit_files
from msp.reports.audit_targets import Target, Targets
from msp.synth import generate

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the test extra has it)")
from selenium.webdriver.chrome.options import Options  # noqa: E402 - after the skip above
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.print_page_options import PrintOptions  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREEN = 1280
A4_LANDSCAPE_CONTENT = int((297 - 2 * 12) / 25.4 * 96)  # 1031 px: the page's @page margins are 12 mm
LONG_TEAM = "Community-Safeguarding-and-Hospital-Discharge-Team-North-East-Locality-With-No-Spaces"

# Every element whose box reaches past the viewport's right or left edge (the visually hidden
# screen-reader text is clipped to 1 px and is no exception), and every table cell whose
# content is wider than the cell: each as "tag.class: text", for a readable failure.
_OVERFLOWS = """
const width = document.documentElement.clientWidth;
const found = [];
const name = (el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''}: ` +
    (el.textContent || '').trim().slice(0, 60);
for (const el of document.querySelectorAll('body *')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;
  if (box.right > width + 0.5 || box.left < -0.5) found.push(`${name(el)} [${box.left}-${box.right}]`);
  if ((el.tagName === 'TD' || el.tagName === 'TH') && el.scrollWidth > el.clientWidth + 1)
    found.push(`${name(el)} (content ${el.scrollWidth} px in ${el.clientWidth} px)`);
}
return found;
"""

_TABLES = """
return Array.from(document.querySelectorAll('table'), (t) => {
  const box = t.getBoundingClientRect();
  return [t.querySelector('caption').textContent, box.left, box.right];
});
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The audit of 3,000 generated records (2 % broken), with a long team name and targets, as HTML."""
    folder = tmp_path_factory.mktemp("browser")
    records = folder / "records.jsonl"
    lines = []
    for i, data in enumerate(generate(3_000, seed=17, invalid_share=0.02)):
        if i % 50 == 0 and "team" in data:
            data["team"] = LONG_TEAM
        lines.append(json.dumps(data))
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    targets = Targets(
        targets=(
            Target(measure="asked", target=95, source="Invented targets for this test"),
            Target(measure="seen_alone", target=80),
            Target(measure="not_achieved", target=10, direction="at_most"),
            Target(measure="coercion_considered", target=60),
        ),
        source="invented-targets.json",
    )
    report = audit_files([str(records)], targets=targets, by=("team", "quarter", "rating"))
    assert report.unread_records > 0
    assert len({g.name for g in report.groups if g.dimension == "team"}) > 6  # more than one table's worth
    assert len(report.trend) >= 8  # two collection years of quarters
    html = folder / "audit.html"
    html.write_text(report.to_html(), encoding="utf-8")
    return html


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    """Headless chromium through Debian's chromedriver, named explicitly (no driver download)."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    if missing:
        pytest.skip(
            f"no browser to render the audit in: {', '.join(missing)} missing "
            "(Debian packages chromium and chromium-driver; .ci/run installs them)"
        )
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield browser
    finally:
        browser.quit()


def _open(driver: Any, page: Path, width: int, media: str) -> None:
    """Show ``page`` in a viewport ``width`` CSS px wide, as ``media`` (``screen`` or ``print``)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    driver.get(page.as_uri())
    assert driver.execute_script("return window.innerWidth") == width


def test_the_page_fits_a_1280_px_screen(driver, page):
    _open(driver, page, SCREEN, "screen")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= SCREEN
    assert driver.execute_script(_OVERFLOWS) == []
    assert driver.execute_script("return document.querySelectorAll('svg[role=img]').length") > 20
    assert LONG_TEAM in driver.page_source  # the long name is there, wrapped inside its column


def test_every_table_fits_a4_landscape_when_printed(driver, page):
    _open(driver, page, A4_LANDSCAPE_CONTENT, "print")
    assert driver.execute_script("return matchMedia('print').matches") is True
    assert driver.execute_script("return getComputedStyle(document.body).fontSize") == "12px"  # 9pt: print rules
    tables = driver.execute_script(_TABLES)
    assert len(tables) >= 8
    wider = [(caption, left, right) for caption, left, right in tables if left < 0 or right > A4_LANDSCAPE_CONTENT]
    assert wider == []
    assert driver.execute_script("return document.documentElement.scrollWidth") <= A4_LANDSCAPE_CONTENT
    assert driver.execute_script(_OVERFLOWS) == []


def test_it_prints_to_pdf_on_a4_landscape(driver, page):
    _open(driver, page, SCREEN, "screen")
    options = PrintOptions()
    options.orientation = "landscape"
    options.page_width, options.page_height = 21.0, 29.7  # A4, in centimetres
    options.background = True
    printed = driver.print_page(options)
    assert printed.startswith("JVBER")  # base64 of "%PDF"
    pdf = base64.b64decode(printed)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 10_000
