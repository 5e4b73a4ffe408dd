"""The Safeguarding Adults Collection (SAC) return, counted straight from the records.

:func:`sac` reads :class:`~msp.model.concern.Concern` records once, in any order,
and counts the mandatory SAC tables for one collection year (1 April to
31 March) the way NHS Digital's publication lays them out (NHS England SAC guidance
2024-25, SG1 and SG2; DHSC's 2025-26 guidance makes no change to the data requirements)::

    SG1a-SG1c  individuals (each adult once per enquiry type): age band,
               gender, ethnicity; for concerns raised, section 42 and other
               enquiries started in the year
    SG1d, SG1e section 42 enquiries started in the year: primary support
               reason; the two mandatory health conditions
    SG1f       totals: concerns raised, section 42 and other enquiries started
    SG2a       type of risk x source of risk       } section 42 enquiries
    SG2b       location of risk x source of risk   } concluded in the year,
    SG2a_b1    type of risk x location of risk     } one count per different
    SG2c       action taken and result             } category per enquiry
    SG2e       risk outcome, where a risk was identified
    SG3a       capacity lacked, and the advocacy sub-item
    SG4a       asked about desired outcomes; outcomes achieved

The result, a :class:`SacReturn`, holds the rows in the publication's long
layout (``TABLE_REFERENCE, ENQUIRY_TYPE, CATEGORY, SUBCATEGORY, VALUE``), the
return's own consistency checks as :class:`~msp.rules.Finding` objects
(codes ``RET-001`` up), and every record or item that could not be counted,
by id, with the reason: nothing is dropped silently.

Disclosure control (``suppress=True``) follows the publication pipeline
exactly: see :func:`suppress_value`. An SG4a group whose values are all zero is
written as NHS England's published CSV writes it (``[c]``, the default,
``disclosure="csv"``) or as its Excel data tables do (``[x]``,
``disclosure="tables"``); see :data:`DISCLOSURE_RULES`.

Not produced: SG5 (Safeguarding Adults Reviews: SAB data, not case records),
the voluntary SG1e health-condition rows and any SG2d table (their lists are
not confirmed against the SAC guidance). See docs/returns.md for every counting
rule and each inference made where the SAC guidance is silent.

Example::

    import msp.reports.sac_return
    from msp.synth import generate_concerns

    ret = msp.reports.sac_return.sac(generate_concerns(200, seed=1), year="2025-26")
    print(ret.count("SG1f", "Total Number of Safeguarding Concerns"))
    print(ret.to_csv())

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from msp.codes import (
    ActionTakenAndResult,
    AgeBand,
    CapacityLacked,
    EnquiryType,
    HealthCondition,
    LocationOfRisk,
    MspAsked,
    OutcomeAchievement,
    PrimarySupportReason,
    RiskOutcome,
    SacEthnicity,
    SacGender,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.codes.mappings import sac_age_band, sac_age_reference_date, sac_gender_from_nhs
from msp.codes.years import CollectionYear
from msp.errors import Problem
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES
from msp.model.outcomes import overall_achievement
from msp.reports._common import Uncounted, read_concerns, text_table
from msp.rules import DEFAULT_YEAR, Finding, Severity

if TYPE_CHECKING:
    from msp.convert.flat import CsvMapping
    from msp.model.concern import Concern, Risk

__all__ = [
    "COLUMNS",
    "CONCERNS",
    "CONCLUDED_SECTION_42",
    "DISCLOSURE_RULES",
    "OTHER_ENQUIRIES",
    "SECTION_42_ENQUIRIES",
    "SG3A_SUPPORT",
    "TABLES",
    "UNCOUNTED_COLUMNS",
    "Disclosure",
    "SacReturn",
    "SacRow",
    "Uncounted",
    "consistency_findings",
    "sac",
    "sac_files",
    "suppress_value",
    "uncounted_reasons",
]

COLUMNS: Final = ("TABLE_REFERENCE", "ENQUIRY_TYPE", "CATEGORY", "SUBCATEGORY", "VALUE")
"""The long layout's columns, as in the CSV of the national statistics "Safeguarding adults, England"."""

CONCERNS: Final = "Safeguarding Concerns"
"""``ENQUIRY_TYPE`` of SG1 rows counting concerns raised, as in the published SAC tables."""
SECTION_42_ENQUIRIES: Final = EnquiryType.SECTION_42.label
"""``ENQUIRY_TYPE`` of SG1 rows counting section 42 enquiries started: ``Section 42 Enquiries``."""
OTHER_ENQUIRIES: Final = EnquiryType.OTHER.label
"""``ENQUIRY_TYPE`` of SG1 rows counting other enquiries started: ``Other Enquiries``."""
CONCLUDED_SECTION_42: Final = "Concluded Section 42 Enquiries"
"""``ENQUIRY_TYPE`` of SG2-SG4 rows: section 42 enquiries concluded in the year."""

SG3A_SUPPORT: Final = (
    "Of the enquiries recorded as Yes, in how many of these cases was support provided by an advocate, family or friend"
)
"""The SG3a sub-item's label, as in the published SAC tables."""

TABLES: Final[Mapping[str, str]] = {
    "SG1a": "Age band (individuals)",
    "SG1b": "Gender (individuals)",
    "SG1c": "Ethnicity (individuals)",
    "SG1d": "Primary support reason (section 42 enquiries started)",
    "SG1e": "Health condition, mandatory items (section 42 enquiries started)",
    "SG1f": "Totals: concerns raised, enquiries started",
    "SG2a": "Type of risk by source of risk (concluded section 42 enquiries)",
    "SG2b": "Location of risk by source of risk (concluded section 42 enquiries)",
    "SG2a_b1": "Type of risk by location of risk (concluded section 42 enquiries)",
    "SG2c": "Action taken and result (concluded section 42 enquiries)",
    "SG2e": "Risk outcome, where a risk was identified (concluded section 42 enquiries)",
    "SG3a": "Mental capacity (concluded section 42 enquiries)",
    "SG4a": "Making Safeguarding Personal: asked and achieved (concluded section 42 enquiries)",
}
"""The tables produced, in output order, with a readable title."""

