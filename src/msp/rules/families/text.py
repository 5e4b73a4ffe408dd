"""TXT-: free text that carries meaning is checked for meaning, not only for presence.

Where the law or Making Safeguarding Personal gives a free-text field a meaning, a value
that is present but says nothing falls short as surely as a missing one:

- a capacity decision names the matter decided (Mental Capacity Act 2005 s2(1), "in
  relation to a matter"; MCA Code of Practice chapter 4): "lacks capacity", "all
  decisions" or a diagnosis alone names none (TXT-001);
- a desired outcome the adult or their representative expressed is in words, not a
  placeholder, a code or a date (Care and Support Statutory Guidance 14.15; LGA/ADASS
  Making Safeguarding Personal Outcomes Framework, 2018) (TXT-002);
- a recorded reason is a reason, not a placeholder such as "n/a" or "see notes"
  (TXT-003). The reason fields are read from the field spec: every text field whose
  name ends in ``reason``, ``reasons`` or ``rationale`` (:data:`REASON_FIELDS`).

The checks are simple and documented heuristics over a small vocabulary
(:class:`TextVocabulary`, its defaults in ``text_vocabulary.json`` beside this module),
never a language model; so every rule is a warning, never an error: a heuristic may
be wrong about one record, and a practitioner can always say why. A council changes
the vocabulary in a profile (``Profile(vocabulary=...)`` or a profile file's
``"vocabulary"`` key, see :meth:`TextVocabulary.from_dict`); :func:`with_vocabulary`
gives rules that read with another vocabulary.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from typing import Any, Final

import attrs

from msp.codes import ExpressedBy
from msp.model.capacity import CapacityDecision
from msp.model.concern import Concern
from msp.model.outcomes import DesiredOutcome
from msp.model.spec import Kind, field_specs
from msp.rules._declare import Family, only_if
from msp.rules._types import Check, CheckResult, Fail, JsonPath, Paths, Rule
from msp.rules.facts import capacity_decisions_of, desired_outcomes_of

__all__ = [
    "DEFAULT_VOCABULARY",
    "REASON_FIELDS",
    "RULES",
    "ReasonField",
    "TextVocabulary",
    "normalise",
    "with_vocabulary",
]

RULES: Final = Family.load(__name__)
"""The TXT- rules: the catalogue in ``text.json`` and a check for each."""

_LISTS: Final = ("placeholders", "global_capacity", "linking_words", "date_words")
"""The vocabulary's word lists, by name (the keys of ``text_vocabulary.json`` and of a profile's ``vocabulary``)."""
_NOT_WORD: Final = re.compile(r"[\W_]+")
_DIGIT: Final = re.compile(r"\d")


def normalise(text: str) -> str:
    """``text`` as the vocabulary compares it: Unicode NFKC, case folded, every run of characters
    that are not letters or digits one space, no space at either end (``"N/A."`` is ``"n a"``)."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _phrases(values: Iterable[str]) -> frozenset[str]:
    """Each entry normalised (:func:`normalise`); entries with no letter or digit are left out.

    Raises:
        TypeError: one string rather than a list of them, or an entry that is not a string.
    """
    if isinstance(values, str):
        msg = "a vocabulary list is a list of strings, not one string"
        raise TypeError(msg)
    found = set()
    for value in values:
        if not isinstance(value, str):
            msg = f"a vocabulary entry is a string, not {type(value).__name__}"
            raise TypeError(msg)
        if text := normalise(value):
            found.add(text)
    return frozenset(found)


@functools.cache
def _defaults() -> Mapping[str, Any]:
    """The default vocabulary, as ``text_vocabulary.json`` beside this module holds it."""
    data: dict[str, Any] = json.loads(
        resources.files(__package__ or "msp.rules.families").joinpath("text_vocabulary.json").read_text("utf-8")
    )
    return data


def _default(name: str) -> Callable[[], frozenset[str]]:
    return lambda: _phrases(_defaults()[name])


