"""msp.convert.flat: the flat CSV layout, mapping files, lenient structuring and the writer."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, assume, given, settings

import msp
from msp.codes import ExitRoute, HealthCondition, TypeOfRisk
from msp.convert import flat
from msp.convert.flat import CsvMapping, MappingError, compile_header, layout, load_mapping, structure
from msp.io.readers import RawRecord, Reader
from msp.synth import generate
from tests.strategies import concerns


def _csv_bytes(records: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO(newline="")
    flat.write_csv(records, buf, flat.columns_for(records))
    return buf.getvalue().encode("utf-8")


def _read(data: bytes, mapping: CsvMapping | None = None) -> list[Any]:
    stream = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    return list(Reader(stream, "csv", mapping=mapping).records())


def _row(header: str, row: str, mapping: CsvMapping | None = None) -> dict[str, Any]:
    items = [i for i in _read(f"{header}\n{row}\n".encode(), mapping) if isinstance(i, RawRecord)]
    assert len(items) == 1
    data: dict[str, Any] = items[0].data
    return data


def _has_empty_group(value: object) -> bool:
    if isinstance(value, dict):
        return not value or any(_has_empty_group(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_empty_group(v) for v in value)
    return False


class TestLayout:
    """The flat CSV layout names every field's column, marks personal ones and says what each takes."""

    def test_every_layout_column_is_read_without_problems(self):
        """The documented layout (three items per group) is a valid header."""
        names = [c.name for c in layout(items=3)]
        plan, problems = compile_header(names)
        assert problems == []
        assert len(plan.columns) == len(names)

    def test_sac_items_and_desired_outcomes_are_in_the_layout(self):
        """The SAC fields and desired outcomes have the documented column names."""
        names = {c.name for c in layout()}
        assert {
            "concern_id",
            "adult.adult_id",
            "adult.date_of_birth",
            "adult.health_conditions",
            "risks[0].type_of_risk",
            "risks[0].location",
            "risks[0].source",
            "risks[0].action_and_result",
            "risks[0].risk_outcome",
            "enquiry.capacity_lacked",
            "msp_asked",
            "desired_outcomes[0].in_own_words",
            "desired_outcomes[0].achievement",
            "decision.exit_routes",
            "plan.reviewed_on",
            "plan.living_with_risk.safety_actions[0]",
        } <= names

    def test_layout_marks_personal_columns_and_describes_values(self):
        """Personal fields are marked; code lists, dates and flags say what they take."""
        by_name = {c.name: c for c in layout()}
        assert by_name["adult.date_of_birth"].personal
        assert not by_name["risks[0].type_of_risk"].personal
        assert "TypeOfRisk" in by_name["risks[0].type_of_risk"].takes
        assert "DD/MM/YYYY" in by_name["received_on"].takes
        assert "separated by |" in by_name["adult.health_conditions"].takes
        assert by_name["adult.has_care_and_support_needs"].takes == "yes or no"
        assert "pseudonymous id" in by_name["adult.adult_id"].takes
        required = {c.name for c in layout() if c.required}
        assert {"concern_id", "adult.adult_id", "received_on", "desired_outcomes[0].in_own_words"} <= required
        assert "stage" not in required

    def test_items_must_be_positive(self):
        """layout(items=0) is refused."""
        with pytest.raises(ValueError, match="items"):
            layout(items=0)


