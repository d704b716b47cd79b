"""Inline SVG charts for the audit report: no scripts, no external assets."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import pairwise

from zatlog.projections import i18n
from zatlog.projections.audit.catalog import Lang

Bins = list[tuple[str, int]]

GOOD = "#2e7d32"
BAD = "#c62828"
NEUTRAL = "#1565c0"


def share_bar(part: int, whole: int, title: str, part_label: str, rest_label: str) -> str:
    """A single 100% bar: ``part`` of ``whole`` in green, the rest in red."""
    width, height, bar_y, bar_h = 480, 92, 30, 28
    if whole == 0:
        return _svg_open(width, height, title, "–") + _text(8, 56, "–", size=14) + "</svg>"
    header = _svg_open(width, height, title, f"{part_label}: {part}; {rest_label}: {whole - part}")
    share = part / whole
    good = round(share * (width - 16))
    body = [
        _text(8, 18, f"{round(share * 100)}% ({part}/{whole})", size=14, bold=True),
        f'<rect x="8" y="{bar_y}" width="{good}" height="{bar_h}" fill="{GOOD}"/>',
        f'<rect x="{8 + good}" y="{bar_y}" width="{width - 16 - good}" height="{bar_h}" '
        f'fill="{BAD}"/>',
        f'<rect x="8" y="{bar_y + bar_h + 12}" width="10" height="10" fill="{GOOD}"/>',
        _text(22, bar_y + bar_h + 21, f"{part_label}: {part}"),
        f'<rect x="240" y="{bar_y + bar_h + 12}" width="10" height="10" fill="{BAD}"/>',
        _text(254, bar_y + bar_h + 21, f"{rest_label}: {whole - part}"),
    ]
    return header + "".join(body) + "</svg>"


def histogram(bins: Bins, title: str, colors: Sequence[str]) -> str:
    """Vertical bars, one per bin, with the count above and the label below."""
    width, height = 480, 200
    top, bottom, left = 16, 40, 8
    plot_h = height - top - bottom
    slot = (width - 2 * left) / max(len(bins), 1)
    peak = max((count for _, count in bins), default=0) or 1
    parts = [_svg_open(width, height, title, "; ".join(f"{label}: {n}" for label, n in bins))]
    parts.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        'stroke="#616161" stroke-width="1"/>'
    )
    for index, ((label, count), color) in enumerate(zip(bins, colors, strict=True)):
        bar_h = round(plot_h * count / peak)
        x = left + index * slot + slot * 0.15
        y = height - bottom - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{slot * 0.7:.1f}" height="{bar_h}" fill="{color}"/>'
        )
        middle = left + index * slot + slot / 2
        parts.append(_text(middle, y - 4, str(count), anchor="middle"))
        parts.append(_text(middle, height - bottom + 16, label, anchor="middle", size=11))
    parts.append("</svg>")
    return "".join(parts)


def lead_time_bins(
    days: Sequence[int | None], lead_days: int, lang: Lang
) -> tuple[Bins, list[str]]:
    """Invitation lead times: not invited, then ranges of days (short of the policy in red)."""
    never = i18n.label(i18n.CHART_LABELS, "not_invited", lang)
    edges = sorted({0, 3, lead_days, 14, 21})
    ranges = [(low, high - 1) for low, high in pairwise(edges)]
    bins: Bins = [(never, sum(1 for d in days if d is None))]
    colors = [BAD]
    for low, high in ranges:
        span = str(low) if low == high else f"{low}–{high}"
        bins.append((span, sum(1 for d in days if d is not None and low <= d <= high)))
        colors.append(BAD if high < lead_days else GOOD)
    last = edges[-1]
    bins.append((f"{last}+", sum(1 for d in days if d is not None and d >= last)))
    colors.append(GOOD if last >= lead_days else BAD)
    return bins, colors


def notice_bins(days: Sequence[int | None], notice_days: int, lang: Lang) -> tuple[Bins, list[str]]:
    """Days from a report to the parents' first notice of it: before, same day, later, never."""
    before, same, never = (
        i18n.label(i18n.CHART_LABELS, key, lang) for key in ("before", "same_day", "never")
    )
    bins: Bins = [
        (before, sum(1 for d in days if d is not None and d < 0)),
        (same, sum(1 for d in days if d == 0)),
        (f"1–{notice_days}", sum(1 for d in days if d is not None and 1 <= d <= notice_days)),
        (f"{notice_days + 1}+", sum(1 for d in days if d is not None and d > notice_days)),
        (never, sum(1 for d in days if d is None)),
    ]
    return bins, [GOOD, GOOD, NEUTRAL, BAD, BAD]


def _svg_open(width: int, height: int, title: str, data: str) -> str:
    """The chart's opening tag; its text alternative is the title with every number shown."""
    text = escape(f"{title}. {data}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{text}" '
        'font-family="sans-serif">'
        f"<title>{text}</title>"
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y}" font-size="{size}" text-anchor="{anchor}"{weight} '
        f'fill="#212121">{escape(text)}</text>'
    )
