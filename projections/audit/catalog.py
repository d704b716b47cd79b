"""The rules an audit checks, explained for an inspector, and the words messages use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from zatlog.people import PUPIL
from zatlog.projections import i18n

Lang = Literal["nl", "en"]


@dataclass(frozen=True)
class Rule:
    id: str
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
        "richtlijn 1",
        "Ouders eerst over de zorg geïnformeerd",
        "Parents told about the concern first",
        "Voor de eerste bespreking in de CvB moeten de ouders met gezag over de zorg om hun kind "
        "geïnformeerd zijn.",
        "Before the first CvB discussion, the parents with authority must have been told about "
        "the concern.",
    ),
    Rule(
        "G2",
        "richtlijn 2",
        "Doel en samenstelling ZAT vooraf gemeld",
        "ZAT purpose and composition told in advance",
        "Voor een ZAT-bespreking moeten ouders (en een leerling van 16 of ouder) weten waarom, "
        "wanneer en met wie hun kind besproken wordt.",
        "Before a ZAT discussion, parents (and a pupil of 16 or older) must know why, when and "
        "with whom their child will be discussed.",
    ),
    Rule(
        "B1",
        "blog regel 1; richtlijn 2",
        "Ouders op tijd uitgenodigd",
        "Parents invited in time",
        "Geen bespreking over een kind zonder dat de ouders (en een leerling van 16 of ouder) "
        "zijn uitgenodigd, en op tijd: ten minste het in het beleid vastgelegde aantal dagen "
        "vooraf.",
        "No discussion about a child unless the parents (and a pupil of 16 or older) were "
        "invited, and in time: at least the number of days the policy sets.",
    ),
    Rule(
        "P1",
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
        "richtlijn 4",
        "Ondubbelzinnige toestemming",
        "Unambiguous consent",
        "Een volledige bespreking vraagt geldige, ondertekende toestemming van iedereen die moet "
        "tekenen (ouders met gezag, en naar leeftijd de leerling), voor dit overleg en niet "
        "ingetrokken.",
        "A full discussion needs valid, signed consent from everyone who must sign (parents with "
        "authority and, by age, the pupil), for this forum and not withdrawn.",
    ),
    Rule(
        "G5",
        "richtlijn 5",
        "Alleen deelnemers waarvoor toestemming is",
        "Only participants covered by consent",
        "Aan een bespreking nemen alleen de deelnemers deel die op het toestemmingsformulier "
        "(of het geen-bezwaarbericht) staan.",
        "Only the participants named on the consent form (or no-objection notice) take part.",
    ),
    Rule(
        "G6",
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
        "richtlijn 8",
        "Veiligheid: doorbreken van toestemming verantwoord",
        "Safety: overriding consent accounted for",
        "Een bespreking zonder toestemming wegens de veiligheid van het kind vraagt een "
        "vastgelegde zorg en een besluit daartoe, en wordt binnen enkele dagen gevolgd door een "
        "melding.",
        "A discussion without consent for the child's safety needs a recorded concern and a "
        "decision to override, and is followed within days by a report.",
    ),
    Rule(
        "G9",
        "richtlijn 9; meldcode stap 3",
        "Ouders geïnformeerd over een melding",
        "Parents informed of a report",
        "Ouders met gezag horen vooraf van een melding (of, bij uitstel om veiligheidsredenen, "
        "uiterlijk op de herzieningsdatum) en krijgen een schriftelijke bevestiging.",
        "Parents with authority hear of a report beforehand (or, when deferred for safety, by "
        "the review date) and receive a written notice.",
    ),
    Rule(
        "O1",
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
        "handreiking §4 stap 4a, §5",
        "Actuele SDQ bij de ZAT-bespreking",
        "Recent SDQ at the ZAT discussion",
        "Bij een ZAT-bespreking liggen een recente SDQ van de ouders en van de leerkracht.",
        "A ZAT discussion has a recent SDQ from the parents and from the teacher.",
    ),
    Rule(
        "G10",
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
        "handreiking bijlage",
        "Weigering van een leerling van 16+",
        "Refusal by a pupil of 16+",
        "Heeft een leerling van 16 of ouder geweigerd dat een ouder informatie krijgt, dan krijgt "
        "die ouder geen informatie of uitnodiging meer.",
        "When a pupil of 16 or older refused information to a parent, that parent no longer "
        "receives information or invitations.",
    ),
    Rule(
        "X1",
        "BW; ondertoezichtstelling",
        "Beperking van informatie nageleefd",
        "Restriction of information respected",
        "Heeft een rechter of jeugdbeschermer de informatie aan iemand beperkt, dan krijgt die "
        "persoon die informatie niet.",
        "When a court or youth protection worker restricted information to someone, that person "
        "does not receive it.",
    ),
    Rule(
        "D1",
        "AVG; BW 1:377c",
        "Informatie alleen aan wie er recht op heeft",
        "Information only to those entitled",
        "Uitkomsten, plannen, meldingen en dossierinzage gaan alleen naar wie daar recht op "
        "heeft; het volledige dossier alleen naar wie volledig inzagerecht heeft.",
        "Outcomes, plans, reports and dossier copies go only to those entitled to them; the "
        "full dossier only to those with the full right of access.",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
RULE_ORDER: dict[str, int] = {rule.id: i for i, rule in enumerate(RULES)}

FORUM_SHORT: dict[str, str] = {"cvb": "CvB", "zat": "ZAT", "mdo": "MDO"}

# The words below come from the one catalog of words (zatlog.projections.i18n), so that a
# finding names a relation, document, basis or channel as every other output does.
DOCUMENTS: dict[str, tuple[str, str]] = i18n.DOCUMENT_LABELS
RELATIONS: dict[str, tuple[str, str]] = {
    key: pair for key, pair in i18n.RELATION_LABELS.items() if key != PUPIL
}


CHANNELS: dict[str, tuple[str, str]] = i18n.CHANNEL_PHRASES
"""How a message names a ``parents_informed`` by its channel."""


BASES: dict[str, tuple[str, str]] = i18n.BASIS_LABELS
"""How a message names the basis of a discussion."""

CHANNEL_NOUNS: dict[str, tuple[str, str]] = {
    key: i18n.VALUE_LABELS[key] for key in ("conversation", "phone", "letter", "email", "portal")
}


def word(table: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    """The Dutch or English word for ``key`` in ``table`` (the key itself when unknown)."""
    nl, en = table.get(key, (key, key))
    return en if lang == "en" else nl


def cap(text: str) -> str:
    """The text with its first letter capitalized (sentence start)."""
    return text[:1].upper() + text[1:]


def forum(code: str) -> str:
    return FORUM_SHORT.get(code, code)


def in_forum(code: str, lang: Lang, nl: str = "in", en: str = "in") -> str:
    """``in de CvB`` / ``in het ZAT`` / ``in the CvB`` (or another preposition)."""
    if lang == "en":
        return f"{en} the {forum(code)}"
    return f"{nl} {'de' if code == 'cvb' else 'het'} {forum(code)}"


def day(value: date) -> str:
    return value.isoformat()


def person(person_id: str, relation: str | None, lang: Lang) -> str:
    """How a message names a person: their id, with their relation when known."""
    if person_id == PUPIL:
        return "the pupil" if lang == "en" else "de leerling"
    if relation is None:
        return person_id
    nl, en = RELATIONS.get(relation, (relation, relation))
    return f"{person_id} ({en if lang == 'en' else nl})"


def listing(items: list[str], lang: Lang) -> str:
    """``a, b and c`` / ``a, b en c``."""
    return i18n.listing(items, lang)


def categories(items: list[str], lang: Lang) -> str:
    """Item categories as people read them, listed: ``naam en gedrag``."""
    return i18n.listing([i18n.category_label(item, lang) for item in items], lang)
