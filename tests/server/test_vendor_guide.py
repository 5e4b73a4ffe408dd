"""docs/vendors.md is true: every ``sh`` block runs against a real server and prints what the guide shows,
and the Java client compiles and runs against it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.server.serving import ROOT, Server
from tests.tutorial_runner import blocks

GUIDE = ROOT / "docs" / "vendors.md"
DOCUMENTED = "http://127.0.0.1:8000"


def _language(lang: str, code: str, not_run: str | None) -> str:
    if "javac" in code:
        return "run-java"
    return lang if not_run is None or lang in {"java", "text"} else "shown"


def _blocks() -> list[tuple[str, str]]:
    """``(language, text)`` of the guide's blocks, a block marked ``<!-- msp-doc: not run: ... -->`` as ``shown``
    (the install and start lines: this test starts the service itself), but for the Java client and
    the line that runs it (``run-java``), which this test runs."""
    return [(_language(b.lang, b.code, b.not_run), b.code) for b in blocks(GUIDE) if not b.hidden]


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"docs/vendors.md's examples need {', '.join(missing)} on PATH")


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


class TestTheCurlExamples:
    """Each ``sh`` block, run in order in one folder, prints the ``text`` block that follows it."""

    def test_every_example_prints_what_the_guide_shows(self, server: Server, tmp_path: Path):
        _need("bash", "curl", "python3")
        blocks = _blocks()
        checked = 0
        for index, (language, text) in enumerate(blocks):
            if language != "sh":
                continue
            script = text.replace(DOCUMENTED, server.url)
            bash = shutil.which("bash") or "bash"
            done = subprocess.run(  # noqa: S603 - the guide's own examples
                [bash, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
            )
            assert done.returncode == 0, done.stderr
            following = blocks[index + 1] if index + 1 < len(blocks) else ("", "")
            if following[0] == "text":
                assert _normalised(done.stdout) == _normalised(following[1]), script
                checked += 1
        assert checked >= 8  # health, one record, bad body, media type, batch, receive, refusal, preview, version


class TestTheJavaClient:
    """The Java sketch compiles with javac and prints what the guide shows against a real server."""

    def test_it_compiles_and_runs(self, server: Server, tmp_path: Path):
        _need("javac", "java")
        blocks = _blocks()
        (source,) = [text for language, text in blocks if language == "java"]
        (tmp_path / "MspClient.java").write_text(source, encoding="utf-8")
        compiled = subprocess.run(
            ["javac", "-d", "out", "MspClient.java"],  # noqa: S607
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert compiled.returncode == 0, compiled.stderr
        ran = subprocess.run(  # noqa: S603
            ["java", "-cp", "out", "MspClient", server.url],  # noqa: S607
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={"PATH": str(Path(shutil.which("java") or "java").parent)},
        )
        assert ran.returncode == 0, ran.stderr
        command = next(i for i, (language, text) in enumerate(blocks) if language == "run-java")
        assert blocks[command + 1][0] == "text"
        assert _normalised(ran.stdout) == _normalised(blocks[command + 1][1])
        assert "200 application/json" in ran.stdout
        assert "400 application/problem+json" in ran.stdout
