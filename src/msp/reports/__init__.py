"""Reports made from many records: the SAC return (:mod:`msp.reports.sac_return`),
the MSP case-file audit (:mod:`msp.reports.audit`), the validation report
writers (:mod:`msp.reports.writers`) and concerns read together: organisational
enquiries, linked, repeat and duplicate concerns (:mod:`msp.reports.linked`).

Layer: ``reports`` (imports :mod:`msp.io` and below). Import the sub-module you
need; this package re-exports nothing, so that ``msp.reports.audit`` is always the
module and ``msp.reports.audit.audit`` the function.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   :mod:`msp.reports.linked`.
"""

from __future__ import annotations

__all__: list[str] = []
