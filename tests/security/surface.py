"""Every command careplan has, as the attack-surface tests run it: one list, so that a new
command is covered by every class of attack (paths, leaks, terminal, resources, ...) by
adding one entry here. ``{plan}`` stands for the plan the test aims at."""

from __future__ import annotations

from dataclasses import dataclass

TODAY = "2026-11-22"


@dataclass(frozen=True)
class Command:
    name: str
    argv: tuple[str, ...]
    writes: bool = False  # changes a plan (must stay inside the repository)
    takes_plan: bool = True  # names one plan

    def args(self, plan: str) -> list[str]:
        return [a.replace("{plan}", plan) for a in self.argv]


REVIEW = ("--no-input", "--date", "2026-11-20", "--next-review", "2027-02-18", "--today", TODAY)

LIFE = ("--no-input", "--today", TODAY)

COMMANDS = (
    Command("validate", ("validate", "--today", TODAY, "{plan}")),
    Command("validate-json", ("validate", "--format", "json", "--today", TODAY, "{plan}")),
    Command("due", ("due", "--today", TODAY, "--within", "400d"), takes_plan=False),
    Command("list", ("list", "--format", "json"), takes_plan=False),
    Command("report", ("report", "--today", TODAY, "--months", "2"), takes_plan=False),
    Command("log", ("log", "{plan}")),
    Command("diff", ("diff", "{plan}")),
    Command("render", ("render", "{plan}", "--format", "md")),
    Command("export", ("export", "{plan}", "--ods-code", "RX4")),
    Command("import", ("import", "--from", "fhir", "{plan}", "--today", TODAY)),
    Command("review", ("review", "{plan}", *REVIEW), writes=True),
    Command(
        "render-record",
        ("render", "{plan}", "--format", "md", "--record-copy", "--today", TODAY),
        writes=True,
    ),
    Command("set", ("set", "{plan}", "risks.R2.level=low", *LIFE), writes=True),
    Command(
        "add",
        (
            "add",
            "{plan}",
            "risk",
            "--category",
            "falls",
            "--level",
            "low",
            "--management",
            "Rails fitted",
            *LIFE,
        ),
        writes=True,
    ),
    Command("edit", ("edit", "{plan}", *LIFE), writes=True),  # no editor: refused after opening
    Command(
        "status",
        ("status", "{plan}", "on-hold", "--reason", "Admitted", "--review-by", "2027-01-10", *LIFE),
        writes=True,
    ),
    Command("level", ("level", "{plan}", "complex", "--reason", "More needs", *LIFE), writes=True),
    Command(
        "handover",
        (
            "handover",
            "{plan}",
            "--from",
            "Tom Adeyemi",
            "--to",
            "Priya Raman",
            "--reason",
            "Leaving",
            *LIFE,
        ),
        writes=True,
    ),
    Command("renumber", ("renumber", "{plan}", "CP-000190", *LIFE), writes=True),
    Command("migrate", ("migrate", "{plan}"), writes=True),
    Command("migrate-dry-run", ("migrate", "--dry-run", "{plan}")),
    Command("rules", ("rules",), takes_plan=False),
    Command("config", ("config",), takes_plan=False),
    Command("schema", ("schema",), takes_plan=False),
    Command("maintenance", ("maintenance",), takes_plan=False),
)
WRITERS = tuple(c for c in COMMANDS if c.writes)
PLAN_READERS = tuple(c for c in COMMANDS if c.takes_plan and not c.writes)
