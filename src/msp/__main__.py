"""``python -m msp`` and the ``msp`` console script: see :mod:`msp.cli`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from msp import cli

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``msp`` command and return its exit status."""
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