_TOTAL_CONCERNS = "Total Number of Safeguarding Concerns"
_TOTAL_S42 = "Total Number of Section 42 Safeguarding Enquiries"
_TOTAL_OTHER = "Total Number of Other Safeguarding Enquiries"
_SG1_TYPES: Final = (CONCERNS, SECTION_42_ENQUIRIES, OTHER_ENQUIRIES)
_TOTAL_OF: Final = {CONCERNS: _TOTAL_CONCERNS, SECTION_42_ENQUIRIES: _TOTAL_S42, OTHER_ENQUIRIES: _TOTAL_OTHER}
_ENQUIRY_LABEL: Final = {EnquiryType.SECTION_42: SECTION_42_ENQUIRIES, EnquiryType.OTHER: OTHER_ENQUIRIES}
_ADULT_AGE: Final = 18
_ROUND_TO: Final = 5
_SAC_REF: Final = "NHS England SAC guidance 2024-25"

# A cell of the return: (table, enquiry type, category, subcategory).
_Key = tuple[str, str, str, str]

Disclosure = Literal["csv", "tables"]
"""The rule an SG4a group of zeros is published by: ``csv`` or ``tables`` (:data:`DISCLOSURE_RULES`)."""

DISCLOSURE_RULES: Final[Mapping[str, str]] = {
    "csv": "NHS England's published-CSV rule: counts under 5 are [c], others are rounded to the nearest 5, "
    "and an SG4a group of zeros is [c] like any other count",
    "tables": "NHS England's Excel data-table rule: counts under 5 are [c], others are rounded to the nearest 5, "
    "and an SG4a group whose values are all zero is [x]",
}
"""The two disclosure rules of NHS England's SAC publication, by name, each with what it does.

Both are in NHS Digital's open-source SAC publication code
(github.com/NHSDigital/ASC-Safeguarding-Adults): ``csv_rounding_and_suppression``
makes the published CSV, where a zero is ``[c]`` wherever it is (``[x]`` only
marks a value that is missing, which a return counted here never has);
``create_msp_dummy_values`` with ``apply_msp_rounding_and_suppression`` make the
Excel data tables, where an SG4a group ("asked", or "achieved") of all zeros is
``[x]``. ``csv`` is the default: the return's own output is the long CSV layout.
"""

UNCOUNTED_COLUMNS: Final = ("file", "line", "record_id", "reason_code", "path", "tables", "reason")
"""The columns of :meth:`SacReturn.uncounted_csv` (``msp sac --uncounted FILE``): one row per reason per item."""

_NOT_READ: Final = ("could not be read", "a problem with the file")


@attrs.frozen(slots=True)
class _Reason:
    """Why part of a record is not counted: a stable code, the field it is about, and the words."""

    code: str
    path: str
    text: str


_UNDER_18: Final = _Reason(
    "COUNT-UNDER-18",
    "$.adult.date_of_birth",
    "under 18 when the concern was received: the SAC counts adults only",
)
_UNDER_18_AGE_DATE: Final = _Reason(
    "COUNT-UNDER-18",
    "$.adult.date_of_birth",
    "under 18 on the SAC age date (31 March or death): the SAC counts adults only",
)
_NO_START: Final = _Reason(
    "COUNT-NO-START-DATE", "$.enquiry.started_on", "the enquiry has no start date, so it cannot be placed in a year"
)
_STARTED_NO_TYPE: Final = _Reason(
    "COUNT-NO-ENQUIRY-TYPE", "$.enquiry.enquiry_type", "an enquiry started in the year but its type is not recorded"
)
_CONCLUDED_NO_TYPE: Final = _Reason(
    "COUNT-NO-ENQUIRY-TYPE", "$.enquiry.enquiry_type", "an enquiry concluded in the year but its type is not recorded"
)
_NO_RISK: Final = _Reason("COUNT-NO-RISK", "$.risks", "no risk is recorded")
_NO_TYPE_OF_RISK: Final = _Reason("COUNT-NO-TYPE-OF-RISK", "$.risks[*].type_of_risk", "a risk has no type of risk")
_NO_LOCATION: Final = _Reason("COUNT-NO-LOCATION", "$.risks[*].location", "a risk has no location of risk")
_NO_SOURCE: Final = _Reason("COUNT-NO-SOURCE", "$.risks[*].source", "a risk has no source of risk")
_NO_ACTION: Final = _Reason(
    "COUNT-NO-ACTION-AND-RESULT", "$.risks[*].action_and_result", "a risk has no action taken and result"
)
_NO_OUTCOME: Final = _Reason(
    "COUNT-NO-RISK-OUTCOME", "$.risks[*].risk_outcome", "a risk was identified but no risk outcome is recorded"
)
_OUTCOME_NO_RISK: Final = _Reason(
    "COUNT-OUTCOME-WITHOUT-RISK", "$.risks[*].risk_outcome", "a risk outcome is recorded where no risk was identified"
)
_NO_CAPACITY: Final = _Reason(
    "COUNT-NO-CAPACITY", "$.enquiry.capacity_lacked", "the capacity value (SG3a) is not recorded"
)
_ADVOCACY: Final = _Reason(
    "COUNT-ADVOCACY-WITHOUT-LACK",
    "$.enquiry.advocacy_support",
    "advocacy support is recorded but SG3a is not 'Yes, they lacked capacity'",
)
_NOT_ASKED: Final = _Reason(
    "COUNT-NO-ASKED", "$.msp_asked", "whether the adult was asked about desired outcomes is not recorded"
)
_NO_ACHIEVED: Final = _Reason(
    "COUNT-NO-ACHIEVED",
    "$.enquiry.outcomes_achieved",
    "outcomes were expressed but whether they were achieved is not recorded",
)
_REASONS: Final[Mapping[str, _Reason]] = {
    r.text: r
    for r in (
        _UNDER_18,
        _UNDER_18_AGE_DATE,
        _NO_START,
        _STARTED_NO_TYPE,
        _CONCLUDED_NO_TYPE,
        _NO_RISK,
        _NO_TYPE_OF_RISK,
        _NO_LOCATION,
        _NO_SOURCE,
        _NO_ACTION,
        _NO_OUTCOME,
        _OUTCOME_NO_RISK,
        _NO_CAPACITY,
        _ADVOCACY,
        _NOT_ASKED,
        _NO_ACHIEVED,
    )
}
_JOIN: Final = "; "  # between the reasons of one item (one table of one record)


