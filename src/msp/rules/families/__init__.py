"""The built-in rule families. Importing this package declares every built-in rule; the registry
(:mod:`msp.rules._registry`) registers them.

Each family is a module with its catalogue beside it as data (``practice.json`` for
``practice.py``: each rule's code, title, severity, stages, reference, basis and paths by name),
and in the module a check for each rule of the catalogue, on the module's ``RULES``
(:class:`msp.rules._declare.Family`).

- :mod:`~msp.rules.families.practice`: Making Safeguarding Personal practice (``MSP-``)
- :mod:`~msp.rules.families.mca`: Mental Capacity Act 2005 (``MCA-``)
- :mod:`~msp.rules.families.care_act`: Care Act 2014 (``CA-``)
- :mod:`~msp.rules.families.sac`: Safeguarding Adults Collection completeness (``SAC-``)
- :mod:`~msp.rules.families.history`: the sealed history chain (``WF-``)
- :mod:`~msp.rules.families.text`: the meaning of free text (``TXT-``)
"""

from __future__ import annotations

from typing import Final

from msp.rules.families import care_act, history, mca, practice, sac, text

__all__ = ["FAMILIES", "care_act", "history", "mca", "practice", "sac", "text"]

FAMILIES: Final = (practice, mca, care_act, sac, history, text)
"""The built-in family modules, in catalogue order."""
