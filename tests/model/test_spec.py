"""The field spec: every field of every record class declares every fact about itself once,
and what is derived from it (docstrings, personal fields, the CSV layout) agrees with it."""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import types
import typing

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import msp
from msp.codes import CodeList
from msp.convert import flat
from msp.model import SPEC, FieldSpec, Kind, field_specs, personal_fields, record_classes, spec_of
from msp.model import _fields as f
from tests import strategies

ROOTS = (msp.Concern, msp.RiskPlan, msp.CapacityDecision, msp.DesiredOutcome, msp.Adult)
CLASSES = tuple(dict.fromkeys(cls for root in ROOTS for cls in record_classes(root)))
FIELDS = [(cls, field) for cls in CLASSES for field in attrs.fields(cls)]
SAC_ITEMS = {"SG1", "SG2", "SG1a", "SG1b", "SG1c", "SG1d", "SG1e", "SG2a", "SG2b", "SG2a_b1", "SG2c", "SG2e"}
SAC_ITEMS |= {"SG3a", "SG4a"}


def _id(value: object) -> str:
    cls, field = value  # type: ignore[misc]
    return f"{cls.__name__}.{field.name}"


def _split(hint: object) -> tuple[object, bool]:
    """The type without ``None``, and whether ``None`` was allowed."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return (args[0] if len(args) == 1 else hint), len(args) < len(typing.get_args(hint))
    return hint, False


EXPECTED_TYPE = {
    Kind.ID: str,
    Kind.TEXT: str,
    Kind.DATE: dt.date,
    Kind.DATETIME: dt.datetime,
    Kind.FLAG: bool,
    Kind.INTEGER: int,
}


class TestEveryFieldHasACompleteSpec:
    """Each field's spec is there, complete, and agrees with the field's annotation and default."""

    def test_the_walk_reaches_the_model(self):
        assert len(CLASSES) >= 25
        assert msp.Risk in CLASSES
        assert msp.BestInterestsDecision in CLASSES
        assert len(FIELDS) >= 200

    @pytest.mark.parametrize("case", FIELDS, ids=_id)
    def test_spec_is_complete(self, case):
        cls, field = case
        spec = field.metadata.get(SPEC)
        assert isinstance(spec, FieldSpec), "made by a factory of msp.model._fields"
        assert spec.doc.strip()
        assert "TODO" not in spec.doc
        assert not spec.doc.endswith(".")
        assert spec.sac is None or spec.sac in SAC_ITEMS
        assert spec.law is None or spec.law.strip()
        assert spec_of(cls, field.name) is spec

    @pytest.mark.parametrize("case", FIELDS, ids=_id)
    def test_spec_agrees_with_the_annotation(self, case):
        cls, field = case
        spec = spec_of(cls, field.name)
        base, optional = _split(typing.get_type_hints(cls)[field.name])
        assert spec.required is (field.default is attrs.NOTHING)
        if spec.kind in EXPECTED_TYPE:
            assert base is EXPECTED_TYPE[spec.kind]
        elif spec.kind is Kind.CODE:
            assert base is spec.item
            assert spec.code_list is spec.item
            assert issubclass(spec.item, CodeList)
        elif spec.kind is Kind.PART:
            assert base is spec.item
            assert spec.record is spec.item
        else:
            assert spec.kind is Kind.MANY
            assert typing.get_origin(base) is tuple
            assert typing.get_args(base) == (spec.item, Ellipsis)
            assert spec.what
        # None is allowed exactly where the field is optional and not a list.
        assert optional is (not spec.required and spec.kind is not Kind.MANY and field.default is None)

    def test_every_code_list_field_names_its_list(self):
        codes = [spec_of(c, f.name) for c, f in FIELDS if spec_of(c, f.name).kind is Kind.CODE]
        assert codes
        assert all(isinstance(s.code_list, type) and issubclass(s.code_list, enum.Enum) for s in codes)

    def test_sac_items_are_where_docs_model_md_says(self):
        assert spec_of(msp.Risk, "type_of_risk").sac == "SG2a"
        assert spec_of(msp.Risk, "risk_outcome").sac == "SG2e"
        assert spec_of(msp.Enquiry, "capacity_lacked").sac == "SG3a"
        assert spec_of(msp.Concern, "msp_asked").sac == "SG4a"
        assert spec_of(msp.Adult, "health_conditions").sac == "SG1e"

    def test_spec_of_an_unknown_field_is_a_key_error(self):
        with pytest.raises(KeyError, match=r"Risk\.nothing"):
            spec_of(msp.Risk, "nothing")

    def test_field_specs_are_in_declaration_order(self):
        assert [name for name, _ in field_specs(msp.Risk)] == [f.name for f in attrs.fields(msp.Risk)]


class TestDerivedFromTheSpec:
    """What is derived from the spec agrees with it."""

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    def test_the_docstring_lists_every_field_with_its_description(self, cls):
        doc = inspect.getdoc(cls)
        assert doc is not None
        assert "\nAttributes:\n" in doc
        for name, spec in field_specs(cls):
            assert f"    {name}: {spec.doc}" in doc

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    def test_personal_fields_are_the_specs(self, cls):
        assert personal_fields(cls) == tuple(n for n, s in field_specs(cls) if s.personal)

    def test_the_csv_layout_marks_personal_and_required_from_the_spec(self):
        columns = {c.name: c for c in flat.layout(items=1)}
        assert columns["adult.date_of_birth"].personal
        assert not columns["adult.gender_identity"].personal
        assert columns["concern_id"].required
        assert not columns["team"].required

    def test_a_field_without_a_spec_is_refused_by_documented(self):
        @attrs.frozen(slots=True, kw_only=True)
        class Bare:
            """A class with a plain attrs field."""

            x: int = 0

        with pytest.raises(KeyError, match=r"Bare\.x"):
            f.documented(Bare)

    @pytest.mark.parametrize("case", FIELDS, ids=_id)
    def test_only_tuple_fields_convert_and_only_to_a_tuple(self, case):
        """The one conversion a constructor makes is declared by the kind: a tuple field keeps a tuple."""
        cls, field = case
        spec = spec_of(cls, field.name)
        assert field.converter is (f.keep_tuple if spec.kind is Kind.MANY else None)

    def test_required_code_with_a_default_is_optional_to_give(self):
        spec = spec_of(msp.DesiredOutcome, "expressed_by")
        field = attrs.fields_dict(msp.DesiredOutcome)["expressed_by"]
        assert spec.required is (field.default is attrs.NOTHING)


LEFT_EMPTY_ON_PURPOSE = {
    "Enquiry.enquiry_type": "a concern's enquiry takes its type from the decision's route, which may open none",
    "HistoryEntry.digest": "a concern's history is drawn sealed, unsealed (no digests) or as drawn",
}
"""Fields a "full" strategy may leave at their default, and why."""


def _unfilled(record: object, path: str = "$") -> list[str]:
    """Paths of fields left at their default (None or an empty tuple) anywhere in ``record``."""
    missing: list[str] = []
    for name, spec in field_specs(type(record)):
        value = getattr(record, name)
        here = f"{type(record).__name__}.{name}"
        if (value is None or value == ()) and here not in LEFT_EMPTY_ON_PURPOSE:
            missing.append(here)
        elif spec.record is msp.Extension:  # one value slot each: the slots filled across the values
            filled = {
                slot for item in value for slot, _ in field_specs(msp.Extension) if getattr(item, slot) is not None
            }
            missing.extend(f"Extension.{slot}" for slot, _ in field_specs(msp.Extension) if slot not in filled)
        elif spec.record is not None:
            for item in value if spec.kind is Kind.MANY else (value,):
                missing.extend(_unfilled(item, f"{path}.{name}"))
    return missing


class TestStrategiesAreHeldToTheSpec:
    """The Hypothesis strategies (tests/strategies.py) fill every field the spec declares, in "full" mode."""

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(concern=strategies.concerns(mode="full"), plan=strategies.risk_plans(mode="full"))
    def test_full_records_leave_no_field_unfilled(self, concern, plan):
        # A field a strategy does not know stays at its default: a new field must be added there too.
        assert _unfilled(concern) == []
        assert _unfilled(plan) == []

    def test_the_check_finds_an_unfilled_field(self):
        assert "Risk.location" in _unfilled(msp.Risk(type_of_risk=None))
