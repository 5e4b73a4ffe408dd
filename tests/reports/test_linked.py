"""Concerns read together (:mod:`msp.reports.linked`): organisational enquiries, linked groups, repeat
concerns and concerns that may duplicate one still open.

Records are synthetic and built as a council records them: three residents of one care home in one
organisational enquiry, an adult with several concerns in a season, a second referral about a concern
still open. Every function is checked on no records, one record and records in any order.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, ClassVar

import attrs
import pytest

from msp import Adult, Closure, ConcernLink, OrganisationalEnquiry, PersonAllegedToHaveCausedHarm, ProviderInvolved
from msp.codes import CaseStage, ClosureReason, ExitRoute, LinkReason, OrganisationKind, TypeOfRisk
from msp.model.concern import Concern
from msp.reports.linked import (
    DEFAULT_REPEAT_WINDOW_DAYS,
    ORGANISATIONAL_ENQUIRY_CODES,
    LinkedGroup,
    OpenDuplicate,
    RepeatConcern,
    concern_ids,
    linked_groups,
    open_duplicates,
    organisational_enquiries,
    organisational_enquiry_problems,
    repeat_concerns,
)
from msp.reports.sac_return import CONCERNS, sac
from tests.builders import RECEIVED, adult, concern, concluded_s42, no_enquiry_closed, no_enquiry_decision, risk

DAY0 = date(2025, 6, 2)
HOME = "1-123456789"
OTHER_HOME = "1-555555555"


def on(days: int) -> date:
    """``days`` after :data:`DAY0`."""
    return DAY0 + timedelta(days=days)


def record(concern_id: str, adult_id: str, days: int = 0, **overrides: Any) -> Concern:
    """A concern ``concern_id`` about adult ``adult_id``, received ``days`` after :data:`DAY0`."""
    return concern(concern_id=concern_id, adult=Adult(adult_id=adult_id), received_on=on(days), **overrides)


def about_home(concern_id: str, adult_id: str, days: int = 0, *, enquiry_id: str = "OE-1", **oe: Any) -> Concern:
    """A concern about a resident of the care home, in organisational enquiry ``enquiry_id``."""
    fields: dict[str, Any] = {
        "enquiry_id": enquiry_id,
        "lead": "Safeguarding adults team",
        "cqc_location_id": HOME,
        "started_on": DAY0,
        **oe,
    }
    return record(
        concern_id,
        adult_id,
        days,
        provider=ProviderInvolved(kind=OrganisationKind.CARE_HOME, cqc_location_id=fields["cqc_location_id"]),
        organisational_enquiry=OrganisationalEnquiry(**fields),
    )


def of_risk(concern_id: str, adult_id: str, days: int, *types: TypeOfRisk, **overrides: Any) -> Concern:
    """A concern about these types of risk."""
    return record(concern_id, adult_id, days, risks=tuple(risk(type_of_risk=t) for t in types), **overrides)


def closed(on_day: int) -> dict[str, Any]:
    """A closure ``on_day`` days after :data:`DAY0`, at the ``closed`` stage."""
    return {
        "closure": Closure(closed_on=on(on_day), reason=ClosureReason.NO_ENQUIRY_REQUIRED),
        "stage": CaseStage.CLOSED,
    }


def shuffled(records: list[Concern], seed: int = 7) -> list[Concern]:
    out = list(records)
    random.Random(seed).shuffle(out)  # noqa: S311 - a test's order, not a secret
    return out


THE_HOME = [
    about_home("C-0003", "A-0003", 9),
    about_home("C-0001", "A-0001", 0),
    record("C-0009", "A-0009", 1),
    about_home("C-0002", "A-0002", 4),
    about_home("C-0004", "A-0004", 2, enquiry_id="OE-2", cqc_location_id=OTHER_HOME),
]


class TestOrganisationalEnquiries:
    """Concerns grouped by their organisational enquiry, in the order received."""

    def test_the_residents_of_one_home_are_one_enquiry(self) -> None:
        groups = organisational_enquiries(THE_HOME)
        assert list(groups) == ["OE-1", "OE-2"]
        assert concern_ids(groups["OE-1"]) == ("C-0001", "C-0002", "C-0003")
        assert concern_ids(groups["OE-2"]) == ("C-0004",)
        assert all(isinstance(c, Concern) for c in groups["OE-1"])

    def test_the_order_given_does_not_matter(self) -> None:
        for seed in range(5):
            again = organisational_enquiries(shuffled(THE_HOME, seed))
            assert list(again.items()) == list(organisational_enquiries(THE_HOME).items())

    def test_concerns_about_one_location_are_linked_as_one_group(self) -> None:
        (group,) = linked_groups(THE_HOME, follow=(LinkReason.SAME_LOCATION,))
        assert group.concern_ids == concern_ids(organisational_enquiries(THE_HOME)["OE-1"])
        assert group.reasons == {LinkReason.SAME_LOCATION}
        assert (group.first_received_on, group.last_received_on) == (on(0), on(9))

    def test_the_same_day_goes_by_concern_id(self) -> None:
        groups = organisational_enquiries([about_home("C-0002", "A-2"), about_home("C-0001", "A-1")])
        assert concern_ids(groups["OE-1"]) == ("C-0001", "C-0002")

    def test_a_concern_in_no_enquiry_is_in_no_group(self) -> None:
        assert organisational_enquiries([record("C-0009", "A-0009")]) == {}


class TestGroupConsistency:
    """Where the concerns of one organisational enquiry disagree, each odd one out is a located problem."""

    def test_a_consistent_enquiry_has_no_problem(self) -> None:
        assert organisational_enquiry_problems(THE_HOME) == ()

    def test_each_disagreement_is_located_on_the_odd_concern(self) -> None:
        records = [
            about_home("C-0001", "A-0001", 0, ended_on=on(40)),
            about_home("C-0002", "A-0002", 3, ended_on=on(40)),
            about_home("C-0003", "A-0003", 5, started_on=on(1), ended_on=on(40)),
            about_home("C-0004", "A-0004", 6, lead="Another team"),
        ]
        found = {(p.code, p.record_id, p.path) for p in organisational_enquiry_problems(shuffled(records))}
        assert found == {
            ("ORG-STARTED", "C-0003", "$.organisational_enquiry.started_on"),
            ("ORG-ENDED", "C-0004", "$.organisational_enquiry.ended_on"),
            ("ORG-LEAD", "C-0004", "$.organisational_enquiry.lead"),
        }
        for p in organisational_enquiry_problems(records):
            assert "team" not in p.message
            assert "2025" not in p.message
            assert "OE-1" not in p.message
            assert p.code in ORGANISATIONAL_ENQUIRY_CODES

    def test_a_tie_goes_to_the_concern_received_first(self) -> None:
        records = [about_home("C-0002", "A-2", 1, lead="Team B"), about_home("C-0001", "A-1", 0, lead="Team A")]
        (problem,) = organisational_enquiry_problems(records)
        assert (problem.code, problem.record_id) == ("ORG-LEAD", "C-0002")

    def test_a_group_of_one_cannot_disagree(self) -> None:
        assert organisational_enquiry_problems([about_home("C-0001", "A-1", lead=None, started_on=None)]) == ()


class TestLinkedGroups:
    """Connected concerns, and the link reasons that join them."""

    def test_links_join_the_concerns_they_name_and_report_the_absent_ones(self) -> None:
        records = [
            record("C-0001", "A-1", links=(ConcernLink(concern_id="C-0002", reason=LinkReason.SAME_ALLEGED_PERSON),)),
            record("C-0002", "A-2", 3),
            record("C-0003", "A-3", 5, links=(ConcernLink(concern_id="C-0099", reason=LinkReason.SAME_ADULT),)),
        ]
        groups = linked_groups(records)
        assert [g.concern_ids for g in groups] == [("C-0001", "C-0002"), ("C-0003",)]
        assert groups[0].reasons == {LinkReason.SAME_ALLEGED_PERSON}
        assert groups[1].absent_ids == ("C-0099",)
        assert groups[1].reasons == frozenset()

    def test_groups_join_through_each_other_and_name_every_reason(self) -> None:
        alleged = (PersonAllegedToHaveCausedHarm(person_id="PA-7"),)
        records = [
            record("C-0001", "A-1", 0),
            record("C-0002", "A-1", 10, people_alleged=alleged),
            record("C-0003", "A-3", 20, people_alleged=alleged),
            record("C-0004", "A-4", 30),
        ]
        (group,) = linked_groups(shuffled(records))
        assert group.concern_ids == ("C-0001", "C-0002", "C-0003")
        assert group.reasons == {LinkReason.SAME_ADULT, LinkReason.SAME_ALLEGED_PERSON}

    def test_only_the_reasons_followed_join(self) -> None:
        records = [
            record("C-0001", "A-1", links=(ConcernLink(concern_id="C-0002", reason=LinkReason.SAME_LOCATION),)),
            record("C-0002", "A-2"),
            record("C-0003", "A-1", 4),
        ]
        assert [g.concern_ids for g in linked_groups(records, follow=(LinkReason.SAME_ADULT,))] == [
            ("C-0001", "C-0003")
        ]
        assert [g.concern_ids for g in linked_groups(records, follow=(LinkReason.SAME_LOCATION,))] == [
            ("C-0001", "C-0002")
        ]
        assert linked_groups(records, follow=()) == ()

    def test_a_concern_linked_to_itself_is_not_a_group(self) -> None:
        selfish = record("C-0001", "A-1", links=(ConcernLink(concern_id="C-0001", reason=LinkReason.SAME_ADULT),))
        assert linked_groups([selfish]) == ()

    def test_the_organisational_enquirys_location_links_too(self) -> None:
        records = [
            record(
                "C-0001", "A-1", organisational_enquiry=OrganisationalEnquiry(enquiry_id="OE-9", cqc_location_id=HOME)
            ),
            record("C-0002", "A-2", provider=ProviderInvolved(cqc_location_id=HOME)),
        ]
        (group,) = linked_groups(records)
        assert group.reasons == {LinkReason.SAME_LOCATION}


class TestRepeatConcerns:
    """For each adult, the concerns received within the window of an earlier one."""

    RECORDS: ClassVar[list[Concern]] = [
        record("C-0003", "A-1", 200),
        record("C-0001", "A-1", 0),
        record("C-0002", "A-1", 30),
        record("C-0010", "A-2", 0),
        record("C-0011", "A-2", 0),
        record("C-0020", "A-3", 5),
    ]

    def test_the_default_window_is_ninety_days(self) -> None:
        assert DEFAULT_REPEAT_WINDOW_DAYS == 90
        found = repeat_concerns(self.RECORDS)
        assert [(r.adult_id, r.concern_id, r.earlier_concern_id, r.days_after) for r in found] == [
            ("A-1", "C-0002", "C-0001", 30),
            ("A-2", "C-0011", "C-0010", 0),
        ]
        assert found[0] == RepeatConcern(
            adult_id="A-1",
            concern_id="C-0002",
            received_on=on(30),
            earlier_concern_id="C-0001",
            earlier_received_on=on(0),
        )

    def test_the_window_is_a_parameter(self) -> None:
        wide = repeat_concerns(self.RECORDS, within_days=170)
        assert [(r.concern_id, r.earlier_concern_id) for r in wide] == [
            ("C-0002", "C-0001"),
            ("C-0003", "C-0002"),
            ("C-0011", "C-0010"),
        ]
        assert [r.concern_id for r in repeat_concerns(self.RECORDS, within_days=0)] == ["C-0011"]

    def test_the_order_given_does_not_matter(self) -> None:
        for seed in range(5):
            assert repeat_concerns(shuffled(self.RECORDS, seed)) == repeat_concerns(self.RECORDS)

    @pytest.mark.parametrize("bad", [-1, 1.5, "90"])
    def test_a_window_is_a_whole_number_of_days(self, bad: Any) -> None:
        with pytest.raises(ValueError, match="within_days"):
            repeat_concerns(self.RECORDS, within_days=bad)


class TestOpenDuplicates:
    """A concern received while another about the same adult and risk is open, or marked as its duplicate."""

    PHYSICAL = TypeOfRisk.PHYSICAL_ABUSE
    NEGLECT = TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION

    def test_a_second_referral_while_the_first_is_open(self) -> None:
        records = [
            of_risk("C-0001", "A-1", 0, self.PHYSICAL),
            of_risk("C-0002", "A-1", 3, self.PHYSICAL, self.NEGLECT),
        ]
        (dup,) = open_duplicates(shuffled(records))
        assert dup == OpenDuplicate(
            adult_id="A-1",
            concern_id="C-0002",
            received_on=on(3),
            open_concern_id="C-0001",
            open_received_on=on(0),
            marked=False,
            overlapping=True,
        )

    def test_the_nearest_open_concern_is_named(self) -> None:
        records = [
            of_risk("C-0001", "A-1", 0, self.PHYSICAL),
            of_risk("C-0002", "A-1", 2, self.PHYSICAL),
            of_risk("C-0003", "A-1", 4, self.PHYSICAL),
        ]
        assert [(d.concern_id, d.open_concern_id) for d in open_duplicates(records)] == [
            ("C-0002", "C-0001"),
            ("C-0003", "C-0002"),
        ]

    @pytest.mark.parametrize(
        ("earlier", "why"),
        [
            (of_risk("C-0001", "A-1", 0, TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION), "no-type-of-risk-in-common"),
            (of_risk("C-0001", "A-1", 0, TypeOfRisk.PHYSICAL_ABUSE, **closed(2)), "closed-before"),
            (of_risk("C-0001", "A-1", 0, TypeOfRisk.PHYSICAL_ABUSE, **closed(5)), "closed-the-day-it-came-in"),
            (of_risk("C-0001", "A-1", 0, TypeOfRisk.PHYSICAL_ABUSE, stage=CaseStage.CLOSED), "closed-undated"),
            (of_risk("C-0001", "A-2", 0, TypeOfRisk.PHYSICAL_ABUSE), "another-adult"),
            (record("C-0001", "A-1", 0), "no-risk-recorded"),
        ],
    )
    def test_not_a_duplicate(self, earlier: Concern, why: str) -> None:
        later = of_risk("C-0002", "A-1", 5, self.PHYSICAL)
        assert open_duplicates([earlier, later]) == (), why

    def test_open_until_the_closure_date(self) -> None:
        records = [
            of_risk("C-0001", "A-1", 0, self.PHYSICAL, **closed(6)),
            of_risk("C-0002", "A-1", 5, self.PHYSICAL),
        ]
        assert [d.open_concern_id for d in open_duplicates(records)] == ["C-0001"]

    def test_a_concern_marked_as_a_duplicate_is_listed_whatever_the_risk(self) -> None:
        decision = no_enquiry_decision(duplicate_of="C-0001", decided_on=on(3))
        records = [
            of_risk("C-0001", "A-1", 0, self.NEGLECT),
            of_risk("C-0002", "A-1", 3, self.PHYSICAL, decision=decision),
            of_risk(
                "C-0003", "A-3", 4, self.PHYSICAL, decision=no_enquiry_decision(duplicate_of="C-0777", decided_on=on(4))
            ),
        ]
        marked, absent = open_duplicates(records)
        assert (marked.concern_id, marked.open_concern_id, marked.marked, marked.overlapping) == (
            "C-0002",
            "C-0001",
            True,
            False,
        )
        assert (absent.open_concern_id, absent.open_received_on, absent.marked) == ("C-0777", None, True)

    def test_within_days_limits_the_gap(self) -> None:
        records = [of_risk("C-0001", "A-1", 0, self.PHYSICAL), of_risk("C-0002", "A-1", 40, self.PHYSICAL)]
        assert len(open_duplicates(records)) == 1
        assert open_duplicates(records, within_days=30) == ()
        with pytest.raises(ValueError, match="within_days"):
            open_duplicates(records, within_days=-3)


class TestEdgeCases:
    """No records, one record, any iterable, and the same record given twice."""

    @pytest.mark.parametrize(
        "function",
        [organisational_enquiries, organisational_enquiry_problems, linked_groups, repeat_concerns, open_duplicates],
    )
    def test_no_records_and_one_record(self, function: Any) -> None:
        assert not function([])
        assert not function(iter([]))
        lone = of_risk("C-0001", "A-1", 0, TypeOfRisk.PHYSICAL_ABUSE)
        result = function([lone])
        if function is organisational_enquiries:
            assert result == {}
        else:
            assert result == ()

    def test_a_generator_is_read_once(self) -> None:
        records = (r for r in THE_HOME)
        assert concern_ids(organisational_enquiries(records)["OE-1"]) == ("C-0001", "C-0002", "C-0003")

    @pytest.mark.parametrize(
        "function",
        [organisational_enquiries, organisational_enquiry_problems, linked_groups, repeat_concerns, open_duplicates],
    )
    def test_a_concern_given_twice_is_refused(self, function: Any) -> None:
        one = record("C-0001", "A-1")
        with pytest.raises(ValueError, match="C-0001 is given twice"):
            function([one, attrs.evolve(one, team="Team B")])

    def test_records_with_no_shared_ids_are_never_linked(self) -> None:
        records = [record(f"C-{i:04d}", f"A-{i}", i) for i in range(1, 6)]
        assert linked_groups(records) == ()
        assert repeat_concerns(records) == ()
        assert open_duplicates(records) == ()
        assert organisational_enquiries(records) == {}


def test_results_name_ids_and_dates_only() -> None:
    """Every field of every result is an id, a date, a flag or a link reason: never free text or a risk."""
    allowed = {"str", "date", "date | None", "bool", "tuple[str, ...]", "frozenset[LinkReason]"}
    for kind in (LinkedGroup, RepeatConcern, OpenDuplicate):
        for field in attrs.fields(kind):
            assert str(field.type) in allowed, (kind.__name__, field.name, field.type)


class TestSacCounting:
    """What docs/returns.md says of linked concerns, organisational enquiries and duplicates holds."""

    @staticmethod
    def _totals(records: list[Concern]) -> tuple[int, int, int]:
        """Concerns raised, section 42 enquiries started, and individuals with a concern (SG1a)."""
        ret = sac(records, year="2025-26")
        individuals = sum(row.count for row in ret.table("SG1a") if row.enquiry_type == CONCERNS)
        return (
            ret.count("SG1f", "Total Number of Safeguarding Concerns"),
            ret.count("SG1f", "Total Number of Section 42 Safeguarding Enquiries"),
            individuals,
        )

    def test_a_duplicate_of_an_open_concern_is_a_concern_and_not_an_enquiry(self) -> None:
        open_one = concluded_s42()
        duplicate = no_enquiry_closed(
            concern_id="C-0002",
            decision=no_enquiry_decision(
                exit_routes=(ExitRoute.DUPLICATE_OF_OPEN_CONCERN,), duplicate_of=open_one.concern_id
            ),
        )
        assert self._totals([open_one, duplicate]) == (2, 1, 1)
        assert [d.marked for d in open_duplicates([open_one, duplicate])] == [True]

    def test_an_organisational_enquiry_counts_each_adult_at_risk(self) -> None:
        enquiry = OrganisationalEnquiry(enquiry_id="OE-1", cqc_location_id=HOME, started_on=RECEIVED)
        members = [
            concluded_s42(concern_id=f"C-000{i}", adult=adult(adult_id=f"A-000{i}"), organisational_enquiry=enquiry)
            for i in (1, 2, 3)
        ]
        assert self._totals(members) == (3, 3, 3)
        assert concern_ids(organisational_enquiries(members)["OE-1"]) == ("C-0001", "C-0002", "C-0003")