class TestRoundTrip:
    """Records written to CSV read back as the same Concern, and the writer never drops a value."""

    def test_synthetic_records_round_trip_through_csv(self):
        """Every valid synthetic record reads back from CSV as the same Concern."""
        records = list(generate(150, seed=21))
        items = _read(_csv_bytes(records))
        assert len(items) == len(records)
        for record, item in zip(records, items, strict=True):
            assert structure(item.data) == msp.from_dict(record)

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(concerns())
    def test_any_concern_round_trips_through_csv(self, concern):
        """to_dict -> CSV -> read -> structure gives the same Concern (groups with no values aside)."""
        data = msp.to_dict(concern)
        assume(not _has_empty_group(data))
        (item,) = _read(_csv_bytes([data]))
        assert structure(item.data) == concern

    def test_lists_of_codes_share_a_cell_and_text_lists_are_numbered(self):
        """Codes and dates join with |; free text gets numbered columns."""
        record = next(iter(generate(1, seed=1)))
        record = json.loads(json.dumps(record))
        record["adult"]["health_conditions"] = ["dementia", "stroke"]
        record["plan"] = {"living_with_risk": {"safety_actions": ["call | the duty team", "smoke alarm"]}}
        cells = flat.flatten(record)
        assert cells["adult.health_conditions"] == "dementia|stroke"
        assert cells["plan.living_with_risk.safety_actions[0]"] == "call | the duty team"
        assert cells["plan.living_with_risk.safety_actions[1]"] == "smoke alarm"

    def test_unknown_keys_are_kept_as_columns(self):
        """The writer never drops data silently: an unknown key becomes a column."""
        assert flat.flatten({"concern_id": "C1", "priority": "high"}) == {"concern_id": "C1", "priority": "high"}
        assert flat.columns_for([{"priority": "x", "concern_id": "C1", "schema_version": 1}]) == [
            "schema_version",
            "concern_id",
            "priority",
        ]

    def test_writer_refuses_a_column_it_was_not_given(self):
        """write_csv with too few columns raises rather than losing a value."""
        with pytest.raises(ValueError, match="priority"):
            flat.write_csv([{"concern_id": "C1", "priority": "x"}], io.StringIO(), ["concern_id"])


class TestLenientValues:
    """CSV cells take UK dates, labels, yes/no and | lists, and problems are located and carry the id."""

    HEADER = "concern_id,adult.adult_id,received_on"

    def test_uk_dates_are_day_first(self):
        """03/04/2025 is 3 April 2025."""
        data = _row(f"{self.HEADER},adult.date_of_birth", "C1,A1,03/04/2025,1/12/1940")
        concern = structure(data)
        assert concern.received_on == date(2025, 4, 3)
        assert concern.adult.date_of_birth == date(1940, 12, 1)

    def test_labels_yes_no_and_lists_are_read(self):
        """SAC labels, yes/no and | lists become codes, booleans and tuples."""
        header = f"{self.HEADER},risks[0].type_of_risk,adult.has_care_and_support_needs,adult.health_conditions"
        row = "C1,A1,2025-04-03,Physical Abuse,Yes,ldi_aspergers| ldi_autism_excluding_aspergers"
        concern = structure(_row(header, row))
        assert concern.risks[0].type_of_risk is TypeOfRisk.PHYSICAL_ABUSE
        assert concern.adult.has_care_and_support_needs is True
        assert concern.adult.health_conditions == (
            HealthCondition.LDI_ASPERGERS,
            HealthCondition.LDI_AUTISM_EXCLUDING_ASPERGERS,
        )

    def test_a_list_of_codes_takes_codes_and_labels_in_one_cell(self):
        """decision.exit_routes reads codes and SAC labels, any case, separated by |, into ExitRoute members."""
        header = f"{self.HEADER},decision.exit_routes"
        concern = structure(_row(header, "C1,A1,2025-04-03,advice_and_guidance| Referral to the police |ASC REVIEW"))
        assert concern.decision is not None
        assert concern.decision.exit_routes == (
            ExitRoute.ADVICE_AND_GUIDANCE,
            ExitRoute.POLICE_REFERRAL,
            ExitRoute.REVIEW,
        )

    def test_empty_and_space_cells_are_missing_values(self):
        """A blank cell leaves the field out."""
        data = _row(f"{self.HEADER},team,decision.exit_routes", "C1,A1,2025-04-03,  ,")
        assert data == {
            "schema_version": msp.SCHEMA_VERSION,
            "concern_id": "C1",
            "adult": {"adult_id": "A1"},
            "received_on": "2025-04-03",
        }

    def test_problems_are_located_and_carry_the_record_id(self):
        """Lenient structuring still reports every problem with its path."""
        data = _row(f"{self.HEADER},risks[1].type_of_risk", "C7,A1,31/02/2025,verbal")
        with pytest.raises(msp.InvalidRecord) as caught:
            structure(data)
        assert caught.value.record_id == "C7"
        assert {(p.code, p.path) for p in caught.value.problems} == {
            ("SHAPE-DATE", "$.received_on"),
            ("SHAPE-CODE", "$.risks[1].type_of_risk"),
        }

    def test_a_gap_in_numbered_groups_is_reported_at_its_index(self):
        """desired_outcomes[1] with no [0] reports the empty item [0], so paths name the columns."""
        data = _row(f"{self.HEADER},desired_outcomes[1].in_own_words", "C1,A1,2025-04-03,I want to stay at home")
        with pytest.raises(msp.InvalidRecord) as caught:
            structure(data)
        paths = {p.path for p in caught.value.problems}
        assert "$.desired_outcomes[0].in_own_words" in paths
        assert not any(p.startswith("$.desired_outcomes[1]") and p.endswith("in_own_words") for p in paths)

    @pytest.mark.parametrize("version", [0, msp.SCHEMA_VERSION + 1])
    def test_schema_version_column_is_checked(self, version):
        """A schema_version column with a version this library does not read is SHAPE-SCHEMA."""
        data = _row(f"schema_version,{self.HEADER}", f"{version},C1,A1,2025-04-03")
        with pytest.raises(msp.InvalidRecord) as caught:
            structure(data)
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-SCHEMA", "$.schema_version")]

    def test_schema_version_column_of_a_version_read(self):
        """The current version is read, and version 1 is read as the same record (migrated)."""
        current = structure(_row(f"schema_version,{self.HEADER}", f"{msp.SCHEMA_VERSION},C1,A1,2025-04-03"))
        assert current.concern_id == "C1"
        assert structure(_row(f"schema_version,{self.HEADER}", "1,C1,A1,2025-04-03")) == current
        assert structure(_row(self.HEADER, "C1,A1,2025-04-03")) == current


