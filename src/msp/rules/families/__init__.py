"""The built-in rule families. Importing this package registers every built-in rule.

- :mod:`~msp.rules.families.practice`: Making Safeguarding Personal practice (``MSP-``)
- :mod:`~msp.rules.families.mca`: Mental Capacity Act 2005 (``MCA-``)
- :mod:`~msp.rules.families.care_act`: Care Act 2014 (``CA-``)
- :mod:`~msp.rules.families.sac`: Safeguarding Adults Collection completeness (``SAC-``)
- :mod:`~msp.rules.families.history`: the sealed history chain (``WF-``)
"""

from __future__ import annotations

from msp.rules.families import care_act, history, mca, practice, sac

__all__ = ["care_act", "history", "mca", "practice", "sac"]
