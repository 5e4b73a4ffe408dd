"""Every command's --help explains itself: what the command does, every option, and the exit statuses."""

from __future__ import annotations

import argparse
import re

import pytest

from msp import cli
from msp.cli import _common

COMMANDS = ("validate", "rules", "synth", "layout", "sac", "audit", "codes", "migrate", "schema", "serve")


def _parsers() -> dict[str, argparse.ArgumentParser]:
    """``msp`` itself ("") and each command's parser, walked from the parser ``msp`` runs."""
    parser = cli._parser()
    found: dict[str, argparse.ArgumentParser] = {"": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def test_the_walk_finds_every_command():
    assert set(_parsers()) == {"", *COMMANDS}


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_every_option_and_argument_has_help(name):
    """No bare option (like `--year YYYY-YY` with nothing said): every option and argument says what it does."""
    parser = _parsers()[name]
    bare = [
        "/".join(action.option_strings) or action.dest
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)
        and (action.help is None or action.help == argparse.SUPPRESS or not action.help.strip())
    ]
    assert bare == [], f"msp {name}: options without help"


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_every_command_is_described_and_names_its_exit_statuses(name):
    parser = _parsers()[name]
    assert parser.description
    assert len(parser.description) > 60, "a sentence or more about what the command does"
    epilog = parser.epilog or ""
    assert re.search(r"^exit status:$", epilog, flags=re.IGNORECASE | re.MULTILINE), epilog
    statuses = set(re.findall(r"^ +([0-9]+) +\S", epilog[epilog.lower().index("exit status:") :], re.MULTILINE))
    assert {"0", "2"} <= statuses


@pytest.mark.parametrize("name", [n for n in COMMANDS if n != "audit"])
def test_our_commands_share_one_exit_status_list(name):
    """2 (could not run) and 141 (output closed early) read the same in every command; 1 only where it exists."""
    epilog = _parsers()[name].epilog or ""
    assert epilog.endswith(_common.exit_statuses(*_own_statuses(epilog)))
    has_one = name in {"validate", "sac", "migrate"}
    assert ("\n  1    " in epilog) is has_one


def _own_statuses(epilog: str) -> list[tuple[int, str]]:
    """The 0 and 1 lines of an epilog, to rebuild it with :func:`exit_statuses`."""
    block = epilog[epilog.index("Exit status:\n") + len("Exit status:\n") :]
    found: list[tuple[int, str]] = []
    for entry in re.split(r"\n(?=  \d)", block):
        status, meaning = entry.strip().split(maxsplit=1)
        if status in {"0", "1"}:
            found.append((int(status), " ".join(meaning.split())))
    return found


@pytest.mark.parametrize("name", [n for n in COMMANDS if n != "audit"])
def test_help_prints_the_epilog_as_written(name, capsys):
    """`msp NAME --help` exits 0 and keeps the exit-status lines (not run together into one paragraph)."""
    assert cli.main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: msp {name}")
    assert "\nExit status:\n  0    " in out
    assert "\n  2    could not run" in out
    assert "\n  141  the output was closed early" in out


def test_the_top_level_help_lists_every_command_and_the_statuses(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert re.search(rf"^    {name} +\S", out, re.MULTILINE), name
    assert "thousands separators" in out
    assert "\n  1    the command found what it checks for" in out


def test_sac_year_and_validate_min_severity_say_what_they_take(capsys):
    assert cli.main(["sac", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--year YYYY-YY the collection year to count, e.g. 2025-26" in out
    assert "--disclosure {csv,tables} with --suppress, how an SG4a group of zeros is written" in out
    assert cli.main(["validate", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--min-severity {error,warning,advice} show only findings of this severity or more serious" in out


def test_synth_help_names_the_real_default_start(capsys):
    from msp.synth import DEFAULT_START  # noqa: PLC0415

    assert cli.main(["synth", "--help"]) == 0
    assert f"default {DEFAULT_START.isoformat()}" in " ".join(capsys.readouterr().out.split())


def test_exit_statuses_wrap_and_always_end_with_two_and_141():
    text = _common.exit_statuses((0, "done"), (1, "word " * 40))
    lines = text.splitlines()
    assert lines[0] == "Exit status:"
    assert lines[1] == "  0    done"
    assert all(len(line) <= 79 for line in lines)
    assert lines[2].startswith("  1    word")
    assert lines[3].startswith("       word")
    assert lines[-1] == "  141  the output was closed early (| head): nothing more said"
    assert any(line.startswith("  2    could not run") for line in lines)


@pytest.mark.parametrize("name", ["validate", "sac", "audit"])
def test_the_input_help_names_every_format_read(name):
    """The commands that read the flat layout from Excel and Parquet too (and take --sheet) say so
    in their PATH help, not only CSV (docs/layout.md, "Spreadsheet and Parquet inputs")."""
    parser = _parsers()[name]
    assert any("--sheet" in action.option_strings for action in parser._actions)
    (paths,) = [action for action in parser._actions if action.dest == "paths"]
    for kind in ("JSON Lines", "JSON", "CSV", "Excel (.xlsx)", "Parquet"):
        assert kind in paths.help, f"msp {name} PATH help does not name {kind}"