class TestHeader:
    """A CSV header's duplicate, clashing and unknown columns are reported without echoing odd names."""

    def test_duplicate_columns_keep_the_first(self):
        """A second column for the same field is reported and ignored."""
        plan, problems = compile_header(["concern_id", "team", "team"])
        assert [p.code for p in problems] == ["SHAPE-COLUMN"]
        assert "column 2" in problems[0].message
        assert [c.cell for c in plan.columns] == [0, 1]

    def test_a_list_given_whole_and_numbered_is_a_clash(self):
        """plan.reviewed_on and plan.reviewed_on[0] cannot both fill the list."""
        _, problems = compile_header(["plan.reviewed_on", "plan.reviewed_on[0]"])
        assert [p.code for p in problems] == ["SHAPE-COLUMN"]

    @pytest.mark.parametrize(
        "name",
        ["adult", "risks.type_of_risk", "risks[0]", "team[0]", "risks[100].type_of_risk", "adult.nope", "=cmd()"],
    )
    def test_names_that_are_not_layout_columns_are_reported(self, name):
        """Records without a field, fields without an index, unknown names: all SHAPE-COLUMN."""
        _, problems = compile_header(["concern_id", name])
        assert [p.code for p in problems] == ["SHAPE-COLUMN"]

    def test_odd_column_names_are_not_echoed(self):
        """A header cell that is not a plain name is shown by position."""
        _, problems = compile_header(["concern_id", "x" * 200])
        assert "column 2" in problems[0].message
        assert "xxx" not in problems[0].message

    def test_trailing_empty_header_cells_are_padding(self):
        """Spreadsheets pad headers with empty cells: not a problem."""
        _, problems = compile_header(["concern_id", "", ""])
        assert problems == []


