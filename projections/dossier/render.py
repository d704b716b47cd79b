"""Render a :class:`Dossier` as JSON, HTML or PDF, in Dutch or English.

JSON is the model itself (``schemas/dossier.schema.json``). HTML comes from
one Jinja2 template with inline CSS and an inline SVG timeline: one
self-contained file without external assets. The PDF is WeasyPrint's
rendering of that same HTML (A4, "pagina X van Y", generation date and
document id in the footer). Jinja2 and WeasyPrint are imported only when
used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from zatlog.actions import ITEM_CATEGORIES
from zatlog.projections import i18n, wording
from zatlog.projections.dossier.model import (
    ConsentInForce,
    Dossier,
    HistoryEntry,
    Involvement,
    Look,
    NoRight,
)

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

Format = Literal["pdf", "html", "json"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "json")
TEMPLATES = Path(__file__).parent / "templates"

HISTORY_BRIEF: dict[str, frozenset[str]] = {
    "discussion_held": frozenset({"meeting", "forum", "level", "basis", "note"}),
    "action_plan_recorded": frozenset({"kind", "parents_agreed", "note"}),
    "sdq_recorded": frozenset({"informant", "note"}),
    "consent_form_issued": frozenset({"consent", "forum", "valid_until", "note"}),
}
"""Fields the history shows of events whose every field is in a section of their own
(discussions, plans, SDQ, consents); the JSON export keeps them all."""

FORUM_SHORT = {"cvb": "CvB", "zat": "ZAT", "mdo": "MDO"}


def render(
    dossier: Dossier, fmt: Format, lang: i18n.Lang = "nl", generated_on: date | None = None
) -> bytes:
    """The document in ``fmt``; ``generated_on`` (default: the export date) goes in the footer."""
    if fmt == "json":
        return render_json(dossier)
    if fmt == "html":
        return render_html(dossier, lang, generated_on).encode("utf-8")
    return render_pdf(dossier, lang, generated_on)


def render_json(dossier: Dossier) -> bytes:
    """The portable export: the model as JSON (see ``schemas/dossier.schema.json``)."""
    return dossier.model_dump_json(indent=2).encode("utf-8") + b"\n"


def render_html(dossier: Dossier, lang: i18n.Lang = "nl", generated_on: date | None = None) -> str:
    """One self-contained HTML file: inline CSS, inline SVG, no external assets."""
    words = Words(lang, dossier)
    template = _environment().get_template("dossier.html.j2")
    return template.render(
        d=dossier,
        w=words,
        lang=lang,
        generated_on=generated_on or dossier.export_date,
        timeline=timeline_svg(dossier, words),
    )


def render_pdf(dossier: Dossier, lang: i18n.Lang = "nl", generated_on: date | None = None) -> bytes:
    """The HTML rendered by WeasyPrint to an A4 PDF."""
    from zatlog.projections.pdf import weasyprint_html

    HTML = weasyprint_html()

    html = render_html(dossier, lang, generated_on)
    # PDF/UA-1: tagged (headings, tables, reading order), with title, language and
    # embedded fonts, so that a screen reader can read the document.
    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["css"] = _css_string
    env.filters["cap"] = _capitalized
    return env


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates in the user's cache folder: compiling takes longer than rendering.

    Jinja2 recompiles when the template changes; without a writable cache
    folder every run compiles.
    """
    from jinja2 import FileSystemBytecodeCache
    from platformdirs import user_cache_path

    folder = user_cache_path("zatlog", appauthor=False) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def _capitalized(text: str) -> str:
    """The first letter upper-case, the rest as written (unlike Jinja's ``capitalize``)."""
    return text[:1].upper() + text[1:]


def _css_string(text: str) -> str:
    from markupsafe import Markup

    cleaned = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(f'"{cleaned}"')


