"""Provider accountability for municipalities (docs/municipality.md; the blog's rule 2).

:func:`provider_report` is a pure function of the whole log, the policy, an
as-of date and a period; it returns a :class:`ProviderReport`, one row per
provider and municipality, which the renderers below print as a table, JSON,
CSV or a self-contained HTML page.

What counts in a period ``[start, end]`` (both inclusive, either open):

- ``cases``: the cases on which the provider's support was running on some
  day of the period: arranged on or before the period's end (the as-of date
  when the period is open), and not closed before the period's start;
- evaluations: the ``support_evaluated`` whose own date lies in the period;
- discussions: the identified discussions whose own date lies in the period,
  on a case where the provider was arranged (before or after the
  discussion), with an attendee equal to the provider's name after trimming
  and lower-casing. Of those, ``attended_without_parents_invited`` counts the
  discussions with a major B1 finding (a required invitee not invited at all).

Events after the as-of date are not known to the report. Providers and
municipalities are grouped by their names trimmed and lower-cased; a row
shows the spelling first used in the log. A case whose municipality changes
(a later ``support_arranged`` of the same provider naming another
municipality) counts for each municipality whose arrangement was running in
the period, and each evaluation or discussion belongs to the municipality of
the arrangement in force on its date (the first arrangement for anything
dated before it). An arrangement that names no municipality keeps the one of
the provider's previous arrangement on the case.

The report goes to a municipality: it holds no case reference and no name of
a pupil or a person (a provider or municipality label that contains one is
replaced by ``*** N``), and small numbers are suppressed so that no child can
be recognised (*v2*, section 8): a count of 0 is shown as 0, one of 1–4 as
``"< 5"``; a share only from a base of 5 evaluations, the teachers' median
only from 10 (else null, shown as "–" with a note); and where a total and its
parts are both shown (a row's teacher evaluations and their ratings 1–5; its
evaluations, whose total a share gives away, and their evaluators) and exactly
one part is ``"< 5"``, the smallest other part that is not 0 is hidden too
(``"–"``), or the total when there is none (then no share is shown), so that
nothing hidden can be subtracted back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from zatlog.actions import (
    CaseOpened,
    RelationRecorded,
    SchoolDocumentPublished,
    SupportEvaluated,
)
from zatlog.policy import Policy
from zatlog.projections.facts import CaseFacts
from zatlog.projections.i18n import PROVIDER_LABELS, Lang, label, long_day
from zatlog.records import LoggedAction, MomentKey

SMALL_COUNT: Literal["< 5"] = "< 5"
"""How a count of 1 to :data:`THRESHOLD` - 1 is shown."""
THRESHOLD = 5
HIDDEN: Literal["–"] = "–"
"""A count hidden only so that a small one next to it cannot be worked out."""
SHARE_BASE = 5
"""A share is shown only when it is a share of at least this many evaluations."""
MEDIAN_BASE = 10
"""The teachers' median is shown only when at least this many teachers rated."""

Count: TypeAlias = int | Literal["< 5", "–"]
Evaluator = Literal["teacher", "parent", "pupil", "coordinator"]
EVALUATORS: tuple[Evaluator, ...] = ("teacher", "parent", "pupil", "coordinator")
RATINGS = (1, 2, 3, 4, 5)
"""The values of ``effect_in_class``."""


def published(count: int) -> Count:
    """A count as the municipality may see it: 0 is 0, 1 to 4 is ``"< 5"``."""
    return count if count == 0 or count >= THRESHOLD else SMALL_COUNT


def protected(total: int, parts: Sequence[int]) -> tuple[Count, tuple[Count, ...]]:
    """A total and its parts as published, so that no hidden part can be subtracted back.

    When exactly one part is ``"< 5"`` while the total is shown, the smallest
    other part that is not 0 is hidden too (the first of equals); when there is
    no such part, the total is hidden instead.
    """
    shown_total = published(total)
    shown = [published(part) for part in parts]
    small = [i for i, count in enumerate(shown) if count == SMALL_COUNT]
    if len(small) == 1 and isinstance(shown_total, int):
        others = [i for i, part in enumerate(parts) if i not in small and part > 0]
        if others:
            shown[min(others, key=lambda i: parts[i])] = HIDDEN
        else:
            shown_total = HIDDEN
    return shown_total, tuple(shown)


def norm(name: str) -> str:
    """Providers, municipalities and attendees compare trimmed and lower-cased."""
    return name.strip().lower()


# -- the report model ---------------------------------------------------------------------


