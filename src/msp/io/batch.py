"""Validate files and streams of records from Python: the engine behind ``msp validate``.

From a notebook or a script::

    from msp.io.batch import validate_path

    run = validate_path("extract.jsonl")          # or .json, .csv (+ mapping=...)
    for result in run:                            # one result per record, in file order
        for finding in result.findings:
            print(result.line, result.record_id, finding.path, finding.code, finding.message)
    print(run.summary.records_read, run.summary.records_with_errors)

    # the same for records already in memory (dicts as read from JSON, or Concerns)
    run = validate_records(records)
    summary = run.finish()                        # consume the rest, get the summary

    # findings as a pandas DataFrame (pip install 'making-safeguarding-personal[pandas]')
    frame = to_dataframe(validate_path("extract.jsonl"))

Every record read ends up in exactly one result: built and checked by the
rules, read but not buildable (``SHAPE-`` findings), or unreadable (a bad
line). So ``summary.records_read == summary.records_accounted`` always.
Problems with a file rather than a record (a CSV column not in the layout)
come as results of kind ``"file"`` and are not counted as records.

``jobs=N`` spreads the work over N processes; results still come back in
input order and are identical to ``jobs=1``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections
import gc
import importlib
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any, Final, Literal

import attrs

from msp.codes import CaseStage
from msp.convert import _fast
from msp.convert._converter import problems_from_exception
from msp.convert.flat import CsvMapping, structure
from msp.errors import InvalidRecord, Problem
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES, FileProblem, Item, JsonLine, RawRecord, Reader, Unreadable, decode
from msp.io.records import check_record
from msp.io.spreadsheets import _pandas
from msp.model.concern import Concern
from msp.model.extensions import ExtensionDefinition, register_extension, registered_extensions
from msp.rules import Finding, Profile, Report, RuleSet, Severity, Status, resolve_rules

__all__ = [
    "FINDING_COLUMNS",
    "Progress",
    "RecordResult",
    "Run",
    "Summary",
    "cpus_available",
    "finding_rows",
    "resolve_rules",
    "to_dataframe",
    "validate_path",
    "validate_paths",
    "validate_records",
]

FINDING_COLUMNS: Final = ("file", "line", "record_id", "path", "code", "severity", "message", "reference")
"""The columns of a finding row (CSV reports, DataFrames)."""

READ_REFERENCE: Final = "msp reading: file format, encoding and flat layout (docs/cli.md)"
"""The reference given for problems reading a file (bad lines, columns)."""

ResultKind = Literal["record", "unreadable", "file"]

Progress = Callable[[str, "int | None", int, int], None]
"""A progress callback: ``(source name, size in bytes or None, bytes read, records done)``."""

_CHUNK: Final = 256
_ERROR: Final = Severity.ERROR.value
_WARNING: Final = Severity.WARNING.value
_ADVICE: Final = Severity.ADVICE.value


# -- results -------------------------------------------------------------------------


@attrs.frozen(slots=True)
class RecordResult:
    """The outcome for one record (or one file problem).

    Attributes:
        line: the 1-based line where the record starts (the position in the
            iterable for :func:`validate_records`).
        record_id: the record's pseudonymous id, where it could be read.
        report: the rules engine's report; for an unreadable record or a file
            problem, a report with only the reading findings.
        source: the file name (or ``<records>``).
        kind: ``record`` (read; see ``report.structured``), ``unreadable``
            (the line could not be read as a record) or ``file`` (a problem
            with the file, not a record).
    """

    line: int
    record_id: str | None
    report: Report
    source: str = ""
    kind: ResultKind = "record"

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding for this record."""
        return self.report.findings

    @property
    def has_errors(self) -> bool:
        """True where any finding has error severity."""
        return self.report.has_errors


def finding_rows(result: RecordResult) -> Iterator[dict[str, Any]]:
    """One flat row per finding, keyed by :data:`FINDING_COLUMNS`."""
    for f in result.findings:
        yield {
            "file": result.source,
            "line": result.line,
            "record_id": f.record_id if f.record_id is not None else result.record_id,
            "path": f.path,
            "code": f.code,
            "severity": f.severity.value,
            "message": f.message,
            "reference": f.reference,
        }