class TestMapping:
    """A mapping file renames columns and translates local codes, and every mistake in it is a MappingError."""

    MAPPING: ClassVar[dict[str, Any]] = {
        "msp_mapping": 1,
        "description": "A council's extract",
        "columns": {
            "Case Ref": "concern_id",
            "Person": "adult.adult_id",
            "Date Received": "received_on",
            "Abuse Type 1": "risks[0].type_of_risk",
            "Abuse Type 2": "risks[1].type_of_risk",
            "Conditions": "adult.health_conditions",
            "Worker Name": None,
        },
        "values": {
            "risks[].type_of_risk": {"PHYS": "physical_abuse", "neg": "neglect_and_acts_of_omission"},
            "adult.health_conditions": {"ASP": "ldi_aspergers"},
        },
        "ignore": ["Notes"],
        "delimiter": ";",
    }

    def test_columns_are_renamed_and_local_codes_translated(self):
        """A council's headers and codes become layout fields and library codes."""
        mapping = CsvMapping.from_dict(self.MAPPING)
        header = "Case Ref;Person;Date Received;Abuse Type 1;Abuse Type 2;Conditions;Worker Name;Notes"
        row = "C1;A1;02/05/2025; phys ;NEG;asp|ldi_autism_excluding_aspergers;Someone;private"
        items = _read(f"{header}\n{row}\n".encode(), mapping)
        assert [type(i) for i in items] == [RawRecord]
        concern = structure(items[0].data)
        assert concern.received_on == date(2025, 5, 2)
        assert [r.type_of_risk for r in concern.risks] == [
            TypeOfRisk.PHYSICAL_ABUSE,
            TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION,
        ]
        assert [h.code for h in concern.adult.health_conditions] == ["ldi_aspergers", "ldi_autism_excluding_aspergers"]
        assert "Someone" not in repr(items[0].data)
        assert "private" not in repr(items[0].data)

    def test_unmapped_columns_are_read_as_layout_names(self):
        """Columns the mapping does not name keep their layout meaning."""
        mapping = CsvMapping.from_dict({"columns": {"Ref": "concern_id"}})
        data = _row("Ref,team", "C1,North", mapping)
        assert data["team"] == "North"

    def test_load_mapping_reads_a_json_file(self, tmp_path: Path):
        """load_mapping accepts UTF-8 JSON, with or without a BOM."""
        path = tmp_path / "mapping.json"
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps(self.MAPPING).encode())
        assert load_mapping(path).delimiter == ";"

    @pytest.mark.parametrize(
        ("data", "match"),
        [
            ([], "JSON object"),
            ({"colums": {}}, "unknown keys"),
            ({"msp_mapping": 2}, "msp_mapping"),
            ({"columns": {"A": "not.a.field"}}, "not in the flat layout"),
            ({"columns": {"A": 3}}, "columns"),
            ({"values": {"risks[].nope": {"a": "b"}}}, "values names"),
            ({"values": {"team": {"a": 1}}}, "values"),
            ({"ignore": "Notes"}, "ignore"),
            ({"delimiter": ";", "separator": ";"}, "different"),
            ({"delimiter": '"'}, "quote"),
            ({"encoding": "utf-16"}, "encoding"),
            ({"encoding": "no-such-codec"}, "encoding"),
            ({"separator": 1}, "text"),
        ],
    )
    def test_bad_mappings_are_refused_with_the_key_named(self, data, match):
        """Every mistake in a mapping is a MappingError saying which key."""
        with pytest.raises(MappingError, match=match):
            CsvMapping.from_dict(data)

    def test_a_file_that_is_not_json_is_a_mapping_error(self, tmp_path: Path):
        """Broken JSON gives the line and column, not a traceback."""
        path = tmp_path / "mapping.json"
        path.write_text('{"columns": {', encoding="utf-8")
        with pytest.raises(MappingError, match="line 1"):
            load_mapping(path)

    def test_mapping_errors_are_msp_errors(self, tmp_path: Path):
        """A bad mapping is caught by ``except msp.MspError``, from a dict or from a file."""
        with pytest.raises(msp.MspError):
            CsvMapping.from_dict({"colums": {}})
        path = tmp_path / "mapping.json"
        path.write_text('{"msp_mapping": 2}', encoding="utf-8")
        with pytest.raises(msp.MspError, match="msp_mapping"):
            load_mapping(path)