def refusal_message(error: NoRight, lang: i18n.Lang = "nl") -> str:
    """Why an export was refused, for the coordinator to act on and to tell the reader."""
    words = i18n.DOSSIER_REFUSALS
    values = {
        "person": error.person,
        "case": error.case,
        "day": format_day(error.day, lang),
        "age": str(error.age),
        "since": format_day(error.since, lang) if error.since else "",
        "basis": i18n.label(i18n.VALUE_LABELS, error.basis or "", lang),
        "relation": i18n.label(i18n.RELATION_LABELS, error.relation or "", lang),
    }
    lead = i18n.label(words, "lead", lang).format(**values)
    reason = i18n.label(words, error.reason, lang).format(**values)
    return f"{lead}: {reason}. {i18n.label(words, 'tail', lang)}"


def format_day(day: date, lang: i18n.Lang = "nl") -> str:
    """``1 oktober 2025`` / ``1 October 2025``."""
    return i18n.long_day(day, lang)


class Words:
    """Labels and formatting for the template, in one language."""

    def __init__(self, lang: i18n.Lang, dossier: Dossier) -> None:
        self.lang = lang
        self.dossier = dossier

    def __call__(self, key: str) -> str:
        return i18n.label(i18n.DOSSIER_LABELS, key, self.lang)

    def looks(self, key: str) -> str:
        from zatlog.projections.dossier.looks import look_word

        return look_word(key, self.lang)

    def look(self, look: Look) -> dict[str, str]:
        """Who, what and why of one line of "who looked at this file"."""
        from zatlog.projections.dossier import looks

        return {
            "who": looks.who_looked(look, self.lang),
            "what": looks.what_was_looked_at(look, self.lang),
            "why": looks.why_looked(look, self.lang),
        }

    def rights_text(self, key: str) -> str:
        return i18n.label(i18n.DOSSIER_RIGHTS, key, self.lang)

    def day(self, day: date | str | None) -> str:
        if day is None:
            return ""
        if isinstance(day, str):
            day = date.fromisoformat(day[:10])
        return format_day(day, self.lang)

    def action(self, name: str) -> str:
        return i18n.action_label(name, self.lang)

    def value(self, value: Any) -> str:
        if isinstance(value, bool):
            return self("yes") if value else self("no")
        if value is None:
            return ""
        return i18n.label(i18n.VALUE_LABELS, str(value), self.lang)

    def values(self, values: list[str] | None) -> str:
        return ", ".join(self.value(v) for v in values or [])

    def category(self, item: str) -> str:
        return i18n.category_label(item, self.lang)

    def categories(self, items: list[str] | None) -> str:
        return ", ".join(self.category(i) for i in items or [])

    def withheld(self, item: str) -> str:
        """A left-out category, named so that it never says whether such records exist."""
        if item in i18n.WITHHELD_LABELS:
            return i18n.label(i18n.WITHHELD_LABELS, item, self.lang)
        return ("any " if self.lang == "en" else "eventuele ") + self.category(item)

    def consent_lines(self, consent: ConsentInForce) -> list[str]:
        """What is in force for one forum on the export date, one statement a line."""
        lines = []
        if consent.in_force:
            until = (
                f"{self('consent_until')} {self.day(consent.valid_until)}"
                if consent.valid_until
                else self("consent_no_end")
            )
            lines.append(
                f"{self('consent_in_force')}, {self('consent_signed_by')} "
                f"{self.persons(consent.signed)} ({until})"
            )
        elif consent.expired:
            lines.append(
                f"{self('consent_not_in_force')}: {self('consent_expired')} "
                f"({self('consent_until')} {self.day(consent.valid_until)})"
            )
        else:
            said_no = {*consent.refused, *consent.withdrawn, *consent.objected}
            missing = [p for p in consent.missing if p not in said_no]
            lines.append(
                f"{self('consent_not_in_force')}; "
                f"{i18n.label(i18n.CASE_LABELS, 'missing', self.lang)} {self.persons(missing)}"
                if missing
                else self("consent_not_in_force")
            )
        for key, persons in (
            ("consent_signed_by", [] if consent.in_force else consent.signed),
            ("consent_verbal_by", consent.verbal),
            ("consent_refused_by", consent.refused),
            ("consent_withdrawn_by", consent.withdrawn),
            ("consent_objected_by", consent.objected),
        ):
            if persons:
                lines.append(f"{self(key)} {self.persons(persons)}")
        return lines

    def ground(self, ground: str) -> str:
        return i18n.label(i18n.GROUND_LABELS, ground, self.lang)

    def relation(self, relation: str | None) -> str:
        return i18n.label(i18n.RELATION_LABELS, relation or "", self.lang)

    def authority(self, authority: str | None) -> str:
        return i18n.label(i18n.AUTHORITY_LABELS, authority or "", self.lang)

    def right(self, right: str) -> str:
        return i18n.label(i18n.RIGHT_LABELS, right, self.lang)

    def forum(self, forum: str) -> str:
        return i18n.label(i18n.FORUM_LABELS, forum, self.lang)

    def step(self, step: str | None) -> str:
        return i18n.label(i18n.STEP_LABELS, step, self.lang) if step else self("no_step")

    def severity(self, severity: str) -> str:
        return i18n.label(i18n.SEVERITY_LABELS, severity, self.lang)

    def field(self, name: str) -> str:
        return wording.field_name(name, self.lang)

    def person(self, person: str) -> str:
        """A person's name where the reader may see it, else their id on the case."""
        names = self.dossier.names
        if person in names:
            return names[person]
        if person == "pupil":
            return self("the_pupil")
        return names.get(person.strip().lower(), person)

    def persons(self, persons: list[str] | None) -> str:
        return i18n.listing([self.person(p) for p in persons or []], self.lang)

    def school(self) -> str | None:
        return i18n.school_label(self.dossier.school, self.lang)

    def finding(self, finding: Involvement) -> str:
        """An audit finding for this reader, its dates in prose."""
        text = finding.message_en if self.lang == "en" else finding.message_nl
        return i18n.localized_dates(text, self.lang)

    def recipient_groups(self) -> list[RecipientGroup]:
        """Who received information, one group per recipient, counted per way (AVG 15(1)(c))."""
        groups: dict[str, dict[tuple[str, str | None], list[date]]] = {}
        items: dict[str, set[str]] = {}
        shown: dict[str, str] = {}
        for r in self.dossier.recipients or []:
            key = r.recipient.strip().lower()
            if key not in groups:
                groups[key] = {}
                items[key] = set()
                shown[key] = (
                    self.value(r.recipient) if r.via == "report" else self.person(r.recipient)
                )
            groups[key].setdefault((r.via, r.detail), []).append(r.on)
            items[key].update(r.items)
        result = []
        for key, ways in groups.items():
            lines = []
            for (via, detail), days in ways.items():
                how = self.value(via)
                if detail:
                    short = FORUM_SHORT.get(detail) if via == "discussion" else None
                    how += f" {short}" if short else f" ({self.value(detail)})"
                if len(days) == 1:
                    lines.append(f"{how}: {self.day(days[0])}")
                else:
                    lines.append(
                        f"{how}: {len(days)} {self('times')} "
                        f"({self.day(min(days))} – {self.day(max(days))})"
                    )
            result.append(
                RecipientGroup(
                    who=shown[key],
                    ways=lines,
                    items=self.categories(sorted(items[key], key=_category_order)),
                )
            )
        return result

    def brief(self, entry: HistoryEntry) -> list[tuple[str, str]]:
        """The history's line for an event whose full content has its own section."""
        keep = HISTORY_BRIEF.get(entry.action)
        details = entry.details
        if keep is not None:
            details = {k: v for k, v in details.items() if k in keep}
        return self.pairs(entry.action, details)

    def pairs(self, action: str, details: dict[str, Any]) -> list[tuple[str, str]]:
        """The fields of an ``action`` as (label, text) pairs."""
        return [(self.field(k), self._detail(action, k, v)) for k, v in details.items()]

    def _detail(self, action: str, key: str, value: Any) -> str:
        return wording.field_text(action, key, value, self.lang, self.person)


