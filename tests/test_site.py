"""The documentation site (docs/conf.py, docs/index.md): every page is in its table of contents,
every public module has an API page, and the build fetches nothing from the web.

.ci/run builds the site with ``sphinx-build -W``; these checks say what is wrong without a build.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from tests.test_public_api import PUBLIC_MODULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TOCTREE = re.compile(r"^```\{toctree\}\n(.*?)^```", re.MULTILINE | re.DOTALL)

API_MODULES = (*PUBLIC_MODULES, "msp.server")
"""The modules the API reference documents: the public module paths, and the HTTP service (``server`` extra)."""


def _toctree_entries(page: Path) -> list[str]:
    """The documents the ``{toctree}`` blocks of ``page`` list, in order (options and blank lines left out)."""
    entries: list[str] = []
    for block in TOCTREE.findall(page.read_text(encoding="utf-8")):
        entries += [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
    return entries


def test_the_index_lists_every_page_once() -> None:
    """No page in docs/, docs/tutorials/, docs/howto/ or docs/explanation/ is left out of the site's table of
    contents, listed twice, or missing; the API pages are listed by docs/api/index.md."""
    entries = _toctree_entries(DOCS / "index.md")
    pages = sorted(
        p.relative_to(DOCS).with_suffix("").as_posix()
        for folder in ("", "tutorials/", "howto/", "explanation/")
        for p in DOCS.glob(f"{folder}*.md")
        if p.stem != "index"
    )
    assert "tutorials/developer" in pages
    assert "tutorials/analyst" in pages
    assert "howto/rules-and-profiles" in pages
    assert "howto/privacy" in pages
    assert sorted(e for e in entries if e != "api/index") == pages
    assert len(entries) == len(set(entries))
    assert "api/index" in entries
    # A page in another folder would escape this check: docs/_build/ is a local build (README.md).
    folders = {p.parent.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if "_build" not in p.parts}
    assert folders <= {".", "api", "tutorials", "howto", "explanation"}


def test_the_tutorials_come_first() -> None:
    """The table of contents opens with the tutorials."""
    entries = _toctree_entries(DOCS / "index.md")
    assert entries[:2] == ["tutorials/developer", "tutorials/analyst"]


def test_every_public_module_has_an_api_page() -> None:
    """docs/api/ has one page per public module, each documenting that module, all in the API index."""
    api = DOCS / "api"
    pages = {p.stem: p for p in api.glob("msp*.md")}
    assert sorted(pages) == sorted(API_MODULES)
    assert sorted(_toctree_entries(api / "index.md")) == sorted(API_MODULES)
    for name, page in pages.items():
        assert f"```{{msp-module}} {name}\n```" in page.read_text(encoding="utf-8"), page.name


def test_the_build_fetches_nothing_from_the_web() -> None:
    """docs/conf.py uses no intersphinx and names no remote URL (no inventories, assets or fonts); the
    SVG namespace of the workflow drawing is a name, never fetched."""
    text = (DOCS / "conf.py").read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert re.search(r"\b(https?:)?//[\w.-]+\.\w", text) is None
    conf = runpy.run_path(str(DOCS / "conf.py"))
    assert not any(ext.startswith("sphinx.ext.intersphinx") for ext in conf["extensions"])
    assert "intersphinx_mapping" not in conf
    assert conf["html_theme"] == "furo"
    assert not conf.get("html_css_files")
    assert not conf.get("html_js_files")


def test_ci_builds_the_site_with_warnings_as_errors_outside_the_checkout() -> None:
    """.ci/run builds the site with ``-W`` into a scratch directory, and README says how to build it."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r'^sphinx-build -W --keep-going .*-b html docs "\$docs_out/html"$', ci, re.MULTILINE)
    assert 'docs_out="$(mktemp -d)"' in ci
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -e '.[docs]' && sphinx-build -b html docs docs/_build/html" in readme
    assert "docs/_build/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_site_draws_the_workflow_from_the_transition_table() -> None:
    """The site draws docs/workflow.md's Mermaid diagram as an inline SVG built from TRANSITIONS (GitHub
    draws the Mermaid; the offline build cannot): every stage, every step, one arrow per move."""
    from docutils import nodes  # noqa: PLC0415
    from docutils.frontend import get_default_settings  # noqa: PLC0415
    from docutils.parsers.rst import Parser  # noqa: PLC0415
    from docutils.utils import new_document  # noqa: PLC0415

    from msp.codes import CaseStage  # noqa: PLC0415
    from msp.workflow import TRANSITIONS  # noqa: PLC0415

    conf = runpy.run_path(str(DOCS / "conf.py"))
    svg = conf["workflow_svg"]()
    assert svg.startswith("<svg ")
    assert svg.endswith("</svg>")
    assert "<script" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for stage in CaseStage:
        assert f">{stage.label}<" in svg
    for t in TRANSITIONS:
        assert t.step in svg
    moves = {(s, t.target(s)) for t in TRANSITIONS for s in t.from_stages if t.target(s) is not s}
    assert svg.count('marker-end="url(#arrow)"') == len(moves) + 1  # and the entry arrow, receive

    document = new_document("workflow", get_default_settings(Parser))
    block = nodes.literal_block("", "stateDiagram-v2\n    [*] --> concern_received : receive\n")
    block["language"] = "mermaid"
    document += block
    conf["_draw_mermaid"](None, document)
    (raw,) = document.findall(nodes.raw)
    assert raw["format"] == "html"
    assert raw.astext() == svg
    assert not list(document.findall(nodes.literal_block))
