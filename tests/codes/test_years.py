"""Collection years: 1 April to 31 March."""

from __future__ import annotations

from datetime import date, datetime, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp import CollectionYear


class TestParse:
    """CollectionYear.parse reads exactly 'YYYY-YY' for consecutive years from 2015-16 to 2100-01."""

    @pytest.mark.parametrize(
        ("text", "start"),
        [("2015-16", 2015), ("2024-25", 2024), ("2025-26", 2025), ("2099-00", 2099), ("2100-01", 2100)],
    )
    def test_good_years(self, text, start):
        assert CollectionYear.parse(text) == CollectionYear(start=start)

    @pytest.mark.parametrize(
        "text",
        [
            "2025-27",  # not consecutive
            "2025-25",
            "2025/26",
            "2025-2026",
            "25-26",
            "2025",
            "",
            " 2025-26",
            "2025-26 ",
            "2025-26\n",
            "\uff12\uff10\uff12\uff15-\uff12\uff16",  # full-width digits
            "2014-15",  # before the SAC began
            "1999-00",
            "2101-02",  # beyond the supported range
            "abcd-ef",
        ],
    )
    def test_bad_years_raise_value_error(self, text):
        with pytest.raises(ValueError):
            CollectionYear.parse(text)

    @pytest.mark.parametrize("value", [2025, None, b"2025-26", ["2025-26"]])
    def test_non_text_raises_value_error(self, value):
        with pytest.raises(ValueError, match="written like 2025-26"):
            CollectionYear.parse(value)

    def test_message_for_a_year_before_2015(self):
        with pytest.raises(ValueError, match="began in 2015-16"):
            CollectionYear.parse("2010-11")


class TestConstruction:
    """A CollectionYear starts in an int year from 2015, is frozen and keyword-only, and orders by start."""

    def test_start_before_2015_is_refused(self):
        with pytest.raises(ValueError):
            CollectionYear(start=2014)

    @pytest.mark.parametrize("start", ["2025", True, 2025.0])
    def test_start_must_be_an_int(self, start):
        with pytest.raises(TypeError):
            CollectionYear(start=start)

    def test_is_frozen_and_keyword_only(self):
        year = CollectionYear(start=2025)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            year.start = 2026
        with pytest.raises(TypeError):
            CollectionYear(2025)

    def test_years_order_by_start(self):
        assert CollectionYear(start=2024) < CollectionYear(start=2025)
        assert sorted([CollectionYear(start=2026), CollectionYear(start=2015)]) == [
            CollectionYear(start=2015),
            CollectionYear(start=2026),
        ]


class TestDays:
    """A collection year runs from 1 April to 31 March, and contains dates and date-times by calendar date."""

    def test_first_and_last_day(self):
        year = CollectionYear.parse("2025-26")
        assert year.first_day == date(2025, 4, 1)
        assert year.last_day == date(2026, 3, 31)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2025, 4, 1), "2025-26"),
            (date(2025, 3, 31), "2024-25"),
            (date(2026, 1, 1), "2025-26"),
            (date(2026, 3, 31), "2025-26"),
            (date(2026, 4, 1), "2026-27"),
            (date(2024, 2, 29), "2023-24"),
        ],
    )
    def test_containing(self, day, expected):
        assert str(CollectionYear.containing(day)) == expected

    def test_in_is_true_from_1_april_to_31_march(self):
        year = CollectionYear(start=2025)
        assert date(2025, 4, 1) in year
        assert date(2026, 3, 31) in year
        assert date(2025, 3, 31) not in year
        assert date(2026, 4, 1) not in year

    def test_non_dates_are_not_in_a_year(self):
        year = CollectionYear(start=2025)
        assert "2025-05-01" not in year
        assert None not in year
        assert 2025 not in year

    def test_a_datetime_counts_by_its_calendar_date(self):
        year = CollectionYear(start=2025)
        assert datetime(2025, 4, 1, 0, 30, tzinfo=timezone.utc) in year
        assert datetime(2025, 3, 31, 23, 59, tzinfo=timezone.utc) not in year

    @given(st.dates(min_value=date(2015, 4, 1), max_value=date(2100, 12, 31)))
    def test_containing_year_contains_the_day(self, day):
        year = CollectionYear.containing(day)
        assert day in year
        assert year.first_day <= day <= year.last_day


class TestText:
    """A collection year's text round-trips through parse."""

    @pytest.mark.parametrize("text", ["2015-16", "2025-26", "2099-00"])
    def test_str_round_trips(self, text):
        assert str(CollectionYear.parse(text)) == text

    @given(st.integers(min_value=2015, max_value=2100))
    def test_parse_of_str_is_the_same_year(self, start):
        year = CollectionYear(start=start)
        assert CollectionYear.parse(str(year)) == year
        assert len(str(year)) == 7