class EvaluationCounts(BaseModel):
    """Evaluations received, by evaluator."""

    model_config = ConfigDict(frozen=True)

    teacher: Count
    parent: Count
    pupil: Count
    coordinator: Count


class ProviderRow(BaseModel):
    """The figures of one provider (for one municipality) over the period.

    The JSON contract is the serialized row; ``flagged`` and
    ``teacher_ratings`` are for the table and HTML only.
    """

    model_config = ConfigDict(frozen=True)

    provider: str
    municipality: str | None
    cases: Count
    evaluations: EvaluationCounts
    teacher_effect_median: float | None
    share_worked_at_school: float | None
    share_involved_teacher: float | None
    share_involved_parents: float | None
    discussions_attended: Count
    attended_without_parents_invited: Count
    flagged: bool = Field(default=False, exclude=True)
    """The provider attended at least one discussion without the parents invited."""
    teacher_ratings: tuple[Count, ...] = Field(default=(), exclude=True)
    """Teachers' evaluations per ``effect_in_class`` 1 to 5 (each a published count)."""


class ProviderReport(BaseModel):
    """The provider report (docs/municipality.md); its JSON is in docs/json-contracts.md."""

    model_config = ConfigDict(frozen=True)

    start: date | None = Field(serialization_alias="from")
    end: date | None = Field(serialization_alias="to")
    providers: list[ProviderRow]
    as_of: date = Field(exclude=True)
    municipality: str | None = Field(default=None, exclude=True)
    """The ``--municipality`` the report was restricted to (trimmed), if any."""


# -- computing it -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Arrangement:
    day: date
    municipality: str | None
    """Normalized; ``None`` when neither this nor an earlier arrangement names one."""


@dataclass
class _Tally:
    cases: set[str] = field(default_factory=set)
    evaluations: list[SupportEvaluated] = field(default_factory=list)
    discussions: set[int] = field(default_factory=set)
    without_parents_invited: set[int] = field(default_factory=set)


@dataclass
class _Case:
    facts: CaseFacts
    closed: date | None = None
    arrangements: dict[str, list[_Arrangement]] = field(default_factory=dict)

    def municipality_on(self, provider: str, day: date) -> str | None:
        """The municipality of the provider's arrangement in force on ``day``."""
        arrangements = self.arrangements[provider]
        current = arrangements[0]
        for arrangement in arrangements:
            if arrangement.day <= day:
                current = arrangement
        return current.municipality


RowKey: TypeAlias = tuple[str, str | None]
"""(normalized provider, normalized municipality)."""


def provider_report(
    events: Iterable[LoggedAction],
    policy: Policy,
    *,
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    municipality: str | None = None,
) -> ProviderReport:
    """The report over ``[start, end]`` of everything the log knew happened by ``as_of``.

    ``municipality`` keeps only that municipality's rows (compared trimmed and
    lower-cased). The figures are defined in this module's docstring.
    """
    logged = list(events)
    cases, spellings = _index(logged, policy, as_of)
    period_start = start or date.min
    period_end = min(end, as_of) if end is not None else as_of

    def in_period(day: date) -> bool:
        return period_start <= day <= period_end

    tallies: dict[RowKey, _Tally] = defaultdict(_Tally)
    for reference, case in cases.items():
        for provider, arrangements in case.arrangements.items():
            for arrangement in _running(arrangements, case.closed, period_start, period_end):
                tallies[(provider, arrangement.municipality)].cases.add(reference)
        attended: list[tuple[RowKey, int]] = []
        for evaluation in case.facts.evaluations:
            if not in_period(evaluation.day):
                continue
            provider = norm(evaluation.act.provider)
            if provider in case.arrangements:
                key = (provider, case.municipality_on(provider, evaluation.day))
                tallies[key].evaluations.append(evaluation.act)
        for discussion in case.facts.discussions:
            if not in_period(discussion.day) or not discussion.act.identified:
                continue
            present = {norm(attendee) for attendee in discussion.act.attendees}
            for provider in sorted(present & case.arrangements.keys()):
                key = (provider, case.municipality_on(provider, discussion.day))
                tallies[key].discussions.add(discussion.log.position)
                attended.append((key, discussion.log.position))
        if attended:
            without = _discussions_without_parents_invited(case.facts)
            for key, position in attended:
                if position in without:
                    tallies[key].without_parents_invited.add(position)

    wanted = norm(municipality) if municipality is not None else None
    keys = sorted(
        (key for key in tallies if wanted is None or key[1] == wanted),
        key=lambda k: (k[0], k[1] is None, k[1] or ""),
    )
    labels = _Labels(spellings, _forbidden_names(logged))
    rows = [
        _row(labels.show(key[0]), None if key[1] is None else labels.show(key[1]), tallies[key])
        for key in keys
    ]
    return ProviderReport(
        start=start,
        end=end,
        providers=rows,
        as_of=as_of,
        municipality=None if municipality is None else municipality.strip(),
    )


