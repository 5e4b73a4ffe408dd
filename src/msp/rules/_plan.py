"""How a rule set runs at one stage: which checks apply, the guards they share, and the code that runs them.

A plan is worked out once per rule set, stage and record type (:class:`Plan`). It runs
the checks that may apply, in rule order, asking each guard once per record and sharing
its answer between the rules that use it: a guard that some check has alone is asked
about every record (it is *eager*); a guard with conditions, and each condition, only
where what comes before it lets the record through (*lazy*), and once too.

A plan that has run many records is compiled: the same steps written out as one Python
function (guards in locals, no loop), registered in :mod:`linecache` under a name of its
own, as :mod:`msp.convert._fast` does for its builders, so tracebacks and
:func:`inspect.getsource` show its lines. Until then, and for plans used a few times
(a rule set made for one call), the steps are interpreted.
"""

from __future__ import annotations

import itertools
import linecache
import weakref
from collections.abc import Callable
from typing import Any, Final

from msp.codes import CaseStage
from msp.rules._types import NOT_APPLICABLE, Check, CheckResult, Fail, Paths, Rule

__all__ = ["ERRORED", "FAILED", "PASSED", "Found", "Plan", "only_fails"]

PASSED: Final = 1
FAILED: Final = 2
ERRORED: Final = 3
"""A rule's status while the rules run, as a small code (0 is not applicable): a bytearray item is cheap to set."""

_RECORD: Final = 0
_AS_RECORDED: Final = 1
_GUARDS: Final = 2
"""The first slot of a guard's answer (after the record and the record as stored)."""
_UNASKED: Final = object()
"""A lazy guard or condition not yet asked about the record."""
_COMPILE_AFTER: Final = 64
"""Records a plan interprets before it is compiled (a rule set made for one call never is)."""
_SERIAL: Final = itertools.count(1)

_Key = tuple[Callable[[Any], object], bool]
"""A guard or condition, and whether it is asked about the record as stored (for ``as_recorded`` rules)."""
Found = list[tuple[Rule, tuple[Fail, ...]]]
"""The failing rules of one record, in rule order, with their failures."""


def only_fails(r: Rule, fails: tuple[Any, ...]) -> None:
    """Raise TypeError (the rule is reported as errored) where a check returned something other than Fail objects."""
    for x in fails:
        if not isinstance(x, Fail):
            msg = f"rule {r.code} returned something other than Fail objects"
            raise TypeError(msg)


class _Step:
    """One rule that may apply: how to call its check, and with what."""

    __slots__ = ("asked", "body", "index", "paths", "record_type", "rule", "slot", "whole")

    def __init__(self, index: int, rule: Rule, record_type: type | None) -> None:
        self.index = index
        self.rule = rule
        self.record_type = record_type
        check = rule.check
        self.whole: int = _AS_RECORDED if rule.as_recorded else _RECORD
        self.body: Callable[..., CheckResult] = check
        self.paths: Paths | None = None
        self.asked: tuple[_Key, ...] = ()
        self.slot = self.whole  # where in Plan._parts its part is (the plan sets it)
        if isinstance(check, Check):
            self.body, self.paths = check.body, check.paths
            if check.guard is not None:
                # A guard is asked about the record its check is given: the record as stored for as_recorded rules.
                self.asked = tuple((g, rule.as_recorded) for g in (check.guard, *check.conditions))
                try:
                    hash(self.asked)
                except TypeError:  # a guard that cannot be hashed is not shared: its check runs whole
                    self.body, self.paths, self.asked = check, None, ()


