"""The rules an audit checks, explained for an inspector, and the words their findings use.

A rule module states a finding's facts as a :class:`Text`: a message key and named facts
(ids, dates, counts, people as :class:`Who`, label keys as :class:`Label`, other texts).
Only this module turns a text into Dutch or English words (:func:`render`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from string import Formatter
from typing import Literal, TypeAlias

from zatlog.people import PUPIL
from zatlog.projections import i18n
from zatlog.projections.facts import Who

Lang = Literal["nl", "en"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    """The severities its findings can have, worst first (``"major / minor"``)."""
    source: str
    title_nl: str
    title_en: str
    explanation_nl: str
    explanation_en: str

    def title(self, lang: Lang) -> str:
        return self.title_en if lang == "en" else self.title_nl

    def explanation(self, lang: Lang) -> str:
        return self.explanation_en if lang == "en" else self.explanation_nl


RULES: tuple[Rule, ...] = (
    Rule(
        "S0",
        "major",
        "handreiking stap 0; richtlijnen 1, 2, 11",
        "Schoolbeleid gepubliceerd",
        "School policy published",
        "Voordat een leerling met naam in de CvB of het ZAT besproken wordt, moet de school "
        "haar schoolgids, privacyreglement en (voor het ZAT) de ZAT-folder, het convenant, het "
        "privacyreglement van het ZAT, de klachtenregeling en de meldcode gepubliceerd hebben.",
        "Before a pupil is discussed by name in the CvB or the ZAT, the school must have "
        "published its school guide and privacy regulation and, for the ZAT, the ZAT leaflet, "
        "covenant, ZAT privacy regulation, complaints procedure and reporting code.",
    ),
    Rule(
        "P0",
        "major",
        "handreiking bijlage",
        "Niemand met gezag bekend",
        "Nobody with authority on record",
        "Een minderjarige leerling werd met naam besproken terwijl in het dossier niemand met "
        "ouderlijk gezag of voogdij staat: niemand kon om toestemming gevraagd, uitgenodigd of "
        "geïnformeerd worden.",
        "A minor was discussed by name while nobody holding parental authority or guardianship "
        "is on record: nobody could be asked for consent, invited or informed.",
    ),
    Rule(
        "G1",
        "major",
        "richtlijn 1",
        "Ouders eerst over de zorg geïnformeerd",
        "Parents told about the concern first",
        "Voor de eerste bespreking in de CvB moeten de ouders met gezag over de zorg om hun kind "
        "geïnformeerd zijn; een leerling van 16 of 17 mag ook zelf geïnformeerd zijn, vanaf 18 "
        "de leerling of een wettelijk vertegenwoordiger.",
        "Before the first CvB discussion, the parents with authority must have been told about "
        "the concern; a pupil of 16 or 17 may have been told instead, from 18 the pupil or a "
        "legal representative.",
    ),
    Rule(
        "G2",
        "major",
        "richtlijn 2; LKC 2022018779",
        "Doel en samenstelling vooraf gemeld",
        "Purpose and composition told in advance",
        "Voor een bespreking in de CvB, het ZAT of een MDO moeten ouders (en een leerling van 16 "
        "of ouder) weten waarom, wanneer en met wie hun kind besproken wordt. Een uitnodiging van "
        "vóór een afzegging van het overleg telt niet meer.",
        "Before a CvB, ZAT or MDO discussion, parents (and a pupil of 16 or older) must know "
        "why, when and with whom their child will be discussed. An invitation from before a "
        "cancellation of the meeting no longer counts.",
    ),
    Rule(
        "B1",
        "major / minor",
        "blog regel 1; richtlijn 2",
        "Ouders op tijd uitgenodigd",
        "Parents invited in time",
        "Geen bespreking over een kind zonder dat de ouders (en een leerling van 16 of ouder) "
        "zijn uitgenodigd, en op tijd: ten minste het in het beleid vastgelegde aantal dagen "
        "vooraf. Een uitnodiging van vóór een afzegging van het overleg telt niet meer.",
        "No discussion about a child unless the parents (and a pupil of 16 or older) were "
        "invited, and in time: at least the number of days the policy sets. An invitation from "
        "before a cancellation of the meeting no longer counts.",
    ),
    Rule(
        "P1",
        "minor",
        "handreiking §5",
        "Ouders en leerling gehoord",
        "Parents and pupil heard",
        "Voor een bespreking in de CvB of het ZAT is de inbreng van de ouders gevraagd en "
        "vastgelegd, en is een leerling van 12 jaar of ouder zelf gehoord.",
        "Before a CvB or ZAT discussion, the parents' own view was asked and recorded, and a "
        "pupil of 12 or older was heard.",
    ),
    Rule(
        "Z1",
        "major / minor",
        "handreiking §3, §4 stap 3–4a",
        "Aanmelding ZAT met de ouders",
        "ZAT registration with the parents",
        "Ouders horen vóór de aanmelding bij het ZAT dat hun kind wordt aangemeld, en hun "
        "inbreng staat op het aanmeldformulier.",
        "Parents hear before the registration with the ZAT that their child is registered, and "
        "their input is on the registration form.",
    ),
    Rule(
        "G3",
        "critical",
        "richtlijn 3",
        "Alleen gegevens waarvoor toestemming is",
        "Only data covered by consent",
        "In een bespreking worden alleen de gegevens gedeeld die op het toestemmingsformulier "
        "staan; zonder toestemming (geen bezwaar) alleen de buitenkant-informatie.",
        "A discussion shares only the data named on the consent form; without consent "
        "(no objection) only the outside information.",
    ),
    Rule(
        "G4",
        "critical / major",
        "richtlijn 4",
        "Ondubbelzinnige toestemming",
        "Unambiguous consent",
        "Een volledige bespreking vraagt geldige, ondertekende toestemming van iedereen die moet "
        "tekenen (ouders met gezag, en naar leeftijd de leerling), voor dit overleg en niet "
        "ingetrokken. Berust het delen van buitenkant-informatie op toestemming, dan moet die "
        "toestemming ook geldig zijn; alleen mondeling gegeven is daar een ernstige tekortkoming.",
        "A full discussion needs valid, signed consent from everyone who must sign (parents with "
        "authority and, by age, the pupil), for this forum and not withdrawn. When outside "
        "information is shared on the basis of consent, that consent must be valid too; consent "
        "given only verbally is a major shortcoming there.",
    ),
    Rule(
        "G5",
        "critical",
        "richtlijn 5",
        "Alleen deelnemers waarvoor toestemming is",
        "Only participants covered by consent",
        "Aan een bespreking nemen alleen de deelnemers deel die op het toestemmingsformulier "
        "(of het geen-bezwaarbericht) staan.",
        "Only the participants named on the consent form (or no-objection notice) take part.",
    ),
    Rule(
        "G6",
        "critical / major",
        "richtlijn 6",
        "Geen-bezwaarprocedure correct gevolgd",
        "No-objection route followed properly",
        "Zonder toestemming mag alleen buitenkant-informatie gedeeld worden, na een schriftelijk "
        "bericht aan alle ouders met gezag, zonder bezwaar, en na afloop van een redelijke "
        "bezwaartermijn.",
        "Without consent only outside information may be shared, after a written notice to all "
        "parents with authority, with no objection, and once a fair objection period has ended.",
    ),
    Rule(
        "G7",
        "critical",
        "richtlijn 7",
        "Geweigerd is geweigerd",
        "A refusal is respected",
        "Wie heeft geweigerd, ingetrokken of bezwaar gemaakt, wordt niet alsnog met naam "
        "besproken; een anonieme consultatie deelt geen gegevens die de leerling herkenbaar maken.",
        "After a refusal, withdrawal or objection the pupil is not discussed by name after all; "
        "an anonymous consultation shares nothing that identifies the pupil.",
    ),
    Rule(
        "G8",
        "critical / major",
        "richtlijn 8",
        "Veiligheid: doorbreken van toestemming verantwoord",
        "Safety: overriding consent accounted for",
        "Een bespreking zonder toestemming wegens de veiligheid van het kind vraagt een "
        "vastgelegde zorg en een besluit daartoe, en wordt binnen enkele dagen gevolgd door een "
        "melding; alleen een melding van na de laatste vastgelegde zorg telt.",
        "A discussion without consent for the child's safety needs a recorded concern and a "
        "decision to override, and is followed within days by a report; only a report made "
        "after the latest recorded concern counts.",
    ),
    Rule(
        "G9",
        "critical / major / minor",
        "richtlijn 9; meldcode stap 3",
        "Ouders geïnformeerd over een melding",
        "Parents informed of a report",
        "Ouders met gezag horen vooraf van een melding (of, bij uitstel om veiligheidsredenen, "
        "uiterlijk op de herzieningsdatum) en krijgen een schriftelijke bevestiging. Alleen wat "
        "na de vorige melding is verteld of uitgesteld, telt voor een volgende melding.",
        "Parents with authority hear of a report beforehand (or, when deferred for safety, by "
        "the review date) and receive a written notice. Only what was told or deferred after "
        "the previous report counts for a next one.",
    ),
    Rule(
        "O1",
        "major",
        "handreiking §4 stap 4b",
        "Uitkomst aan afwezige ouders gemeld",
        "Outcome told to absent parents",
        "Waren de ouders niet bij de bespreking, dan horen zij de uitkomst binnen de termijn van "
        "het beleid, voordat er iets gebeurt.",
        "When the parents were not at the discussion, they hear the outcome within the policy's "
        "term, before anything is done.",
    ),
    Rule(
        "S1",
        "minor",
        "handreiking §4 stap 4a, §5",
        "Actuele SDQ bij de ZAT-bespreking",
        "Recent SDQ at the ZAT discussion",
        "Bij een ZAT-bespreking liggen een recente SDQ van de ouders en van de leerkracht.",
        "A ZAT discussion has a recent SDQ from the parents and from the teacher.",
    ),
    Rule(
        "G10",
        "major",
        "richtlijn 10; AVG art. 12(3), 15",
        "Inzageverzoek op tijd beantwoord",
        "Access request answered in time",
        "Een verzoek om inzage of een kopie van iemand met volledig inzagerecht wordt binnen een "
        "maand beantwoord (verlengd: uiterlijk drie maanden) en niet geweigerd: wat afgeschermd "
        "moet worden, wordt weggelakt.",
        "A request for access or a copy by someone with the full right is answered within one "
        "month (extended: at most three) and not refused: what must be withheld is redacted.",
    ),
    Rule(
        "I377",
        "major",
        "BW 1:377c",
        "Ouder zonder gezag: belangrijke feiten",
        "Parent without authority: important facts",
        "Een ouder zonder gezag die om belangrijke feiten vraagt, krijgt binnen de termijn "
        "antwoord; weigeren kan alleen in het belang van het kind of omdat de ouder met gezag die "
        "informatie ook niet krijgt, met motivering.",
        "A parent without authority who asks for important facts is answered in time; refusing "
        "is allowed only in the child's interest or because the custodial parent would not get "
        "it either, and with reasons.",
    ),
    Rule(
        "A16",
        "critical",
        "handreiking bijlage",
        "Weigering van een leerling van 16+",
        "Refusal by a pupil of 16+",
        "Heeft een leerling van 16 of ouder geweigerd dat een ouder informatie krijgt, dan krijgt "
        "die ouder vanaf de dag van de weigering geen informatie of uitnodiging meer (op één dag "
        "beslist het tijdstip, als beide er een hebben).",
        "When a pupil of 16 or older refused information to a parent, that parent receives no "
        "information or invitations from the day of the refusal on (within one day the time "
        "decides, when both carry one).",
    ),
    Rule(
        "X1",
        "critical",
        "BW; ondertoezichtstelling",
        "Beperking van informatie nageleefd",
        "Restriction of information respected",
        "Heeft een rechter of jeugdbeschermer de informatie aan iemand beperkt, dan krijgt die "
        "persoon die informatie niet, vanaf de dag van de beperking tot de dag vóór het einde "
        "ervan (op één dag beslist het tijdstip, als beide er een hebben).",
        "When a court or youth protection worker restricted information to someone, that person "
        "does not receive it, from the day of the restriction up to the day before its end "
        "(within one day the time decides, when both carry one).",
    ),
    Rule(
        "D1",
        "critical",
        "AVG; BW 1:377c",
        "Informatie alleen aan wie er recht op heeft",
        "Information only to those entitled",
        "Uitkomsten, plannen, meldingen en dossierinzage gaan alleen naar wie daar recht op "
        "heeft; het volledige dossier alleen naar wie volledig inzagerecht heeft.",
        "Outcomes, plans, reports and dossier copies go only to those entitled to them; the "
        "full dossier only to those with the full right of access.",
    ),
    Rule(
        "H1",
        "major",
        "handreiking §1; LKC 104798",
        "Extra hulp met medeweten van de ouders",
        "Extra help with the parents' knowledge",
        "Extra hulp wordt pas ingezet als de ouders met gezag (of een leerling van 16 of ouder; "
        "vanaf 18 de leerling of een wettelijk vertegenwoordiger) ervan weten: zij zijn erover "
        "geïnformeerd, waren bij een bespreking, of stemden in met het handelingsplan.",
        "Extra help is arranged only once the parents with authority (or a pupil of 16 or "
        "older; from 18 the pupil or a legal representative) know of it: they were told, took "
        "part in a discussion, or agreed to the action plan.",
    ),
    Rule(
        "C1",
        "minor",
        "richtlijn 2",
        "Afgezegd overleg gemeld",
        "Cancelled meeting told",
        "Wie voor een overleg is uitgenodigd, hoort uiterlijk op de geplande datum dat het niet "
        "doorgaat, of krijgt een nieuwe uitnodiging.",
        "Whoever was invited to a meeting hears by its planned date that it is cancelled, or "
        "receives a new invitation.",
    ),
    Rule(
        "L1",
        "minor",
        "NEN 7513; AVG art. 5(1)(d)",
        "Op tijd vastgelegd",
        "Recorded in time",
        "Een handeling wordt vastgelegd binnen het in het beleid vastgelegde aantal dagen nadat "
        "zij plaatsvond; wat later is vastgelegd, is geen verslag van het moment meer. "
        "Gegevens die uit een ander systeem zijn overgenomen, worden niet beoordeeld. Het "
        "aandeel laat vastgelegde handelingen zegt een inspecteur hoeveel van het dossier "
        "achteraf is geschreven.",
        "An action is recorded within the number of days the policy sets after it happened; "
        "what is recorded later is no longer a record made at the time. Records migrated from "
        "another system are not judged. The share of actions recorded late tells an inspector "
        "how much of the file was written after the fact.",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
RULE_ORDER: dict[str, int] = {rule.id: i for i, rule in enumerate(RULES)}

FORUM_SHORT: dict[str, str] = {"cvb": "CvB", "zat": "ZAT", "mdo": "MDO"}

Words = tuple[str, str]
"""A text in Dutch and English."""


def forum(code: str) -> str:
    return FORUM_SHORT.get(code, code)


# The words below come from the one catalog of words (zatlog.projections.i18n), so that a
# finding names a relation, document, basis or channel as every other output does.
LABELS: dict[str, dict[str, Words]] = {
    "action": i18n.ACTION_LABELS,
    "basis": i18n.BASIS_LABELS,
    "channel": i18n.CHANNEL_PHRASES,
    "channel_noun": {
        key: i18n.VALUE_LABELS[key]
        for key in ("conversation", "phone", "letter", "email", "portal")
    },
    "document": i18n.DOCUMENT_LABELS,
    "forum": {code: (short, short) for code, short in FORUM_SHORT.items()},
    "in_forum": {
        code: (f"in {'de' if code == 'cvb' else 'het'} {short}", f"in the {short}")
        for code, short in FORUM_SHORT.items()
    },
    "for_forum": {
        code: (f"voor {'de' if code == 'cvb' else 'het'} {short}", f"for the {short}")
        for code, short in FORUM_SHORT.items()
    },
    "relation": {key: pair for key, pair in i18n.RELATION_LABELS.items() if key != PUPIL},
}
"""The label tables a :class:`Label` names (item categories read through
:func:`zatlog.projections.i18n.category_label`)."""

CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Label:
    """A key of one of the label tables (:data:`LABELS`, or ``category``), read in words."""

    table: str
    key: str


@dataclass(frozen=True, slots=True)
class Text:
    """A message by its key in :data:`MESSAGES` and the facts that fill it."""

    key: str
    facts: tuple[tuple[str, Fact], ...] = ()

    def render(self, lang: Lang) -> str:
        return render(self, lang)


Fact: TypeAlias = "str | int | date | Who | Label | Text | tuple[Fact, ...] | None"
"""What fills a message field: an id or other code (as it is), a count, a date, a person,
a label key, another text, a list of these (``a, b en c``) or nothing (empty)."""


def text(key: str, **facts: Fact) -> Text:
    """The message ``key`` about ``facts`` (its words come from :func:`render`)."""
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r} in the catalog")
    return Text(key, tuple(sorted(facts.items())))


def render(message: Text, lang: Lang) -> str:
    """The words of ``message`` in ``lang``; a capitalized field (``{Title}``) takes the value
    with its first letter capitalized."""
    template = i18n.label(MESSAGES, message.key, lang)
    values = {name: _words(fact, lang) for name, fact in message.facts}
    values.update({name[:1].upper() + name[1:]: cap(v) for name, v in values.items()})
    return template.format(**values)


def words(message: Text) -> Words:
    """The Dutch and English words of ``message``."""
    return render(message, "nl"), render(message, "en")


def fields(template: str) -> set[str]:
    """The fields of a template, lower-cased (``{Title}`` and ``{title}`` are one field)."""
    return {f.lower() for _, f, _, _ in Formatter().parse(template) if f}


def _words(fact: Fact, lang: Lang) -> str:
    if fact is None:
        return ""
    if isinstance(fact, Text):
        return render(fact, lang)
    if isinstance(fact, Who):
        return _person(fact, lang)
    if isinstance(fact, Label):
        return _label(fact, lang)
    if isinstance(fact, tuple):
        return i18n.listing([_words(item, lang) for item in fact], lang)
    if isinstance(fact, date):
        return fact.isoformat()
    return str(fact)


def person_words(who: Who) -> Words:
    """How messages name a person, in Dutch and English (``ouder 2``, ``parent 2``)."""
    return _person(who, "nl"), _person(who, "en")


def _person(who: Who, lang: Lang) -> str:
    """A person by their role on the case (``de ouder``; ``ouder 2`` when two people have it),
    never by name or id; by id only when no relation is recorded."""
    if who.person == PUPIL:
        return "the pupil" if lang == "en" else "de leerling"
    if who.relation is None:
        return who.person
    role = _label(Label("relation", who.relation), lang)
    if who.number is not None:
        return f"{role} {who.number}"
    return f"the {role}" if lang == "en" else f"de {role}"


def _label(label: Label, lang: Lang) -> str:
    if label.table == CATEGORY:
        return i18n.category_label(label.key, lang)
    return i18n.label(LABELS[label.table], label.key, lang)


def cap(value: str) -> str:
    """The text with its first letter capitalized (sentence start)."""
    return value[:1].upper() + value[1:]


def discussion(forum_code: str, when: date) -> Text:
    """``de ZAT-bespreking op 2025-10-20`` / ``the ZAT discussion on 2025-10-20``."""
    return text("title.discussion", forum=Label("forum", forum_code), date=when)


def categories(items: list[str]) -> tuple[Label, ...]:
    """Item categories, to be listed in words: ``naam en gedrag``."""
    return tuple(Label(CATEGORY, item) for item in items)


# -- messages ------------------------------------------------------------------------------

_REQUEST_UNANSWERED: Words = (
    "{request} is niet uiterlijk op {due} beantwoord.",
    "{request} was not answered by {due}.",
)
_REQUEST_LATE: Words = (
    "{request} is pas op {late} beantwoord, na de termijn ({due}).",
    "{request} was answered only on {late}, after the deadline ({due}).",
)

MESSAGES: dict[str, Words] = {
    # -- S0, P0
    "S0": (
        "De leerling is op {when} {forum} besproken terwijl de school nog niet had "
        "gepubliceerd: {documents}.",
        "The pupil was discussed {forum} on {when} while the school had not yet published: "
        "{documents}.",
    ),
    "P0": (
        "De leerling ({age} jaar) is op {when} {forum} besproken terwijl in het dossier "
        "niemand met gezag staat: niemand kon om toestemming gevraagd, uitgenodigd of "
        "geïnformeerd worden.",
        "The pupil (aged {age}) was discussed {forum} on {when} while nobody holding "
        "authority is on record: nobody could be asked for consent, invited or informed.",
    ),
    # -- G1, G2, B1, C1
    "G1": (
        "Vóór {title}, de eerste CvB-bespreking, is {whom} over de zorg geïnformeerd{note}.",
        "Before {title}, the first CvB discussion, {whom} was told about the concern{note}.",
    ),
    "G1.whom": ("geen ouder met gezag", "no parent with authority"),
    "G1.whom_16": (
        "geen ouder met gezag en niet de leerling zelf",
        "no parent with authority nor the pupil",
    ),
    "G1.whom_18": (
        "niet de leerling zelf en geen wettelijk vertegenwoordiger",
        "neither the pupil nor a legal representative",
    ),
    "G1.nobody": (
        "; er staat niemand met gezag in het dossier",
        "; nobody holding authority is on record",
    ),
    "G2": (
        "Vóór {title} is {who} niet verteld wat het doel, de datum en de samenstelling van het "
        "overleg waren{note}.",
        "Before {title}, {who} was not told the purpose, date and composition of the meeting"
        "{note}.",
    ),
    "cancelled_before": (
        " (wat vóór de afzegging van {cancelled} is gezegd, telt niet meer)",
        " (what was said before the cancellation of {cancelled} no longer counts)",
    ),
    "B1.missing": (
        "Voor {title} is {who} niet uitgenodigd{note}.",
        "{Title} took place without {who} being invited{note}.",
    ),
    "B1.after": (
        "; de uitnodiging van {late} kwam pas na de bespreking",
        "; the invitation of {late} came after the discussion",
    ),
    "B1.late": (
        "Voor {title} is {who} pas op {when} uitgenodigd: {lead} dagen vooraf, minder dan de "
        "{days} dagen van het beleid.",
        "For {title}, {who} was invited only on {when}: {lead} days ahead, fewer than the "
        "policy's {days} days.",
    ),
    "C1": (
        "Het overleg {meeting} van {planned} is op {cancelled} afgezegd, maar {who}, "
        "uitgenodigd op {invited}, heeft dat niet uiterlijk op {planned} gehoord{note}.",
        "Meeting {meeting} of {planned} was cancelled on {cancelled}, but {who}, invited on "
        "{invited}, was not told by {planned}{note}.",
    ),
    "C1.late": ("; pas op {late}", "; only on {late}"),
    # -- P1, Z1, O1, S1
    "P1.parents": (
        "Vóór {title} is de inbreng van de ouders met gezag{extra} niet gevraagd en vastgelegd.",
        "Before {title}, the view of the parents with authority{extra} was not asked and recorded.",
    ),
    "P1.or_pupil": (
        " (of van de leerling van 16 of ouder)",
        " (or of the pupil, aged 16 or over)",
    ),
    "P1.pupil": (
        "Vóór {title} is de leerling ({age} jaar) niet zelf gehoord.",
        "Before {title}, the pupil (aged {age}) was not heard.",
    ),
    "Z1.not_told": (
        "De leerling is op {when} bij het ZAT aangemeld zonder dat de ouders met gezag daar "
        "vooraf over zijn geïnformeerd.",
        "The pupil was registered with the ZAT on {when} without the parents with authority "
        "being told beforehand.",
    ),
    "Z1.no_input": (
        "De aanmelding bij het ZAT op {when} bevat geen inbreng van de ouders.",
        "The ZAT registration of {when} holds no input from the parents.",
    ),
    "O1": (
        "De ouders waren niet bij {title}; {who} heeft de uitkomst {what} gehoord, niet binnen "
        "{days} dagen.",
        "The parents were not at {title}; {who} {what}, not within {days} days.",
    ),
    "O1.late": ("pas op {late}", "was told the outcome only on {late}"),
    "O1.never": ("niet", "was not told the outcome"),
    "S1.parent": ("ouder-SDQ", "parent SDQ"),
    "S1.teacher": ("leerkracht-SDQ", "teacher SDQ"),
    "S1.missing": ("Bij {title} was er geen {form}.", "At {title} there was no {form}."),
    "S1.old": (
        "Bij {title} was de laatste {form} (van {when}) {age} dagen oud, ouder dan {days} dagen.",
        "At {title} the latest {form} (of {when}) was {age} days old, older than {days} days.",
    ),
    # -- G3 to G7
    "G3.form": (
        "Bij {title} zijn gegevens gedeeld die niet op toestemmingsformulier {form} staan: "
        "{items}.",
        "At {title}, data not named on consent form {form} was shared: {items}.",
    ),
    "G3.no_objection": (
        "Bij {title}, zonder toestemming (geen bezwaar), is meer gedeeld dan de "
        "buitenkant-informatie: {items}.",
        "At {title}, held without consent (no objection), more than the outside information "
        "was shared: {items}.",
    ),
    "G4.full": (
        "{Title} was een volledige bespreking zonder ondubbelzinnige toestemming (grondslag: "
        "{basis}).",
        "{Title} was a full discussion without unambiguous consent (basis: {basis}).",
    ),
    "G4.outside_none": (
        "Bij {title} is buitenkant-informatie gedeeld zonder toestemming en zonder "
        "geen-bezwaarprocedure.",
        "At {title}, outside information was shared without consent and without a "
        "no-objection notice.",
    ),
    "G4.not_issued": (
        "Voor {title} was toestemmingsformulier {form} nog niet uitgereikt.",
        "Consent form {form} had not been issued before {title}.",
    ),
    "G4.forum": (
        "Toestemmingsformulier {form} geldt {forum}, niet voor {title}.",
        "Consent form {form} is {forum}, not for {title}.",
    ),
    "G4.expired": (
        "Toestemmingsformulier {form} was geldig tot {until}, vóór {title}.",
        "Consent form {form} was valid until {until}, before {title}.",
    ),
    "G4.refused": (
        "{Title} ging door terwijl {who} de toestemming op formulier {form} op {when} had "
        "geweigerd.",
        "{Title} went ahead although {who} refused consent on form {form} on {when}.",
    ),
    "G4.withdrawn": (
        "{Title} ging door terwijl {who} de toestemming op formulier {form} op {when} had "
        "ingetrokken.",
        "{Title} went ahead although {who} withdrew consent on form {form} on {when}.",
    ),
    "G4.unsigned": (
        "Vóór {title} had {who} toestemmingsformulier {form} niet (elektronisch) ondertekend.",
        "Before {title}, {who} had not signed consent form {form} (on paper or electronically).",
    ),
    "G4.unsigned_group": (
        "Vóór {title} had geen van {who} toestemmingsformulier {form} (elektronisch) ondertekend.",
        "Before {title}, none of {who} had signed consent form {form} (on paper or "
        "electronically).",
    ),
    "G4.verbal_outside": (
        "Bij {title} is buitenkant-informatie gedeeld op toestemming die {who} op formulier "
        "{form} alleen mondeling gaf.",
        "At {title}, outside information was shared on consent that {who} gave on form {form} "
        "only verbally.",
    ),
    "G5": (
        "Aan {title} nam {attendee} deel, die niet op {document} staat.",
        "At {title}, {attendee} took part but is not named on {document}.",
    ),
    "G5.form": ("toestemmingsformulier {form}", "consent form {form}"),
    "G5.notice": ("geen-bezwaarbericht {notice}", "no-objection notice {notice}"),
    "G6.full": (
        "{Title} was een volledige bespreking op basis van geen bezwaar; zonder toestemming "
        "mag alleen buitenkant-informatie gedeeld worden.",
        "{Title} was a full discussion on a no-objection basis; without consent only outside "
        "information may be shared.",
    ),
    "G6.no_notice": (
        "Voor {title} op basis van geen bezwaar kregen de ouders geen geen-bezwaarbericht.",
        "For {title}, held on a no-objection basis, the parents got no no-objection notice.",
    ),
    "G6.notice_after": (
        "Voor {title} op basis van geen bezwaar kregen de ouders het bericht pas daarna.",
        "For {title}, held on a no-objection basis, the parents got the notice only afterwards.",
    ),
    "G6.not_written": (
        "Het geen-bezwaarbericht {notice} van {sent} voor {title} was niet schriftelijk "
        "({channel}).",
        "The no-objection notice {notice} of {sent} for {title} was not in writing ({channel}).",
    ),
    "G6.not_sent": (
        "Het geen-bezwaarbericht {notice} voor {title} is niet naar {who} gestuurd.",
        "The no-objection notice {notice} for {title} was not sent to {who}.",
    ),
    "G6.objected": (
        "{Title} ging door terwijl {who} op {when} bezwaar had gemaakt.",
        "{Title} went ahead although {who} objected on {when}.",
    ),
    "G6.in_term": (
        "{Title} vond plaats vóór het einde van de bezwaartermijn van geen-bezwaarbericht "
        "{notice} (tot en met {deadline}).",
        "{Title} took place before the objection period of no-objection notice {notice} had "
        "ended (it ran until {deadline}).",
    ),
    "G6.short_term": (
        "Geen-bezwaarbericht {notice} gaf de ouders {term} dagen om bezwaar te maken, minder "
        "dan de {days} dagen van het beleid.",
        "No-objection notice {notice} gave the parents {term} days to object, fewer than the "
        "policy's {days} days.",
    ),
    "G7.anonymous": (
        "Bij {title}, een anonieme consultatie, zijn gegevens gedeeld die de leerling "
        "herkenbaar maken: {items}.",
        "At {title}, an anonymous consultation, data identifying the pupil was shared: {items}.",
    ),
    "G7": (
        "De leerling is op {day} toch met naam besproken {forum}, terwijl {who} op {when} {what}.",
        "The pupil was discussed by name {forum} on {day} although {who} {what} on {when}.",
    ),
    "G7.objected": ("bezwaar had gemaakt", "objected"),
    "G7.refused": ("toestemming had geweigerd", "refused consent"),
    "G7.withdrawn": ("toestemming had ingetrokken", "withdrew consent"),
    # -- G8, G9
    "G8.unprepared": (
        "De leerling is op {when} {forum} besproken zonder toestemming om veiligheidsredenen, "
        "maar daarvoor was {missing}.",
        "The pupil was discussed {forum} on {when} without consent for safety reasons, but "
        "beforehand {missing}.",
    ),
    "G8.no_concern": ("geen zorg over de veiligheid vastgelegd", "no safety concern was recorded"),
    "G8.no_override": (
        "geen besluit genomen om zonder toestemming te bespreken",
        "no decision to override consent was taken",
    ),
    "G8.no_report": (
        "Na het besluit van {started} om zonder toestemming te bespreken is niet binnen {days} "
        "dagen gemeld bij Veilig Thuis of de jeugdhulp{note}.",
        "After the decision of {started} to discuss without consent, no report to Veilig "
        "Thuis or youth care followed within {days} days{note}.",
    ),
    "G8.late": (
        "; de melding volgde pas op {late}",
        "; the report followed only on {late}",
    ),
    "G9.late": (
        "Over de melding van {when} is {who} pas op {late} geïnformeerd, niet {by}.",
        "About the report of {when}, {who} was told only on {late}, not {by}.",
    ),
    "G9.never": (
        "Over de melding van {when} is {who} niet geïnformeerd.",
        "About the report of {when}, {who} was never told.",
    ),
    "G9.not_written": (
        "Over de melding van {when} kreeg {who} geen schriftelijke bevestiging uiterlijk op {by}.",
        "About the report of {when}, {who} received no written notice by {by}.",
    ),
    "G9.beforehand": ("vooraf", "beforehand"),
    "G9.deferred": ("uiterlijk op {deadline} (uitgesteld)", "by {deadline} (deferred)"),
    # -- G10, I377
    "request": (
        "Het verzoek van {who} van {when} om {kind}",
        "The request of {when} by {who} for {kind}",
    ),
    "G10.inspection": ("inzage", "access"),
    "G10.copy": ("een kopie", "a copy"),
    "G10.unanswered": _REQUEST_UNANSWERED,
    "G10.late": _REQUEST_LATE,
    "G10.refused": (
        "{request} is geweigerd, terwijl deze persoon volledig inzagerecht heeft: wat "
        "afgeschermd moet worden, wordt weggelakt, niet geweigerd.",
        "{request} was refused although this person has the full right of access: what must "
        "be withheld is redacted, not refused.",
    ),
    "I377.who": ("{person} (zonder gezag)", "{person} (without authority)"),
    "I377.kind": ("belangrijke feiten", "important facts"),
    "I377.unanswered": _REQUEST_UNANSWERED,
    "I377.late": _REQUEST_LATE,
    "I377.ground": (
        "{request} is geweigerd op een grond die de wet niet kent ({grounds}).",
        "{request} was refused on a ground the law does not allow ({grounds}).",
    ),
    "I377.unmotivated": (
        "{request} is zonder motivering geweigerd.",
        "{request} was refused without reasons.",
    ),
    # -- A16, X1, D1
    "A16": (
        "{What} ging naar {who}, terwijl de leerling had geweigerd dat deze persoon informatie "
        "krijgt.",
        "{What} went to {who}, although the pupil had refused that this person receives "
        "information.",
    ),
    "X1": (
        "{What} gaf {who} informatie die voor deze persoon beperkt is ({items}).",
        "{What} gave {who} information restricted for this person ({items}).",
    ),
    "X1.all": ("alle informatie", "all information"),
    "D1.none": (
        "{What} ging naar {who}, die op die datum geen recht op informatie over de leerling had.",
        "{What} went to {who}, who had no right to information about the pupil on that date.",
    ),
    "D1.dossier": (
        "{What} gaf {who} het volledige dossier, terwijl deze persoon alleen recht heeft op "
        "belangrijke feiten.",
        "{What} gave {who} the full dossier, although this person is entitled to important "
        "facts only.",
    ),
    "what.invitation": ("de uitnodiging van {when}", "the invitation of {when}"),
    "what.informed": ("{channel} van {when}", "{channel} of {when}"),
    "what.disclosure": ("de verstrekking van {when}", "the disclosure of {when}"),
    # -- H1
    "H1": (
        "De extra hulp is op {when} ingezet, maar niets laat zien dat {whom} daar toen van "
        "wist{note}.",
        "The extra help was arranged on {when}, but nothing shows that {whom} knew of it "
        "then{note}.",
    ),
    "H1.whom": ("een ouder met gezag", "a parent with authority"),
    "H1.whom_16": (
        "een ouder met gezag of de leerling zelf",
        "a parent with authority or the pupil",
    ),
    "H1.whom_18": (
        "de leerling of een wettelijk vertegenwoordiger",
        "the pupil or a legal representative",
    ),
    "H1.late": (
        "; {who} hoorde het pas op {late}",
        "; {who} heard of it only on {late}",
    ),
    # -- L1
    "L1": (
        "{What} van {happened} is pas op {recorded} vastgelegd: {days} dagen later, meer dan "
        "de {limit} dagen van het beleid.",
        "{What} of {happened} was recorded only on {recorded}: {days} days later, more than "
        "the policy's {limit} days.",
    ),
    "action": ('De handeling "{label}"', 'The action "{label}"'),
    "title.discussion": ("de {forum}-bespreking op {date}", "the {forum} discussion on {date}"),
}
"""Every finding message, as a Dutch and an English template (issue 11.5).

A finding's own message has a key that starts with its rule id (``G4`` or ``G4.expired``);
the other keys are parts that fill a field of another message.
"""