def _index(
    logged: Sequence[LoggedAction], policy: Policy, as_of: date
) -> tuple[dict[str, _Case], dict[str, str]]:
    """Each case's facts (from the one fold) with its arrangements per provider, and the
    first spelling of each provider and municipality name (by its normalized form)."""
    by_case: dict[str, list[LoggedAction]] = defaultdict(list)
    schools: dict[str, list[LoggedAction]] = defaultdict(list)
    school_of: dict[str, str] = {}
    for event in logged:
        action = event.action
        if isinstance(action, SchoolDocumentPublished):
            schools[action.school].append(event)
            continue
        by_case[action.case].append(event)
        if isinstance(action, CaseOpened):
            school_of.setdefault(action.case, action.school)
    cases: dict[str, _Case] = {}
    named: list[tuple[MomentKey, str]] = []
    for reference, case_events in by_case.items():
        school = schools.get(school_of.get(reference, "default"), [])
        facts = CaseFacts(reference, case_events, school, policy, as_of)
        closed = facts.closed
        case = cases[reference] = _Case(facts, None if closed is None else closed.day)
        for arranged in facts.arrangements:
            action = arranged.act
            provider = norm(action.provider)
            named.append((arranged.log.sort_key, action.provider))
            arrangements = case.arrangements.setdefault(provider, [])
            if action.municipality is not None:
                named.append((arranged.log.sort_key, action.municipality))
            inherited = arrangements[-1].municipality if arrangements else None
            municipality = action.municipality
            arrangements.append(
                _Arrangement(
                    arranged.day, norm(municipality) if municipality is not None else inherited
                )
            )
    spellings: dict[str, str] = {}
    for _, name in sorted(named, key=lambda pair: pair[0]):
        spellings.setdefault(norm(name), name)
    return cases, spellings


def _running(
    arrangements: Sequence[_Arrangement], closed: date | None, start: date, end: date
) -> list[_Arrangement]:
    """The arrangements in force on some day of ``[start, end]`` while the case was open."""
    running: list[_Arrangement] = []
    for index, arrangement in enumerate(arrangements):
        following = arrangements[index + 1].day if index + 1 < len(arrangements) else None
        last = following - timedelta(days=1) if following is not None else date.max
        if closed is not None:
            last = min(last, closed)
        if arrangement.day <= end and last >= start and arrangement.day <= last:
            running.append(arrangement)
    return running


def _discussions_without_parents_invited(facts: CaseFacts) -> set[int]:
    """Log positions of the case's discussions with a major B1 finding."""
    from zatlog.projections.audit.findings import check_facts
    from zatlog.projections.audit.names import NameGuard

    return {
        finding.subject.position
        for finding in check_facts(facts, NameGuard([]))
        if finding.rule == "B1" and finding.severity == "major"
    }


def _row(provider: str, municipality: str | None, tally: _Tally) -> ProviderRow:
    evaluations = tally.evaluations
    teacher = [e.effect_in_class for e in evaluations if e.evaluator == "teacher"]
    by_evaluator = [sum(e.evaluator == who for e in evaluations) for who in EVALUATORS]
    # A share gives its base away (10/13 reads 0.7692): the evaluations total is shown
    # whenever a share is, so the evaluators' counts are protected as its parts.
    shares_shown = len(evaluations) >= SHARE_BASE
    total, parts = protected(len(evaluations), by_evaluator)
    if not shares_shown:
        parts = tuple(published(n) for n in by_evaluator)
    counts = dict(zip(EVALUATORS, parts, strict=True))
    per_rating = [teacher.count(r) for r in RATINGS]
    teachers, ratings = protected(len(teacher), per_rating)
    if counts["teacher"] == HIDDEN:  # the ratings would add up to it: none shown but zeros
        ratings = tuple(0 if n == 0 else HIDDEN for n in per_rating)
    else:
        counts["teacher"] = teachers
    shown = shares_shown and total != HIDDEN
    return ProviderRow(
        provider=provider,
        municipality=municipality,
        cases=published(len(tally.cases)),
        evaluations=EvaluationCounts(**counts),
        teacher_effect_median=(
            float(statistics.median(teacher)) if len(teacher) >= MEDIAN_BASE else None
        ),
        share_worked_at_school=_share(e.worked_at_school for e in evaluations) if shown else None,
        share_involved_teacher=_share(e.involved_teacher for e in evaluations) if shown else None,
        share_involved_parents=_share(e.involved_parents for e in evaluations) if shown else None,
        discussions_attended=published(len(tally.discussions)),
        attended_without_parents_invited=published(len(tally.without_parents_invited)),
        flagged=bool(tally.without_parents_invited),
        teacher_ratings=ratings,
    )