class Plan:
    """Which rules of a rule set apply at one stage to one record type, and how to run them.

    Attributes:
        blank: an all-NOT_APPLICABLE code per rule of the rule set (copy it).
    """

    __slots__ = ("__weakref__", "_combined", "_eager", "_lazy", "_runs", "_steps", "_what", "blank", "run")

    def __init__(self, rules: tuple[Rule, ...], stage: CaseStage, kind: type) -> None:
        steps: list[_Step] = []
        for index, r in enumerate(rules):
            if stage not in r.stages:
                continue
            if type(r.record_type) is type:  # a plain class: isinstance is issubclass of the type
                if issubclass(kind, r.record_type):
                    steps.append(_Step(index, r, None))
            else:
                steps.append(_Step(index, r, r.record_type))
        self._steps = tuple(steps)
        self._eager = tuple(dict.fromkeys(s.asked[0] for s in steps if len(s.asked) == 1))
        self._lazy = tuple(dict.fromkeys(k for s in steps if len(s.asked) > 1 for k in s.asked if k not in self._eager))
        self._combined = tuple(dict.fromkeys(self._refs(s.asked) for s in steps if len(s.asked) > 1))
        for step in steps:
            step.slot = self._slot(step)
        self._runs = 0
        self.blank = bytearray(len(rules))
        self.run: Callable[[Any, Any, bytearray, Found, dict[str, str]], None] = self._interpret
        self._what = f"{stage.code} {kind.__name__}"

    def _refs(self, asked: tuple[_Key, ...]) -> tuple[int, ...]:
        """What to ask for a guard with conditions: eager conditions, then lazy ones, then the guard:
        an eager guard's index, or ``~i`` for the ``i``-th lazy one."""
        refs = [self._eager.index(k) if k in self._eager else ~self._lazy.index(k) for k in asked]
        return (*sorted(refs[1:], key=lambda ref: ref < 0), refs[0])

    def _slot(self, step: _Step) -> int:
        """Where in :meth:`_parts` a step's part is."""
        if not step.asked:
            return step.whole
        if len(step.asked) == 1:
            return _GUARDS + self._eager.index(step.asked[0])
        return _GUARDS + len(self._eager) + self._combined.index(self._refs(step.asked))

    def _parts(self, record: object, recorded: object) -> list[object] | None:
        """What each slot gives its checks: the record, the record as stored, then each eager guard's
        answer, then each guard's with its conditions: ``None`` where its checks do not apply (a guard
        or condition returned ``None`` or ``False``), the record where the guard returned ``True``.
        ``None`` where a guard or condition raised."""
        parts = [record, recorded]
        try:
            parts += [
                None if (p := guard(r := recorded if stored else record)) is False else r if p is True else p
                for guard, stored in self._eager
            ]
            met = [_UNASKED] * len(self._lazy)
            for refs in self._combined:
                for ref in refs:
                    if ref >= 0:
                        part = parts[_GUARDS + ref]
                    elif (part := met[~ref]) is _UNASKED:
                        guard, stored = self._lazy[~ref]
                        part = guard(r := recorded if stored else record)
                        part = met[~ref] = None if part is False else r if part is True else part
                    if part is None:
                        break
                parts.append(part)
        except Exception:  # noqa: BLE001 - the record takes the whole checks (see _interpret)
            return None
        return parts

    def _interpret(
        self, record: object, recorded: object, codes: bytearray, found: Found, errored: dict[str, str]
    ) -> None:
        """Run the steps for one record (until the plan is compiled)."""
        self._runs += 1
        if self._runs == _COMPILE_AFTER:
            self.run = _compile(self)
        self._go(self._parts(record, recorded), record, recorded, codes=codes, found=found, errored=errored)

    def _go(
        self,
        parts: list[object] | None,
        record: object,
        recorded: object,
        *,
        codes: bytearray,
        found: Found,
        errored: dict[str, str],
    ) -> None:
        """Run the steps with these parts; with none (a guard raised), each check whole."""
        whole = parts is None  # no shortcut for this record: each check runs whole
        if parts is None:
            parts = [record, recorded]
        for step in self._steps:
            part = parts[step.whole if whole else step.slot]
            if part is None or (step.record_type is not None and not isinstance(record, step.record_type)):
                continue
            r = step.rule
            try:
                if whole:
                    result = r.check(part)
                else:
                    result = step.body(part) if step.paths is None else step.body(part, step.paths)
                if result is NOT_APPLICABLE:
                    continue
                fails = result if type(result) is tuple else tuple(result)
                if fails:
                    only_fails(r, fails)
            except Exception as exc:  # noqa: BLE001 - a crashing rule is reported, never passed
                codes[step.index] = ERRORED
                errored[r.code] = type(exc).__name__
                continue
            codes[step.index] = FAILED if fails else PASSED
            if fails:
                found.append((r, fails))