@dataclass(frozen=True)
class RecipientGroup:
    who: str
    ways: list[str]
    items: str


def _category_order(item: str) -> tuple[int, str]:
    order = {c: i for i, c in enumerate(ITEM_CATEGORIES)}
    return (order.get(item, len(order)), item)


# -- the timeline on the first page ---------------------------------------------------------

WIDTH = 700
LEFT, RIGHT = 30, 670
STEP_Y, MEETING_Y, SIGNAL_Y, AXIS_Y = 34, 78, 112, 134
STEP_COLOURS = {
    "1": "#dbe9f6",
    "2": "#bcd7ee",
    "3": "#9cc5e6",
    "4a": "#7cb0dc",
    "4b": "#5c9bd1",
    "5": "#3d86c6",
}


@dataclass(frozen=True)
class _Scale:
    start: date
    end: date

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return LEFT + (RIGHT - LEFT) * (day - self.start).days / span


def timeline_svg(dossier: Dossier, words: Words) -> str:
    """An inline SVG of the case: steps as bands, meetings, signals and reports as marks."""
    from markupsafe import Markup

    marks = dossier.timeline
    start = dossier.status.opened_on
    end = max([dossier.export_date, *(m.on for m in marks)])
    if end <= start:
        end = start + timedelta(days=1)
    scale = _Scale(start, end)
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 190" '
        f'role="img" aria-label="{escape(words("timeline"))}" class="timeline">',
        f'<line x1="{LEFT}" y1="{AXIS_Y}" x2="{RIGHT}" y2="{AXIS_Y}" stroke="#4a5563" '
        'stroke-width="1.2"/>',
    ]
    parts += _month_ticks(scale, words.lang)
    parts += _step_bands(marks, scale, words)
    parts += _meeting_marks(marks, scale)
    parts += _point_marks(marks, scale)
    parts += _legend(words)
    parts.append("</svg>")
    return Markup("".join(parts))


