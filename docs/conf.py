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
from functools import cache
from pathlib import Path
from types import ModuleType

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


def setup(app: Sphinx) -> dict[str, object]:
    """The ``msp-module`` directive for the API pages, and the ``mermaid`` code blocks."""
    app.add_directive("msp-module", MspModule)
    # docs/workflow.md draws the stages as a Mermaid diagram, which GitHub renders. Rendering it
    # here would need Mermaid's JavaScript from the web, so the site shows its source as text.
    app.add_lexer("mermaid", TextLexer)
    return {"parallel_read_safe": True}