def _compile(plan: Plan) -> Callable[[Any, Any, bytearray, Found, dict[str, str]], None]:
    """The plan written out as one function: ``run(record, recorded, codes, found, errored)``."""
    env: dict[str, Any] = {"_NA": NOT_APPLICABLE, "_UNASKED": _UNASKED, "_only_fails": only_fails}
    arg = ("record", "recorded")
    lines = ["def run(record, recorded, codes, found, errored):", "    try:"]
    opening = len(lines)
    for i, (guard, stored) in enumerate(plan._eager):  # noqa: SLF001 - the plan's own parts
        env[f"G{i}"] = guard
        lines += [
            f"        g{i} = G{i}({arg[stored]})",
            f"        if g{i} is False:",
            f"            g{i} = None",
            f"        elif g{i} is True:",
            f"            g{i} = {arg[stored]}",
        ]
    for i, (guard, _) in enumerate(plan._lazy):  # noqa: SLF001
        env[f"L{i}"] = guard
        lines.append(f"        l{i} = _UNASKED")
    for j, refs in enumerate(plan._combined):  # noqa: SLF001
        lines.append(f"        k{j} = None")
        depth = 8
        for ref in refs:
            if ref < 0:
                i = ~ref
                stored = plan._lazy[i][1]  # noqa: SLF001
                lines += [
                    f"{' ' * depth}if l{i} is _UNASKED:",
                    f"{' ' * depth}    l{i} = L{i}({arg[stored]})",
                    f"{' ' * depth}    if l{i} is False:",
                    f"{' ' * depth}        l{i} = None",
                    f"{' ' * depth}    elif l{i} is True:",
                    f"{' ' * depth}        l{i} = {arg[stored]}",
                ]
            lines.append(f"{' ' * depth}if {_var(ref)} is not None:")
            depth += 4
        lines.append(f"{' ' * depth}k{j} = {_var(refs[-1])}")
    if len(lines) == opening:  # no guard at all: the try block still needs a statement
        lines.append("        pass")
    lines += [
        "    except Exception:",
        "        return _whole(None, record, recorded, codes=codes, found=found, errored=errored)",
    ]
    for step in plan._steps:  # noqa: SLF001
        n = step.index
        env[f"R{n}"], env[f"C{n}"], env[f"B{n}"], env[f"A{n}"] = step.rule, step.rule.code, step.body, step.paths
        slot, eager = step.slot - _GUARDS, len(plan._eager)  # noqa: SLF001
        part = arg[step.slot] if slot < 0 else f"g{slot}" if slot < eager else f"k{slot - eager}"
        lines.append(f"    # {step.rule.code}")
        depth = 4
        if slot >= 0:
            lines.append(f"    if {part} is not None:")
            depth += 4
        if step.record_type is not None:
            env[f"T{n}"] = step.record_type
            lines.append(f"{' ' * depth}if isinstance(record, T{n}):")
            depth += 4
        call = f"B{n}({part})" if step.paths is None else f"B{n}({part}, A{n})"
        pad = " " * depth
        lines += [
            f"{pad}try:",
            f"{pad}    result = {call}",
            f"{pad}    if result is not _NA:",
            f"{pad}        fails = result if type(result) is tuple else tuple(result)",
            f"{pad}        if fails:",
            f"{pad}            _only_fails(R{n}, fails)",
            f"{pad}            codes[{n}] = {FAILED}",
            f"{pad}            found.append((R{n}, fails))",
            f"{pad}        else:",
            f"{pad}            codes[{n}] = {PASSED}",
            f"{pad}except Exception as exc:",
            f"{pad}    codes[{n}] = {ERRORED}",
            f"{pad}    errored[C{n}] = type(exc).__name__",
        ]
    source = "\n".join(lines) + "\n"
    filename = f"<msp generated rule plan {plan._what} #{next(_SERIAL)}>"  # noqa: SLF001
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    weakref.finalize(plan, linecache.cache.pop, filename, None)
    env["_whole"] = plan._go  # noqa: SLF001
    exec(compile(source, filename, "exec"), env)  # noqa: S102 - code generated from the rule set's own steps
    run: Callable[[Any, Any, bytearray, Found, dict[str, str]], None] = env["run"]
    return run


def _var(ref: int) -> str:
    return f"g{ref}" if ref >= 0 else f"l{~ref}"