class TestLegalCoreColumns:
    """The schema-version-2 legal-literacy facts flatten to layout columns and read back: consent to the
    enquiry and acting without it, crime and the police, children judged at risk, the people alleged to
    have caused harm (a numbered group, each with its own numbered risk ids), pauses and liberty."""

    HEADER = (
        "concern_id",
        "adult.adult_id",
        "received_on",
        "risks[0].risk_id",
        "risks[0].type_of_risk",
        "risks[1].risk_id",
        "risks[1].type_of_risk",
        "people_alleged[0].person_id",
        "people_alleged[0].risk_ids[0]",
        "people_alleged[0].risk_ids[1]",
        "people_alleged[0].relationship",
        "people_alleged[0].domestic_abuse.risk_level",
        "people_alleged[0].domestic_abuse.marac_referred_on",
        "people_alleged[1].person_id",
        "people_alleged[1].risk_ids[0]",
        "people_alleged[1].relationship",
        "people_alleged[1].position_of_trust",
        "people_alleged[1].pipot_referred_on",
        "consent.to_enquiry",
        "consent.acting_without_consent.grounds",
        "consent.acting_without_consent.decided_by.role",
        "consent.acting_without_consent.decided_by.user_id",
        "crime.crime_suspected",
        "crime.kinds",
        "crime.police_informed_on",
        "children.child_may_be_at_risk",
        "children.reasons",
        "children.referred_on",
        "enquiry.started_on",
        "pauses[0].paused_on",
        "pauses[0].resumed_on",
        "liberty.authorisation",
    )
    ROW = (
        "C1",
        "A1",
        "02/05/2025",
        "R1",
        "Domestic Abuse",
        "R2",
        "physical_abuse",
        "P1",
        "R1",
        "R2",
        "partner",
        "high",
        "06/05/2025",
        "P2",
        "R2",
        "Paid carer or care worker",
        "yes",
        "07/05/2025",
        "refused",
        "crime|others_at_risk",
        "team manager",
        "U1",
        "y",
        "assault|controlling_or_coercive_behaviour",
        "03/05/2025",
        "yes",
        "lives_in_household",
        "2025-05-04",
        "2025-05-10",
        "2025-05-12",
        "2025-06-20",
        "dols_standard",
    )

    def test_the_new_columns_are_in_the_layout(self):
        """Each new fact has its column; the crime reference is personal, the ids and dates are not."""
        by_name = {c.name: c for c in layout(items=2)}
        assert set(self.HEADER) <= set(by_name)
        assert by_name["crime.crime_reference"].personal
        assert not by_name["people_alleged[0].person_id"].personal
        assert by_name["people_alleged[0].person_id"].required
        assert "separated by |" in by_name["crime.kinds"].takes
        assert "Relationship" in by_name["people_alleged[0].relationship"].takes

    def test_a_row_reads_as_the_nested_record(self):
        """Numbered groups become people alleged (with their risk ids); labels, yes/no, UK dates and | lists
        are read as elsewhere."""
        concern = structure(_row(",".join(self.HEADER), ",".join(self.ROW)))
        first, second = concern.people_alleged
        assert first.person_id == "P1"
        assert first.risk_ids == ("R1", "R2")
        assert first.relationship is msp.codes.Relationship.PARTNER
        assert first.domestic_abuse is not None
        assert first.domestic_abuse.marac_referred_on == date(2025, 5, 6)
        assert second.relationship is msp.codes.Relationship.PAID_CARER
        assert second.position_of_trust is True
        assert concern.consent is not None
        assert concern.consent.refused
        assert concern.consent.acting_without_consent is not None
        assert concern.consent.acting_without_consent.grounds == (
            msp.codes.ConsentGround.CRIME,
            msp.codes.ConsentGround.OTHERS_AT_RISK,
        )
        assert concern.crime is not None
        assert concern.crime.police_informed
        assert len(concern.crime.kinds) == 2
        assert concern.children is not None
        assert concern.children.child_may_be_at_risk is True
        assert concern.pauses[0].resumed_on == date(2025, 6, 20)
        assert not concern.paused
        assert concern.liberty is not None
        assert concern.liberty.authorisation is msp.codes.LibertyAuthorisation.DOLS_STANDARD

    def test_they_flatten_and_read_back(self):
        """A record with every new part writes to CSV and reads back as the same Concern, and the synthetic
        records that hold them do too."""
        concern = structure(_row(",".join(self.HEADER), ",".join(self.ROW)))
        data = msp.to_dict(concern)
        cells = flat.flatten(data)
        assert cells["people_alleged[0].risk_ids[1]"] == "R2"
        assert cells["crime.kinds"] == "assault|controlling_or_coercive_behaviour"
        assert cells["consent.acting_without_consent.grounds"] == "crime|others_at_risk"
        (item,) = _read(_csv_bytes([data]))
        assert structure(item.data) == concern
        records = [
            r
            for r in generate(600, seed=13)
            if r.get("people_alleged") and ("crime" in r or "children" in r or "pauses" in r or "liberty" in r)
        ]
        assert len(records) > 50
        for record, item in zip(records, _read(_csv_bytes(records)), strict=True):
            assert structure(item.data) == msp.from_dict(record)

    def test_a_mapping_names_alleged_people_and_police_columns(self):
        """A council's "Alleged Person 1 ..." and "Police Informed Date" columns map onto the layout; a count of
        alleged persons and a yes/no "police informed" have no field of their own and are dropped (the
        people are counted from their rows, and the police informed is read from the date)."""
        mapping = CsvMapping.from_dict(
            {
                "columns": {
                    "Case Ref": "concern_id",
                    "Person": "adult.adult_id",
                    "Date Received": "received_on",
                    "No. Alleged Persons": None,
                    "Alleged Person 1 ID": "people_alleged[0].person_id",
                    "Alleged Person 1 Relationship": "people_alleged[0].relationship",
                    "Alleged Person 2 ID": "people_alleged[1].person_id",
                    "Alleged Person 2 Relationship": "people_alleged[1].relationship",
                    "Police Informed": None,
                    "Police Informed Date": "crime.police_informed_on",
                },
                "values": {"people_alleged[].relationship": {"SON": "son_or_daughter", "HCW": "paid_carer"}},
            }
        )
        header = (
            "Case Ref,Person,Date Received,No. Alleged Persons,Alleged Person 1 ID,Alleged Person 1 Relationship,"
            "Alleged Person 2 ID,Alleged Person 2 Relationship,Police Informed,Police Informed Date"
        )
        concern = structure(_row(header, "C1,A1,02/05/2025,2,P1,SON,P2,HCW,Y,03/05/2025", mapping))
        assert [p.relationship for p in concern.people_alleged] == [
            msp.codes.Relationship.SON_OR_DAUGHTER,
            msp.codes.Relationship.PAID_CARER,
        ]
        assert concern.crime is not None
        assert concern.crime.police_informed_on == date(2025, 5, 3)
        assert concern.crime.police_informed


