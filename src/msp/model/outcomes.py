"""Desired outcomes: what the adult wants, in their own words, and whether it happened.

Safeguarding is person-led and outcome-focused (Care and Support Statutory
Guidance 14.15): ask the adult what they want, record it as they expressed it,
and do not substitute a practitioner's interpretation of what they want (LGA
Making Safeguarding Personal toolkit). At the end of an enquiry each outcome is
evaluated (SAC SG4a: fully, partially or not achieved; LGA/ADASS Making
Safeguarding Personal Outcomes Framework, 2018, questions 1-2).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from msp.codes import ExpressedBy, OutcomeAchievement
from msp.model import _fields as f

__all__ = ["DesiredOutcome", "overall_achievement"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class DesiredOutcome(f.Record):
    """One outcome the adult (or their representative or advocate) wants."""

    in_own_words: str = f.required_text(doc="the outcome exactly as expressed")
    expressed_by: ExpressedBy = f.required_code(
        ExpressedBy,
        doc=("who said it. ``PRACTITIONER`` records a practitioner's interpretation honestly; the rules flag it"),
    )
    recorded_on: date | None = f.day(doc="when it was recorded")
    achievement: OutcomeAchievement | None = f.code(OutcomeAchievement, doc="at conclusion, how far it was achieved")
    adults_view: str | None = f.text(doc="the adult's own view of whether it was achieved")
    evaluated_with_adult: bool | None = f.flag(
        doc=(
            'whether the evaluation was made with the adult or their representative ("outcomes '
            'noted and evaluated by the adult at risk", as the MSP closure checklists of multi-agency procedures ask)'
        )
    )


def overall_achievement(outcomes: Iterable[DesiredOutcome]) -> OutcomeAchievement | None:
    """Combine outcome-level achievement into the one SG4a value for an enquiry.

    The DHSC Client Level Data rule for "review outcomes achieved" (CLD guidance,
    release 1, 2023), which follows the SAC table: all outcomes fully achieved is *fully*;
    at least one fully or partially achieved is *partially*; otherwise *not*.
    Returns ``None`` when no outcome has been evaluated.
    """
    results = [o.achievement for o in outcomes if o.achievement is not None]
    if not results:
        return None
    if all(r is OutcomeAchievement.FULLY for r in results):
        return OutcomeAchievement.FULLY
    if any(r is not OutcomeAchievement.NOT for r in results):
        return OutcomeAchievement.PARTIALLY
    return OutcomeAchievement.NOT