@attrs.define
class Summary:
    """Counts over a run, filled in as results are consumed.

    Attributes:
        files: files read.
        records_read: records read (blank lines and CSV headers are not records).
        records_checked: records built and checked by every rule for their stage.
        records_invalid: records read but not buildable (wrong type, unknown
            code, missing field...); their ``SHAPE-`` findings say why.
        records_unreadable: lines that could not be read as a record at all.
        records_with_errors: records with at least one error finding.
        records_with_warnings: records with at least one warning finding.
        records_with_advice: records with at least one advice finding.
        records_clean: records with no finding at all.
        file_problems: findings about files rather than records.
        findings_by_rule: finding count per rule code.
        findings_by_severity: finding count per severity.
        rules_errored: per rule code, how many records it crashed on (never
            counted as passed; please report these).
    """

    files: int = 0
    records_read: int = 0
    records_checked: int = 0
    records_invalid: int = 0
    records_unreadable: int = 0
    records_with_errors: int = 0
    records_with_warnings: int = 0
    records_with_advice: int = 0
    records_clean: int = 0
    file_problems: int = 0
    findings_by_rule: collections.Counter[str] = attrs.field(factory=collections.Counter)
    findings_by_severity: collections.Counter[str] = attrs.field(factory=collections.Counter)
    rules_errored: collections.Counter[str] = attrs.field(factory=collections.Counter)

    def add(self, result: RecordResult) -> None:
        """Count one result."""
        report = result.report
        findings = report.findings
        if not findings and result.kind == "record" and report.structured:
            # The common case, a clean record checked by the rules: the counts below, cut short.
            self.records_read += 1
            self.records_checked += 1
            for code in report.errored:
                self.rules_errored[code] += 1
            self.records_clean += 1
            return
        for f in findings:
            self.findings_by_rule[f.code] += 1
            self.findings_by_severity[f.severity.value] += 1
        if result.kind == "file":
            self.file_problems += len(findings)
            return
        self.records_read += 1
        if result.kind == "unreadable":
            self.records_unreadable += 1
        elif result.report.structured:
            self.records_checked += 1
        else:
            self.records_invalid += 1
        for code in result.report.errored:
            self.rules_errored[code] += 1
        severities = {f.severity.value for f in findings}  # str hashes in C; Enum.__hash__ runs in Python
        self.records_with_errors += _ERROR in severities
        self.records_with_warnings += _WARNING in severities
        self.records_with_advice += _ADVICE in severities
        self.records_clean += not findings

    @property
    def records_accounted(self) -> int:
        """Checked + invalid + unreadable: always equal to :attr:`records_read`."""
        return self.records_checked + self.records_invalid + self.records_unreadable

    @property
    def has_errors(self) -> bool:
        """True where any finding (about a record or a file) has error severity."""
        return self.findings_by_severity.get(Severity.ERROR.value, 0) > 0

    @property
    def exit_status(self) -> int:
        """What ``msp validate`` exits with: 1 if any error finding, else 0."""
        return 1 if self.has_errors else 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts (rule codes sorted)."""
        return {
            "files": self.files,
            "records_read": self.records_read,
            "records_accounted": self.records_accounted,
            "records_checked": self.records_checked,
            "records_invalid": self.records_invalid,
            "records_unreadable": self.records_unreadable,
            "records_with_errors": self.records_with_errors,
            "records_with_warnings": self.records_with_warnings,
            "records_with_advice": self.records_with_advice,
            "records_clean": self.records_clean,
            "file_problems": self.file_problems,
            "findings_by_severity": {s.value: self.findings_by_severity.get(s.value, 0) for s in Severity},
            "findings_by_rule": dict(sorted(self.findings_by_rule.items())),
            "rules_errored": dict(sorted(self.rules_errored.items())),
        }


class Run:
    """An iterator of :class:`RecordResult` that keeps a running :class:`Summary`.

    Iterate it (or call :meth:`finish`); :attr:`summary` is complete once the
    iterator is exhausted.
    """

    def __init__(self, results: Iterator[RecordResult], summary: Summary) -> None:
        self._results = results
        self.summary = summary

    def __iter__(self) -> Run:
        return self

    def __next__(self) -> RecordResult:
        result = next(self._results)
        self.summary.add(result)
        return result

    def finish(self) -> Summary:
        """Consume every remaining result; return the complete summary."""
        for _ in self:
            pass
        return self.summary


# -- checking one item ------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Context:
    """What a worker needs: the rule set, the stage and the local extensions registered in the parent (pickled
    once per worker: a worker started by spawn or forkserver does not inherit the parent's registry)."""

    rules: RuleSet
    stage: CaseStage | None
    unknown: Literal["error", "ignore"] = "error"
    extensions: tuple[ExtensionDefinition, ...] = attrs.field(factory=registered_extensions)


# A result as it travels back from a worker: everything but the rule set.
_Slim = tuple[int, str, "str | None", tuple[Finding, ...], tuple[Status, ...], dict[str, str], "CaseStage | None"]


def _shape(problems: Iterable[Problem], record_id: str | None, reference: str | None = None) -> tuple[Finding, ...]:
    return tuple(Finding.from_problem(p, record_id, reference) for p in problems)


_UNSET: Final = object()
_DECODER: list[Any] = [_UNSET]  # msgspec's JSON-to-Concern route, looked up once per process


def _decoder() -> Callable[[bytes], Concern] | None:
    decoder = _DECODER[0]
    if decoder is _UNSET:
        decoder = _DECODER[0] = _fast.decoder_for(Concern)
    return decoder  # type: ignore[no-any-return]


def _check_json(ctx: _Context, line: int, raw: bytes) -> _Slim:
    """Check one JSON line: msgspec straight to a record where it can, else the canonical reading.

    The msgspec route (:func:`msp.convert._fast.decoder_for`) gives exactly the record that
    ``json.loads`` and :func:`msp.from_dict` give, or raises; on any failure the line
    takes the path that reports every problem, so results never depend on the route.
    """
    decode = _decoder()
    if decode is None:
        return _check_item(ctx, JsonLine(line, raw), line)
    try:
        concern = decode(raw)
    except Exception:  # noqa: BLE001, S110 - the canonical path below reports the problems
        pass
    else:
        return _checked(ctx, line, concern)
    # Refused: parsed once more by msgspec where that gives what json.loads gives, and built by the
    # canonical route straight away (the fast dict route would refuse it too); else read as before.
    try:
        data = _fast.parse_json(raw)
    except Exception:  # noqa: BLE001 - json.loads decides, and locates what is wrong
        data = None
    if type(data) is not dict:
        return _check_item(ctx, JsonLine(line, raw), line)
    return _checked(ctx, line, data, fast=False)


def _checked(ctx: _Context, line: int, target: Concern | Mapping[str, Any], *, fast: bool = True) -> _Slim:
    report = check_record(ctx.rules, target, stage=ctx.stage, unknown=ctx.unknown, fast=fast)
    return (line, "record", report.record_id, report.findings, report.statuses, dict(report.errored), report.stage)


def _check(ctx: _Context, item: Item | Concern | Mapping[str, Any], line: int) -> _Slim:
    """Read (if need be), build and check one item. Never raises."""
    if type(item) is JsonLine:
        return _check_json(ctx, item.line, item.raw)
    return _check_item(ctx, item, line)


def _check_item(ctx: _Context, item: Item | Concern | Mapping[str, Any], line: int) -> _Slim:
    try:
        decoded: object = decode(item) if not isinstance(item, (Concern, Mapping)) else item
    except Exception as exc:  # noqa: BLE001 - a bad line never stops the run
        decoded = Unreadable(line, tuple(problems_from_exception(exc)))
    if isinstance(decoded, FileProblem):
        return (decoded.line, "file", None, _shape(decoded.problems, None, READ_REFERENCE), (), {}, None)
    if isinstance(decoded, Unreadable):
        return (decoded.line, "unreadable", None, _shape(decoded.problems, None, READ_REFERENCE), (), {}, None)
    if isinstance(decoded, RawRecord):
        line = decoded.line
        target: Concern | Mapping[str, Any] = decoded.data
        if decoded.lenient:
            try:
                target = structure(decoded.data)
            except InvalidRecord as exc:
                return (line, "record", exc.record_id, _shape(exc.problems, exc.record_id), (), {}, None)
            except Exception as exc:  # noqa: BLE001
                return (line, "record", None, _shape(problems_from_exception(exc), None), (), {}, None)
    else:
        target = decoded  # type: ignore[assignment]
    return _checked(ctx, line, target)


def _result(ctx: _Context, slim: _Slim, source: str) -> RecordResult:
    line, kind, record_id, findings, statuses, errored, stage = slim
    report = Report(
        record_id=record_id,
        findings=findings,
        rule_set=ctx.rules,
        statuses=statuses,
        errored=errored,
        stage=stage,
    )
    return RecordResult(line=line, record_id=record_id, report=report, source=source, kind=kind)  # type: ignore[arg-type]


_WORKER: list[_Context] = []


def _init_worker(ctx: _Context) -> None:
    # Ctrl-C is the parent's to handle: a worker printing its own traceback would break
    # the promise that none reaches the user.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER[:] = [ctx]
    for definition in ctx.extensions:
        register_extension(definition)
    _decoder()
    # What the worker holds from here on (modules, the rule set, the decoder) stays alive
    # to the end: keep it out of the garbage collector's full passes.
    gc.freeze()


def _work(job: tuple[bool, list[tuple[int, Any]]]) -> list[_Slim]:
    """Check a chunk; with ``raw`` set (a file's items), ``bytes`` are JSON lines as read."""
    raw, chunk = job
    ctx = _WORKER[0]
    if raw:
        return [
            _check_json(ctx, line, item) if type(item) is bytes else _check(ctx, item, line) for line, item in chunk
        ]
    return [_check(ctx, item, line) for line, item in chunk]


# -- the pipeline -------------------------------------------------------------------------


def _stage(stage: CaseStage | str | None) -> CaseStage | None:
    return CaseStage(stage) if isinstance(stage, str) else stage


# (name, (line, item) pairs, bytes read so far, size in bytes, items come from a file Reader)
_Source = tuple[str, Iterator[tuple[int, Any]], Callable[[], int], "int | None", bool]


def _chunks(items: Iterator[tuple[int, Any]], size: int, *, raw: bool) -> Iterator[list[tuple[int, Any]]]:
    """Lists of ``size`` pairs; with ``raw``, a JSON line travels as its bytes alone.

    Pickling a :class:`~msp.io.readers.JsonLine` runs attrs' ``__getstate__`` and
    ``__setstate__`` in Python; its bytes pickle as one memory copy.
    """
    chunk: list[tuple[int, Any]] = []
    append = chunk.append
    for line, item in items:
        append((line, item.raw) if raw and type(item) is JsonLine else (line, item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
            append = chunk.append
    if chunk:
        yield chunk


def _pipeline(
    sources: Iterable[_Source],
    ctx: _Context,
    jobs: int,
    summary: Summary,
    progress: Progress | None,
) -> Iterator[RecordResult]:
    if jobs <= 1:
        return _serial(sources, ctx, summary, progress)
    return _parallel(sources, ctx, jobs, summary, progress)


def _serial(
    sources: Iterable[_Source],
    ctx: _Context,
    summary: Summary,
    progress: Progress | None,
) -> Iterator[RecordResult]:
    for name, items, position, size, _ in sources:
        summary.files += 1
        for count, (line, item) in enumerate(items, start=1):
            yield _result(ctx, _check(ctx, item, line), name)
            if progress is not None:
                progress(name, size, position(), count)


def _parallel(
    sources: Iterable[_Source],
    ctx: _Context,
    jobs: int,
    summary: Summary,
    progress: Progress | None,
) -> Iterator[RecordResult]:
    """Chunks of items to worker processes, a bounded number in flight, results in input order."""
    _decoder()  # built once here, where workers are forked, rather than once in each
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(ctx,))
    pending: collections.deque[tuple[str, int | None, Callable[[], int], Future[list[_Slim]]]] = collections.deque()
    done: collections.Counter[str] = collections.Counter()

    def drain(limit: int) -> Iterator[RecordResult]:
        while len(pending) > limit:
            name, size, position, future = pending.popleft()
            slims = future.result()
            for slim in slims:
                yield _result(ctx, slim, name)
            done[name] += len(slims)
            if progress is not None:
                progress(name, size, position(), done[name])

    try:
        for name, items, position, size, raw in sources:
            summary.files += 1
            for chunk in _chunks(items, _CHUNK, raw=raw):
                pending.append((name, size, position, pool.submit(_work, (raw, chunk))))
                yield from drain(jobs * 3)
        yield from drain(0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _file_source(
    path: str | Path | IO[bytes],
    fmt: str,
    mapping: CsvMapping | None,
    max_record_bytes: int,
    sheet: str | None = None,
) -> _Source:
    reader = Reader(path, fmt, mapping=mapping, max_record_bytes=max_record_bytes, sheet=sheet)
    items = ((item.line, item) for item in reader)
    return (reader.name, items, lambda: reader.position, reader.size, True)


def validate_paths(
    paths: Sequence[str | Path | IO[bytes]],
    *,
    format: str = "auto",  # noqa: A002 - the word users expect
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
    jobs: int = 1,
    mapping: CsvMapping | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    progress: Progress | None = None,
    unknown: Literal["error", "ignore"] = "error",
    sheet: str | None = None,
) -> Run:
    """Validate several files, one after another: see :func:`validate_path`."""
    ctx = _Context(resolve_rules(rules), _stage(stage), _unknown(unknown))
    jobs = _jobs(jobs)
    summary = Summary()
    sources = (_file_source(p, format, mapping, max_record_bytes, sheet) for p in paths)
    for p in paths:  # fail early on a bad argument, before any work
        Reader(p, format, mapping=mapping, max_record_bytes=max_record_bytes, sheet=sheet)
    return Run(_pipeline(sources, ctx, jobs, summary, progress), summary)


def validate_path(
    path: str | Path | IO[bytes],
    *,
    format: str = "auto",  # noqa: A002
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
    jobs: int = 1,
    mapping: CsvMapping | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    progress: Progress | None = None,
    unknown: Literal["error", "ignore"] = "error",
    sheet: str | None = None,
) -> Run:
    """Validate every record in a file, streaming: memory stays flat on any file size.

    Args:
        path: a JSON Lines, JSON, CSV, Excel (``.xlsx``) or Parquet file; ``"-"`` for standard
            input; or a binary stream.
        format: ``auto`` (by extension, then content), ``jsonl``, ``json``, ``csv``, ``xlsx``
            or ``parquet`` (the last three in the flat layout, :mod:`msp.convert.flat`).
        stage: validate every record as if at this stage (default: each record's own).
        rules: a :class:`~msp.rules.RuleSet`, a :class:`~msp.rules.Profile`, a
            profile name, or rule codes to run; default: the ``default`` profile.
        jobs: worker processes (``0``: one per CPU). Output is identical for any value.
        mapping: for CSV, the extract's mapping (:func:`msp.convert.flat.load_mapping`).
        max_record_bytes: the longest line or record read (longer: ``SHAPE-TOO-LONG``).
        progress: called as results come in (see :data:`Progress`).
        unknown: ``"ignore"`` reads a JSON record at a newer ``schema_version`` as the
            current one, with a ``SHAPE-SCHEMA`` warning finding (see :func:`msp.validate`);
            default ``"error"`` refuses it. CSV rows are always read at the current version.
        sheet: the worksheet of an Excel workbook to read (default: the first visible one).

    Returns:
        A :class:`Run`: iterate it for :class:`RecordResult` objects in file
        order; its ``summary`` fills in as you go.

    Raises:
        KeyError: an unknown profile or rule code. ValueError: an unknown
        format or stage. OSError: the file cannot be read (raised while iterating).
    """
    return validate_paths(
        [path],
        format=format,
        stage=stage,
        rules=rules,
        jobs=jobs,
        mapping=mapping,
        max_record_bytes=max_record_bytes,
        progress=progress,
        unknown=unknown,
        sheet=sheet,
    )


def validate_records(
    records: Iterable[Mapping[str, Any] | Concern],
    *,
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
    jobs: int = 1,
    lenient: bool = False,
    source: str = "<records>",
    unknown: Literal["error", "ignore"] = "error",
) -> Run:
    """Validate records already in memory: dicts as read from JSON, or :class:`~msp.model.concern.Concern` objects.

    Args:
        records: the records; a result's ``line`` is the record's 1-based position.
        stage: validate every record as if at this stage.
        rules: as for :func:`validate_path`.
        jobs: worker processes; order is kept.
        lenient: build dicts with the lenient converter (spreadsheet values:
            UK dates, code labels, yes/no), as for flat CSV rows.
        source: the name results carry.
        unknown: as for :func:`validate_path` (dicts only).

    Returns:
        A :class:`Run` (see :func:`validate_path`).
    """
    ctx = _Context(resolve_rules(rules), _stage(stage), _unknown(unknown))

    def items() -> Iterator[tuple[int, Any]]:
        for n, record in enumerate(records, start=1):
            if lenient and isinstance(record, Mapping):
                yield n, RawRecord(n, dict(record), lenient=True)
            else:
                yield n, record

    summary = Summary()
    src: _Source = (source, items(), lambda: 0, None, False)
    return Run(_pipeline([src], ctx, _jobs(jobs), summary, None), summary)


def _unknown(unknown: str) -> Literal["error", "ignore"]:
    if unknown == "error":
        return "error"
    if unknown == "ignore":
        return "ignore"
    msg = 'unknown must be "error" or "ignore"'
    raise ValueError(msg)


def cpus_available() -> int:
    """The number of CPUs this process may run on: what ``jobs=0`` (``--jobs 0``) starts one worker for.

    That is the process's CPU affinity where the platform reports it (a container or a job
    scheduler limited to 2 CPUs of a 64-CPU host gives 2), else every CPU of the machine;
    at least 1. A limit set only by a CPU quota (cgroups ``cpu.max``) is not seen: give
    ``jobs`` explicitly there.
    """
    process_cpu_count = getattr(os, "process_cpu_count", None)  # Python 3.13 and later
    if process_cpu_count is not None:
        return int(process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _jobs(jobs: int) -> int:
    if type(jobs) is not int or jobs < 0:
        msg = "jobs must be a whole number, 0 (one per CPU) or more"
        raise ValueError(msg)
    return jobs or cpus_available()


def to_dataframe(results: Iterable[RecordResult]) -> Any:  # noqa: ANN401 - pandas is optional
    """Every finding as a row of a :class:`pandas.DataFrame` with :data:`FINDING_COLUMNS`, typed.

    Built column by column (a list per column, then one typed array each), not
    row by row from dicts: see benchmarks/bench_frames.py. The columns:

    - ``file``, ``code``, ``reference``: ``category``;
    - ``severity``: an ordered ``category``, ``advice`` < ``warning`` < ``error`` (every
      severity is a category, found or not: ``frame[frame.severity >= "warning"]``);
    - ``line``: ``Int64``;
    - ``record_id``, ``path``, ``message``: ``string`` (``record_id`` is ``<NA>`` where
      the record's id could not be read).

    :mod:`msp.reports.frames` has this as ``findings_frame``, beside the other frames.

    Raises:
        ImportError: pandas is not installed.
    """
    pandas = _pandas("to_dataframe")
    numpy = importlib.import_module("numpy")  # pandas brings it
    found: list[Finding] = []
    files: list[str] = []
    lines: list[int] = []
    result_ids: list[str | None] = []
    for result in results:
        findings = result.report.findings
        if findings:
            count = len(findings)
            found += findings
            files += [result.source] * count
            lines += [result.line] * count
            result_ids += [result.record_id] * count
    # A column at a time: a comprehension per column, no dict per row.
    problems = [f.problem for f in found]
    owns = [p.record_id for p in problems]
    ids = [result_id if own is None else own for own, result_id in zip(owns, result_ids, strict=True)]
    error, warning = Severity.ERROR, Severity.WARNING
    ranked = [Severity.ADVICE.value, warning.value, error.value]
    severities = [2 if s is error else 1 if s is warning else 0 for s in [f.severity for f in found]]
    severity_codes = numpy.array(severities, dtype=numpy.int8)

    def category(values: Sequence[str | None]) -> Any:  # noqa: ANN401 - a pandas.Categorical
        # Factorised in a dict, where a text's hash is cached: pandas' own factorising hashes
        # every (long, repeated) reference text again, several times slower.
        index: dict[str, int] = {}
        codes = [-1 if v is None else index.setdefault(v, len(index)) for v in values]
        categories = pandas.Index(list(index), dtype=pandas.StringDtype())
        return pandas.Categorical.from_codes(numpy.array(codes, dtype=numpy.int32), categories=categories)

    text = pandas.StringDtype()
    columns = {
        "file": category(files),
        "line": pandas.array(lines, dtype="Int64"),
        "record_id": pandas.array(ids, dtype=text),
        "path": pandas.array([p.path for p in problems], dtype=text),
        "code": category([p.code for p in problems]),
        "severity": pandas.Categorical.from_codes(severity_codes, categories=ranked, ordered=True),
        "message": pandas.array([p.message for p in problems], dtype=text),
        "reference": category([f.reference for f in found]),
    }
    return pandas.DataFrame(columns, columns=list(FINDING_COLUMNS))


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