def _share(flags: Iterable[bool]) -> float | None:
    """The share of true flags, only from a base of :data:`SHARE_BASE` (else None)."""
    values = list(flags)
    return round(sum(values) / len(values), 4) if len(values) >= SHARE_BASE else None


def _forbidden_names(events: Iterable[LoggedAction]) -> list[str]:
    """Case references and the names of pupils and persons anywhere in the log."""
    names: set[str] = set()
    for event in events:
        action = event.action
        if isinstance(action, CaseOpened):
            names.update((_words(action.case), _words(action.pupil_name)))
        elif isinstance(action, RelationRecorded):
            names.add(_words(action.name))
    return sorted(names - {" "})


def _words(text: str) -> str:
    """``" lotte vermeulen "``: the words of ``text``, lower-cased, one space around each."""
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


class _Labels:
    """Display labels: the first spelling in the log, unless it holds a name or case reference.

    A label holds a name when the name's words appear in it in a row (``Praktijk
    Lotte Vermeulen`` holds ``Lotte Vermeulen``; ``Vermeulen & Co`` does not).
    """

    def __init__(self, spellings: dict[str, str], forbidden: Sequence[str]) -> None:
        self.spellings = spellings
        self.forbidden = forbidden
        self.withheld: dict[str, str] = {}

    def show(self, key: str) -> str:
        """The label of a normalized name; ``*** N`` when it holds a name or case reference."""
        words = _words(key)
        if not any(name in words for name in self.forbidden):
            return self.spellings[key]
        return self.withheld.setdefault(key, f"*** {len(self.withheld) + 1}")


# -- rendering ----------------------------------------------------------------------------

JSON_FIELDS: tuple[str, ...] = (
    "provider",
    "municipality",
    "cases",
    "evaluations_teacher",
    "evaluations_parent",
    "evaluations_pupil",
    "evaluations_coordinator",
    "teacher_effect_median",
    "share_worked_at_school",
    "share_involved_teacher",
    "share_involved_parents",
    "discussions_attended",
    "attended_without_parents_invited",
)
"""CSV columns: the JSON row, evaluations flattened."""


