"""Sphinx configuration for the documentation site (docs/index.md).

Build: ``pip install -e '.[docs]' && sphinx-build -b html docs docs/_build/html``; .ci/run builds it with
``-W --keep-going`` so a broken reference, a page left out of the table of contents or a docstring
warning fails the run. The build is offline: no intersphinx inventories, no remote assets, and furo
uses the system font stack (no web fonts).
"""

# ruff: noqa: INP001 - Sphinx reads this file by path; docs/ is not a package.
from __future__ import annotations

import importlib
import importlib.metadata
import inspect
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from pygments.lexers.special import TextLexer
from sphinx.application import Sphinx
from sphinx.ext.autodoc.mock import mock
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

project = "making-safeguarding-personal"
author = "making-safeguarding-personal contributors"
copyright = "2026, making-safeguarding-personal contributors"  # noqa: A001 - Sphinx's name (as in LICENSE)
release = importlib.metadata.version("making-safeguarding-personal")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# Markdown: `page.md#anchor` links resolve to the headings of each page (the pages link to
# headings up to four levels deep).
myst_heading_anchors = 4

# The API reference: automodule with :members: documents each module's __all__, in source order.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "signature"
# msp.server needs the `server` extra (Litestar, uvicorn); the site documents it without that
# extra installed, so those two imports are stood in for while its docstrings are read.
autodoc_mock_imports = ["litestar", "uvicorn"]
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "making-safeguarding-personal"
html_static_path: list[str] = []


# -- The API pages ---------------------------------------------------------------------------
# docs/api/<module>.md holds one ``msp-module`` directive per public module (tests/test_site.py
# checks there is a page for each). A class or function is exported by several modules (msp.Concern
# is msp.model.Concern is msp.model.concern.Concern): it is documented once, on the page of its
# home module, and the other pages link to it. Its home is the public module that exports it and
# contains the module it is defined in, the deepest such; failing that, the deepest that exports it.

API = Path(__file__).resolve().parent / "api"


def _import(name: str) -> ModuleType:
    with mock(autodoc_mock_imports):
        return importlib.import_module(name)


@cache
def _homes() -> dict[int, str]:
    """The home of every class and function a public module exports (``module.name``), by the object's id."""
    exporters: dict[int, list[tuple[str, str]]] = {}
    defined_in: dict[int, str] = {}
    for page in sorted(API.glob("msp*.md")):
        module = _import(page.stem)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                exporters.setdefault(id(obj), []).append((module.__name__, name))
                defined_in[id(obj)] = obj.__module__

    def rank(key: int, module: str) -> tuple[bool, int]:
        inside = defined_in[key] == module or defined_in[key].startswith(module + ".")
        return inside, module.count(".")

    return {
        key: "{}.{}".format(*max(places, key=lambda place: rank(key, place[0]))) for key, places in exporters.items()
    }


class MspModule(SphinxDirective):
    """``msp-module``: a module's docstring, the members of its ``__all__`` whose home it is, and
    links to the ones documented on another module's page."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """The module's page content, parsed where the directive stands."""
        name = self.arguments[0]
        module = _import(name)
        homes = _homes()
        elsewhere = []  # (name here, its home)
        for member in module.__all__:
            home = homes.get(id(getattr(module, member)))
            if home is not None and home != f"{name}.{member}":
                elsewhere.append((member, home))
        # The page is Markdown (MyST); autodoc writes reStructuredText, so it runs in an eval-rst block.
        lines = ["```{eval-rst}", f".. automodule:: {name}", "   :members:"]
        if elsewhere:
            lines.append("   :exclude-members: " + ", ".join(member for member, _ in elsewhere))
            lines += ["", "Also exported here, documented with the module that holds them:", ""]
            lines += [
                f"- :py:obj:`{member} <{home}>`, in :py:mod:`{home.rpartition('.')[0]}`" for member, home in elsewhere
            ]
        lines.append("```")
        node = nodes.section()
        nested_parse_with_titles(self.state, StringList(lines, source=self.get_source_info()[0]), node)
        return node.children


