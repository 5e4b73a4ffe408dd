"""msp.codes.export: every code list and every mapping table, as plain data."""

from __future__ import annotations

import json

import msp.codes
from msp.codes import CodeList, SacEthnicity, export
from msp.codes import mappings as mapping_module


def _all_lists() -> set[str]:
    found: set[str] = set()
    pending = [CodeList]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__ == "msp.codes":
                found.add(sub.__name__)
    return found


class TestLists:
    """Each code list comes out whole: codes and labels in declaration order, its summary and its years."""

    def test_every_code_list_is_exported_in_name_order(self):
        lists = export()["lists"]
        assert list(lists) == sorted(_all_lists())
        assert set(lists) == {n for n in msp.codes.__all__ if n not in {"CodeList", "export"}}

    def test_codes_and_labels_are_the_lists_own(self):
        for name, entry in export()["lists"].items():
            cls = getattr(msp.codes, name)
            assert entry["codes"] == [{"code": m.code, "label": m.label} for m in cls]

    def test_each_list_has_a_one_line_summary_and_says_it_is_not_versioned(self):
        for entry in export()["lists"].values():
            assert entry["summary"]
            assert "\n" not in entry["summary"]
            assert entry["valid"] == "all years"
        assert export()["lists"]["SacGender"]["summary"] == "SG1b gender (the SAC accepts only these three)."

    def test_a_callers_own_subclass_is_not_exported(self):
        class Local(CodeList):
            """A caller's list."""

            ONE = "one", "One"

        assert "Local" not in export()["lists"]

    def test_it_is_json_and_the_same_each_time(self):
        assert json.loads(json.dumps(export())) == export()
        assert json.dumps(export()) == json.dumps(export())


class TestMappings:
    """The four mapping tables come out as code-to-code tables between named lists."""

    def test_the_four_tables_are_there(self):
        tables = export()["mappings"]
        assert set(tables) == {
            "NHS_ETHNIC_CATEGORY_TO_SAC",
            "CENSUS_2021_TO_SAC_ETHNICITY",
            "NHS_GENDER_IDENTITY_TO_SAC",
            "DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON",
        }

    def test_each_table_matches_its_mapping(self):
        for name, entry in export()["mappings"].items():
            table = getattr(mapping_module, name)
            assert entry["table"] == {k.code: v.code for k, v in table.items()}
            source = getattr(msp.codes, entry["from"])
            target = getattr(msp.codes, entry["to"])
            assert set(entry["table"]) == set(source.codes())
            assert set(entry["table"].values()) <= set(target.codes())

    def test_examples(self):
        tables = export()["mappings"]
        assert tables["NHS_ETHNIC_CATEGORY_TO_SAC"]["from"] == "NhsEthnicCategory"
        assert tables["NHS_ETHNIC_CATEGORY_TO_SAC"]["table"]["R"] == SacEthnicity.OTHER.code
        assert tables["CENSUS_2021_TO_SAC_ETHNICITY"]["to"] == "SacEthnicity"
        assert tables["NHS_GENDER_IDENTITY_TO_SAC"]["table"]["3"] == "not_known"
        assert tables["DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON"]["table"]["sensory_dual"] == "sensory"
