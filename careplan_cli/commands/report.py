"""``careplan report``: team figures as of a date, by group, and their monthly trend.

``as_of`` counts the records dated on or before the day as the files hold them now; figures
whose source is git history (undated content, such as the crisis plan) are read from the
plans as committed by the end of the day when that is before today. ``as_recorded`` reads
every figure from the plans as committed by the end of the day: what the board was given.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from careplan_cli.commands.snapshots import History, Plans, plan_files, working_tree
from careplan_cli.errors import UsageError
from careplan_cli.plan.asof import PlanAt, plan_at
from careplan_cli.plan.figures import FIGURES, Context, Number
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.tally import GROUPINGS, TeamReport, count_figures, with_rates

HISTORY_IDS = [fid for fid, fig in FIGURES.items() if fig.source == "history"]


@dataclass(frozen=True)
class Options:
    day: date
    today: date
    months: int = 12
    by: tuple[str, ...] = ("coordinator",)
    coordinator: str | None = None
    as_recorded: bool = False
    policy: ReviewPolicy = field(default_factory=ReviewPolicy)
    policy_name: str = "cpa-2008"


def month_ends(day: date, months: int) -> list[date]:
    """The last ``months`` month ends on or before ``day``, oldest first."""
    ends = []
    year, month = day.year, day.month
    for _ in range(months + 1):
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end <= day:
            ends.append(end)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(ends)[-months:] if months else []


class _Counter:
    """Counts figures on a day from the working tree, git history or both."""

    def __init__(self, paths: list[Path], root: Path | None, options: Options) -> None:
        self.options = options
        self.now, self.skipped, by_blob = working_tree(plan_files(paths), root)
        self.history = History.find(paths)
        if self.history is not None:
            self.history.now = by_blob
        self.notes: list[str] = []
        if self.history is None:
            self.notes.append(
                "not a git repository: figures from history use the plans as they are now"
            )

    def _committed(self, day: date) -> Plans | None:
        if self.history is None or day >= self.options.today:
            return None
        found = self.history.at_end_of(day.isoformat())
        return [] if found is None else found[0]

    def _view(self, plans: Plans, day: date) -> list[PlanAt]:
        views = (plan_at(plan, day, self.options.policy) for plan in plans)
        wanted = self.options.coordinator
        return [
            v
            for v in views
            if v is not None and (wanted is None or v.coordinator.casefold() == wanted.casefold())
        ]

    def plans_on(self, day: date) -> tuple[list[PlanAt], list[PlanAt] | None]:
        """(views for figures from records, views for figures from history, if different)."""
        committed = self._committed(day)
        if self.options.as_recorded:
            return self._view(self.now if committed is None else committed, day), None
        return self._view(self.now, day), None if committed is None else self._view(committed, day)

    def figures_on(self, day: date) -> dict[str, Number]:
        records, history = self.plans_on(day)
        return _merged(records, history, self._context(day))

    def _context(self, day: date) -> Context:
        return Context(day, self.options.policy)

    def by_group(self, day: date, grouping: str) -> dict[str, dict[str, Number]]:
        records, history = self.plans_on(day)
        key = GROUPINGS[grouping]
        names = sorted({key(p) for p in records} | {key(p) for p in history or []})
        return {
            name: _merged(
                [p for p in records if key(p) == name],
                None if history is None else [p for p in history if key(p) == name],
                self._context(day),
            )
            for name in names
        }


def _merged(
    records: list[PlanAt], history: list[PlanAt] | None, context: Context
) -> dict[str, Number]:
    """Figures from records, those whose source is history taken from ``history`` if given."""
    if history is None:
        return count_figures(records, context)
    figures = count_figures(records, context, [f for f in FIGURES if f not in HISTORY_IDS])
    from_history = count_figures(history, context, HISTORY_IDS)
    return with_rates({**figures, **from_history})


def team_report(paths: list[Path], root: Path | None, options: Options) -> TeamReport:
    for grouping in options.by:
        if grouping not in GROUPINGS:
            raise UsageError("--by must be one of: " + ", ".join(GROUPINGS))
    if options.months < 0 or options.months > 120:
        raise UsageError("--months must be between 0 and 120")
    if options.as_recorded and options.day >= options.today:
        options = replace(options, today=date.max)  # read every day from history
    counter = _Counter(paths, root, options)
    if options.as_recorded and counter.history is None:
        raise UsageError("--as-recorded reads git history: the plans are not in a repository")
    figures = counter.figures_on(options.day)
    by = {grouping: counter.by_group(options.day, grouping) for grouping in options.by}
    trend = [
        (end.strftime("%Y-%m"), counter.figures_on(end))
        for end in month_ends(options.day, options.months)
    ]
    return TeamReport(
        options.day,
        options.policy_name,
        figures,
        by,
        trend,
        counter.skipped,
        tuple(counter.notes),
    )


def breaches(figures: dict[str, Number], thresholds: Sequence[str]) -> list[str]:
    """The thresholds (``"ID OP NUMBER"``) that the figures do not meet."""
    from careplan_cli.plan.thresholds import parse_threshold

    failed = []
    for text in thresholds:
        threshold = parse_threshold(text)
        if threshold is not None and not threshold.met(figures.get(threshold.figure)):
            failed.append(text)
    return failed


def write_private(out: Path, text: str) -> None:
    """Write ``out`` with mode 0600, atomically, never through a symbolic link."""
    from careplan_cli.adapters.outfile import write_private as write

    write(out, text)


@dataclass(frozen=True)
class Result:
    report: TeamReport
    breaches: list[str]

    def tables(self) -> list[tuple[str, list[str], list[list[str]]]]:
        from careplan_cli.report.team import text_tables

        return text_tables(self.report)


def build_report(
    paths: list[Path],
    settings: Settings,
    *,
    day: date,
    months: int = 12,
    by: tuple[str, ...] = ("coordinator",),
    coordinator: str | None = None,
    as_recorded: bool = False,
) -> Result:
    options = Options(
        day=day,
        today=settings.today,
        months=months,
        by=by,
        coordinator=coordinator,
        as_recorded=as_recorded,
        policy=settings.policy,
        policy_name=settings.profile,
    )
    report = team_report(paths, settings.root, options)
    return Result(report, breaches(report.figures, settings.report_thresholds))


def rendered(report: TeamReport, fmt: str, *, suppress: bool = True) -> str:
    """The report in a file format: json (never suppressed: for programs), csv or html."""
    from careplan_cli.report import team

    if fmt == "json":
        return team.to_json(report)
    if fmt == "csv":
        return team.to_csv(report, suppress)
    if fmt == "html":
        from careplan_cli.report.team_html import to_html

        return to_html(report, suppress)
    return team.text_report(report)