def _month_ticks(scale: _Scale, lang: i18n.Lang) -> list[str]:
    months: list[date] = []
    day = date(scale.start.year, scale.start.month, 1)
    while day <= scale.end:
        if day >= scale.start:
            months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    every = max(1, -(-len(months) // 12))
    parts = []
    for index, month in enumerate(months):
        x = scale.x(month)
        parts.append(
            f'<line x1="{x:.1f}" y1="{AXIS_Y - 3}" x2="{x:.1f}" y2="{AXIS_Y + 3}" '
            'stroke="#4a5563"/>'
        )
        if index % every == 0:
            name = i18n.label(i18n.MONTH_NAMES, str(month.month), lang)[:3]
            parts.append(
                f'<text x="{x:.1f}" y="{AXIS_Y + 15}" font-size="9" text-anchor="middle" '
                f'fill="#4a5563">{escape(name)} {month.year % 100:02d}</text>'
            )
    return parts


def _step_bands(marks: list[Any], scale: _Scale, words: Words) -> list[str]:
    steps = [m for m in marks if m.kind == "step"]
    closed = next((m.on for m in marks if m.kind == "closed"), None)
    stop = closed or scale.end
    parts = [
        f'<text x="{LEFT}" y="{STEP_Y - 16}" font-size="9" fill="#4a5563">'
        f"{escape(words('legend_step').capitalize())}</text>"
    ]
    last_label_end = -1.0
    for index, mark in enumerate(steps):
        x1 = scale.x(mark.on)
        next_on = steps[index + 1].on if index + 1 < len(steps) else stop
        x2 = max(scale.x(next_on), x1 + 2)
        colour = STEP_COLOURS.get(mark.code or "", "#9cc5e6")
        parts.append(
            f'<rect x="{x1:.1f}" y="{STEP_Y - 10}" width="{x2 - x1:.1f}" height="20" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
        )
        if x1 >= last_label_end and x2 - x1 >= 12:
            parts.append(
                f'<text x="{(x1 + x2) / 2:.1f}" y="{STEP_Y + 4}" font-size="10" '
                f'font-weight="bold" text-anchor="middle" fill="#0f2a44">'
                f"{escape(mark.code or '')}</text>"
            )
            last_label_end = (x1 + x2) / 2 + 8
    for mark in marks:
        if mark.kind in ("opened", "closed"):
            x = scale.x(mark.on)
            parts.append(
                f'<line x1="{x:.1f}" y1="{STEP_Y - 14}" x2="{x:.1f}" y2="{AXIS_Y}" '
                'stroke="#1d2733" stroke-width="1.5" stroke-dasharray="3,2"/>'
            )
    return parts


def _meeting_marks(marks: list[Any], scale: _Scale) -> list[str]:
    parts: list[str] = []
    last_label_end = -1.0
    for mark in marks:
        if mark.kind != "meeting":
            continue
        x = scale.x(mark.on)
        y = MEETING_Y
        parts.append(
            f'<polygon points="{x:.1f},{y - 7} {x + 7:.1f},{y} {x:.1f},{y + 7} {x - 7:.1f},{y}" '
            'fill="#0f766e" stroke="#ffffff" stroke-width="0.8"/>'
        )
        if x >= last_label_end:
            label = FORUM_SHORT.get(mark.code or "", mark.code or "")
            parts.append(
                f'<text x="{x:.1f}" y="{y - 11}" font-size="8.5" text-anchor="middle" '
                f'fill="#0f766e">{escape(label)}</text>'
            )
            last_label_end = x + 22
    return parts


def _point_marks(marks: list[Any], scale: _Scale) -> list[str]:
    parts: list[str] = []
    for mark in marks:
        x = scale.x(mark.on)
        y = SIGNAL_Y
        if mark.kind == "signal":
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y}" r="5.5" fill="#d97706" stroke="#ffffff" '
                'stroke-width="0.8"/>'
            )
        elif mark.kind == "report":
            parts.append(
                f'<polygon points="{x:.1f},{y - 7} {x + 6.5:.1f},{y + 5} {x - 6.5:.1f},{y + 5}" '
                'fill="#b91c1c" stroke="#ffffff" stroke-width="0.8"/>'
            )
    return parts


