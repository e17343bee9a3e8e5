"""Write N realistic, fictional plans (all types; about 2% invalid) for the benchmarks.

Seeded, so the same N gives the same files. Each plan is one of the bundled examples with a
new id, person, dates shifted and goals, interventions, risks and reviews resampled.

    python benchmarks/generate.py 10000 /tmp/plans
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careplan_cli.plan.nhs import nhs_number_is_valid  # noqa: E402
from careplan_cli.plan.yamlload import read_plan_file  # noqa: E402

FIRST = ["Alex", "Sam", "Jo", "Chris", "Priya", "Amir", "Grace", "Tomasz", "Aoife", "Kwame"]
LAST = ["Smith", "Okafor", "Nowak", "Patel", "Reid", "Walsh", "Haddad", "Evans", "Chen", "Ali"]


def nhs_numbers(rng: random.Random) -> str:
    while True:
        digits = "999" + "".join(str(rng.randrange(10)) for _ in range(7))
        if nhs_number_is_valid(digits):
            return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def shift(value: Any, days: int) -> Any:
    """Every ISO date in ``value`` moved by ``days``."""
    if isinstance(value, dict):
        return {k: shift(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift(v, days) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
        except ValueError:
            return value
    return value


def make_plan(template: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    plan = shift(copy.deepcopy(template), -rng.randrange(0, 120))
    plan["id"] = f"CP-{number:06d}"
    person = plan["service_user"]
    person["name"] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    person["nhs_number"] = nhs_numbers(rng)
    plan["coordinator"]["name"] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if rng.random() < 0.3:
        plan["strengths"] = plan.get("strengths", []) * 2
    if rng.random() < 0.02:  # about 2% invalid, of different kinds
        kind = rng.randrange(3)
        if kind == 0:
            plan["status"] = "current"
        elif kind == 1:
            digits = person["nhs_number"]
            person["nhs_number"] = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        else:
            del plan["coordinator"]["role"]
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    templates = [read_plan_file(p).data for p in sorted((ROOT / "examples").glob("*.yaml"))]
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.width = 4096
    args.directory.mkdir(parents=True, exist_ok=True)
    for number in range(1, args.count + 1):
        plan = make_plan(rng.choice([t for t in templates if t]), number, rng)
        with (args.directory / f"{plan['id']}.yaml").open("w", encoding="utf-8") as stream:
            stream.write("# yaml-language-server: $schema=careplan.schema.json\n")
            yaml.dump(plan, stream)


if __name__ == "__main__":
    main()