class TestAcrossConcernsColumns:
    """The issue-14 facts flatten to layout columns and read back: the provider's public ids and who was told,
    links to other concerns (a numbered group), the organisational enquiry, the enquiry caused to be made, a
    meeting with its attendees, escalations at any stage, route changes, a duplicate and a sign-off."""

    HEADER = (
        "concern_id",
        "adult.adult_id",
        "received_on",
        "provider.kind",
        "provider.cqc_location_id",
        "provider.cqc_provider_id",
        "provider.cqc_informed_on",
        "provider.commissioners_informed_on",
        "links[0].concern_id",
        "links[0].reason",
        "links[1].concern_id",
        "links[1].reason",
        "organisational_enquiry.enquiry_id",
        "organisational_enquiry.lead",
        "organisational_enquiry.cqc_location_id",
        "organisational_enquiry.started_on",
        "decision.route",
        "decision.decided_on",
        "enquiry.enquiry_type",
        "enquiry.started_on",
        "enquiry.caused.organisation_kind",
        "enquiry.caused.organisation_id",
        "enquiry.caused.scope",
        "enquiry.caused.requested_on",
        "enquiry.caused.due_on",
        "enquiry.caused.report_received_on",
        "enquiry.caused.quality_check",
        "enquiry.caused.checked_on",
        "enquiry.caused.checked_by",
        "meetings[0].kind",
        "meetings[0].held_on",
        "meetings[0].attendees[0].role",
        "meetings[0].attendees[0].agency",
        "meetings[0].attendees[1].role",
        "meetings[0].attendees[1].is_the_adult_or_representative",
        "meetings[0].decisions[0]",
        "meetings[0].actions[0].action",
        "meetings[0].actions[0].owner",
        "escalations[0].escalated_on",
        "escalations[0].escalated_to",
        "route_changes[0].changed_on",
        "route_changes[0].from_route",
        "route_changes[0].to_route",
        "history[0].to_stage",
        "history[0].at",
        "history[0].actor.role",
        "history[0].actor.user_id",
        "history[0].authorised_by.role",
        "history[0].authorised_by.user_id",
    )
    ROW = (
        "C3",
        "A1",
        "02/05/2025",
        "Care home",
        "1-000001007",
        "1-000900102",
        "03/05/2025",
        "2025-05-04",
        "C1",
        "same_adult",
        "C2",
        "About the same provider location",
        "OE000001",
        "safeguarding adults manager",
        "1-000001007",
        "2025-05-06",
        "section_42_enquiry",
        "2025-05-05",
        "section_42",
        "2025-05-06",
        "care_home",
        "1-000900102",
        "Provider to look into the care given (fictional)",
        "2025-05-07",
        "2025-05-28",
        "2025-05-20",
        "accepted",
        "2025-05-22",
        "safeguarding adults manager",
        "strategy_meeting",
        "2025-05-06",
        "social worker",
        "adult social care",
        "the adult",
        "yes",
        "Proceed with the section 42 enquiry",
        "Tell the adult what the meeting decided",
        "social worker",
        "2025-05-04",
        "safeguarding adults manager",
        "2025-05-08",
        "other_enquiry",
        "section_42_enquiry",
        "concern_received",
        "2025-05-02T09:00:00+00:00",
        "duty worker",
        "U1",
        "team manager",
        "U2",
    )

    def test_the_new_columns_are_in_the_layout(self):
        """Each new fact has its column; public ids, roles and dates are not personal, free text is."""
        by_name = {c.name: c for c in layout(items=2)}
        assert set(self.HEADER) <= set(by_name)
        assert not by_name["provider.cqc_location_id"].personal
        assert not by_name["meetings[0].attendees[0].role"].personal
        assert by_name["meetings[0].decisions[0]"].personal
        assert by_name["enquiry.caused.scope"].personal
        assert by_name["links[0].concern_id"].required
        assert by_name["organisational_enquiry.enquiry_id"].required
        assert "LinkReason" in by_name["links[0].reason"].takes

    def test_a_row_reads_as_the_nested_record(self):
        """Numbered links, attendees and actions become their records; labels, yes/no and UK dates are read."""
        concern = structure(_row(",".join(self.HEADER), ",".join(self.ROW)))
        assert concern.provider is not None
        assert concern.provider.kind is msp.codes.OrganisationKind.CARE_HOME
        assert concern.provider.identified
        assert concern.provider.cqc_informed_on == date(2025, 5, 3)
        assert [(link.concern_id, link.reason) for link in concern.links] == [
            ("C1", msp.codes.LinkReason.SAME_ADULT),
            ("C2", msp.codes.LinkReason.SAME_LOCATION),
        ]
        assert concern.organisational_enquiry is not None
        assert concern.organisational_enquiry.enquiry_id == "OE000001"
        assert concern.enquiry is not None
        caused = concern.enquiry.caused
        assert caused is not None
        assert caused.report_checked
        assert caused.quality_check is msp.codes.QualityCheckOutcome.ACCEPTED
        (meeting,) = concern.meetings
        assert meeting.kind is msp.codes.MeetingKind.STRATEGY_MEETING
        assert meeting.attendees[1].is_the_adult_or_representative is True
        assert meeting.actions[0].owner == "social worker"
        assert concern.escalations[0].escalated_on == date(2025, 5, 4)
        assert concern.route_changes[0].to_route is msp.codes.EnquiryRoute.SECTION_42_ENQUIRY
        assert concern.history[0].authorised_by == msp.Actor(role="team manager", user_id="U2")

    def test_they_flatten_and_read_back(self):
        """A record with every new part writes to CSV and reads back as the same Concern, and so do the synthetic
        records that hold them (providers, links, organisational and caused enquiries, meetings, escalations,
        duplicates)."""
        concern = structure(_row(",".join(self.HEADER), ",".join(self.ROW)))
        data = msp.to_dict(concern)
        cells = flat.flatten(data)
        assert cells["provider.cqc_location_id"] == "1-000001007"
        assert cells["links[1].reason"] == "same_location"
        assert cells["organisational_enquiry.enquiry_id"] == "OE000001"
        assert cells["enquiry.caused.organisation_id"] == "1-000900102"
        assert cells["meetings[0].attendees[1].is_the_adult_or_representative"] == "true"
        (item,) = _read(_csv_bytes([data]))
        assert structure(item.data) == concern
        keys = ("provider", "links", "organisational_enquiry", "meetings", "escalations")
        records = [
            r
            for r in generate(3000, seed=13)
            if any(k in r for k in keys) or "caused" in r.get("enquiry", {}) or "duplicate_of" in r.get("decision", {})
        ]
        assert len(records) > 500
        assert any("caused" in r.get("enquiry", {}) for r in records)
        assert any("organisational_enquiry" in r for r in records)
        for record, item in zip(records, _read(_csv_bytes(records)), strict=True):
            assert structure(item.data) == msp.from_dict(record)

    def test_a_duplicate_names_the_open_concern_in_its_own_column(self):
        """The decision's duplicate_of and the new exit routes are read from their columns."""
        header = "concern_id,adult.adult_id,received_on,decision.route,decision.exit_routes,decision.duplicate_of"
        concern = structure(_row(header, "C2,A1,02/05/2025,no_enquiry,Duplicate of a concern still open,C1"))
        assert concern.decision is not None
        assert concern.decision.exit_routes == (ExitRoute.DUPLICATE_OF_OPEN_CONCERN,)
        assert concern.decision.duplicate_of == "C1"