# -- The workflow diagram ---------------------------------------------------------------------
# docs/workflow.md holds the stages as a Mermaid diagram (msp.workflow.mermaid()), which GitHub
# draws. Drawing it here would need Mermaid's JavaScript from the web, and the build fetches
# nothing, so the site draws the same transitions as an inline SVG, from msp.workflow.TRANSITIONS
# at build time: the stages top to bottom in their order, an arrow down to the next stage, jumps
# forward on the right and back on the left (one lane each, its label written up along it), and
# the steps that keep a stage written in its box.

_BOX_W, _BOX_H, _GAP, _LANE, _TOP, _LEFT = 380, 52, 46, 28, 56, 80
_SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" class="msp-workflow" '
    'style="max-width:100%;height:auto;font-family:inherit;font-size:13px">'
    "<title>The workflow: stages and the steps between them (msp.workflow.TRANSITIONS)</title>"
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
    'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>'
)
_LINES = '<g fill="none" stroke="currentColor" stroke-width="1.4">'
_LABELS = (
    '<g fill="currentColor" stroke="var(--color-background-primary, white)" stroke-width="4" paint-order="stroke">'
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _workflow() -> tuple[list[Any], str, dict[tuple[Any, Any], list[str]], dict[Any, list[str]]]:
    """The stages in order, the step that brings a record in, the steps from stage to stage, and
    the steps that keep a stage, from msp.workflow.TRANSITIONS."""
    from msp.codes import CaseStage  # noqa: PLC0415 - only the build needs it
    from msp.workflow import TRANSITIONS  # noqa: PLC0415

    moves: dict[tuple[Any, Any], list[str]] = {}
    keeps: dict[Any, list[str]] = {}
    entry = ""
    for t in TRANSITIONS:
        if not t.from_stages and t.to_stage is not None:
            entry = t.step
        for stage in t.from_stages:
            to = t.target(stage)
            if to is stage:
                keeps.setdefault(stage, []).append(t.step)
            else:
                moves.setdefault((stage, to), []).append(t.step)
    return list(CaseStage), entry, moves, keeps


def _lanes(row: dict[Any, int], moves: Iterable[tuple[Any, Any]]) -> dict[tuple[Any, Any], int]:
    """A lane for each move that is not down to the next stage: the shortest first, each in the
    first lane of its side (forward: right, back: left) whose moves it does not overlap."""
    jumps = [p for p in moves if row[p[1]] != row[p[0]] + 1]
    taken: dict[tuple[bool, int], list[tuple[int, int]]] = {}
    lanes: dict[tuple[Any, Any], int] = {}
    for a, b in sorted(jumps, key=lambda p: (abs(row[p[1]] - row[p[0]]), row[p[0]])):
        low, high = sorted((row[a], row[b]))
        side, lane = row[b] > row[a], 0
        while any(low <= y and x <= high for x, y in taken.get((side, lane), [])):
            lane += 1
        taken.setdefault((side, lane), []).append((low, high))
        lanes[(a, b)] = lane
    return lanes


def workflow_svg() -> str:
    """The workflow's stages and steps as one self-contained ``<svg>`` element (no script, no font)."""
    stages, entry, moves, keeps = _workflow()
    row = {stage: i for i, stage in enumerate(stages)}
    lanes = _lanes(row, moves)

    def top(stage: Any) -> int:  # noqa: ANN401 - a CaseStage
        return _TOP + row[stage] * (_BOX_H + _GAP)

    # Where lines meet a box's side: spread over its height, one slot per line, nearest lane first.
    ends: dict[tuple[Any, bool], list[tuple[Any, Any]]] = {}
    for a, b in sorted(lanes, key=lanes.__getitem__):
        ends.setdefault((a, row[b] > row[a]), []).append((a, b))
        ends.setdefault((b, row[b] > row[a]), []).append((a, b))

    def meet(stage: Any, forward: bool, move: tuple[Any, Any]) -> int:  # noqa: ANN401
        here = ends[(stage, forward)]
        return top(stage) + round(_BOX_H * (here.index(move) + 1) / (len(here) + 1))

    mid, right = _LEFT + _BOX_W // 2, _LEFT + _BOX_W
    lines = [f'<circle cx="{mid}" cy="14" r="6" fill="currentColor"/>', f'<path d="M{mid},20 V{_TOP}" {_HEAD}/>']
    labels = [f'<text x="{mid + 8}" y="{(20 + _TOP) // 2 + 4}">{_esc(entry)}</text>']
    for (a, b), names in moves.items():
        text = _esc(", ".join(names))
        if (a, b) not in lanes:  # down to the next stage
            y1, y2 = top(a) + _BOX_H, top(b)
            lines.append(f'<path d="M{mid},{y1} V{y2}" {_HEAD}/>')
            labels.append(f'<text x="{mid + 8}" y="{(y1 + y2) // 2 + 4}">{text}</text>')
            continue
        forward = row[b] > row[a]
        edge = right if forward else _LEFT
        x = edge + (1 if forward else -1) * (40 + lanes[(a, b)] * _LANE)
        y1, y2 = meet(a, forward, (a, b)), meet(b, forward, (a, b))
        lines.append(f'<path d="M{edge},{y1} H{x} V{y2} H{edge}" {_HEAD}/>')
        # Written up along its line (turned a quarter), so the lanes can be close together.
        lx, ly = x + (13 if forward else -4), (y1 + y2) // 2
        labels.append(f'<text x="{lx}" y="{ly}" text-anchor="middle" transform="rotate(-90 {lx} {ly})">{text}</text>')
    boxes = []
    for stage in stages:
        y, kept = top(stage), keeps.get(stage)
        boxes.append(f'<rect x="{_LEFT}" y="{y}" width="{_BOX_W}" height="{_BOX_H}" rx="8" {_BOX}/>')
        name_y = y + (20 if kept else _BOX_H // 2 + 5)
        boxes.append(f'<text x="{mid}" y="{name_y}" text-anchor="middle" font-weight="bold">{_esc(stage.label)}</text>')
        if kept:
            steps = _esc(", ".join(kept))
            boxes.append(f'<text x="{mid}" y="{y + 40}" text-anchor="middle" font-size="11">stays here: {steps}</text>')
    right_lanes = 1 + max((lane for (a, b), lane in lanes.items() if row[b] > row[a]), default=-1)
    size = {"width": right + 40 + right_lanes * _LANE + 10, "height": top(stages[-1]) + _BOX_H + 24}
    return "\n".join([_SVG_HEAD.format(**size), _LINES, *lines, "</g>", *boxes, _LABELS, *labels, "</g>", "</svg>"])


_HEAD = 'marker-end="url(#arrow)"'
_BOX = 'fill="none" stroke="currentColor" stroke-width="1.4"'


def _draw_mermaid(_app: Sphinx, doctree: nodes.document) -> None:
    """On the site, each ``mermaid`` block of the workflow page becomes :func:`workflow_svg`'s drawing."""
    for block in list(doctree.findall(nodes.literal_block)):
        if block.get("language") == "mermaid" and "stateDiagram" in block.astext():
            block.replace_self(nodes.raw("", workflow_svg(), format="html"))


def setup(app: Sphinx) -> dict[str, object]:
    """The ``msp-module`` directive for the API pages, and the workflow diagram."""
    app.add_directive("msp-module", MspModule)
    app.add_lexer("mermaid", TextLexer)  # a Mermaid block anywhere else is shown as its source
    app.connect("doctree-read", _draw_mermaid)
    return {"parallel_read_safe": True}
