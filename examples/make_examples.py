"""Write ``examples/concerns.jsonl``: synthetic safeguarding concerns to try the library on.

The file holds :data:`COUNT` records from :func:`msp.synth.generate` with seed
:data:`SEED`, one compact JSON object per line (UTF-8, Unix line ends). A
share of :data:`INVALID_SHARE` of them are deliberately broken at the shape
level, so that ``msp`` tools have something to reject; about three in ten of
the valid ones carry practice gaps for the rules to find. Everything in them
is fictional.

The output depends only on the constants below, so running the script again
gives a byte-identical file (``tests/synth/test_synth.py`` checks that the
committed file is up to date). Regenerate it after any change to the output of
:mod:`msp.synth` (a change of weights or of the order of the draws: see
docs/synth.md)::

    python examples/make_examples.py              # rewrites examples/concerns.jsonl
    python examples/make_examples.py other.jsonl  # writes somewhere else

:data:`COUNT` is about 200 records (about 700 KB), enough to show every kind of finding.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from msp.synth import generate

COUNT = 200
SEED = 2025
INVALID_SHARE = 0.05
DEFAULT_PATH = Path(__file__).resolve().with_name("concerns.jsonl")


def write_examples(path: Path) -> int:
    """Write the example records to ``path`` and return how many were written."""
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in generate(COUNT, seed=SEED, invalid_share=INVALID_SHARE):
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: an optional output path, else ``examples/concerns.jsonl``."""
    parser = argparse.ArgumentParser(description="Write the bundled synthetic example concerns.")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help="default: examples/concerns.jsonl")
    path = parser.parse_args(argv).path
    written = write_examples(path)
    print(f"wrote {written} records to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
