"""Team report formats: text tables, json and csv (html is in :mod:`.team_html`).

Aggregates only: no service user's name, id or value ever reaches these; group names
(coordinators, teams) do, through :mod:`careplan_cli.report.escape`. csv (and html) publish
counts with small-number suppression unless told not to.
"""

from __future__ import annotations

from collections.abc import Sequence

from careplan_cli.plan.figures import FIGURES, RATES, Number
from careplan_cli.plan.suppress import Key, hidden_cells, shown
from careplan_cli.plan.tally import TeamReport
from careplan_cli.report.escape import csv_text, json_text

LABELS: dict[str, str] = {
    "active_plans": "Active plans",
    "reviews_overdue": "Active plans with the review overdue",
    "overdue_0_30": "  overdue 1-30 days",
    "overdue_31_90": "  overdue 31-90 days",
    "overdue_over_90": "  overdue over 90 days",
    "review_date_missing": "  no next review date",
    "active_12_months": "Active plans started 12 months or more ago",
    "reviewed_within_12_months": "  of them, reviewed in the last 12 months",
    "reviews_in_period": "Reviews held in the month",
    "reviews_within_interval": "  of them, held by the date set",
    "in_force_not_agreed_without_reason": "Plans in force, not agreed and no reason recorded",
    "crisis_plan_missing": "Plans in force needing a crisis plan without one",
    "carers": "Carers on plans in force",
    "carers_offered_assessment": "  of them, offered a carer's assessment",
    "discharges": "Discharges from hospital in the month",
    "discharges_followed_up": "  of them, followed up within the window",
    "on_hold_past_review": "Plans on hold past their hold review date",
    "goals_achieved": "Goals achieved in the month",
    "outcomes_improved": "Outcome measures improved (first to latest)",
    "outcomes_same": "Outcome measures unchanged",
    "outcomes_worse": "Outcome measures worse",
    "reviewed_within_12_months_rate": "Rate: reviewed in the last 12 months",
    "discharges_followed_up_rate": "Rate: discharges followed up",
}
ORDER = [*FIGURES, *RATES]
HEADLINE = [
    "active_plans",
    "reviews_overdue",
    "reviewed_within_12_months_rate",
    "crisis_plan_missing",
    "on_hold_past_review",
    "discharges_followed_up_rate",
]


def plain(value: Number) -> str:
    if value is None:
        return "-"
    return f"{value:.1%}" if isinstance(value, float) else str(value)


def figure_rows(columns: Sequence[dict[str, Number]]) -> list[list[str]]:
    """One row per figure: its label and its value in each column."""
    return [[LABELS[fid], *(plain(col.get(fid)) for col in columns)] for fid in ORDER]


def text_tables(report: TeamReport) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, rows) for each table the terminal shows."""
    day = report.as_of.isoformat()
    tables = [(f"Figures as of {day} ({report.policy})", ["figure", "value"],
               figure_rows([report.figures]))]  # fmt: skip
    for grouping, groups in report.by.items():
        names = list(groups)
        tables.append(
            (f"By {grouping}", ["figure", *names], figure_rows([groups[n] for n in names]))
        )
    if report.trend:
        rows = [
            [month, *(plain(figs.get(fid)) for fid in HEADLINE)] for month, figs in report.trend
        ]
        tables.append(("Month ends", ["month", *HEADLINE], rows))
    return tables


def text_report(report: TeamReport) -> str:
    """The text tables as plain aligned text (for --out, and where no terminal is)."""
    blocks = []
    for title, headers, rows in text_tables(report):
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                 for r in [headers, *rows]]  # fmt: skip
        blocks.append(title + "\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)


def to_json(report: TeamReport) -> str:
    return json_text(report.as_json(), ensure_ascii=False)


def scopes(report: TeamReport) -> tuple[dict[str, dict[str, Number]], list[tuple[str, list[str]]]]:
    """Every table of figures by scope ("all", "GROUPING:NAME", "YYYY-MM"), and which scopes
    add up to which (each grouping's groups add up to "all")."""
    tables: dict[str, dict[str, Number]] = {"all": report.figures}
    additive = []
    for grouping, groups in report.by.items():
        names = [f"{grouping}:{name}" for name in groups]
        tables.update(zip(names, groups.values(), strict=True))
        additive.append(("all", names))
    tables.update(report.trend)
    return tables, additive


class Published:
    """Figures as published: suppressed (``<5``, ``*``) unless ``suppress`` is false."""

    def __init__(self, report: TeamReport, suppress: bool = True) -> None:
        self.tables, additive = scopes(report)
        self.suppress = suppress
        empty: set[Key] = set()
        self.primary, self.secondary = (
            hidden_cells(self.tables, additive)
            if suppress
            else (
                empty,
                empty,
            )
        )

    def cell(self, scope: str, fid: str, raw: bool = False) -> str:
        value = self.tables[scope].get(fid)
        text = shown(scope, fid, value, self.primary, self.secondary)
        if raw and text not in ("<5", "*") and value is not None:
            return str(value)
        return text


def to_csv(report: TeamReport, suppress: bool = True) -> str:
    """One row per figure, per group and per month: grouping, group, month, figure, value."""
    published = Published(report, suppress)
    rows = []
    day = report.as_of.isoformat()
    for fid in ORDER:
        rows.append([day, "all", "", "", fid, published.cell("all", fid, raw=True)])
    for grouping, groups in report.by.items():
        for name in groups:
            for fid in ORDER:
                value = published.cell(f"{grouping}:{name}", fid, raw=True)
                rows.append([day, grouping, name, "", fid, value])
    for month, _ in report.trend:
        for fid in ORDER:
            rows.append([day, "all", "", month, fid, published.cell(month, fid, raw=True)])
    return csv_text(["as_of", "grouping", "group", "month", "figure", "value"], rows)
