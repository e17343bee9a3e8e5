"""Coverage-guided fuzzing of the loader with atheris (libFuzzer for Python).

    pip install atheris
    python fuzz/atheris_loader.py -max_total_time=20 fuzz/corpus

Any bytes must give data or findings: an exception, a hang or a crash of libyaml is a bug.
And the quick path (yaml-rs, screened) must read every text it takes as the full path does.
The seed corpus is the examples and test cases (copied on first run).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent

with atheris.instrument_imports():
    from careplan_cli.plan import quickload, reference
    from careplan_cli.plan.build import Fallback, LoadProblem
    from careplan_cli.plan.fastload import fast_load
    from careplan_cli.plan.yamlload import load_bytes


def one_input(raw: bytes) -> None:
    loaded = load_bytes(raw)
    if (loaded.data is None) != bool(loaded.findings):
        raise AssertionError("data and findings disagree")
    if loaded.text is not None:
        same_data(loaded.text.removeprefix("\ufeff"))


def same_data(text: str) -> None:
    """Where the quick path reads ``text``, the full path reads the same data."""
    try:
        quick = quickload.quick_load(text)
    except Fallback:
        return
    try:
        full = fast_load(text)
    except Fallback:
        full, finding = reference.load(text)
        if finding is not None:
            raise AssertionError(
                f"the quick path read what the full path refuses: {finding}"
            ) from None
    except LoadProblem as exc:
        raise AssertionError(f"the quick path read what the full path refuses: {exc}") from None
    if repr(quick) != repr(full):  # (repr: NaN equals itself)
        raise AssertionError("the quick path read differently")


def seed(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        for path in [*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/data/*/*.yaml")]:
            if path.stat().st_size < 64 * 1024:
                shutil.copy(path, corpus / path.name)


if __name__ == "__main__":
    corpora = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for corpus in corpora:
        seed(corpus)
    sys.setrecursionlimit(2000)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