def _min_letters(_inst: object, _attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = "min_letters is a whole number, 0 or more"
        raise ValueError(msg)


@attrs.frozen(slots=True, kw_only=True)
class TextVocabulary:
    """The words the TXT- rules read free text with: what is a placeholder, what names no capacity decision.

    ``TextVocabulary()`` is the default vocabulary (``text_vocabulary.json`` beside this
    module); give a list to replace it, or use :meth:`extended`, :meth:`from_dict` or
    ``attrs.evolve``. Entries are normalised (:func:`normalise`), so ``"N/A"``, ``"n/a"``
    and ``"n.a."`` are one entry, and entries without a letter or digit are left out
    (text with none is always a placeholder).

    A text is a **placeholder** (:meth:`placeholder`) where, normalised, it has no letter
    or digit; or its words (its tokens other than codes, numbers and dates) are one of
    ``placeholders``, or are none (only codes such as ``SG4a``, numbers or dates such as
    ``2 June 2025``); or its words have fewer than ``min_letters`` letters in all. A
    capacity decision **names no decision** (:meth:`names_no_decision`) where it is a
    placeholder, or where every word is part of a ``global_capacity`` phrase or one of
    the ``linking_words`` ("lacks capacity due to dementia", "capacity to make decisions").

    Attributes:
        placeholders: texts that stand for nothing (``n/a``, ``tbc``, ``see notes``, ``yes``).
        global_capacity: phrases that name no matter a capacity decision is about
            (``lacks capacity``, ``all decisions``, a diagnosis such as ``dementia``).
        linking_words: words that name no matter by themselves (``to``, ``make``,
            ``decisions``): left out, with ``global_capacity`` phrases, when deciding
            whether a capacity decision names one.
        date_words: words that are part of a date (month names, ``st``, ``th``): a text of
            dates, numbers and codes only is a placeholder.
        min_letters: fewer letters than this in a text's words make it a placeholder (``x``).
    """

    placeholders: frozenset[str] = attrs.field(converter=_phrases, factory=_default("placeholders"))
    global_capacity: frozenset[str] = attrs.field(converter=_phrases, factory=_default("global_capacity"))
    linking_words: frozenset[str] = attrs.field(converter=_phrases, factory=_default("linking_words"))
    date_words: frozenset[str] = attrs.field(converter=_phrases, factory=_default("date_words"))
    min_letters: int = attrs.field(validator=_min_letters, factory=lambda: int(_defaults()["min_letters"]))
    _phrases_from: Mapping[str, tuple[tuple[str, ...], ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Each global phrase and linking word by its first word, the longest first.
        phrases = {tuple(p.split()) for p in self.global_capacity} | {(w,) for w in self.linking_words}
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
            by_first.setdefault(phrase[0], []).append(phrase)
        object.__setattr__(self, "_phrases_from", {first: tuple(found) for first, found in by_first.items()})

    @classmethod
    def default(cls) -> TextVocabulary:
        """The default vocabulary (``text_vocabulary.json``)."""
        return DEFAULT_VOCABULARY

    def extended(self, **lists: Iterable[str]) -> TextVocabulary:
        """A copy with entries added to the named lists: ``extended(placeholders=["nfa"])``.

        Raises:
            TypeError: an unknown list name, or a list given as one string.
        """
        unknown = sorted(set(lists) - set(_LISTS))
        if unknown:
            msg = f"unknown vocabulary lists: {', '.join(unknown)} (known: {', '.join(_LISTS)})"
            raise TypeError(msg)
        return attrs.evolve(self, **{name: getattr(self, name) | _phrases(words) for name, words in lists.items()})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, base: TextVocabulary | None = None) -> TextVocabulary:
        """A vocabulary from JSON-ready data (a profile file's ``"vocabulary"``), changing ``base``
        (default: the default vocabulary).

        Each list (``placeholders``, ``global_capacity``, ``linking_words``, ``date_words``)
        is either a list of entries to add, or an object with ``add``, ``remove`` and
        ``replace`` (``replace`` first, then ``remove``, then ``add``)::

            {"placeholders": ["nfa", "see mosaic"],
             "global_capacity": {"remove": ["stroke"]},
             "min_letters": 3}

        Raises:
            ValueError: an unknown key, or a value of the wrong kind (the message says which).
        """
        if not isinstance(data, Mapping):
            msg = "a vocabulary is a JSON object"
            raise ValueError(msg)  # noqa: TRY004 - one exception type for every bad vocabulary
        start = DEFAULT_VOCABULARY if base is None else base
        unknown = sorted(str(k) for k in set(data) - {*_LISTS, "min_letters"})
        if unknown:
            msg = f"unknown vocabulary keys: {', '.join(unknown)} (known: {', '.join((*_LISTS, 'min_letters'))})"
            raise ValueError(msg)
        changes: dict[str, Any] = {}
        try:
            for name in _LISTS:
                if name in data:
                    changes[name] = _changed(getattr(start, name), data[name])
            if "min_letters" in data:
                changes["min_letters"] = data["min_letters"]
            return attrs.evolve(start, **changes)
        except (TypeError, ValueError) as exc:
            msg = f"not a valid vocabulary: {exc}"
            raise ValueError(msg) from None

    def to_dict(self) -> dict[str, Any]:
        """The vocabulary as JSON-ready data that :meth:`from_dict` reads back to it (each list replaced)."""
        return {
            **{name: {"replace": sorted(getattr(self, name))} for name in _LISTS},
            "min_letters": self.min_letters,
        }

    def _words(self, text: str) -> list[str] | None:
        """The words of ``text`` (tokens other than codes, numbers and date words), or ``None``
        where it has no letter or digit at all."""
        tokens = normalise(text).split()
        if not tokens:
            return None
        return [t for t in tokens if t not in self.date_words and _DIGIT.search(t) is None]

    def placeholder(self, text: object) -> bool:
        """``text`` stands for nothing: see the class. Anything that is not a string is not a placeholder."""
        if not isinstance(text, str):
            return False
        if len(text) > _CACHED_UP_TO:
            return self._placeholder(text)
        return _placeholder_cached(self, text)

    def _placeholder(self, text: str) -> bool:
        words = self._words(text)
        if not words:  # nothing, or only codes, numbers and dates
            return True
        return " ".join(words) in self.placeholders or sum(map(len, words)) < self.min_letters

    def names_no_decision(self, text: object) -> bool:
        """``text``, a capacity decision, names no matter: a placeholder, or only global phrases and linking words.

        Anything that is not a string names no decision the rules can read, but is left to
        the record's structure checks: ``False``.
        """
        if not isinstance(text, str):
            return False
        if self.placeholder(text):
            return True
        words = self._words(text) or []
        at = 0
        while at < len(words):
            for phrase in self._phrases_from.get(words[at], ()):
                if tuple(words[at : at + len(phrase)]) == phrase:
                    at += len(phrase)
                    break
            else:
                return False  # a word that names something
        return True


DEFAULT_VOCABULARY: Final = TextVocabulary()
"""The default vocabulary (``text_vocabulary.json``)."""


def _changed(current: frozenset[str], change: object) -> frozenset[str]:
    """``current`` changed as a vocabulary's data says: a list adds; ``{"replace", "remove", "add"}``."""
    if isinstance(change, Mapping):
        unknown = sorted(str(k) for k in set(change) - {"add", "remove", "replace"})
        if unknown:
            msg = f"a list change has add, remove and replace, not {', '.join(unknown)}"
            raise ValueError(msg)
        found = _phrases(change["replace"]) if "replace" in change else current
        return (found - _phrases(change.get("remove", ()))) | _phrases(change.get("add", ()))
    if isinstance(change, (list, tuple)):
        return current | _phrases(change)
    msg = "a vocabulary list is a list of entries to add, or an object with add, remove and replace"
    raise TypeError(msg)


# -- reading with a vocabulary ---------------------------------------------------------------

_READERS: Final[dict[str, Callable[..., CheckResult]]] = {}


class _Worded:
    """A check body that reads free text with a vocabulary: ``read(part, paths, vocabulary)``.

    Reads like its function (name, docstring, module), as :mod:`msp.rules._shapes` do, and pickles
    by the function's name and the vocabulary (a rule set goes to worker processes whole).
    """

    def __init__(self, read: Callable[..., CheckResult], vocabulary: TextVocabulary) -> None:
        self.read = read
        self.vocabulary = vocabulary
        functools.update_wrapper(self, read)

    def __call__(self, part: Any, at: Paths) -> CheckResult:  # noqa: ANN401 - what the rule's guard returned
        return self.read(part, at, self.vocabulary)

    def using(self, vocabulary: TextVocabulary) -> _Worded:
        """The same body, reading with ``vocabulary``."""
        return _Worded(self.read, vocabulary)

    def __reduce__(self) -> tuple[Callable[[str, TextVocabulary], _Worded], tuple[str, TextVocabulary]]:
        return (_worded, (self.read.__name__, self.vocabulary))


def _worded(name: str, vocabulary: TextVocabulary) -> _Worded:
    """The body of the reader ``name`` with ``vocabulary`` (how a :class:`_Worded` unpickles)."""
    return _Worded(_READERS[name], vocabulary)


def _reads_words(read: Callable[..., CheckResult]) -> _Worded:
    """Decorator: the body reads with the default vocabulary until :func:`with_vocabulary` gives it another."""
    _READERS[read.__name__] = read
    return _Worded(read, DEFAULT_VOCABULARY)


def with_vocabulary(rules: Iterable[Rule], vocabulary: TextVocabulary) -> tuple[Rule, ...]:
    """``rules``, with each rule that reads free text (the TXT- rules) reading with ``vocabulary``;
    every other rule as it is. What :meth:`Profile.rule_set <msp.rules.Profile.rule_set>` does for a
    profile with a vocabulary."""
    found = []
    for r in rules:
        check = r.check
        if isinstance(check, Check) and isinstance(check.body, _Worded):
            body = check.body.using(vocabulary)
            r = attrs.evolve(r, check=Check(body, check.guard, check.paths, check.conditions))  # noqa: PLW2901
        found.append(r)
    return tuple(found)


# -- the reason fields, from the field spec ----------------------------------------------------

_REASON_ENDINGS: Final = ("reason", "reasons", "rationale")
_SEALED: Final = frozenset({"history"})
"""Fields of :class:`~msp.model.concern.Concern` not walked: the case history is sealed entry by entry
(WF-001), so a reason in it can never be corrected and a warning about it could never be acted on."""


_CACHED_UP_TO: Final = 200
"""Texts up to this length have their answer cached (reasons and outcomes repeat across records)."""


@functools.lru_cache(maxsize=8192)
def _placeholder_cached(words: TextVocabulary, text: str) -> bool:
    """:meth:`TextVocabulary.placeholder` for a short text, remembered (the vocabulary is frozen)."""
    return words._placeholder(text)  # noqa: SLF001 - the vocabulary's own check


@attrs.frozen(slots=True)
class ReasonField:
    """A free-text reason field of a record, found in the field spec.

    Attributes:
        path: its JSON path (``[*]`` for each item of a list), e.g. ``$.contact.not_seen_alone_reason``.
        steps: the attribute names from the record to the field, each with whether it holds a list.
    """

    path: JsonPath
    steps: tuple[tuple[str, bool], ...]

    def values(self, record: object) -> Iterator[tuple[str, object]]:
        """``(path, value)`` for each value recorded in this field of ``record`` (``None`` left out)."""
        for indices, value in self.located(record):
            yield self.path.at(*indices), value

    def located(self, record: object) -> list[tuple[tuple[int, ...], object]]:
        """``(list indices, value)`` for each value recorded in this field of ``record`` (``None`` left out):
        what :meth:`values` gives, without making a path for each value (the rule makes one only for a
        value it fails)."""
        return self.located_from([((), record)], 0)

    def located_from(
        self, parts: list[tuple[tuple[int, ...], object]], first: int
    ) -> list[tuple[tuple[int, ...], object]]:
        """:meth:`located`, from ``parts`` already ``first`` steps down the field's path."""
        for name, many in self.steps[first:]:
            found: list[tuple[tuple[int, ...], object]] = []
            for indices, part in parts:
                value = getattr(part, name, None)
                if value is None:
                    continue
                if not many:
                    found.append((indices, value))
                elif isinstance(value, tuple):
                    found.extend(((*indices, i), item) for i, item in enumerate(value) if item is not None)
            if not found:
                return found
            parts = found
        return parts


def _reason_fields(cls: type, path: str, steps: tuple[tuple[str, bool], ...]) -> Iterator[ReasonField]:
    for name, spec in field_specs(cls):
        if cls is Concern and name in _SEALED:
            continue
        many = spec.kind is Kind.MANY
        if spec.record is not None:
            yield from _reason_fields(spec.record, f"{path}.{name}{'[*]' if many else ''}", (*steps, (name, many)))
        elif name.endswith(_REASON_ENDINGS) and (spec.kind is Kind.TEXT or (many and spec.item is str)):
            text = f"{path}.{name}{'[*]' if many else ''}"
            yield ReasonField(JsonPath(text), (*steps, (name, many)))


REASON_FIELDS: Final = tuple(_reason_fields(Concern, "$", ()))
"""Every free-text reason field of a concern, in the field spec's order: each text field whose name ends in
``reason``, ``reasons`` or ``rationale``, at any depth, except in the sealed history. TXT-003 reads them all."""


_Reason = tuple[ReasonField, tuple[int, ...], object]
"""A reason recorded on a concern: its field, the list indices on the way to it, and the text."""


def _by_first_step(fields: tuple[ReasonField, ...]) -> tuple[tuple[str, bool, tuple[ReasonField, ...]], ...]:
    """The fields grouped by the concern's attribute they start from, in field-spec order."""
    groups: dict[tuple[str, bool], list[ReasonField]] = {}
    for field in fields:
        groups.setdefault(field.steps[0], []).append(field)
    return tuple((name, many, tuple(group)) for (name, many), group in groups.items())


_GROUPS: Final = _by_first_step(REASON_FIELDS)
""":data:`REASON_FIELDS` by the part of the concern they are in: a part not recorded is skipped whole."""


def _walk_reasons(c: Concern) -> tuple[_Reason, ...] | None:
    """Each reason recorded on the concern, with where it is; ``None`` where none is.

    The reference walk: :func:`_reasons_of` is the same walk written out as straight-line code
    (:func:`_compile_reasons`), and a test holds the two equal.
    """
    found: list[_Reason] = []
    for name, many, fields in _GROUPS:
        value = getattr(c, name, None)
        if value is None or value == ():
            continue
        if many:
            if not isinstance(value, tuple):
                continue
            start: list[tuple[tuple[int, ...], object]] = [((i,), item) for i, item in enumerate(value)]
        else:
            start = [((), value)]
        for field in fields:
            if len(field.steps) == 1:
                found.extend((field, indices, text) for indices, text in start if text is not None)
            else:
                found.extend((field, indices, text) for indices, text in field.located_from(start, 1))
    return tuple(found) or None


def _leaf(lines: list[str], pad: str, field: str, index: str, value: str, *, many: bool) -> None:
    """Lines that append the text(s) in ``value`` (a text, or a tuple of texts) at ``index``."""
    if many:
        lines += [
            f"{pad}if type({value}) is tuple:",
            f"{pad}    for j, t in enumerate({value}):",
            f"{pad}        if t is not None:",
            f"{pad}            append(({field}, ({index}j,), t))",
        ]
    else:
        lines += [f"{pad}if {value} is not None:", f"{pad}    append(({field}, ({index}), {value}))"]


def _descend(
    lines: list[str], steps: tuple[tuple[str, bool], ...], *, pad: str, field: str, part: str, index: str, depth: int
) -> None:
    """Lines that walk ``steps`` down from ``part`` (at list indices ``index``) and append the text at the end."""
    (name, many), rest = steps[0], steps[1:]
    value = f"v{depth}"
    lines.append(f"{pad}{value} = getattr({part}, {name!r}, None)")
    if not rest:
        _leaf(lines, pad, field, index, value, many=many)
        return
    if not many:
        lines.append(f"{pad}if {value} is not None:")
        _descend(lines, rest, pad=pad + "    ", field=field, part=value, index=index, depth=depth + 1)
        return
    item = f"p{depth}"
    lines += [f"{pad}if type({value}) is tuple:", f"{pad}    for i{depth}, {item} in enumerate({value}):"]
    lines.append(f"{pad}        if {item} is not None:")
    _descend(lines, rest, pad=pad + "            ", field=field, part=item, index=f"{index}i{depth}, ", depth=depth + 1)


def _compile_reasons(groups: tuple[tuple[str, bool, tuple[ReasonField, ...]], ...]) -> Callable[[Concern], Any]:
    """:func:`_walk_reasons` as straight-line code for :data:`REASON_FIELDS`: a loop only where the model has a
    list. In the same order: part by part, then field by field, then item by item."""
    env: dict[str, Any] = {"__name__": __name__}  # pickled by reference, as this module's _reasons_of
    lines = ["def _reasons_of(c):", "    found = []", "    append = found.append"]
    number = 0
    for name, many, fields in groups:
        lines += [f"    g = getattr(c, {name!r}, None)", "    if g is not None and g != ():"]
        for field in fields:
            number += 1
            env[f"F{number}"] = field
            rest = field.steps[1:]
            if not many:
                if rest:
                    _descend(lines, rest, pad="        ", field=f"F{number}", part="g", index="", depth=1)
                else:
                    _leaf(lines, "        ", f"F{number}", "", "g", many=False)
                continue
            lines += ["        if type(g) is tuple:", "            for i0, p0 in enumerate(g):"]
            if rest:
                lines.append("                if p0 is not None:")
                _descend(lines, rest, pad=" " * 20, field=f"F{number}", part="p0", index="i0, ", depth=1)
            else:
                lines += ["                if p0 is not None:", f"                    append((F{number}, (i0,), p0))"]
    lines += ["    return tuple(found) or None", ""]
    source = "\n".join(lines)
    exec(compile(source, "<msp generated reason walk>", "exec"), env)  # noqa: S102 - made from the field spec
    walk: Callable[[Concern], Any] = env["_reasons_of"]
    return walk


_reasons_of: Final = _compile_reasons(_GROUPS)
"""Each reason recorded on a concern, with where it is; ``None`` where none is (see :func:`_walk_reasons`)."""


# -- the rules ---------------------------------------------------------------------------------


@RULES.check("TXT-001")
@only_if(capacity_decisions_of)
@_reads_words
def decision_named(ds: tuple[CapacityDecision, ...], at: Paths, words: TextVocabulary) -> CheckResult:
    """Fail for each capacity decision whose text names no matter: a placeholder, or a global statement."""
    fails: list[Fail] = []
    for i, d in enumerate(ds):
        text = getattr(d, "decision", None)
        if words.placeholder(text):
            fails += at.decision.fail("the decision recorded is a placeholder, not the specific decision assessed", i)
        elif words.names_no_decision(text):
            fails += at.decision.fail(
                "the decision recorded is a global statement about capacity or a diagnosis, not a specific decision", i
            )
    return fails


def _expressed(o: DesiredOutcome) -> bool:
    """Recorded as the adult's, their representative's or their advocate's words (a practitioner's
    interpretation is MSP-016's)."""
    return getattr(o, "expressed_by", None) is not ExpressedBy.PRACTITIONER


@RULES.check("TXT-002")
@only_if(desired_outcomes_of)
@_reads_words
def outcome_in_words(os: tuple[DesiredOutcome, ...], at: Paths, words: TextVocabulary) -> CheckResult:
    """Fail for each desired outcome, as expressed by the adult or their representative, that is a placeholder."""
    return at.in_own_words.each(
        os,
        lambda o: _expressed(o) and words.placeholder(getattr(o, "in_own_words", None)),
        "the desired outcome recorded is a placeholder, a code or a date, not the words the person used",
    )


@RULES.check("TXT-003")
@only_if(_reasons_of)
@_reads_words
def reason_given(found: tuple[_Reason, ...], _at: Paths, words: TextVocabulary) -> CheckResult:
    """Fail at each reason field whose text is a placeholder."""
    return [
        Fail(
            field.path.at(*indices), "the reason recorded is a placeholder (such as 'n/a' or 'see notes'), not a reason"
        )
        for field, indices, text in found
        if words.placeholder(text)
    ]
