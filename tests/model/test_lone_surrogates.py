"""A lone surrogate in a Python ``str`` is refused wherever text is kept, so no output holds one (docs/json.md)."""

from __future__ import annotations

import datetime as dt

import pytest

import msp
from msp.model._fields import has_lone_surrogate

LONE = ("\ud800", "\udfff", "North \udc00 team", "\ud83d\ude00")  # the last: a pair left as two code points


@pytest.mark.parametrize("text", LONE)
def test_a_constructor_refuses_it_at_the_field(text: str) -> None:
    with pytest.raises(msp.InvalidRecord) as caught:
        msp.Concern(concern_id="C1", adult=msp.Adult(adult_id="A1"), received_on=dt.date(2025, 1, 1), team=text)
    [problem] = caught.value.problems
    assert (problem.code, problem.path) == ("SHAPE-ENCODING", "$.team")
    assert text not in problem.message


@pytest.mark.parametrize("text", LONE)
def test_from_dict_refuses_it_at_its_path_on_every_route(text: str) -> None:
    data = {
        "schema_version": 2,
        "concern_id": "C1",
        "adult": {"adult_id": "A1"},
        "received_on": "2025-01-01",
        "desired_outcomes": [{"in_own_words": text, "expressed_by": "adult"}],
    }
    with pytest.raises(msp.InvalidRecord) as caught:
        msp.from_dict(data)
    where = [("SHAPE-ENCODING", "$.desired_outcomes[0].in_own_words")]
    assert [(p.code, p.path) for p in caught.value.problems] == where
    report = msp.validate(data)
    assert [(x.code, x.path) for x in report.findings] == where


def test_text_that_is_fine_is_kept_and_written_as_utf8() -> None:
    """Astral characters, accents and ASCII pass; the record writes as UTF-8."""
    for text in ("North team", "Équipe nord", "team \U0001f600", "チーム"):
        assert not has_lone_surrogate(text)
        adult = msp.Adult(adult_id="A1")
        concern = msp.Concern(concern_id="C1", adult=adult, received_on=dt.date(2025, 1, 1), team=text)
        assert msp.from_json(msp.to_json(concern).encode("utf-8")) == concern


def test_only_surrogates_are_found() -> None:
    assert all(has_lone_surrogate(t) for t in LONE)
    assert not any(has_lone_surrogate(chr(c)) for c in (0x41, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF))
