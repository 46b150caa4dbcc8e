"""Draw the results of compare.py as an SVG bar chart, with no dependencies.

    python benchmarks/compare.py --quick --json /tmp/bench.json
    python benchmarks/chart.py /tmp/bench.json docs/_static/benchmark.svg \
        --table docs/_static/benchmark-table.md

One panel per case (each with its own scale, since the cases differ by orders
of magnitude), one bar per implementation: the median time in milliseconds.
Only rows measured in ms are drawn, and of those only the implementations in
--impls (a panel simply lacks the ones its case has no row for, such as
libsodium with several lanes); the per-kernel rows and the calls/s rows are
left to the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

IMPLS = ("argon2-ft", "argon2-ft[threads=2]", "reference", "libsodium")
COLOURS = {
    "argon2-ft": "#2b6cb0",
    "argon2-ft[threads=2]": "#63b3ed",
    "reference": "#a0aec0",
    "libsodium": "#dd8452",
}

WIDTH = 640
CHAR_W = 7.0  # a generous average width of a 12 px character
VALUE_W = 84  # the numbers, right of the longest bar
BAR_H = 18
BAR_GAP = 6
TITLE_H = 26
PANEL_GAP = 14
MARGIN = 12
FONT = "font-family='system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif'"


@dataclass
class Bar:
    impl: str
    median_ms: float


def load(path: Path, impls: tuple[str, ...]) -> dict[str, list[Bar]]:
    """Median per (case, implementation) for the ms rows, in file order."""
    rows = json.loads(path.read_text())
    cases: dict[str, list[Bar]] = {}
    for row in rows:
        if row["unit"] != "ms" or row["impl"] not in impls or not row["samples"]:
            continue
        bar = Bar(row["impl"], statistics.median(row["samples"]))
        cases.setdefault(row["case"], []).append(bar)
    for bars in cases.values():
        bars.sort(key=lambda b: impls.index(b.impl))
    return cases


def table(path: Path) -> str:
    """A Markdown table of every row in *path*: minimum and median per case."""
    lines = [
        "| case | implementation | min | median |",
        "| --- | --- | ---: | ---: |",
    ]
    for row in json.loads(path.read_text()):
        if not row["samples"]:
            continue
        low, mid = min(row["samples"]), statistics.median(row["samples"])
        if row["unit"] == "ms":
            cells = f"{low:.1f} ms | {mid:.1f} ms"
        else:
            cells = f"{low:.0f} {row['unit']} | {mid:.0f} {row['unit']}"
        lines.append(f"| {row['case']} | {row['impl']} | {cells} |")
    return "\n".join(lines)


def _text(x: float, y: float, body: str, extra: str = "") -> str:
    return f"<text x='{x:.1f}' y='{y:.1f}' {FONT} {extra}>{escape(body)}</text>"


def panel(
    case: str, bars: list[Bar], top: float, label_w: float
) -> tuple[list[str], float]:
    """SVG elements of one case and the height they take."""
    out = [_text(MARGIN, top + 17, case, "font-size='14' font-weight='600'")]
    longest = max(b.median_ms for b in bars)
    span = WIDTH - 2 * MARGIN - label_w - VALUE_W
    y = top + TITLE_H
    for bar in bars:
        width = max(1.0, span * bar.median_ms / longest)
        x0 = MARGIN + label_w
        out.append(_text(x0 - 8, y + 13, bar.impl, "font-size='12' text-anchor='end'"))
        out.append(
            f"<rect x='{x0}' y='{y:.1f}' width='{width:.1f}' height='{BAR_H}' "
            f"rx='2' fill='{COLOURS.get(bar.impl, '#718096')}'/>"
        )
        out.append(
            _text(x0 + width + 6, y + 13, f"{bar.median_ms:.1f} ms", "font-size='12'")
        )
        y += BAR_H + BAR_GAP
    return out, y - top


def render(cases: dict[str, list[Bar]], title: str) -> str:
    body = [_text(MARGIN, MARGIN + 16, title, "font-size='15' font-weight='700'")]
    # The names column, left of the bars, as wide as the longest name needs.
    names = {bar.impl for bars in cases.values() for bar in bars}
    label_w = 8 + CHAR_W * max(len(name) for name in names)
    top = MARGIN + 30.0
    for case, bars in cases.items():
        elements, height = panel(case, bars, top, label_w)
        body += elements
        top += height + PANEL_GAP
    height = top - PANEL_GAP + MARGIN
    head = (
        "<svg xmlns='http://www.w3.org/2000/svg' "
        f"width='{WIDTH}' height='{height:.0f}' "
        f"viewBox='0 0 {WIDTH} {height:.0f}' role='img'>"
    )
    desc = f"<title>{escape(title)}</title>"
    background = f"<rect width='{WIDTH}' height='{height:.0f}' fill='#ffffff'/>"
    return "\n".join([head, desc, background, *body, "</svg>", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="JSON written by compare.py --json")
    parser.add_argument("svg", type=Path, help="where to write the chart")
    parser.add_argument(
        "--title", default="Argon2id, median time per hash (lower is better)"
    )
    parser.add_argument(
        "--impls",
        default=",".join(IMPLS),
        help="comma-separated implementations to draw, in this order",
    )
    parser.add_argument(
        "--table",
        type=Path,
        help="also write every row (kernels and calls/s included) here, as Markdown",
    )
    args = parser.parse_args()

    cases = load(args.results, tuple(args.impls.split(",")))
    if not cases:
        parser.error(f"{args.results}: no ms rows for {args.impls}")
    args.svg.write_text(render(cases, args.title))
    for case, bars in cases.items():
        print(case, ", ".join(f"{b.impl} {b.median_ms:.1f} ms" for b in bars))
    if args.table:
        args.table.write_text(table(args.results) + "\n")


if __name__ == "__main__":
    main()
