"""The dossier's "who looked at this file": the access log of one case, folded for parents.

Consecutive looks of one staff member on one day become one line (what they
looked at and why, each named once), in time order. Staff are shown by their
function; their id only when the policy's ``access_log_names`` says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from zatlog.access_log import StoredAccess
from zatlog.policy import Policy
from zatlog.projections.dossier.model import Look
from zatlog.projections.i18n import label


def fold_looks(entries: Iterable[StoredAccess], case: str, policy: Policy) -> list[Look]:
    """The looks at ``case`` in ``entries`` (in recording order), folded per person and day."""
    looks: list[Look] = []
    last: tuple[str, object] | None = None
    for entry in entries:
        access = entry.access
        if case not in access.cases:
            continue
        day = access.at.astimezone().date()
        key = (access.actor, day)
        if key == last:
            previous = looks[-1]
            looks[-1] = previous.model_copy(
                update={
                    "what": list(dict.fromkeys([*previous.what, access.command])),
                    "why": list(dict.fromkeys([*previous.why, access.purpose])),
                }
            )
            continue
        last = key
        looks.append(
            Look(
                on=day,
                function=policy.staff_functions.get(access.actor),
                name=access.actor if policy.access_log_names else None,
                what=[access.command],
                why=[access.purpose],
            )
        )
    return looks


LOOK_WORDS: dict[str, tuple[str, str]] = {
    "looks": ("Wie heeft het dossier ingezien", "Who looked at this file"),
    "looks_explained": (
        "Elke keer dat iemand van school gegevens uit dit dossier bekeek, is vastgelegd: "
        "wanneer, wie (functie), wat en waarom. Opeenvolgende keren van één persoon op één "
        "dag staan op één regel.",
        "Every time someone at school looked at data from this file was recorded: when, "
        "who (their function), what and why. Consecutive looks of one person on one day "
        "share one line.",
    ),
    "none": ("Nog niemand heeft het dossier ingezien.", "No one has looked at this file yet."),
    "why": ("waarom", "why"),
    "staff": ("medewerker van school", "school staff"),
    # what: the commands that log a look
    "case show": ("overzicht van het dossier", "overview of the file"),
    "case timeline": ("tijdlijn van het dossier", "the file's timeline"),
    "case list": ("lijst van dossiers (naam en stap)", "list of files (name and step)"),
    "due": ("lijst van openstaande termijnen", "list of deadlines"),
    "audit": ("audit van de betrokkenheid van ouders", "audit of the parents' involvement"),
    "dossier export": ("export van het dossier (inzage)", "export of the file (inspection)"),
    "export-log": ("volledige export van het logboek", "full export of the log"),
    # why: the default purposes (a purpose typed by staff is shown as typed)
    "zorgcoördinatie": ("zorgcoördinatie", "care coordination"),
    "inzageverzoek": ("inzageverzoek", "request for inspection"),
    "gegevensexport": ("gegevensexport", "data export"),
}


def look_word(key: str, lang: str) -> str:
    """A label of the section (Dutch, or English with ``lang`` "en"); unknown keys as given."""
    return label(LOOK_WORDS, key, "en" if lang == "en" else "nl")


def who_looked(look: Look, lang: str) -> str:
    function = look.function or look_word("staff", lang)
    return f"{look.name} ({function})" if look.name else function


def what_was_looked_at(look: Look, lang: str) -> str:
    return ", ".join(look_word(command, lang) for command in look.what)


def why_looked(look: Look, lang: str) -> str:
    return ", ".join(look_word(purpose, lang) for purpose in look.why)
