"""Benchmark: time to the first validated record after start, beside ``import msp``.

Not a test. Each command runs in a fresh process ``--starts`` times (default
15) and the best wall time counts (the least disturbed by other work):

- ``python -c pass``: the interpreter alone;
- ``python -c "import msp"``: the interpreter and the library's import;
- ``python -m msp validate ONE.jsonl --report json -q``: start to the first
  (and only) record read, built, checked by every rule and reported, on a file
  of one valid synthetic record.

The runs of the three commands alternate, so a burst of other work on the
machine does not fall on one of them only. Prints each best time, and what
``import msp`` and the first validated record add to the interpreter's start.

Usage::

    python benchmarks/bench_start.py --starts 15
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def start_figures(starts: int) -> dict[str, float]:
    """Best wall seconds over ``starts`` fresh processes: ``python``, ``import msp``, ``msp validate`` on one record."""
    with tempfile.TemporaryDirectory(prefix="msp-bench-") as folder:
        one = Path(folder) / "one.jsonl"
        common.write(one, 1, seed=1, broken=0.0)
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "import msp": [sys.executable, "-c", "import msp"],
            "first record": [sys.executable, "-m", "msp", "validate", str(one), "--report", "json", "-q"],
        }
        best = dict.fromkeys(commands, float("inf"))
        for _ in range(starts):
            for name, command in commands.items():
                best[name] = min(best[name], common.measure(command, ok=(0,)).seconds)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=15, help="fresh processes per command (default 15)")
    args = parser.parse_args(argv)
    print(common.machine())
    best = start_figures(args.starts)
    python = best["python"]
    print(f"best of {args.starts} starts, wall time")
    print(f"  python -c pass                         {python * 1000:6.0f} ms")
    print(
        f"  python -c 'import msp'                 {best['import msp'] * 1000:6.0f} ms  (import msp adds "
        f"{(best['import msp'] - python) * 1000:.0f} ms)"
    )
    print(
        f"  msp validate, a one-record file        {best['first record'] * 1000:6.0f} ms  (adds "
        f"{(best['first record'] - python) * 1000:.0f} ms to the interpreter's start)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
