"""Run the hypothesis fuzz tests (tests/security/test_fuzz.py) again and again for SECONDS.

    python fuzz/hypothesis_for.py 40

Each round calls every test once (each runs CAREPLAN_FUZZ_EXAMPLES fresh random examples);
rounds go on until the time is up. A failure stops the run with hypothesis's report and exit 1.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(seconds: float) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("CAREPLAN_NO_CACHE", "1")
    from tests.security import test_fuzz

    tests = [getattr(test_fuzz, name) for name in dir(test_fuzz) if name.startswith("test_")]
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        for test in tests:
            test()
        rounds += 1
    examples = rounds * test_fuzz.EXAMPLES_EACH
    print(f"hypothesis fuzzing: {rounds} rounds of {len(tests)} tests (~{examples} examples each)")
    return 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 40.0))