def to_json(report: ProviderReport) -> str:
    """One JSON object, as docs/json-contracts.md describes."""
    data = report.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(report: ProviderReport) -> str:
    """One line per row, the JSON field names as header (the same in every language)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(JSON_FIELDS)
    for row in report.providers:
        data = row.model_dump(mode="json")
        for who, count in data.pop("evaluations").items():
            data[f"evaluations_{who}"] = count
        writer.writerow(["" if data[f] is None else data[f] for f in JSON_FIELDS])
    return out.getvalue()


def percent(share: float | None) -> str:
    """A share for people: ``67%``, or ``–`` when there is nothing to share."""
    return "–" if share is None else f"{round(share * 100)}%"


def median_text(median: float | None, lang: Lang = "nl") -> str:
    """``3,5`` in Dutch, ``3.5`` in English; ``–`` when there is no median."""
    if median is None:
        return "–"
    text = f"{median:g}"
    return text.replace(".", ",") if lang == "nl" else text


def period_text(report: ProviderReport, lang: Lang) -> str:
    """``1 januari 2025 t/m 31 december 2025``; without ``--to`` it ends on the as-of date."""
    end = report.end or report.as_of
    if report.start is None:
        return f"{label(PROVIDER_LABELS, 'until', lang)} {long_day(end, lang)}"
    through = label(PROVIDER_LABELS, "through", lang)
    return f"{long_day(report.start, lang)} {through} {long_day(end, lang)}"


def to_table(report: ProviderReport, lang: Lang = "nl", width: int | None = None) -> str:
    """A plain-text table for the terminal (within ``width`` when given), with a legend."""
    from zatlog.projections.text_table import columns

    def t(key: str) -> str:
        return label(PROVIDER_LABELS, key, lang)

    as_of = long_day(report.as_of, lang)
    lines = [f"{t('title')}: {period_text(report, lang)} ({t('as_of')} {as_of})"]
    if report.municipality is not None:
        lines.append(f"{t('municipality')}: {report.municipality}")
    if not report.providers:
        lines.append(t("none"))
        return "\n".join(lines) + "\n"
    header = [
        "  " + t("provider"),
        t("municipality"),
        t("cases"),
        t("evaluations_short"),
        t("median_short"),
        t("at_school_short"),
        t("teacher_short"),
        t("parents_short"),
        t("discussions_short"),
        t("without_short"),
    ]
    body = [
        [
            ("! " if row.flagged else "  ") + row.provider,
            row.municipality or t("not_recorded"),
            str(row.cases),
            " / ".join(str(getattr(row.evaluations, who)) for who in EVALUATORS),
            median_text(row.teacher_effect_median, lang),
            percent(row.share_worked_at_school),
            percent(row.share_involved_teacher),
            percent(row.share_involved_parents),
            str(row.discussions_attended),
            str(row.attended_without_parents_invited),
        ]
        for row in report.providers
    ]
    lines.append(columns([header, *body], width, right=range(2, len(header))))
    lines += ["", t("legend"), t("small_counts")]
    if any(row.flagged for row in report.providers):
        lines.append(f"! {t('flag')}")
    return "\n".join(lines) + "\n"


TEMPLATES = Path(__file__).parent / "templates"


def to_html(report: ProviderReport, lang: Lang = "nl") -> str:
    """A self-contained HTML page (inline CSS and SVG), Dutch unless ``lang`` is ``en``."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("providers.html.j2")
    return template.render(
        report=report,
        lang=lang,
        t=lambda key: label(PROVIDER_LABELS, key, lang),
        period=period_text(report, lang),
        percent=percent,
        median_text=median_text,
        long_day=long_day,
        evaluators=EVALUATORS,
        charts=[rating_chart(row) for row in report.providers],
    )


CHART_BAR = 22
CHART_GAP = 6
CHART_WIDTH = CHART_GAP + 5 * (CHART_BAR + CHART_GAP)
CHART_HEIGHT = 82
CHART_BASELINE = 58
CHART_TALLEST = 44
CHART_STUB = 5.0


@dataclass(frozen=True)
class Bar:
    """One bar of the small chart, in SVG user units."""

    rating: int
    x: float
    y: float
    height: float
    text: str
    small: bool
    width: float = CHART_BAR

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Chart:
    """A row's chart of teachers' ratings; ``median_x`` is None when there are none."""

    bars: tuple[Bar, ...]
    median_x: float | None
    """None when there is no median to show (fewer than :data:`MEDIAN_BASE` ratings)."""
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    baseline: int = CHART_BASELINE

    @property
    def rated(self) -> bool:
        """Some teacher rated the provider (a bar is not 0)."""
        return any(bar.text != "0" for bar in self.bars)

    @property
    def median_marker(self) -> str:
        """SVG points of the median's triangle, just under the axis."""
        x, y = self.median_x or 0.0, self.baseline + 2
        return f"{x:g},{y} {x - 5:g},{y + 8} {x + 5:g},{y + 8}"


def rating_chart(row: ProviderRow) -> Chart:
    """Geometry of a row's chart of teachers' ratings 1–5.

    A bar of 5 or more evaluations is as tall as its count allows; a count
    that must not be shown as a number (``< 5``, or hidden as ``–``) is a low
    hatched stub with that label, and 0 has no bar. The median is a dashed
    marker on the rating axis.
    """
    counts = [c if isinstance(c, int) else 0 for c in row.teacher_ratings]
    tallest = max(counts, default=0)
    bars: list[Bar] = []
    for rating, shown, count in zip(RATINGS, row.teacher_ratings, counts, strict=True):
        small = not isinstance(shown, int)
        height = (
            CHART_STUB if small else (round(count / tallest * CHART_TALLEST, 2) if count else 0)
        )
        bars.append(
            Bar(
                rating=rating,
                x=_bar_x(rating),
                y=CHART_BASELINE - height,
                height=height,
                text=str(shown),
                small=small,
            )
        )
    median = row.teacher_effect_median
    median_x = None if median is None else _bar_x(median) + CHART_BAR / 2
    return Chart(bars=tuple(bars), median_x=median_x)


def _bar_x(rating: float) -> float:
    return CHART_GAP + (rating - 1) * (CHART_BAR + CHART_GAP)
