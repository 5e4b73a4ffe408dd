"""Shared test configuration: Hypothesis profiles.

``dev`` is the default; ``ci`` (loaded when the ``CI`` environment variable is
set) is the same for now, so a failure seen in CI reproduces locally. Choose
another with ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", deadline=None, max_examples=60)
settings.register_profile("ci", deadline=None, max_examples=60)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