def _legend(words: Words) -> list[str]:
    y = 178
    items = [
        (
            f'<rect x="0" y="{y - 8}" width="16" height="10" fill="{STEP_COLOURS["3"]}"/>',
            words("legend_step"),
        ),
        (
            f'<polygon points="8,{y - 9} 14,{y - 3} 8,{y + 3} 2,{y - 3}" fill="#0f766e"/>',
            words("legend_meeting"),
        ),
        (f'<circle cx="8" cy="{y - 3}" r="5" fill="#d97706"/>', words("legend_signal")),
        (
            f'<polygon points="8,{y - 9} 14,{y + 2} 2,{y + 2}" fill="#b91c1c"/>',
            words("legend_report"),
        ),
        (
            f'<line x1="8" y1="{y - 10}" x2="8" y2="{y + 3}" stroke="#1d2733" '
            'stroke-width="1.5" stroke-dasharray="3,2"/>',
            words("legend_opened"),
        ),
    ]
    parts = []
    x = LEFT
    for symbol, text in items:
        parts.append(f'<g transform="translate({x},0)">{symbol}</g>')
        parts.append(
            f'<text x="{x + 20}" y="{y}" font-size="9" fill="#1d2733">{escape(text)}</text>'
        )
        x += 28 + int(len(text) * 5.2)
    return parts
