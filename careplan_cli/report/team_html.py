"""The team report as one self-contained HTML page: tables, and each trend as an inline SVG
chart (drawn by pygal, with no script) followed by its data as a table.

Nothing on the page is fetched: no script, link, image or font; it prints on A4.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from careplan_cli.plan.figures import RATES
from careplan_cli.plan.tally import TeamReport
from careplan_cli.report.escape import html_text
from careplan_cli.report.team import HEADLINE, LABELS, ORDER, Published

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a;
  max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; } h3 { font-size: 11pt; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #8a8a8a; padding: 2px 6px; text-align: right; }
th[scope=row], th:first-child, caption { text-align: left; }
caption { font-weight: bold; padding: 4px 0; }
figure { margin: 0.5em 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; max-width: 170mm; height: auto; display: block; }
.note { color: #4a4a4a; }
@media print { h2 { break-after: avoid; } table { break-inside: avoid; } }
"""
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)  # pygal's config for its tooltips
_CHART_ID = re.compile(r"chart-[0-9a-f-]{36}")


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{html_text(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{html_text(row[0])}</th>'
        + "".join(f"<td>{html_text(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html_text(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _pygal() -> Any:
    """pygal, without the import hook it installs for its map plugins (unused here): the hook
    lacks ``find_spec``, so every later import in the process warns."""
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def _chart(fid: str, index: int, months: list[str], values: list[float | None]) -> str:
    """An inline SVG line chart with no script and no outside reference."""
    pygal = _pygal()
    from pygal.style import Style

    style = Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#6a6a6a",
        colors=("#1f5fa8",),
        font_family="Liberation Sans, Arial, sans-serif",
        no_data_font_size=14,
    )
    chart = pygal.Line(
        js=[],
        disable_xml_declaration=True,
        width=640,
        height=220,
        show_legend=False,
        no_data_text="no value shown (hidden small counts, or none)",
        style=style,
        allow_interruptions=True,
        x_label_rotation=0,
        value_formatter=(lambda v: f"{v:.0%}") if fid in RATES else (lambda v: f"{v:g}"),
        range=(0, 1) if fid in RATES else None,
        min_scale=2,
        max_scale=6,
    )
    chart.x_labels = months
    chart.add(LABELS[fid].strip(), values)
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", _COMMENT.sub("", svg))
    svg = _CHART_ID.sub(f"chart-{index}", svg)
    label = html_text(f"{LABELS[fid].strip()} at each month end; the data is in the table below")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _numeric(text: str, fid: str) -> float | None:
    """A published cell as a chart value: hidden cells are gaps, not points."""
    if text in ("<5", "*", "", "-"):
        return None
    return float(text.rstrip("%")) / 100 if fid in RATES else float(text)


def _trend(report: TeamReport, published: Published) -> str:
    months = [month for month, _ in report.trend]
    parts = ["<h2>Month by month</h2>"]
    for index, fid in enumerate(HEADLINE):
        cells = [published.cell(month, fid) for month in months]
        svg = _chart(fid, index, months, [_numeric(c, fid) for c in cells])
        title = html_text(LABELS[fid].strip())
        rows = [[month, cell] for month, cell in zip(months, cells, strict=True)]
        parts.append(
            f"<figure><figcaption><h3>{title}</h3></figcaption>{svg}</figure>"
            + _table(f"{LABELS[fid].strip()}: data", ["month", "value"], rows)
        )
    rows = [[LABELS[fid].strip(), *(published.cell(m, fid) for m in months)] for fid in ORDER]
    parts.append(_table("Every figure at each month end", ["figure", *months], rows))
    return "".join(parts)


def to_html(report: TeamReport, suppress: bool = True) -> str:
    published = Published(report, suppress)
    day = report.as_of.isoformat()
    note = (
        "Counts of 1 to 4 are shown as &lt;5, and other counts that would reveal them as *."
        if suppress
        else "Not suppressed: small counts are shown. Do not publish this copy."
    )
    body = [
        f"<h1>Care-planning figures as of {day}</h1>",
        f'<p class="note">Policy profile: {html_text(report.policy)}. {note} '
        "Definitions: docs/report.md.</p>",
        _table(
            f"Figures as of {day}",
            ["figure", "value"],
            [[LABELS[fid].strip(), published.cell("all", fid)] for fid in ORDER],
        ),
    ]
    for grouping, groups in report.by.items():
        names = list(groups)
        rows = [
            [LABELS[fid].strip(), *(published.cell(f"{grouping}:{n}", fid) for n in names)]
            for fid in ORDER
        ]
        body.append(f"<h2>By {html_text(grouping)}</h2>")
        body.append(_table(f"Figures by {grouping} as of {day}", ["figure", *names], rows))
    if report.trend:
        body.append(_trend(report, published))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Care-planning figures as of {day}</title><style>{CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
