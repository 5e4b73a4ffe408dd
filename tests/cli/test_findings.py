"""msp validate's findings: --min-severity, rule titles next to codes, one wording and one number format."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from msp import cli
from msp.io.batch import Summary
from msp.reports.writers import SEVERITIES, SHAPE_TITLES, format_summary, rule_titles, shown, writer_for
from msp.rules import rule_set
from tests.cli.conftest import BIG

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _json(text: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    objects = [json.loads(line) for line in text.splitlines()]
    return objects[:-1], objects[-1]


@pytest.fixture(scope="module")
def every_severity(big_extract: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The big extract's findings and summary with no --min-severity: all three severities occur."""
    code = cli.main(["validate", str(big_extract), "--report", "json", "-q", "-o", str(big_extract) + ".all.json"])
    assert code == 1
    found = _json(Path(str(big_extract) + ".all.json").read_text(encoding="utf-8"))
    assert {f["severity"] for f in found[0]} == set(SEVERITIES)
    return found


class TestMinSeverity:
    """--min-severity leaves out findings below it; the summary counts everything; errors always show."""

    @pytest.mark.parametrize("level", ["error", "warning", "advice"])
    def test_json_shows_what_is_asked_and_the_summary_still_counts_all(
        self, level, big_extract, every_severity, capsys
    ):
        code, out, err = _run(capsys, "validate", str(big_extract), "--report", "json", "--min-severity", level)
        findings, summary = _json(out)
        keep = SEVERITIES[: SEVERITIES.index(level) + 1]
        all_findings, all_summary = every_severity
        assert findings == [f for f in all_findings if f["severity"] in keep]
        assert {k: v for k, v in summary.items() if k not in {"min_severity", "findings_not_shown"}} == all_summary
        assert summary["min_severity"] == level
        hidden = {s: n for s, n in all_summary["findings_by_severity"].items() if s not in keep and n}
        assert summary["findings_not_shown"] == hidden
        assert code == 1  # error findings are shown at every level
        if hidden:
            left_out = ", ".join(f"{n:,} {s}" for s, n in hidden.items())
            assert f"  findings not shown (--min-severity {level}): {left_out}\n" in err
        else:
            assert "findings not shown" not in err

    def test_text_and_csv_leave_out_the_same_findings(self, big_extract, every_severity, capsys):
        _, text, _ = _run(capsys, "validate", str(big_extract), "--min-severity", "warning")
        _, out_csv, _ = _run(capsys, "validate", str(big_extract), "--report", "csv", "--min-severity", "warning")
        rows = list(csv.DictReader(io.StringIO(out_csv, newline="")))
        expected = [f for f in every_severity[0] if f["severity"] != "advice"]
        assert [(int(r["line"]), r["code"], r["path"]) for r in rows] == [
            (f["line"], f["code"], f["path"]) for f in expected
        ]
        finding_lines = [line for line in text.splitlines() if line.startswith(str(big_extract))]
        assert len(finding_lines) == len(expected)
        assert "[advice]" not in text

    def test_records_with_warnings_only_exit_zero_and_show_nothing_at_error(self, tmp_path, capsys):
        """A file with no error finding: exit 0, and at --min-severity error no finding line at all."""
        import msp  # noqa: PLC0415
        from msp.synth import generate  # noqa: PLC0415

        chosen = [r for r in generate(80, seed=4) if not msp.validate(r).has_errors and msp.validate(r).findings][:5]
        assert chosen
        path = tmp_path / "warnings.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
        code, out, _ = _run(capsys, "validate", str(path), "--min-severity", "error")
        assert code == 0
        assert not [line for line in out.splitlines() if line.startswith(str(path))]
        assert "findings not shown (--min-severity error): " in out

    def test_an_unknown_severity_is_bad_usage(self, big_extract, capsys):
        code, out, err = _run(capsys, "validate", str(big_extract), "--min-severity", "info")
        assert (code, out) == (2, "")
        assert err.startswith("msp validate: argument --min-severity: invalid choice: 'info'")

    def test_the_writers_check_the_level(self):
        assert [shown(s, "warning") for s in SEVERITIES] == [True, True, False]
        assert all(shown(s, None) for s in SEVERITIES)
        with pytest.raises(ValueError, match="min_severity is one of: error, warning, advice"):
            writer_for("text", io.StringIO(), min_severity="info")


class TestSummary:
    """Rule titles next to codes; 'could not be read' as one count; thousands separators."""

    def test_every_code_in_the_summary_has_its_title(self, big_extract, capsys):
        _, _, err = _run(capsys, "validate", str(big_extract), "--report", "csv")
        titles = rule_titles(rule_set())
        block = err[err.index("  findings by rule:\n") :].splitlines()[1:]
        assert block
        for line in block:
            code, _, title = re.match(r"^    (\S+) +([0-9,]+)  (.+)$", line).groups()  # type: ignore[union-attr]
            assert title == titles[code]

    def test_numbers_have_thousands_separators_in_text_and_are_plain_in_json(self, big_extract, capsys):
        _, text, _ = _run(capsys, "validate", str(big_extract))
        assert re.search(rf"^  records read: +{BIG:,}$", text, re.MULTILINE)
        _, out, _ = _run(capsys, "validate", str(big_extract), "--report", "json", "-q")
        assert _json(out)[1]["records_read"] == BIG
        assert f'"records_read": {BIG},' in out

    def test_one_wording_for_records_left_out(self, big_extract, capsys):
        """Not read and not built are one count, 'could not be read'; the JSON keeps both numbers."""
        _, text, _ = _run(capsys, "validate", str(big_extract))
        _, out, _ = _run(capsys, "validate", str(big_extract), "--report", "json", "-q")
        summary = _json(out)[1]
        assert "could not be built" not in text
        left_out = summary["records_invalid"] + summary["records_unreadable"]
        assert re.search(rf"^    could not be read: +{left_out:,}$", text, re.MULTILINE)

    def test_the_counts_line_up(self):
        summary = Summary(files=1, records_read=12345, records_checked=12000, records_invalid=300)
        summary.records_unreadable = 45
        summary.records_clean = 12000
        lines = format_summary(summary).splitlines()
        counts = [line for line in lines[1:] if re.search(r"\d$", line)]
        assert len({len(line) for line in counts}) == 1
        assert "    could not be read:        345" in lines

    def test_every_shape_code_the_library_emits_has_a_title(self):
        """SHAPE_TITLES covers each SHAPE- code in src/msp (a new code needs its title in msp.reports.writers)."""
        emitted: set[str] = set()
        for path in (ROOT / "src" / "msp").rglob("*.py"):
            emitted.update(re.findall(r'"(SHAPE-[A-Z-]*[A-Z])"', path.read_text(encoding="utf-8")))
        assert sorted(emitted - set(SHAPE_TITLES)) == []
        assert all(title and title[0].isupper() for title in SHAPE_TITLES.values())