def uncounted_reasons(item: Uncounted) -> tuple[tuple[str, str, str], ...]:
    """Why an item was not counted, as ``(reason code, field path, reason)`` triples, free of personal data.

    A record that could not be read gives the code and path of its first
    problem (``SHAPE-`` or ``READ-``, as ``msp validate`` reports it) and the
    reason ``could not be read``; a problem with a file, its code and ``a problem
    with the file``. A record counted in part gives one triple per reason, each
    with a ``COUNT-`` code (docs/returns.md lists them) and the field it is about
    (``$.risks[*]...`` for any of the record's risks). The reason is the fixed
    wording, never a problem's message.

    Args:
        item: one of :attr:`SacReturn.uncounted`.

    Returns:
        One triple per reason; a reason this module does not know (an item made
        by hand) gives an empty code and path.
    """
    if item.problems:
        head = next((why for why in _NOT_READ if item.reason.startswith(why)), item.reason)
        return ((item.problems[0].code, item.problems[0].path, head),)
    found = []
    for text in item.reason.split(_JOIN):
        reason = _REASONS.get(text)
        found.append(("", "", text) if reason is None else (reason.code, reason.path, reason.text))
    return tuple(found)


# -- disclosure control --------------------------------------------------------


def _round5(n: int) -> int:
    """NHS Digital's ``my_round5``: the nearest 5, remainder 0-2 down, 3-4 up."""
    lower = (n // _ROUND_TO) * _ROUND_TO
    upper = lower + _ROUND_TO
    return lower if (n - lower) < (upper - n) else upper


def suppress_value(n: int) -> str:
    """One published value under the publication's disclosure control.

    Values under 5 (a true zero too) publish as ``[c]``; every other value
    is rounded to the nearest 5, a remainder of 0-2 rounding down and 3-4 up
    (so 5-7 publish as 5, 8-12 as 10, 13 as 15). This is NHS Digital's
    ``apply_rounding_and_suppression`` with ``my_round5`` (its open-source SAC
    publication code, github.com/NHSDigital/ASC-Safeguarding-Adults).
    The SG4a rule that a group of all zeros publishes as ``[x]`` is applied
    by :func:`sac` to the group as a whole.

    Raises:
        ValueError: ``n`` is negative or not a whole number.
    """
    if type(n) is not int or n < 0:
        msg = "a count is a whole number, 0 or more"
        raise ValueError(msg)
    if n < _ROUND_TO:
        return "[c]"
    return str(_round5(n))


# -- results -----------------------------------------------------------------


@attrs.frozen(slots=True, kw_only=True)
class SacRow:
    """One cell of the return, in the publication's long layout.

    Attributes:
        table: ``TABLE_REFERENCE``, e.g. ``SG2a``.
        enquiry_type: ``ENQUIRY_TYPE``, e.g. ``Section 42 Enquiries``.
        category: ``CATEGORY``: the row label, exactly as published.
        subcategory: ``SUBCATEGORY``: the column label of a two-way table
            (SG2a, SG2b, SG2a_b1); empty for the others.
        count: the count, unrounded.
        value: ``VALUE`` as output: the count, or its published form when the
            return was made with disclosure control (``[c]``, ``[x]``, a
            multiple of 5).
    """

    table: str
    enquiry_type: str
    category: str
    subcategory: str
    count: int
    value: str

    def as_tuple(self) -> tuple[str, str, str, str, str]:
        """``(TABLE_REFERENCE, ENQUIRY_TYPE, CATEGORY, SUBCATEGORY, VALUE)``."""
        return (self.table, self.enquiry_type, self.category, self.subcategory, self.value)


@attrs.frozen(slots=True, kw_only=True)
class SacReturn:
    """A SAC return counted from records: rows, consistency findings and what was not counted.

    Attributes:
        year: the collection year.
        rows: every cell, tables in :data:`TABLES` order, categories in
            code-list order; zero cells included.
        findings: the return's consistency checks that failed (``RET-`` codes).
        uncounted: records and items that could not be counted, with the reason.
        records: how many records were read.
        suppressed: whether ``value`` carries the publication's disclosure control.
        disclosure: which of NHS England's two rules writes an SG4a group of zeros
            (:data:`DISCLOSURE_RULES`) when ``suppressed``; it changes nothing otherwise.
    """

    year: CollectionYear
    rows: tuple[SacRow, ...]
    findings: tuple[Finding, ...]
    uncounted: tuple[Uncounted, ...]
    records: int
    suppressed: bool = False
    disclosure: Disclosure = "csv"

    @property
    def disclosure_applied(self) -> str:
        """The disclosure control applied to ``VALUE``, in words: a rule of :data:`DISCLOSURE_RULES`, or none."""
        if not self.suppressed:
            return "none: the values are the unrounded counts, not for publication"
        return f"{DISCLOSURE_RULES[self.disclosure]} ({self.disclosure})"

    def uncounted_by_reason(self) -> tuple[tuple[str, str, tuple[str, ...], int], ...]:
        """What was not counted, as ``(reason code, reason, tables, records)``, most records first.

        Each reason of :func:`uncounted_reasons` is counted once per record (by
        file and line, else by id) whatever the number of tables it kept the
        record out of; ``tables`` lists those tables.
        """
        tables: dict[tuple[str, str], set[str]] = {}
        who: dict[tuple[str, str], set[object]] = {}
        for item in self.uncounted:
            record: object = (
                (item.source, item.line, item.record_id)
                if item.line is not None or item.record_id is not None
                else object()
            )
            for code, _, reason in uncounted_reasons(item):
                tables.setdefault((code, reason), set()).add(item.tables)
                who.setdefault((code, reason), set()).add(record)
        order = {table: i for i, table in enumerate(("all", "SG1", "SG2-SG4", *TABLES))}
        counted = [
            (code, reason, tuple(sorted(tables[code, reason], key=lambda t: (order.get(t, len(order)), t))), len(found))
            for (code, reason), found in who.items()
        ]
        return tuple(sorted(counted, key=lambda c: (-c[3], c[0], c[1])))

    def uncounted_csv(self) -> str:
        """Every item not counted, as spreadsheet-safe CSV (:data:`UNCOUNTED_COLUMNS`), CRLF line ends.

        One row per reason of each item (:func:`uncounted_reasons`): the file and line
        (empty for records not read from files), the record's id where it may be
        shown, the reason code, the field path, the tables and the reason's fixed
        wording. No value from a record is written.
        """
        from msp.reports.writers import neutralise  # noqa: PLC0415 - the writers import msp.io.batch

        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(UNCOUNTED_COLUMNS)
        for item in self.uncounted:
            for code, path, reason in uncounted_reasons(item):
                row = (item.source, item.line, item.record_id, code, path, item.tables, reason)
                writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
        return out.getvalue()

    def count(self, table: str, category: str, subcategory: str = "", *, enquiry_type: str | None = None) -> int:
        """The unrounded count of one cell.

        ``enquiry_type`` may be left out where the table has only one (SG1d-SG4a).

        Raises:
            KeyError: no such cell, or ``enquiry_type`` is needed to choose one.
        """
        found = [
            r
            for r in self.rows
            if r.table == table
            and r.category == category
            and r.subcategory == subcategory
            and (enquiry_type is None or r.enquiry_type == enquiry_type)
        ]
        if len(found) != 1:
            raise KeyError((table, enquiry_type, category, subcategory))
        return found[0].count

    def table(self, reference: str) -> tuple[SacRow, ...]:
        """The rows of one table, e.g. ``ret.table("SG2c")``."""
        return tuple(r for r in self.rows if r.table == reference)

    def to_csv(self) -> str:
        """The rows as CSV in the publication's long layout (:data:`COLUMNS`)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(r.as_tuple() for r in self.rows)
        return out.getvalue()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: year, records read, disclosure, rows, findings and what was not counted.

        ``VALUE`` is a number unless the return was suppressed (then it is the
        published string); ``disclosure`` is the rule applied (``csv`` or
        ``tables``), or ``None`` for unrounded counts. ``uncounted`` lists every
        item; ``uncounted_by_reason`` counts them (:meth:`uncounted_by_reason`).
        """
        return {
            "year": str(self.year),
            "records": self.records,
            "suppressed": self.suppressed,
            "disclosure": self.disclosure if self.suppressed else None,
            "rows": [
                dict(zip(COLUMNS, (*r.as_tuple()[:4], r.value if self.suppressed else r.count), strict=True))
                for r in self.rows
            ],
            "findings": [_finding_dict(f) for f in self.findings],
            "uncounted": [u.as_dict() for u in self.uncounted],
            "uncounted_by_reason": [
                {"reason_code": code, "reason": reason, "tables": list(tables), "records": records}
                for code, reason, tables, records in self.uncounted_by_reason()
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A readable report: each table laid out as a grid, then findings and what was not counted, by reason.

        Numbers have thousands separators. Items not counted are counted by
        reason (:meth:`uncounted_by_reason`); :attr:`uncounted` (or
        :meth:`uncounted_csv`, ``msp sac --uncounted FILE``) lists each one.
        """
        lines = [
            f"Safeguarding Adults Collection {self.year} (1 April {self.year.start} to 31 March {self.year.start + 1})",
            f"Records read: {self.records:,}."
            + (
                f" Not counted: {len(self.uncounted):,} record(s) or item(s), by reason at the end."
                if self.uncounted
                else ""
            ),
            f"Disclosure control: {self.disclosure_applied}.",
        ]
        for reference, title in TABLES.items():
            lines.extend(["", f"{reference} {title}", *_grid(self.table(reference))])
        lines.extend(["", f"Consistency checks: {len(self.findings):,} finding(s)."])
        lines.extend(f"  {f.code} [{f.severity.value}] {f.path}: {f.message}" for f in self.findings)
        lines.extend(["", f"Not counted: {len(self.uncounted):,}."])
        by_reason = self.uncounted_by_reason()
        if by_reason:
            lines[-1] = (
                f"Not counted: {len(self.uncounted):,} record(s) or item(s), by reason "
                "(each one: SacReturn.uncounted, or msp sac --uncounted FILE):"
            )
            lines.extend(_reason_table(by_reason))
        return "\n".join(lines) + "\n"


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "path": f.path,
        "message": f.message,
        "reference": f.reference,
        "record_id": f.record_id,
    }


def _reason_table(
    by_reason: Iterable[tuple[str, str, tuple[str, ...], int]], *, indent: str = "  ", header: bool = True
) -> list[str]:
    """``records  code  reason (tables)`` lines, numbers right-aligned with thousands separators.

    ``indent`` starts each line; ``header=False`` leaves the header line out (``msp sac``'s summary).
    """
    body = [(f"{n:,}", code or "-", f"{reason} ({', '.join(tables)})") for code, reason, tables, n in by_reason]
    rows = [("records", "code", "reason (tables)"), *body] if header else body
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    return [f"{indent}{n:>{width[0]}}  {code:<{width[1]}}  {reason}".rstrip() for n, code, reason in rows]


def _people(value: str) -> str:
    """A published value as people read it: a count with thousands separators; ``[c]``, ``[x]`` as they are."""
    return f"{int(value):,}" if value.isdigit() else value


def _grid(rows: tuple[SacRow, ...]) -> list[str]:
    """Lay one table out: categories down, enquiry types (or subcategories) across."""
    several_types = len({r.enquiry_type for r in rows}) > 1
    columns = list(dict.fromkeys((r.enquiry_type, r.subcategory) for r in rows))
    categories = list(dict.fromkeys(r.category for r in rows))
    cell = {(r.category, r.enquiry_type, r.subcategory): _people(r.value) for r in rows}
    header = ["", *(t if several_types else (s or t) for t, s in columns)]
    return text_table(header, [[cat, *(cell.get((cat, *c), "") for c in columns)] for cat in categories])


# -- layout ------------------------------------------------------------------


def _layout() -> Iterator[_Key]:
    """Every cell of the return, in output order."""
    for table, codes in (("SG1a", AgeBand), ("SG1b", SacGender), ("SG1c", SacEthnicity)):
        for enquiry_type in _SG1_TYPES:
            yield from ((table, enquiry_type, c.label, "") for c in codes)
    yield from (("SG1d", SECTION_42_ENQUIRIES, c.label, "") for c in PrimarySupportReason)
    yield from (("SG1e", SECTION_42_ENQUIRIES, c.label, "") for c in HealthCondition)
    yield from (("SG1f", t, _TOTAL_OF[t], "") for t in _SG1_TYPES)
    concluded = CONCLUDED_SECTION_42
    yield from (("SG2a", concluded, t.label, s.label) for t in TypeOfRisk for s in SourceOfRisk)
    yield from (("SG2b", concluded, loc.label, s.label) for loc in LocationOfRisk for s in SourceOfRisk)
    yield from (("SG2a_b1", concluded, t.label, loc.label) for t in TypeOfRisk for loc in LocationOfRisk)
    yield from (("SG2c", concluded, a.label, "") for a in ActionTakenAndResult)
    yield from (("SG2e", concluded, o.label, "") for o in RiskOutcome)
    yield from (("SG3a", concluded, c.label, "") for c in CapacityLacked)
    yield ("SG3a", concluded, SG3A_SUPPORT, "")
    yield from (("SG4a", concluded, a.label, "") for a in MspAsked)
    yield from (("SG4a", concluded, a.label, "") for a in OutcomeAchievement)


_ASKED_LABELS: Final = frozenset(a.label for a in MspAsked)
_ACHIEVED_LABELS: Final = frozenset(a.label for a in OutcomeAchievement)


# -- consistency checks ---------------------------------------------------------


def _finding(
    code: str, severity: Severity, path: str, message: str, reference: str, *, record_id: str | None = None
) -> Finding:
    problem = Problem(code=code, path=path, message=message, record_id=record_id)
    return Finding(problem=problem, severity=severity, reference=reference)


def _failed(  # noqa: PLR0917 - reads like the finding it makes
    code: str, severity: Severity, path: str, failed: bool, message: str, reference: str
) -> Finding | None:
    """A finding if the check failed, else ``None``."""
    return _finding(code, severity, path, message, reference) if failed else None


def consistency_findings(rows: Iterable[SacRow], *, concluded: int | None = None) -> tuple[Finding, ...]:
    """The return's own consistency checks that can be read off its rows.

    These are the checks the collection's validation applies to a return
    (the table totals of the SAC guidance 2024-25); :func:`sac` runs them and adds the
    ones that need the records themselves (``RET-005``, ``RET-006``,
    ``RET-011``, ``RET-012``). Values are the unrounded counts.

    Args:
        rows: the return's rows.
        concluded: the number of section 42 enquiries concluded in the year;
            by default the SG3a total.

    Returns:
        One finding per check that fails, ``RET-`` codes; see docs/returns.md.
    """
    n: dict[_Key, int] = {(r.table, r.enquiry_type, r.category, r.subcategory): r.count for r in rows}
    return tuple(f for f in (*_sg3_sg4_checks(n, concluded), *_sg1_checks(n)) if f is not None)


def _total(n: Mapping[_Key, int], table: str, enquiry_type: str, labels: Iterable[str]) -> int:
    return sum(n.get((table, enquiry_type, label, ""), 0) for label in labels)


def _sg3_sg4_checks(n: Mapping[_Key, int], concluded: int | None) -> list[Finding | None]:
    t = CONCLUDED_SECTION_42
    capacity = _total(n, "SG3a", t, (c.label for c in CapacityLacked))
    concluded = capacity if concluded is None else concluded
    asked = _total(n, "SG4a", t, _ASKED_LABELS)
    expressed = n.get(("SG4a", t, MspAsked.ASKED_EXPRESSED.label, ""), 0)
    achieved = _total(n, "SG4a", t, _ACHIEVED_LABELS)
    lacked = n.get(("SG3a", t, CapacityLacked.YES.label, ""), 0)
    supported = n.get(("SG3a", t, SG3A_SUPPORT, ""), 0)
    return [
        _failed(
            "RET-001",
            Severity.ERROR,
            "SG3a",
            capacity != concluded,
            f"SG3a values add up to {capacity:,}, not the {concluded:,} section 42 enquiries concluded: each has "
            "exactly one value",
            f"SAC SG3a: Total Concluded Enquiries = Yes + No + Don't know + Not recorded ({_SAC_REF})",
        ),
        _failed(
            "RET-002",
            Severity.ERROR,
            "SG3a",
            supported > lacked,
            f"the advocacy sub-item ({supported:,}) exceeds 'Yes, they lacked capacity' ({lacked:,})",
            f"SAC SG3a sub-item: 'Of the enquiries recorded as Yes ...' ({_SAC_REF})",
        ),
        _failed(
            "RET-003",
            Severity.ERROR,
            "SG4a",
            asked != concluded,
            f"SG4a 'asked' values add up to {asked:,}, not the {concluded:,} section 42 enquiries concluded: each "
            "has exactly one value",
            f"SAC SG4a asked: one value per concluded section 42 enquiry ({_SAC_REF})",
        ),
        _failed(
            "RET-004",
            Severity.ERROR,
            "SG4a",
            achieved > expressed,
            f"outcomes achieved (fully, partially or not: {achieved:,}) exceed 'asked and outcomes were expressed' "
            f"({expressed:,}): rule SAC-010 finds the enquiries",
            f"SAC SG4a achieved values apply where outcomes were expressed (an inference from the {_SAC_REF})",
        ),
    ]


def _sg1_checks(n: Mapping[_Key, int]) -> list[Finding | None]:
    checks: list[Finding | None] = []
    for enquiry_type in _SG1_TYPES:
        totals = {
            t: _total(n, t, enquiry_type, (c.label for c in codes))
            for t, codes in (("SG1a", AgeBand), ("SG1b", SacGender), ("SG1c", SacEthnicity))
        }
        cases = n.get(("SG1f", enquiry_type, _TOTAL_OF[enquiry_type], ""), 0)
        shown = ", ".join(f"{t} {v:,}" for t, v in totals.items())
        checks.append(
            _failed(
                "RET-007",
                Severity.ERROR,
                "SG1a/SG1b/SG1c",
                len(set(totals.values())) > 1,
                f"{enquiry_type}: the individuals' totals differ ({shown})",
                f"SAC SG1a-SG1c count the same individuals ({_SAC_REF}, SG1)",
            )
        )
        checks.append(
            _failed(
                "RET-008",
                Severity.ERROR,
                "SG1a/SG1f",
                totals["SG1a"] > cases,
                f"{enquiry_type}: more individuals ({totals['SG1a']:,}) than cases ({cases:,})",
                f"SAC: an individual is counted once, cases as often as they occur ({_SAC_REF}, SG1)",
            )
        )
    s42 = n.get(("SG1f", SECTION_42_ENQUIRIES, _TOTAL_S42, ""), 0)
    psr = _total(n, "SG1d", SECTION_42_ENQUIRIES, (c.label for c in PrimarySupportReason))
    checks.append(
        _failed(
            "RET-009",
            Severity.ERROR,
            "SG1d/SG1f",
            psr != s42,
            f"SG1d counts {psr:,} section 42 enquiries but SG1f {s42:,}: each has one primary support reason",
            f"SAC SG1d ({_SAC_REF})",
        )
    )
    for c in HealthCondition:
        count = n.get(("SG1e", SECTION_42_ENQUIRIES, c.label, ""), 0)
        checks.append(
            _failed(
                "RET-009",
                Severity.ERROR,
                "SG1e/SG1f",
                count > s42,
                f"SG1e '{c.label}' ({count:,}) exceeds the section 42 enquiries started ({s42:,})",
                f"SAC SG1e ({_SAC_REF})",
            )
        )
    started = s42 + n.get(("SG1f", OTHER_ENQUIRIES, _TOTAL_OTHER, ""), 0)
    raised = n.get(("SG1f", CONCERNS, _TOTAL_CONCERNS, ""), 0)
    checks.append(
        _failed(
            "RET-010",
            Severity.ADVICE,
            "SG1f",
            started > raised,
            f"more enquiries started ({started:,}) than concerns raised ({raised:,}): a conversion rate over 100% "
            "is possible (enquiries from last year's concerns) but worth checking",
            "SAC derived measure 'Conversion Rate' (Safeguarding adults, England: national statistics)",
        )
    )
    return checks


# -- counting ----------------------------------------------------------------


def _eighteenth_birthday(date_of_birth: date) -> date:
    """As :func:`msp.codes.mappings.age_at` counts it: a 29 February birthday falls on 28 February."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + _ADULT_AGE)
    except ValueError:
        return date_of_birth.replace(year=date_of_birth.year + _ADULT_AGE, day=28)


_age_band = lru_cache(maxsize=65536)(sac_age_band)

# The demographics an individual is counted under, and the record they came from.
_Person = tuple[date, str, AgeBand, SacGender, SacEthnicity]


class _Tally:
    """The running counts of one return: one pass, memory in the number of adults."""

    def __init__(self, year: CollectionYear) -> None:
        self.year = year
        self.first, self.last = year.first_day, year.last_day
        self.cells: dict[_Key, int] = dict.fromkeys(_layout(), 0)
        self.people: dict[str, _Person] = {}
        self.members: dict[str, set[str]] = {t: set() for t in _SG1_TYPES}
        self.conflicts: dict[str, str] = {}
        self.uncounted: list[Uncounted] = []
        self.records = 0
        self.at: tuple[str | None, int | None] = (None, None)
        self.concluded = 0
        self.covered = dict.fromkeys(("SG2a", "SG2b", "SG2a_b1", "SG2c"), 0)
        self.identified = 0
        self.with_outcome = 0

    def _in_year(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    def _bump(self, key: _Key) -> None:
        self.cells[key] += 1

    def skip(self, record_id: str | None, tables: str, reason: str) -> None:
        source, line = self.at
        self.uncounted.append(Uncounted(record_id=record_id, tables=tables, reason=reason, source=source, line=line))

    def unreadable(self, item: Uncounted, is_record: bool) -> None:
        """List what could not be read: a record (counted as read) or a problem with a file."""
        self.records += is_record
        self.uncounted.append(item)

    def add(self, c: Concern, source: str | None = None, line: int | None = None) -> None:
        """Count one record; ``source`` and ``line`` locate what cannot be counted."""
        self.records += 1
        self.at = (source, line)
        e = c.enquiry
        started_on = None if e is None else e.started_on
        concluded_on = None if e is None else e.concluded_on
        raised = self._in_year(c.received_on)
        started = self._in_year(started_on)
        concluded = self._in_year(concluded_on)
        undated = (
            e is not None
            and started_on is None
            and c.enquiry_type is not None
            and c.received_on <= self.last
            and (concluded_on is None or concluded_on >= self.first)
        )
        if not (raised or started or concluded or undated):
            return
        person = self._person(c)
        if person is None:
            return
        if raised:
            self._count_sg1(c, CONCERNS, person)
        if undated:
            self.skip(c.concern_id, "SG1", _NO_START.text)
        if started:
            enquiry_type = c.enquiry_type
            if enquiry_type is None:
                self.skip(c.concern_id, "SG1", _STARTED_NO_TYPE.text)
            else:
                self._count_started(c, enquiry_type, person)
        if concluded:
            if c.enquiry_type is None:
                self.skip(c.concern_id, "SG2-SG4", _CONCLUDED_NO_TYPE.text)
            elif c.is_section_42:
                self._count_concluded(c)

    def _person(self, c: Concern) -> tuple[AgeBand, SacGender, SacEthnicity] | None:
        """The adult's SG1 demographics, or ``None`` (recorded as uncounted) if outside the SAC."""
        adult = c.adult
        dob = adult.date_of_birth
        if dob is not None and c.received_on < _eighteenth_birthday(dob):
            self.skip(c.concern_id, "all", _UNDER_18.text)
            return None
        try:
            band = _age_band(dob, sac_age_reference_date(self.year, adult.date_of_death))
        except ValueError:
            self.skip(c.concern_id, "all", _UNDER_18_AGE_DATE.text)
            return None
        return band, sac_gender_from_nhs(adult.gender_identity), adult.sac_ethnicity

    def _count_sg1(self, c: Concern, enquiry_type: str, person: tuple[AgeBand, SacGender, SacEthnicity]) -> None:
        """Count a concern or a started enquiry in SG1f, and note its adult for SG1a-SG1c.

        An adult is counted once per enquiry type, with the demographics of their
        latest record (by date received, then concern id) whatever the order read.
        """
        self._bump(("SG1f", enquiry_type, _TOTAL_OF[enquiry_type], ""))
        adult_id = c.adult.adult_id
        self.members[enquiry_type].add(adult_id)
        candidate: _Person = (c.received_on, c.concern_id, *person)
        before = self.people.get(adult_id)
        if before is None:
            self.people[adult_id] = candidate
            return
        if before[2:] != candidate[2:]:
            self.conflicts.setdefault(adult_id, max(before[:2], candidate[:2])[1])
        if candidate[:2] > before[:2]:
            self.people[adult_id] = candidate

    def _count_started(
        self, c: Concern, enquiry_type: EnquiryType, person: tuple[AgeBand, SacGender, SacEthnicity]
    ) -> None:
        label = _ENQUIRY_LABEL[enquiry_type]
        self._count_sg1(c, label, person)
        if enquiry_type is EnquiryType.SECTION_42:
            adult = c.adult
            self._bump(("SG1d", label, adult.sac_primary_support_reason.label, ""))
            for condition in set(adult.health_conditions):
                self._bump(("SG1e", label, condition.label, ""))

    def _count_concluded(self, c: Concern) -> None:
        self.concluded += 1
        missing: dict[str, set[str]] = {}
        self._count_sg2(c, missing)
        self._count_sg3_sg4(c, missing)
        for table, reasons in missing.items():
            self.skip(c.concern_id, table, _JOIN.join(sorted(reasons)))

    def _count_sg2(self, c: Concern, missing: dict[str, set[str]]) -> None:
        """SG2a-SG2e: one count per different category (or pair) per enquiry (SAC guidance 2024-25, SG2)."""
        if not c.risks:
            for table in self.covered:
                missing.setdefault(table, set()).add(_NO_RISK.text)
        cells, outcomes, identified = _risk_cells(c.risks, missing)
        for key in cells:
            self._bump(key)
        for table in {k[0] for k in cells}:
            if table in self.covered:
                self.covered[table] += 1
        for outcome in outcomes:
            self._bump(("SG2e", CONCLUDED_SECTION_42, outcome.label, ""))
        self.identified += identified
        self.with_outcome += bool(outcomes)

    def _count_sg3_sg4(self, c: Concern, missing: dict[str, set[str]]) -> None:
        """SG3a capacity and its advocacy sub-item; SG4a asked and achieved."""
        t, e = CONCLUDED_SECTION_42, c.enquiry
        if e is None:  # pragma: no cover - a concluded enquiry exists
            return
        if e.capacity_lacked is None:
            missing.setdefault("SG3a", set()).add(_NO_CAPACITY.text)
        else:
            self._bump(("SG3a", t, e.capacity_lacked.label, ""))
        if e.advocacy_support and e.capacity_lacked is CapacityLacked.YES:
            self._bump(("SG3a", t, SG3A_SUPPORT, ""))
        elif e.advocacy_support:
            missing.setdefault("SG3a", set()).add(_ADVOCACY.text)
        if c.msp_asked is None:
            missing.setdefault("SG4a", set()).add(_NOT_ASKED.text)
        else:
            self._bump(("SG4a", t, c.msp_asked.label, ""))
        achieved = e.outcomes_achieved or overall_achievement(c.desired_outcomes)
        if achieved is not None:
            self._bump(("SG4a", t, achieved.label, ""))
        elif c.msp_asked is MspAsked.ASKED_EXPRESSED:
            missing.setdefault("SG4a", set()).add(_NO_ACHIEVED.text)

    def result(self, *, suppress: bool, disclosure: Disclosure = "csv") -> SacReturn:
        cells = dict(self.cells)
        for enquiry_type, members in self.members.items():
            for adult_id in members:
                _, _, band, gender, ethnicity = self.people[adult_id]
                cells["SG1a", enquiry_type, band.label, ""] += 1
                cells["SG1b", enquiry_type, gender.label, ""] += 1
                cells["SG1c", enquiry_type, ethnicity.label, ""] += 1
        rows = _rows(cells, suppress=suppress, disclosure=disclosure)
        findings = [*consistency_findings(rows, concluded=self.concluded), *self._record_findings()]
        findings.sort(key=lambda f: f.code)
        return SacReturn(
            year=self.year,
            rows=rows,
            findings=tuple(findings),
            uncounted=tuple(self.uncounted),
            records=self.records,
            suppressed=suppress,
            disclosure=disclosure,
        )

    def _record_findings(self) -> Iterator[Finding]:
        for table, covered in self.covered.items():
            if covered < self.concluded:
                yield _finding(
                    "RET-005",
                    Severity.ERROR,
                    table,
                    f"{self.concluded - covered:,} of {self.concluded:,} concluded section 42 enquiries have no count "
                    f"in {table}: see the records not counted",
                    f"SAC {table}: every concluded section 42 enquiry has at least one value ({_SAC_REF})",
                )
        if self.with_outcome < self.identified:
            yield _finding(
                "RET-006",
                Severity.ERROR,
                "SG2e",
                f"{self.identified - self.with_outcome:,} of {self.identified:,} concluded section 42 enquiries "
                "where a risk was identified have no risk outcome",
                f"SAC SG2e: a risk outcome where a risk was identified ({_SAC_REF})",
            )
        for adult_id, record_id in sorted(self.conflicts.items()):
            yield _finding(
                "RET-011",
                Severity.WARNING,
                "$.adult",
                f"adult {adult_id}: records give different age band, gender or ethnicity; "
                "the latest record's are counted",
                f"SAC SG1a-SG1c count each individual once ({_SAC_REF}, SG1)",
                record_id=record_id,
            )
        if self.uncounted:
            yield _finding(
                "RET-012",
                Severity.WARNING,
                "$",
                f"{len(self.uncounted):,} record(s) or item(s) could not be counted: see the records not counted",
                f"SAC counting rules ({_SAC_REF})",
            )


def _risk_cells(risks: Iterable[Risk], missing: dict[str, set[str]]) -> tuple[set[_Key], set[RiskOutcome], bool]:
    """The distinct SG2a, SG2b, SG2a_b1 and SG2c cells and SG2e outcomes of one enquiry's risks,
    and whether any risk was identified. Gaps go into ``missing`` (table to reasons)."""
    t = CONCLUDED_SECTION_42
    cells: set[_Key] = set()
    outcomes: set[RiskOutcome] = set()
    identified = False
    for r in risks:
        kind, where, source, result = r.type_of_risk, r.location, r.sac_source, r.action_and_result
        for table, row, column, row_gap, column_gap in (
            ("SG2a", kind, source, _NO_TYPE_OF_RISK, _NO_SOURCE),
            ("SG2b", where, source, _NO_LOCATION, _NO_SOURCE),
            ("SG2a_b1", kind, where, _NO_TYPE_OF_RISK, _NO_LOCATION),
        ):
            if row is None or column is None:
                missing.setdefault(table, set()).add((row_gap if row is None else column_gap).text)
            else:
                cells.add((table, t, row.label, column.label))
        if result is None:
            missing.setdefault("SG2c", set()).add(_NO_ACTION.text)
            continue
        cells.add(("SG2c", t, result.label, ""))
        identified = identified or result.risk_identified
        if result.risk_identified and r.risk_outcome is None:
            missing.setdefault("SG2e", set()).add(_NO_OUTCOME.text)
        elif result.risk_identified and r.risk_outcome is not None:
            outcomes.add(r.risk_outcome)
        elif r.risk_outcome is not None:
            missing.setdefault("SG2e", set()).add(_OUTCOME_NO_RISK.text)
    return cells, outcomes, identified


def _rows(cells: Mapping[_Key, int], *, suppress: bool, disclosure: Disclosure) -> tuple[SacRow, ...]:
    blank: set[_Key] = set()
    if suppress and disclosure == "tables":
        for labels in (_ASKED_LABELS, _ACHIEVED_LABELS):
            group = [k for k in cells if k[0] == "SG4a" and k[2] in labels]
            if not any(cells[k] for k in group):
                blank.update(group)
    show: Callable[[int], str] = suppress_value if suppress else str
    return tuple(
        SacRow(
            table=k[0],
            enquiry_type=k[1],
            category=k[2],
            subcategory=k[3],
            count=n,
            value="[x]" if k in blank else show(n),
        )
        for k, n in cells.items()
    )


def _checked(disclosure: str) -> Disclosure:
    """``disclosure`` if it names a rule of :data:`DISCLOSURE_RULES`.

    Raises:
        ValueError: it does not.
    """
    if disclosure == "csv":
        return "csv"
    if disclosure == "tables":
        return "tables"
    msg = f"disclosure is one of: {', '.join(DISCLOSURE_RULES)}"
    raise ValueError(msg)


def sac(
    records: Iterable[Concern],
    year: str | CollectionYear = DEFAULT_YEAR,
    *,
    suppress: bool = False,
    disclosure: Disclosure = "csv",
) -> SacReturn:
    """Count a SAC return from records.

    Reads ``records`` once, in any order; memory grows with the number of
    distinct adults (each is counted once in SG1a-SG1c), not with the records.

    Args:
        records: concerns (a list, a generator, ...).
        year: the collection year, ``"2025-26"`` or a :class:`CollectionYear`.
        suppress: apply the publication's disclosure control to ``VALUE``
            (:func:`suppress_value`).
        disclosure: with ``suppress``, how an SG4a group of zeros is written:
            ``"csv"`` (``[c]``, as NHS England's published CSV; the default) or
            ``"tables"`` (``[x]``, as its Excel data tables); see :data:`DISCLOSURE_RULES`.

    Returns:
        A :class:`SacReturn`.

    Raises:
        ValueError: ``year`` is not a collection year, or ``disclosure`` not a rule.

    .. versionchanged:: 0.2.0
       ``disclosure``; before it, an SG4a group of zeros was always ``[x]``.
    """
    rule = _checked(disclosure)
    chosen = CollectionYear.parse(year) if isinstance(year, str) else year
    tally = _Tally(chosen)
    for record in records:
        tally.add(record)
    return tally.result(suppress=suppress, disclosure=rule)


def sac_files(
    paths: Iterable[str],
    year: str | CollectionYear = DEFAULT_YEAR,
    *,
    suppress: bool = False,
    disclosure: Disclosure = "csv",
    mapping: CsvMapping | None = None,
    progress: Callable[[str, int], None] | None = None,
    sheet: str | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> SacReturn:
    """Count a SAC return from files, as ``msp sac`` does.

    Reads JSON Lines, JSON, or flat CSV, Excel or Parquet files (:mod:`msp.io.readers`) once,
    in order, and counts them as :func:`sac` does. A record that cannot be read or
    built is counted as read and listed in ``uncounted`` with its file, line and
    first problem, as is a problem with a file (a CSV column not in the layout);
    everything not counted carries its file and line.

    Args:
        paths: the files (``-`` for standard input).
        year: the collection year, ``"2025-26"`` or a :class:`CollectionYear`.
        suppress: apply the publication's disclosure control (see :func:`sac`).
        disclosure: how an SG4a group of zeros is written (see :func:`sac`).
        mapping: how to read a council's CSV extract (:func:`msp.convert.flat.load_mapping`).
        progress: called as ``progress(file, records)`` after each record that
            could be built, with the records read so far (for a progress display;
            ``msp sac`` draws one on a terminal).
        sheet: the worksheet of an Excel workbook to read (default: the first visible one).
        max_record_bytes: the longest line (JSON Lines, CSV) or record (JSON) read, in
            bytes (default 10 MiB, as ``msp validate``); a longer one is skipped without
            being held in memory, counted as read and listed in ``uncounted`` with the
            reason code ``SHAPE-TOO-LONG`` (``msp sac --max-record-bytes``).

    Returns:
        A :class:`SacReturn`.

    Raises:
        ValueError: ``year`` is not a collection year, ``disclosure`` not a rule, or
            ``max_record_bytes`` below 1.
        OSError: a file cannot be opened or read.

    .. versionchanged:: 0.2.0
       ``disclosure``, ``progress``, ``sheet`` and ``max_record_bytes``.
    """
    rule = _checked(disclosure)
    tally = _Tally(CollectionYear.parse(year) if isinstance(year, str) else year)
    for record, source, line in read_concerns(paths, tally.unreadable, mapping, sheet, max_record_bytes):
        tally.add(record, source, line)
        if progress is not None:
            progress(source, tally.records)
    return tally.result(suppress=suppress, disclosure=rule)


def __dir__() -> list[str]:
    """The public names, for ``dir(msp.reports.sac_return)`` and tab completion."""
    return list(__all__)
