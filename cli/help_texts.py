"""Every text of ``--help``, in Dutch and English: one catalog of ``(nl, en)`` pairs.

:mod:`zatlog.cli.help` shows them in the session's language. The recording commands
take theirs from :data:`ACTION_HELP` and :data:`FIELD_HELP` (per action and field of the
import format); every other command from :data:`COMMAND_HELP`, by its path
(``"case show"``), with :data:`SHARED_PARAMS` for the options many commands share.
Values the user types (``--format table``, ``--kind inspection``) stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Text = tuple[str, str]
"""A text in Dutch and in English."""


@dataclass(frozen=True)
class CommandHelp:
    """What ``--help`` says about one command."""

    text: Text
    short: Text | None = None
    """The line in its group's list (default: the first sentence of ``text``)."""
    example: tuple[str | Text, ...] = ()
    """Example command lines: the same in both languages, or one per language."""
    params: Mapping[str, Text] = field(default_factory=dict)
    """Per parameter name: its help (else :data:`SHARED_PARAMS`)."""


FRAME: dict[str, Text] = {
    # click's own words around the help texts
    "usage": ("Gebruik:", "Usage:"),
    "options": ("Opties", "Options"),
    "arguments": ("Argumenten", "Arguments"),
    "commands": ("Opdrachten", "Commands"),
    "example": ("Voorbeeld:", "Example:"),
    "default": ("standaard: {default}", "default: {default}"),
    "required": ("verplicht", "required"),
    "records": ("Legt de handeling '{action}' vast.", "Records the action '{action}'."),
    "allowed": ("Toegestaan: {values}.", "Allowed: {values}."),
    "categories": (
        "Bekende categorieën: {values}; andere namen mogen ook.",
        "Known categories: {values}; other labels are allowed too.",
    ),
    "at_most": ("Hoogstens {limit} tekens.", "At most {limit} characters."),
    "each_at_most": ("Elk hoogstens {limit} tekens.", "Each at most {limit} characters."),
}

METAVARS: dict[str, Text] = {
    # the placeholders of the usage line and the option list
    "OPTIONS": ("OPTIES", "OPTIONS"),
    "COMMAND": ("OPDRACHT", "COMMAND"),
    "ARGS": ("ARGUMENTEN", "ARGS"),
    "DATE": ("DATUM", "DATE"),
    "DATETIME": ("MOMENT", "DATETIME"),
    "DAYS": ("DAGEN", "DAYS"),
    "FILE": ("BESTAND", "FILE"),
    "KEYFILE": ("SLEUTELBESTAND", "KEYFILE"),
    "INTEGER": ("GETAL", "INTEGER"),
    "NAME": ("NAAM", "NAME"),
    "PATH": ("PAD", "PATH"),
    "PERSON": ("PERSOON", "PERSON"),
    "DIGEST": ("VINGERAFDRUK", "DIGEST"),
    "REF": ("DOSSIER", "REF"),
    "TEXT": ("TEKST", "TEXT"),
}

FORMATS: dict[str, Text] = {
    # what each value of a --format is for
    "table": ("table voor de terminal", "table for the terminal"),
    "json": ("json voor programma's", "json for tools"),
    "csv": ("csv voor een rekenblad", "csv for a spreadsheet"),
    "html": ("html voor een los rapport", "html for a self-contained report"),
}

SHARED_PARAMS: dict[str, Text] = {
    # options that many commands share, by parameter name
    "help": ("Toon deze hulp en stop.", "Show this message and exit."),
    "version": ("Toon de versie en stop.", "Show the version and exit."),
    "lang": (
        "Taal van de uitvoer (standaard: de algemene --lang, Nederlands).",
        "Language of the output (default: the global --lang, Dutch).",
    ),
    "output": (
        "Schrijf naar dit bestand in plaats van naar het scherm (privé aangemaakt, 0600; "
        "nooit via een symbolische koppeling).",
        "Write to this file instead of standard output (created private, 0600; never "
        "through a symbolic link).",
    ),
    "policy_file": (
        "Een TOML-bestand dat de standaardinstellingen van het beleid aanpast (docs/policy.md).",
        "A TOML file overriding the policy defaults (docs/policy.md).",
    ),
    "purpose": (
        "Waarom u kijkt: komt in het inzagelogboek, met wie, wanneer en wat. Eén regel, "
        "hoogstens 200 tekens.",  # limits.LINE_MAX_LENGTH (a test keeps them equal)
        "Why you look: recorded in the access log with who, when and what. One line, at "
        "most 200 characters.",
    ),
    "school": ("Alleen de dossiers van deze school.", "Only the cases of this school."),
    "no_encrypt": (
        "Maak een nieuwe database onversleuteld aan (standaard: versleuteld opgeslagen, "
        "AES-GCM, met een sleutel in uw configuratiemap). Geen effect op een database die "
        "al bestaat.",
        "Create a new database unencrypted (default: encrypted at rest, AES-GCM, with a key "
        "in your configuration folder). No effect on a database that exists.",
    ),
    "file": ("Het bestand.", "The file."),
    "ref": (
        "Het dossiernummer van de school, bijv. 2025-017.",
        "The school's case reference, e.g. 2025-017.",
    ),
}

COMMAND_HELP: dict[str, CommandHelp] = {
    "": CommandHelp(
        text=(
            "zatlog: het dossierlogboek van het zorgteam van een school (zorgcoördinator, "
            "CvB, ZAT).\n\nElke handeling in het dossier van een leerling wordt vastgelegd als "
            "een gebeurtenis die niet meer verandert; de stand van een dossier, de "
            "termijnenlijst, audits en dossierexports worden uit dat logboek opgebouwd.",
            "zatlog: the case log of a school's care team (zorgcoördinator, CvB, ZAT).\n\n"
            "Every action on a pupil's case is recorded as an immutable event; case state, "
            "due lists, audits and dossier exports are rebuilt from that log.",
        ),
        example=(
            "zatlog --db demo.db demo",
            "zatlog --db demo.db case list",
            "zatlog --db demo.db audit --fail-on major",
            "zatlog --db demo.db doctor",
        ),
        params={
            "db": (
                "De database: een SQLite-bestand, of postgresql://gebruiker@host/db. "
                "Standaard: $ZATLOG_DB, anders een databestand per gebruiker.",
                "The database: a SQLite file, or postgresql://user@host/db. Default: "
                "$ZATLOG_DB, else a per-user data file.",
            ),
            "actor": (
                "Wie vastlegt (personeelscode). Standaard: $ZATLOG_ACTOR, anders uw "
                "gebruikersnaam. Op PostgreSQL: uw databaserol; een andere naam wordt "
                "geweigerd, tenzij uw rol voor anderen mag vastleggen.",
                "Who records (staff id). Default: $ZATLOG_ACTOR, else your user name. On "
                "PostgreSQL: your database role; naming another is refused unless your role "
                "may record for others.",
            ),
            "lang": (
                "Taal van wat mensen lezen (nl: Nederlands, en: Engels).",
                "Language of what people read (nl: Dutch, en: English).",
            ),
        },
    ),
    "access-log": CommandHelp(
        text=(
            "Wie keek wanneer naar welk dossier, wat die zag en waarom (NEN 7513), oudste "
            "eerst.\n\nElke opdracht die persoonsgegevens uit een dossier toont, schrijft "
            "eerst een regel in het inzagelogboek: case show, case list, case timeline, due, "
            "dossier export, audit (behalve met pseudoniemen) en export-log. Het logboek "
            "wordt alleen aangevuld en is met hashes aan elkaar geketend; --verify rekent de "
            "keten na.",
            "Who looked at which case, when, what they saw and why (NEN 7513), oldest "
            "first.\n\nEvery command that shows a case's personal data records an entry "
            "before it shows anything: case show, case list, case timeline, due, dossier "
            "export, audit (unless pseudonymised) and export-log. The log is append-only and "
            "hash-chained; --verify recomputes the chain.",
        ),
        example=(
            "zatlog --db demo.db access-log --case demo-002",
            "zatlog --db school.db access-log --verify",
        ),
        params={
            "case": ("Alleen wie naar dit dossier keek.", "Only the looks at this case."),
            "actor": ("Alleen wat deze medewerker bekeek.", "Only the looks of this staff member."),
            "start": ("Alleen vanaf DATUM.", "Only looks on or after DATE."),
            "end": ("Alleen tot en met DATUM.", "Only looks on or before DATE."),
            "verify": (
                "Controleer in plaats daarvan de hashketen van het inzagelogboek (exitcode 1, "
                "met de eerste gebroken regel).",
                "Check the access log's hash chain instead (exit 1 naming the first broken entry).",
            ),
        },
    ),
    "admin": CommandHelp(
        text=(
            "Mensen op een PostgreSQL-server: hun rollen, functies en scholen.\n\nIedereen "
            "logt in met een eigen databaserol; wat iemand vastlegt, draagt die rol als "
            "vastlegger, en de database zelf houdt scholen gescheiden (beveiliging per rij). "
            "Voer setup één keer uit als eigenaar van de tabellen van het logboek en voeg "
            "daarna mensen toe. De README (Op een server) laat hetzelfde zien in gewone SQL.",
            "People on a PostgreSQL server: their roles, functions and schools.\n\nEach "
            "person connects as their own database role; what they record carries that role "
            "as its actor, and the database itself keeps schools apart (row-level security). "
            "Run setup once as the owner of the log's tables, then add people. The README "
            "shows the same in plain SQL.",
        ),
    ),
    "admin add": CommandHelp(
        text=(
            "Maak de inlogrol NAAM met één functie en toon wat u aan die persoon geeft.\n\n"
            "Het wachtwoord wordt hier gemaakt, alleen als SCRAM-hash naar de server "
            "gestuurd en één keer getoond: geef het door en bewaar het niet.",
            "Create the login role NAME with one function, and print what to hand the "
            "person.\n\nThe password is made here, sent to the server only as a SCRAM hash, "
            "and shown once: hand it over and do not keep it.",
        ),
        example=(
            "zatlog --db 'postgresql://beheer@db.example/board' admin add jansen "
            "--function coordinator --school regenboog",
            "zatlog --db 'postgresql://beheer@db.example/board' admin add inspecteur1 "
            "--function inspector --school regenboog --school horizon",
        ),
        params={
            "name": (
                "De naam van de nieuwe inlogrol, bijv. jansen.",
                "The name of the new login role, e.g. jansen.",
            ),
            "function": (
                "coordinator (zorgcoördinator van de --school(s)), privacy-officer (leest "
                "het inzagelogboek), inspector (bevindingen van de audit met pseudoniemen, "
                "van de --school(s) van de opdracht) of admin (voegt mensen toe en haalt ze "
                "weg).",
                "coordinator (of the --school(s)), privacy-officer (reads the access log), "
                "inspector (pseudonymised audit findings of the --school(s) of the mandate), "
                "or admin (adds and removes people).",
            ),
            "schools": (
                "Een school (haar code, zoals case_opened die noemt); herhaal voor meer. "
                "Verplicht voor een coordinator en een inspector.",
                "A school (its id, as case_opened names it); repeat for more. Required for a "
                "coordinator and an inspector.",
            ),
            "record_for_others": (
                "Mag vastleggen op naam van een ander (--actor, of by in een import): alleen "
                "voor een overzetting uit een ander systeem.",
                "May record in another person's name (--actor, or by in an import): for a "
                "migration only.",
            ),
            "no_password": (
                "Maak de rol zonder wachtwoord (de server laat haar op een andere manier "
                "inloggen, bijv. met een certificaat).",
                "Create the role without a password (the server lets it log in otherwise, "
                "e.g. with a certificate).",
            ),
        },
    ),
    "admin list": CommandHelp(
        text=(
            "Iedereen van dit logboek: rol, functie, scholen. Een rol met (+) mag voor "
            "anderen vastleggen.",
            "Every person of this log: role, function, schools. A role marked (+) may "
            "record for others.",
        ),
        example=("zatlog --db 'postgresql://beheer@db.example/board' admin list",),
    ),
    "admin remove": CommandHelp(
        text=(
            "Haal de persoon NAAM weg: de inlogrol en de koppelingen aan scholen.\n\nWat "
            "die persoon vastlegde, blijft onder die naam in het logboek.",
            "Remove the person NAME: their login role and school memberships.\n\nWhat they "
            "recorded stays in the log under their name.",
        ),
        example=("zatlog --db 'postgresql://beheer@db.example/board' admin remove jansen",),
        params={"name": ("De inlogrol die weg moet.", "The login role to remove.")},
    ),
    "admin setup": CommandHelp(
        text=(
            "Beveilig het schema van het logboek: groepsrollen, koppelingen aan scholen, "
            "beveiliging per rij.\n\nUit te voeren door de eigenaar van de tabellen (het "
            "account dat zatlog init uitvoerde en de volger draait), één keer, en opnieuw na "
            "een nieuwe versie van zatlog. Aan wat vastgelegd is, verandert niets.",
            "Secure the log's schema: group roles, school ties, row-level security.\n\nRun "
            "by the owner of the log's tables (the account that ran zatlog init and runs the "
            "follower), once, and again after an upgrade of zatlog. It changes nothing that "
            "is recorded.",
        ),
        example=("zatlog --db 'postgresql://zatlog@db.example/board' admin setup",),
    ),
    "audit": CommandHelp(
        text=(
            "Controleer of ouders betrokken werden, en op tijd (docs/rules.md).\n\nElke "
            "bevinding noemt haar regel, ernst, dossier, de gebeurtenis waar ze over gaat en "
            "de gebeurtenissen die haar aantonen. Namen van leerlingen of ouders staan "
            "nergens in de uitvoer. Exitcode 3 met --fail-on als er een bevinding van die "
            "ernst of erger is.",
            "Audit whether parents were involved, and in time (docs/rules.md).\n\nEvery "
            "finding names its rule, severity, case, the event it is about and the events "
            "that prove it. No names of pupils or parents appear in any output. Exit status "
            "3 with --fail-on when a finding at or above that severity exists.",
        ),
        example=(
            "zatlog --db school.db audit --from 2026-08-01 --to 2026-12-31 --fail-on major",
            "zatlog --db school.db audit --format html -o audit.html",
        ),
        params={
            "case": ("Controleer alleen dit dossier.", "Audit this case only."),
            "school": (
                "Controleer alleen de dossiers van deze school.",
                "Audit the cases of this school only.",
            ),
            "start": (
                "Houd de bevindingen over wat op of na DATUM gebeurde.",
                "Keep findings whose subject happened on or after DATE.",
            ),
            "end": (
                "Houd de bevindingen over wat op of vóór DATUM gebeurde.",
                "Keep findings whose subject happened on or before DATE.",
            ),
            "as_of": (
                "Beoordeel wat op of vóór DATUM gebeurde, met DATUM als vandaag (standaard: "
                "vandaag).",
                "Judge the events that happened on or before DATE, with DATE as today "
                "(default: today).",
            ),
            "fail_on": (
                "Stop met exitcode 3 als er een bevinding van deze ernst of erger is "
                "(critical: kritiek, major: ernstig, minor: gering).",
                "Exit with status 3 when a finding of this severity or worse exists.",
            ),
            "pseudonymize": (
                "Vervang dossiernummers, persoonscodes en namen door vaste pseudoniemen, "
                "gemaakt met de sleutel in SLEUTELBESTAND (om buiten de school te delen); "
                "zo'n audit schrijft niets in het inzagelogboek.",
                "Replace case references, person ids and names by stable keyed pseudonyms "
                "(for sharing outside school); such an audit logs no look at a case.",
            ),
        },
    ),
    "backup": CommandHelp(
        text=(
            "Kopieer de hele SQLite-database naar BESTAND (een nieuw bestand), veilig terwijl "
            "anderen schrijven.\n\nDe kopie bevat het logboek, de keten en de leesmodellen; "
            "`zatlog restore` zet haar terug. Gebruik voor PostgreSQL pg_dump en pg_restore "
            "(zie de README).",
            "Copy the whole SQLite database to FILE (a new file), safe while others write."
            "\n\nThe copy holds the log, its chain and the read models; `zatlog restore` "
            "brings it back. For PostgreSQL use pg_dump and pg_restore (see the README).",
        ),
        example=("zatlog --db school.db backup school-2026-11-29.db",),
        params={"file": ("Het nieuwe bestand voor de kopie.", "The new file for the copy.")},
    ),
    "case": CommandHelp(
        text=(
            "Dossiers openen, sluiten en bekijken.",
            "Open, close and look at cases.",
        ),
    ),
    "case list": CommandHelp(
        text=(
            "Toon de dossiers: stap en sinds wanneer, open of gesloten, laatste activiteit.",
            "List the cases: step and since when, open or closed, last activity.",
        ),
        example=("zatlog --db demo.db case list --open",),
        params={
            "step": ("Alleen de dossiers in deze stap.", "Only the cases in this step."),
            "is_open": (
                "Alleen open, of alleen gesloten dossiers.",
                "Only open, or only closed cases.",
            ),
        },
    ),
    "case show": CommandHelp(
        text=(
            "Toon dossier DOSSIER in één oogopslag.\n\nDe leerling, de stap en sinds wanneer, "
            "iedereen rond het dossier met relatie, gezag en recht van vandaag, toestemming "
            "per overleg, besprekingen, meldingen, open informatieverzoeken en de laatste "
            "activiteit.",
            "Show case REF at a glance.\n\nThe pupil, the step and since when, everyone on "
            "the case with their relation, authority and right today, consent per forum, "
            "meetings, reports, open information requests and the last activity.",
        ),
        example=("zatlog --db demo.db case show demo-002",),
        params={
            "as_of": (
                "Het dossier zoals het was op DATUM: wat op of vóór die dag gebeurde.",
                "The case as it was on DATE: the events that happened on or before it.",
            ),
            "known_at": (
                "Wat het logboek wist op MOMENT: wat toen vastgelegd was (een datum: het "
                "einde van die dag).",
                "What the log held at DATETIME: the events recorded by then (a date: its end).",
            ),
        },
    ),
    "case timeline": CommandHelp(
        text=(
            "Elke gebeurtenis van dossier DOSSIER in de volgorde waarin ze plaatsvond, met "
            "wanneer en door wie ze vastgelegd is.\n\nGebeurtenissen op dezelfde dag houden "
            "de volgorde waarin ze vastgelegd zijn. De tekst is Nederlands, tenzij --lang en "
            "gegeven is.",
            "Every event of case REF in the order it happened, with when and by whom it was "
            "recorded.\n\nTies on a date keep the order of recording. Labels are Dutch unless "
            "--lang en is given.",
        ),
        example=("zatlog --db demo.db case timeline demo-002",),
    ),
    "consent": CommandHelp(
        text=(
            "Toestemmingsformulieren en besluiten daarover.",
            "Consent forms and decisions on them.",
        ),
    ),
    "demo": CommandHelp(
        text=(
            "Vul een lege database met een kleine, verzonnen demoschool.\n\nVijf dossiers in "
            "verschillende stappen, sommige in orde en sommige niet, gedateerd rond vandaag, "
            "zodat elke opdracht iets te tonen heeft.",
            "Fill an empty database with a small, fictional demo school.\n\nFive cases in "
            "several steps, some compliant and some not, dated around today, so that every "
            "command has something to show.",
        ),
        example=("zatlog --db demo.db demo",),
    ),
    "digest": CommandHelp(
        text=(
            "Toon de vingerafdruk van het logboek: een korte vorm om op te schrijven, dan de "
            "volledige wortel.\n\n``zl1-<gebeurtenissen>-<laatste positie>-<eerste 16 "
            "hexcijfers van de wortel>``: geef die aan een inspecteur; ``zatlog verify "
            "--against`` toont later aan dat dit logboek nog steeds, onveranderd, in het "
            "logboek van die dag zit.",
            "Print the log's digest: a short form to write down, then the full root.\n\n"
            "``zl1-<events>-<last position>-<first 16 hex digits of the root>``: give it to "
            "an inspector; ``zatlog verify --against`` later proves that this log is still "
            "contained, unchanged, in the log of that day.",
        ),
        example=("zatlog --db school.db digest",),
    ),
    "discussion": CommandHelp(
        text=(
            "Besprekingen van de leerling in een overleg.",
            "Discussions of the pupil in a forum.",
        ),
    ),
    "doctor": CommandHelp(
        text=(
            "Controleer Python, de PDF-bibliotheken, de database, de encryptiesleutel en de "
            "leesmodellen.\n\nElke controle zegt wat ze vond en, bij een probleem, wat u kunt "
            "doen. Er wordt niets aangemaakt of veranderd. Exitcode 1 als er iets mis is.",
            "Check Python, the PDF libraries, the database, the encryption key and the read "
            "models.\n\nEach check prints what it found and, for a problem, what to do. "
            "Nothing is created or changed. Exit status 1 when something is wrong.",
        ),
        example=("zatlog --db school.db doctor",),
    ),
    "dossier": CommandHelp(
        text=(
            "Inzage in het dossier voor ouders en leerlingen (inzage, AVG art. 15; "
            "richtlijn 10).\n\nWie wat krijgt, volgt uit de rechten van "
            "docs/parent-dossier.md op de exportdatum: het hele dossier, de belangrijke "
            "feiten, of een weigering.",
            "Dossier inspection for parents and pupils (inzage, AVG art. 15; guideline 10)."
            "\n\nWho gets what follows the rights of docs/parent-dossier.md on the export "
            "date: the whole dossier, the important facts, or a refusal.",
        ),
    ),
    "dossier export": CommandHelp(
        text=(
            "Exporteer dossier DOSSIER voor PERSOON en leg de verstrekking vast.\n\nHet recht "
            "van PERSOON op de exportdatum beslist: het hele dossier (volledig recht), de "
            "belangrijke feiten (ouders zonder gezag, pleegouders, jeugdbeschermers, de "
            "leerling onder 16), of een weigering met de reden (exitcode 1, niets geschreven "
            "of vastgelegd). Lopende beperkingen worden toegepast; elk weggelaten onderdeel "
            "staat in het document, met de grond. De export wordt vastgelegd als "
            "information_disclosed, zodat hij in latere exports en in de audit zichtbaar is. "
            "Het document noemt wie het dossier bekeek (het inzagelogboek), en de export zelf "
            "komt ook in dat logboek.",
            "Export case REF for PERSON and record the disclosure.\n\nPERSON's right on the "
            "export date decides: the whole dossier (full right), the important facts "
            "(parents without authority, foster parents, youth protection workers, the pupil "
            "under 16), or a refusal with the reason (exit status 1, nothing written or "
            "recorded). Active restrictions are applied; every omission is named in the "
            "document with its ground. The export is recorded as information_disclosed, so "
            "it shows in later exports and in the audit. The document lists who looked at "
            "the dossier (the access log), and the export itself is logged as a look.",
        ),
        example=("zatlog --db demo.db dossier export demo-002 --for mother --format html",),
        params={
            "person": (
                "Voor wie de export is (persoonscode).",
                "Who the export is for (person id).",
            ),
            "fmt": (
                "pdf en html om te lezen (A4, met een tijdlijn); json om gegevens mee te "
                "nemen (dataportabiliteit).",
                "pdf and html to read (A4, with a timeline); json for data portability.",
            ),
            "output": (
                "Het bestand om te schrijven (- voor het scherm), privé aangemaakt (0600), "
                "nooit via een symbolische koppeling. Standaard: "
                "dossier-DOSSIER-PERSOON-DATUM.FORMAAT.",
                "File to write (- for standard output), created private (0600), never "
                "through a symbolic link. Default: dossier-REF-PERSON-DATE.FORMAT.",
            ),
            "request_id": (
                "Het informatieverzoek dat hiermee beantwoord wordt.",
                "The information request answered.",
            ),
            "include_safety": (
                "Neem de veiligheidsstukken (meldingen) op, die de export voor een ouder "
                "standaard weglaat.",
                "Include safety records (reports), which a parent's export leaves out by default.",
            ),
            "at": ("De exportdatum. Standaard: vandaag.", "The export date. Default: today."),
        },
    ),
    "dossier request": CommandHelp(
        text=(
            "Leg een informatieverzoek van PERSOON over dossier DOSSIER vast.\n\nHet verzoek "
            "krijgt een code r-JJJJMMDD-N (de dag waarop het binnenkwam, N telt binnen het "
            "dossier); geef die bij het beantwoorden aan `dossier export --request`.",
            "Record an information request by PERSON on case REF.\n\nThe request gets an id "
            "r-YYYYMMDD-N (the date it came in, N counting within the case); give it to "
            "`dossier export --request` when answering.",
        ),
        example=("zatlog --db demo.db dossier request demo-002 --for mother --kind inspection",),
        params={
            "person": ("Wie het vraagt (persoonscode).", "Who asks (person id)."),
            "kind": (
                "inspection (inzage), copy (kopie) of important_facts (belangrijke feiten).",
                "inspection, copy or important_facts.",
            ),
            "at": (
                "Wanneer het verzoek binnenkwam. Standaard: vandaag.",
                "When the request came in. Default: today.",
            ),
        },
    ),
    "due": CommandHelp(
        text=(
            "Toon elke termijn die nog niet gehaald is, verlopen termijnen eerst.\n\n"
            "Uitnodigingen vóór een geplande bespreking, handtekeningen die daarvoor nog "
            "ontbreken, recente SDQ's vóór een ZAT-bespreking, brieven met de uitkomst na een "
            "bespreking zonder ouders, berichten over meldingen en herbeoordelingen van "
            "uitstel, de melding na een besluit zonder toestemming voor de veiligheid, en "
            "antwoorden op informatieverzoeken: bij elk staat wat er moet gebeuren, voor wie "
            "en wanneer (docs/rules.md, docs/policy.md).",
            "List every open deadline, overdue first.\n\nInvitations before "
            "a scheduled meeting, signatures still missing for it, recent SDQs before a ZAT "
            "meeting, outcome letters after a meeting without parents, report notices and "
            "deferral reviews, the report after a safety override, and answers to "
            "information requests: each says what to do, for whom and by when "
            "(docs/rules.md, docs/policy.md).",
        ),
        example=("zatlog --db demo.db due --within 14",),
        params={
            "as_of": (
                "Neem DATUM als vandaag: alleen wat op of vóór die dag gebeurde, telt "
                "(standaard: vandaag).",
                "Take DATE as today: only what happened on or before it counts (default: today).",
            ),
            "within": (
                "Alleen wat binnen DAGEN dagen moet (verlopen termijnen staan er altijd bij).",
                "Only what is due within DAYS days (overdue items always show).",
            ),
            "case": ("Alleen dit dossier.", "Only this case."),
        },
    ),
    "export-log": CommandHelp(
        text=(
            "Schrijf elke vastgelegde handeling als JSON Lines, in de volgorde van "
            "vastleggen.\n\nHet formaat is dat van de import, met ``by`` (en "
            '``"migrated": true`` bij handelingen die met --history ingelezen zijn), plus '
            "per handeling de oorspronkelijke ``recorded_at`` en de ``chain``-schakel: wie de "
            "uitvoer in een lege database inleest, krijgt dezelfde handelingen (met nieuwe "
            "tijden van vastleggen), en met ``import --restore`` precies hetzelfde logboek "
            "(dezelfde vingerafdruk).",
            "Write every recorded action as JSON Lines, in recording order.\n\nThe format is "
            'the import format, ``by`` included (and ``"migrated": true`` on actions '
            "imported with --history), plus each action's original ``recorded_at`` and "
            "``chain`` link: importing the output into an empty database gives the same "
            "actions (with new recording times), and ``import --restore`` the very same log "
            "(the same digest).",
        ),
        example=("zatlog --db school.db export-log -o log.jsonl",),
    ),
    "import": CommandHelp(
        text=(
            "Lees handelingen in uit BESTAND, in JSON Lines (of - voor standaardinvoer).\n\n"
            "Eén JSON-object per regel, in het formaat van docs/import-format.md. De import "
            "gaat helemaal of helemaal niet: een foute regel wordt gemeld als ``regel N: "
            "veld: wat verwacht werd`` en er wordt niets geschreven. Geen handeling mag na "
            "vandaag gedateerd zijn. De velden ``recorded_at``, ``chain`` en "
            "``registered_at`` van een export-log-bestand worden genegeerd (de handelingen "
            "worden opnieuw vastgelegd), tenzij ``--restore`` gegeven is.",
            "Import actions from a JSON Lines FILE (or - for standard input).\n\nOne JSON "
            "object per line, in the format of docs/import-format.md. The import is all or "
            "nothing: a bad line is reported as ``line N: field: what was expected`` and "
            "nothing is written. No action may be dated after today. The ``recorded_at``, "
            "``chain`` and ``registered_at`` fields of an export-log file are ignored (the "
            "actions are recorded anew), unless ``--restore`` is given.",
        ),
        example=("zatlog --db school.db import actions.jsonl",),
        params={
            "file": (
                "Het bestand met één handeling per regel (- voor standaardinvoer).",
                "The file with one action per line (- for standard input).",
            ),
            "history": (
                "Markeer elke ingelezen handeling als overgezet: gegevens uit het verleden, "
                "overgenomen uit een ander systeem. De audit rekent ze niet als te laat "
                "vastgelegd (regel L1); export-log schrijft de markering terug als "
                '"migrated": true.',
                "Mark every imported action as migrated: records of the past brought over "
                "from another system. The audit does not count them as written late (rule "
                'L1); export-log writes the mark back as "migrated": true.',
            ),
            "restore": (
                "Zet een export-log-bestand terug in een LEGE database, met de "
                "oorspronkelijke tijden van vastleggen en de keten (de vingerafdruk blijft "
                "gelijk).",
                "Restore an export-log file into an EMPTY database with its original "
                "recording times and chain (the digest stays the same).",
            ),
        },
    ),
    "information": CommandHelp(
        text=(
            "Informatieverzoeken, verstrekkingen en beperkingen.",
            "Information requests, disclosures and restrictions.",
        ),
    ),
    "init": CommandHelp(
        text=(
            "Maak de database aan (standaard versleuteld, met haar sleutel) en zeg waar ze "
            "staan.\n\nDe sleutel staat in uw configuratiemap, apart van de gegevens, en is "
            "nodig om het logboek te lezen: maak er een reservekopie van op een veilige "
            "plek. ZATLOG_CIPHER_KEY gaat voor. De database onthoudt welke sleutel ze nodig "
            "heeft (de code ervan, nooit de sleutel zelf), zodat de sleutel gevonden wordt "
            "waar het bestand ook heen verplaatst of gekopieerd wordt.",
            "Create the database (encrypted by default, with its key) and say where they "
            "are.\n\nThe key is kept in your configuration folder, apart from the data, and "
            "is needed to read the log: back it up somewhere safe. ZATLOG_CIPHER_KEY "
            "overrides it. The database records which key it needs (its id, never the key "
            "itself), so the key is found wherever the file is moved or copied.",
        ),
        example=("zatlog --db school.db init",),
        params={
            "encrypt": (
                "Versleutel een nieuwe database (de standaard; AES-GCM, sleutel in uw "
                "configuratiemap of in $ZATLOG_CIPHER_KEY), of niet.",
                "Encrypt a new database at rest (the default; AES-GCM, key in your "
                "configuration folder, or $ZATLOG_CIPHER_KEY), or not.",
            ),
        },
    ),
    "meeting": CommandHelp(
        text=("Besprekingen van CvB, ZAT en MDO.", "CvB, ZAT and MDO meetings."),
    ),
    "notice": CommandHelp(
        text=(
            "Geen-bezwaarberichten en bezwaren daartegen.",
            "No-objection notices and objections.",
        ),
    ),
    "parents": CommandHelp(
        text=(
            "Ouders (en de leerling) informeren en uitnodigen.",
            "Informing and inviting parents (and the pupil).",
        ),
    ),
    "plan": CommandHelp(
        text=("Handelingsplannen.", "Action plans (handelingsplannen)."),
    ),
    "projections": CommandHelp(
        text=(
            "De leesmodellen (stand van de dossiers, termijnenlijst, dossierindex) en hoe ver "
            "ze het logboek gelezen hebben.\n\nOp SQLite werkt elke opdracht ze zelf bij; op "
            "PostgreSQL kan `zatlog projections follow` ze naast de schrijvers bijhouden.",
            "The read models (case state, due list, case index) and how far they have read "
            "the log.\n\nOn SQLite every command catches them up itself; on PostgreSQL "
            "`zatlog projections follow` can keep them current beside the writers.",
        ),
    ),
    "projections follow": CommandHelp(
        text=(
            "Houd de leesmodellen van een PostgreSQL-logboek bij, als dienst, tot u stopt."
            "\n\nBegint waar de leesmodellen zijn, haalt bladzijde voor bladzijde in en "
            "wacht dan op nieuwe gebeurtenissen. Zolang hij loopt, werken lezende opdrachten "
            "de leesmodellen niet zelf bij: ze zeggen hoe ver die achterlopen. SIGTERM of "
            "Ctrl-C maakt de bladzijde af en stopt (exitcode 0). Valt de verbinding met de "
            "database weg, dan probeert hij het opnieuw, telkens iets later (tot 30 s). Een "
            "tweede volger van hetzelfde logboek wacht en neemt het over als de eerste "
            "stopt. Vraagt PostgreSQL: op SQLite werkt elke opdracht de leesmodellen zelf "
            "bij.",
            "Keep the read models of a PostgreSQL log current, as a service, until stopped."
            "\n\nStarts from where the read models are, catches up page by page and then "
            "waits for new events. While it runs, reads do not catch up themselves: they say "
            "how far behind the read models are. SIGTERM or Ctrl-C finishes the page being "
            "read and stops (exit status 0). When the connection to the database is lost it "
            "tries again, waiting longer each time (up to 30 s). A second follower of the "
            "same log waits and takes over when the first stops. Needs PostgreSQL: on SQLite "
            "every command catches the read models up itself.",
        ),
        example=("zatlog --db postgresql://zatlog@db.example/zatlog projections follow",),
        params={
            "page_size": (
                "Gebeurtenissen per bladzijde, samen gelezen en vastgelegd; het geheugen van "
                "de volger groeit ermee.",
                "Events read and committed per page; the follower's memory grows with it.",
            ),
        },
    ),
    "projections rebuild": CommandHelp(
        text=(
            "Gooi de leesmodellen weg en bouw ze opnieuw op uit het hele logboek, met een "
            "voortgangsbalk.\n\nEerst wordt het logboek gelezen (de dossierindex wordt "
            "onderweg geschreven), dan wordt elk dossier één keer opnieuw berekend; bij een "
            "groot logboek delen meerdere processen beide.",
            "Drop the read models and build them again from the whole log, with a progress "
            "bar.\n\nFirst the log is read (the case index is written as it goes), then every "
            "case is recomputed once; on a large log, worker processes share both.",
        ),
        example=("zatlog --db school.db projections rebuild",),
        params={
            "names": (
                "Bouw alleen dit leesmodel opnieuw (en de modellen die erop bouwen); "
                "herhaalbaar. Standaard: alle.",
                "Rebuild only this read model (and those built on it); repeatable. Default: all.",
            ),
            "workers": (
                "Aantal processen (standaard: één per processor bij een groot logboek; 1: "
                "alleen dit proces).",
                "Processes to rebuild with (default: one per processor for a large log; 1: "
                "only this one).",
            ),
        },
    ),
    "projections status": CommandHelp(
        text=(
            "Toon per leesmodel hoe ver het is, tegenover het einde van het logboek.",
            "Show each read model's position against the end of the log.",
        ),
        example=("zatlog --db school.db projections status",),
    ),
    "providers": CommandHelp(
        text=(
            "Zorgaanbieders in de jeugdzorg, zoals gemeenten ze zien.",
            "Youth-care providers (zorgaanbieders) as municipalities see them.",
        ),
    ),
    "providers report": CommandHelp(
        text=(
            "Per zorgaanbieder en gemeente: dossiers, evaluaties, hoe leerkrachten het "
            "effect in de klas zien, en de besprekingen waarbij de aanbieder was zonder dat "
            "de ouders uitgenodigd waren.\n\nHet rapport gaat naar een gemeente: er staat "
            'geen dossiernummer en geen naam in, en aantallen onder 5 staan er als "< 5". '
            "Dossiers tellen als de ondersteuning van de aanbieder in de periode liep; "
            "evaluaties en besprekingen op hun eigen datum.",
            "Per provider and municipality: cases, evaluations, the teachers' view of the "
            "effect in class, and the discussions attended without the parents invited.\n\n"
            "The report goes to a municipality: it holds no case reference and no name, and "
            'counts below 5 are shown as "< 5". Cases count when the provider\'s support was '
            "running in the period; evaluations and discussions by their own date.",
        ),
        short=(
            "Per zorgaanbieder en gemeente: dossiers, evaluaties, effect in de klas.",
            "Per provider and municipality: cases, evaluations, effect in class.",
        ),
        example=(
            "zatlog --db school.db providers report --from 2026-01-01 --to 2026-12-31 "
            "--format csv -o providers.csv",
        ),
        params={
            "municipality": (
                "Alleen de regels van deze gemeente (hoofdletters en spaties aan de randen "
                "tellen niet).",
                "Only this municipality's rows (gemeente; compared ignoring case and outer "
                "spaces).",
            ),
            "start": (
                "Eerste dag van de periode (standaard: geen ondergrens).",
                "First day of the period (default: no lower bound).",
            ),
            "end": (
                "Laatste dag van de periode (standaard: de peildatum).",
                "Last day of the period (default: the as-of date).",
            ),
            "as_of": (
                "Rapporteer wat op of vóór DATUM gebeurde (standaard: vandaag).",
                "Report what happened on or before DATE (default: today).",
            ),
        },
    ),
    "pupil": CommandHelp(
        text=(
            "De eigen besluiten en wilsbekwaamheid van de leerling, en wie de leerling machtigt.",
            "The pupil's own decisions and capacity, and the persons they authorise.",
        ),
    ),
    "relation": CommandHelp(
        text=(
            "Mensen rond de leerling: ouders, voogden, anderen.",
            "People around the pupil: parents, guardians, others.",
        ),
    ),
    "restore": CommandHelp(
        text=(
            "Zet een reservekopie BESTAND terug in --db (een nieuw, leeg pad) en controleer "
            "haar.\n\nEen kopie die de controle niet doorstaat, wordt weer weggehaald (het "
            "bestand van de reservekopie blijft zoals het is) en de gebroken schakels worden "
            "genoemd; exitcode 1.",
            "Restore a backup FILE into --db (a new, empty path), then verify it.\n\nA copy "
            "that does not verify is removed again (the backup file stays as it is) and the "
            "broken links are named; exit status 1.",
        ),
        example=("zatlog --db restored.db restore school-2026-11-29.db",),
        params={"file": ("De reservekopie.", "The backup.")},
    ),
    "safety": CommandHelp(
        text=(
            "Het veiligheidsspoor (meldcode): zorgen, besluiten zonder toestemming, uitstel, "
            "meldingen.",
            "The safety track (meldcode): concerns, overrides, deferrals, reports.",
        ),
    ),
    "school": CommandHelp(
        text=(
            "Documenten van de school (schoolgids, privacyreglement, meldcode …).",
            "School-level documents (schoolgids, privacyreglement, meldcode …).",
        ),
    ),
    "sdq": CommandHelp(text=("SDQ-vragenlijsten.", "SDQ questionnaires.")),
    "signal": CommandHelp(
        text=("Signalen over een leerling (stap 1).", "Signals about a pupil (step 1)."),
    ),
    "step": CommandHelp(
        text=("Stappen van het ondersteuningstraject.", "Steps of the support trajectory."),
    ),
    "support": CommandHelp(
        text=(
            "Ondersteuning door zorgaanbieders in de jeugdzorg.",
            "Support by youth-care providers.",
        ),
    ),
    "verify": CommandHelp(
        text=(
            "Reken de keten van elke gebeurtenis na en noem de eerste gebroken schakel "
            "(exitcode 1 als er een is).\n\nNoemt per dossier de eerste gebeurtenis die "
            "buiten zatlog om veranderd, weggehaald, ingevoegd, verwisseld of verplaatst is, "
            "en zegt vanaf welke positie de keten oorspronkelijk is.",
            "Recompute every event's chain and name the first broken link (exit 1 when "
            "broken).\n\nNames, per case, the first event that was edited, removed, "
            "inserted, swapped or moved outside zatlog, and says from which position the "
            "chain is original.",
        ),
        example=(
            "zatlog --db school.db verify",
            "zatlog --db school.db verify --against zl1-120-120-0123456789abcdef",
        ),
        params={
            "case_ref": (
                "Controleer alleen de keten van dit dossier.",
                "Verify one case's chain only.",
            ),
            "against": (
                "Toon ook aan dat het logboek waarvan deze vingerafdruk genomen is, "
                "onveranderd in het logboek van vandaag zit.",
                "Also prove that the log this digest was taken from is contained, unchanged, "
                "in today's log.",
            ),
        },
    ),
    "zat": CommandHelp(
        text=(
            "Aanmelding bij het Zorg- en adviesteam.",
            "Registration with the Zorg- en adviesteam.",
        ),
    ),
}
"""Every command but the recording ones, by its path under ``zatlog``."""

FIELD_HELP: dict[str, Text] = {
    "case": (
        "Het eigen dossiernummer van de school, bijv. 2025-017.",
        "The school's own case reference (dossiernummer), e.g. 2025-017.",
    ),
    "at": (
        "Wanneer het gebeurde: JJJJ-MM-DD of een datum met tijd volgens ISO 8601 (niet na "
        "vandaag; een tijdstip ordent gebeurtenissen van één dag die allebei een tijdstip "
        "hebben). Het moment van vastleggen wordt apart bewaard.",
        "When it happened: YYYY-MM-DD or an ISO 8601 date-time (not after today; a time of "
        "day orders events of one day that both carry one). The time it is recorded is kept "
        "separately.",
    ),
    "by": (
        "Wie het vastlegde (personeelscode). Standaard: de algemene --actor.",
        "Who recorded it (staff id). Default: the global --actor.",
    ),
    "school": (
        "Code van de school (standaard 'default'); een dossier hoort bij de school waar het "
        "geopend is.",
        "School id (default 'default'); a case belongs to the school it was opened at.",
    ),
    "note": ("Vrije tekst voor collega's.", "Free text for colleagues."),
    "document": (
        "Welk document van de school: school_guide_cvb en school_guide_zat (schoolgids), "
        "zat_folder (ZAT-folder), privacy_regulation (privacyreglement), zat_covenant "
        "(convenant), zat_privacy_regulation (privacyreglement van het ZAT), "
        "complaints_protocol (klachtenregeling) of meldcode.",
        "Which school document (schoolgids, ZAT-folder, privacyreglement, convenant, "
        "klachtenregeling, meldcode).",
    ),
    "version": (
        "Versie of datum van het gepubliceerde document.",
        "Version or date of the published document.",
    ),
    "pupil_name": (
        "De naam van de leerling. Staat nooit in een audit.",
        "The pupil's name. Never shown in audits.",
    ),
    "birth_date": (
        "De geboortedatum van de leerling, JJJJ-MM-DD.",
        "The pupil's date of birth, YYYY-MM-DD (geboortedatum).",
    ),
    "school_type": (
        "so = speciaal onderwijs, vso = voortgezet speciaal onderwijs.",
        "so = speciaal onderwijs (special education), vso = voortgezet speciaal onderwijs "
        "(secondary special education).",
    ),
    "person": (
        "Korte code van de persoon in dit dossier, bijv. mother, father, p-02.",
        "Short id of the person on this case, e.g. mother, father, p-02.",
    ),
    "name": ("De naam van de persoon.", "The person's name."),
    "relation": (
        "Relatie tot de leerling: parent (ouder), guardian (voogd), legal_representative "
        "(curator of mentor), foster_parent (pleegouder), step_parent (stiefouder), "
        "grandparent (grootouder), youth_protection_worker (jeugdbeschermer) of other "
        "(anders).",
        "Relation to the pupil.",
    ),
    "authority": (
        "Gezag: joint (gezamenlijk), sole (eenhoofdig) of none (geen).",
        "Parental authority: joint, sole or none.",
    ),
    "measure": (
        "Kinderbeschermingsmaatregel: ots (ondertoezichtstelling) of none (geen).",
        "Child protection measure: ots (ondertoezichtstelling) or none.",
    ),
    "basis": ("Grondslag.", "Legal ground."),
    "scope": (
        "Voor welke soorten gegevens dit geldt (bijv. reports, sdq, outcome), of 'all'; "
        "herhaal of scheid met komma's.",
        "Item categories this applies to (e.g. reports, sdq, outcome), or 'all'; repeat or "
        "separate with commas.",
    ),
    "motivation": ("Motivering: waarom.", "Why (motivation)."),
    "until": (
        "Laatste dag waarop het geldt, JJJJ-MM-DD (mag ontbreken; mag in de toekomst liggen).",
        "Last day it applies, YYYY-MM-DD (optional; may lie ahead).",
    ),
    "capable": (
        "Of de leerling wilsbekwaam is (toestemming kan afwegen).",
        "Whether the pupil can weigh consent (wilsbekwaam).",
    ),
    "targets": (
        "Om wie het gaat (persoonscodes; herhaal de optie of scheid met komma's).",
        "Persons concerned (person ids; repeat the option or separate with commas).",
    ),
    "reason": (
        "Waarom (bij een afgezegde bespreking mag het ontbreken).",
        "Why (for a cancelled meeting: optional).",
    ),
    "source": (
        "Wie het signaal gaf: teacher (leerkracht), parent (ouder), pupil (leerling) of "
        "other (anders).",
        "Who raised the signal (signaal).",
    ),
    "description": ("Wat er gezien of gehoord is.", "What was seen or heard."),
    "step": (
        "Stap van het ondersteuningstraject: 1 signaal, 2 zorgcoördinator, 3 CvB, "
        "4a aanmelding bij het ZAT, 4b bespreking in het ZAT, 5 ondersteuning.",
        "Step of the support trajectory: 1 signal, 2 care coordinator, 3 CvB, 4a ZAT "
        "registration, 4b ZAT discussion, 5 support.",
    ),
    "to": (
        "Ontvangers (persoonscodes; herhaal de optie of scheid met komma's).",
        "Recipients (person ids; repeat the option or separate with commas).",
    ),
    "channel": (
        "Hoe: conversation (gesprek), phone (telefoon), letter (brief), email of portal "
        "(ouderportaal); letter, email en portal tellen als schriftelijk.",
        "How: conversation, phone, letter, email, portal; letter/email/portal count as written.",
    ),
    "topics": (
        "Wat de ouders verteld of gevraagd is (onderwerpen); herhaal of scheid met komma's. "
        "meeting_cancelled: een bespreking is afgezegd; support: de hulp die geregeld wordt "
        "en wie die geeft.",
        "What the parents were told or asked; repeat or separate with commas. "
        "meeting_cancelled: a meeting was cancelled; support: the help to be arranged and "
        "who gives it.",
    ),
    "meeting": (
        "Code van de bespreking, bijv. m-cvb-1.",
        "Meeting id, e.g. m-cvb-1.",
    ),
    "summary": ("Korte samenvatting van het contact.", "Short summary of the contact."),
    "kind": (
        "Soort: bij een plan drafted (opgesteld), adjusted (bijgesteld) of evaluated "
        "(geëvalueerd); bij ondersteuning de soort hulp (bijv. ambulante begeleiding).",
        "Kind: of a plan, drafted, adjusted or evaluated; of support, the kind of help "
        "(e.g. ambulante begeleiding).",
    ),
    "advice_school": (
        "Handelingsadvies voor school.",
        "Advice for school (handelingsadvies school).",
    ),
    "advice_home": ("Handelingsadvies voor thuis.", "Advice for home (handelingsadvies thuis)."),
    "parents_agreed": (
        "Of de ouders met het plan instemden.",
        "Whether the parents agreed with the plan.",
    ),
    "informant": (
        "Wie de SDQ invulde: parent (ouder), teacher (leerkracht) of self (de leerling zelf).",
        "Who filled in the SDQ: parent, teacher (leerkracht) or self (the pupil).",
    ),
    "emotional": ("SDQ-score emotionele problemen, 0-10.", "SDQ emotional symptoms score, 0-10."),
    "conduct": ("SDQ-score gedragsproblemen, 0-10.", "SDQ conduct problems score, 0-10."),
    "hyperactivity": ("SDQ-score hyperactiviteit, 0-10.", "SDQ hyperactivity score, 0-10."),
    "peer": (
        "SDQ-score problemen met leeftijdgenoten, 0-10.",
        "SDQ peer problems score, 0-10.",
    ),
    "prosocial": ("SDQ-score prosociaal gedrag, 0-10.", "SDQ prosocial score, 0-10."),
    "support_need": (
        "De ondersteuningsbehoefte op het aanmeldformulier van het ZAT.",
        "The support need on the ZAT registration form (ondersteuningsbehoefte).",
    ),
    "parent_input": (
        "Of de visie van de ouders op het aanmeldformulier staat.",
        "Whether the parents' view is on the registration form.",
    ),
    "provider": (
        "De zorgaanbieder in de jeugdzorg, gespeld zoals bij de aanwezigen van een "
        "bespreking, zodat het aanbiedersrapport de besprekingen vindt. Een evaluatie noemt "
        "een aanbieder die in het dossier geregeld is.",
        "The youth-care provider (zorgaanbieder), spelled as in discussion attendees so "
        "that the provider report finds its meetings. An evaluation names a provider "
        "arranged on the case.",
    ),
    "municipality": (
        "De gemeente die de aanbieder contracteert, mag ontbreken; dan houdt de aanbieder "
        "de gemeente van de eerdere regeling in dit dossier.",
        "The municipality that contracts the provider (gemeente), optional; left out, the "
        "provider's earlier arrangement on the case keeps its municipality.",
    ),
    "evaluator": (
        "Wie evalueert: teacher (leerkracht; de mediaan van het effect in het "
        "aanbiedersrapport telt alleen leerkrachten), parent (ouder), pupil (leerling) of "
        "coordinator (zorgcoördinator).",
        "Who evaluates: teacher (the provider report's effect median counts teachers only), "
        "parent, pupil or coordinator.",
    ),
    "effect_in_class": (
        "Effect zichtbaar in de klas, een heel getal van 1 (niets te zien) tot 5 (duidelijk "
        "te zien).",
        "Effect visible in class, a whole number from 1 (nothing visible) to 5 (clearly visible).",
    ),
    "worked_at_school": (
        "Of de hulp op school gegeven werd, met leerkracht en ouder, niet alleen elders.",
        "Whether the help was given at school, with teacher and parent, not only elsewhere.",
    ),
    "involved_teacher": (
        "Of de aanbieder met de leerkracht samenwerkte.",
        "Whether the provider worked with the teacher.",
    ),
    "involved_parents": (
        "Of de aanbieder met de ouders samenwerkte.",
        "Whether the provider worked with the parents.",
    ),
    "comment": (
        "Vrije opmerking (staat niet in het aanbiedersrapport).",
        "Free comment (not shown in the provider report).",
    ),
    "consent": (
        "Code van het toestemmingsformulier, bijv. f-cvb.",
        "Consent form id, e.g. f-cvb.",
    ),
    "forum": (
        "cvb (Commissie van Begeleiding), zat (Zorg- en adviesteam) of mdo "
        "(multidisciplinair overleg).",
        "cvb (Commissie van Begeleiding), zat (Zorg- en adviesteam) or mdo "
        "(multidisciplinair overleg).",
    ),
    "purpose": ("Doel.", "Purpose."),
    "participants": (
        "Wie mag deelnemen (deelnemers); herhaal of scheid met komma's.",
        "Who may take part, repeat or separate with commas.",
    ),
    "data_categories": (
        "Soorten gegevens die gedeeld mogen worden volgens het formulier; herhaal of scheid "
        "met komma's.",
        "Item categories the form allows to share, repeat or separate with commas.",
    ),
    "valid_until": (
        "Laatste dag waarop de toestemming geldt, JJJJ-MM-DD (mag ontbreken).",
        "Last day the consent is valid, YYYY-MM-DD (optional).",
    ),
    "signer": (
        "Wie tekende of besliste (persoonscode).",
        "Who signed or decided (person id).",
    ),
    "method": (
        "Hoe de toestemming gegeven is: signature (handtekening), electronic_signature "
        "(elektronische handtekening) of verbal (mondeling; geen ondubbelzinnige "
        "toestemming).",
        "How consent was given: signature, electronic_signature or verbal (not unambiguous "
        "consent).",
    ),
    "notice": (
        "Code van het geen-bezwaarbericht.",
        "No-objection notice id.",
    ),
    "objection_deadline": (
        "Laatste dag om bezwaar te maken, JJJJ-MM-DD.",
        "Last day to object, YYYY-MM-DD.",
    ),
    "date": ("De datum van de bespreking, JJJJ-MM-DD.", "The meeting date, YYYY-MM-DD."),
    "purpose_and_composition_included": (
        "Of de uitnodiging doel, datum en deelnemers noemde.",
        "Whether the invitation stated purpose, date and who takes part.",
    ),
    "level": (
        "full (met naam), outside_info (buitenkant-informatie) of anonymous (anonieme "
        "consultatie).",
        "full (with the name), outside_info (buitenkant-informatie) or anonymous "
        "(anonymous consultation).",
    ),
    "attendees": (
        "Wie er waren; herhaal of scheid met komma's.",
        "Who attended, repeat or separate with commas.",
    ),
    "parents_present": ("Of de ouders erbij waren.", "Whether the parents were present."),
    "pupil_present": ("Of de leerling erbij was.", "Whether the pupil was present."),
    "data_shared": (
        "Soorten gegevens die gedeeld zijn; herhaal of scheid met komma's.",
        "Item categories that were shared, repeat or separate with commas.",
    ),
    "outcome": ("Uitkomst van de bespreking.", "Outcome of the discussion."),
    "ground": ("Grond.", "Ground."),
    "approved_by": (
        "Wie besloot zonder toestemming verder te gaan (bijv. director).",
        "Who decided to override (e.g. director).",
    ),
    "review_at": (
        "Wanneer het uitstel opnieuw bekeken wordt en de ouders geïnformeerd worden, JJJJ-MM-DD.",
        "When to review the deferral and inform the parents, YYYY-MM-DD.",
    ),
    "reference": ("Kenmerk van de melding (mag ontbreken).", "Reference of the report (optional)."),
    "request": ("Code van het informatieverzoek.", "Information request id."),
    "requester": ("Wie het vroeg (persoonscode).", "Who asked (person id)."),
    "new_deadline": ("De verlengde termijn, JJJJ-MM-DD.", "The extended deadline, YYYY-MM-DD."),
    "items": (
        "Soorten gegevens die verstrekt zijn, of 'dossier' voor een volledige export.",
        "Item categories disclosed, or 'dossier' for a full export.",
    ),
    "redactions": (
        "Weggelaten onderdelen als ONDERDEEL:GROND (bijv. reports:child_interest); herhaalbaar.",
        "Withheld items as ITEM:GROUND (e.g. reports:child_interest); repeatable.",
    ),
    "format": (
        "Vorm van de verstrekking: pdf, html, json, letter (brief) of oral (mondeling).",
        "Format of the disclosure: pdf, html, json, letter or oral.",
    ),
}
"""Help per field of the import format, for the recording commands and docs/import-format.md."""

ACTION_HELP: dict[str, Text] = {
    "school_document_published": (
        "Leg vast dat de school een document publiceerde (schoolgids, privacyreglement, "
        "ZAT-folder, meldcode …).",
        "Record that the school published a document (schoolgids, privacyreglement, "
        "ZAT-folder, meldcode …).",
    ),
    "case_opened": (
        "Open het dossier van een leerling; de eerste handeling van elk dossier.",
        "Open a pupil's case (dossier); the case's first action.",
    ),
    "relation_recorded": (
        "Leg een persoon rond de leerling vast, met relatie en gezag. Wie dezelfde persoon "
        "opnieuw vastlegt, vervangt de relatie vanaf die datum.",
        "Record a person around the pupil, their relation and authority. Recording the same "
        "person again replaces their relation from that date on.",
    ),
    "information_restricted": (
        "Leg een beperking vast van de informatie aan een persoon (uitspraak van de rechter, "
        "aanwijzing bij een OTS of het belang van het kind).",
        "Record a restriction of information to a person (court order, OTS instruction or "
        "the child's interest).",
    ),
    "pupil_capacity_assessed": (
        "Leg vast of de leerling wilsbekwaam is.",
        "Record whether the pupil can weigh consent (wilsbekwaamheid).",
    ),
    "pupil_refused_parent_information": (
        "Leg vast dat de leerling (16+) informatie aan deze personen weigert.",
        "Record that the pupil (16+) refuses information to these persons.",
    ),
    "pupil_refusal_withdrawn": (
        "Leg vast dat de leerling informatie aan deze personen niet langer weigert.",
        "Record that the pupil no longer refuses information to these persons.",
    ),
    "pupil_authorised_person": (
        "Leg vast dat de leerling (16+) iemand machtigt de eigen informatie te krijgen "
        "(machtiging), bijv. een ouder van een meerderjarige leerling die op de hoogte "
        "blijft. De reikwijdte noemt de soorten gegevens (of 'all'); 'until' is de laatste "
        "dag waarop het geldt. De persoon moet eerst in het dossier vastgelegd zijn (zatlog "
        "relation record).",
        "Record that the pupil (16+) authorises a person to receive their information "
        "(machtiging), e.g. a parent of an adult pupil kept informed. The scope names the "
        "item categories (or 'all'); 'until' is the last day it applies. The person must be "
        "recorded on the case first (zatlog relation record).",
    ),
    "pupil_authorisation_withdrawn": (
        "Leg vast dat de leerling de machtiging van een persoon intrekt (vanaf die datum).",
        "Record that the pupil withdraws a person's authorisation (from that date on).",
    ),
    "case_closed": (
        "Sluit het dossier; daarna kunnen alleen nog informatieverzoeken vastgelegd worden.",
        "Close the case; afterwards only information requests can be recorded.",
    ),
    "signal_raised": (
        "Leg een signaal over de leerling vast.",
        "Record a signal (signaal) about the pupil.",
    ),
    "step_entered": (
        "Zet het dossier in een stap van het ondersteuningstraject.",
        "Move the case to a step of the support trajectory.",
    ),
    "parents_informed": (
        "Leg vast dat ouders (of de leerling) geïnformeerd of gehoord zijn.",
        "Record that parents (or the pupil) were informed or heard.",
    ),
    "action_plan_recorded": (
        "Leg vast dat een handelingsplan opgesteld, bijgesteld of geëvalueerd is.",
        "Record an action plan (handelingsplan) being drafted, adjusted or evaluated.",
    ),
    "sdq_recorded": (
        "Leg SDQ-scores vast (Strengths and Difficulties Questionnaire).",
        "Record SDQ scores (Strengths and Difficulties Questionnaire).",
    ),
    "zat_registered": (
        "Leg de aanmelding bij het ZAT vast (stap 4a).",
        "Record the registration with the ZAT (aanmelding, step 4a).",
    ),
    "support_arranged": (
        "Leg ondersteuning vast die bij een zorgaanbieder geregeld is.",
        "Record support arranged with a provider (zorgaanbieder).",
    ),
    "support_evaluated": (
        "Leg een evaluatie vast van de ondersteuning door een aanbieder: is het effect te "
        "zien in de klas? De aanbieder moet eerst in het dossier geregeld zijn (support "
        "arrange).",
        "Record an evaluation of a provider's support: is it visible in class? The provider "
        "must have been arranged on the case first (support arrange).",
    ),
    "consent_form_issued": (
        "Geef een toestemmingsformulier uit voor een overleg.",
        "Issue a consent form for a forum.",
    ),
    "consent_given": (
        "Leg vast dat op een formulier toestemming gegeven is.",
        "Record consent given on a form.",
    ),
    "consent_refused": (
        "Leg vast dat op een formulier toestemming geweigerd is.",
        "Record consent refused on a form.",
    ),
    "consent_withdrawn": (
        "Leg vast dat toestemming op een formulier ingetrokken is.",
        "Record consent withdrawn on a form.",
    ),
    "no_objection_notice_sent": (
        "Leg vast dat ouders een geen-bezwaarbericht gestuurd is.",
        "Record a no-objection notice sent to parents.",
    ),
    "objection_received": (
        "Leg een bezwaar tegen een geen-bezwaarbericht vast.",
        "Record an objection to a no-objection notice.",
    ),
    "meeting_scheduled": (
        "Plan een bespreking van de leerling in het CvB, ZAT of MDO. Wie dezelfde bespreking "
        "opnieuw plant, verzet haar naar de nieuwe datum (ook na afzeggen).",
        "Schedule a CvB, ZAT or MDO meeting about the pupil. Scheduling the same meeting id "
        "again moves it to the new date (also after a cancellation).",
    ),
    "meeting_cancelled": (
        "Leg vast dat een bespreking afgezegd is. Ze verdwijnt van de termijnenlijst; laat "
        "het de genodigden weten (zatlog parents inform --topics meeting_cancelled --meeting "
        "ID). Gaat ze toch door, plan haar dan opnieuw.",
        "Record that a meeting is cancelled. It leaves the due list; tell the invitees "
        "(zatlog parents inform --topics meeting_cancelled --meeting ID). To hold it after "
        "all, schedule it again.",
    ),
    "parents_invited": (
        "Leg vast dat personen voor een bespreking uitgenodigd zijn.",
        "Record that persons were invited to a meeting.",
    ),
    "discussion_held": (
        "Leg een bespreking van de leerling in het CvB, ZAT of MDO vast.",
        "Record a discussion of the pupil in a CvB, ZAT or MDO.",
    ),
    "safety_concern_recorded": (
        "Leg een zorg over de veiligheid vast (meldcode).",
        "Record a safety concern (meldcode).",
    ),
    "safety_override_invoked": (
        "Leg het besluit vast om voor de veiligheid zonder toestemming te bespreken.",
        "Record the decision to discuss without consent for safety.",
    ),
    "parent_notification_deferred": (
        "Leg vast dat de ouders later over een melding geïnformeerd worden.",
        "Record that informing the parents of a report is deferred.",
    ),
    "report_made": (
        "Leg een melding vast bij Veilig Thuis, de jeugdzorg of het wijkteam.",
        "Record a report to Veilig Thuis, youth care or the municipal team.",
    ),
    "information_requested": (
        "Leg een verzoek om inzage, een kopie of belangrijke feiten vast.",
        "Record a request for inspection, a copy or important facts.",
    ),
    "information_request_extended": (
        "Leg een verlenging van de termijn van een informatieverzoek vast.",
        "Record an extension of an information request's deadline.",
    ),
    "information_disclosed": (
        "Leg vast dat een persoon informatie gekregen heeft.",
        "Record information given to a person.",
    ),
    "information_request_refused": (
        "Leg vast dat een informatieverzoek geweigerd is.",
        "Record that an information request was refused.",
    ),
}
"""Help per action, for its recording command."""

EXAMPLE_VALUES: dict[str, str] = {
    "case": "2025-017",
    "at": "2026-09-15",
    "document": "school_guide_zat",
    "version": "2026-2027",
    "pupil_name": "Sam de Vries",
    "birth_date": "2014-03-02",
    "person": "mother",
    "name": "Anna de Vries",
    "scope": "reports",
    "targets": "father",
    "to": "mother,father",
    "topics": "concern",
    "provider": "Jeugdzorg Noord",
    "kind": "ambulante begeleiding",
    "evaluator": "teacher",
    "effect_in_class": "4",
    "emotional": "6",
    "conduct": "2",
    "hyperactivity": "5",
    "peer": "3",
    "prosocial": "7",
    "consent": "f-zat",
    "forum": "zat",
    "participants": "coordinator,school-nurse",
    "data_categories": "outcome,sdq",
    "signer": "mother",
    "notice": "n-1",
    "objection_deadline": "2026-09-29",
    "meeting": "m-zat-1",
    "level": "anonymous",
    "basis": "none",
    "date": "2026-10-01",
    "attendees": "coordinator,school-nurse",
    "data_shared": "outcome",
    "approved_by": "director",
    "review_at": "2026-10-15",
    "request": "r-20260915-1",
    "requester": "mother",
    "new_deadline": "2026-11-15",
    "items": "dossier",
}
"""A value for each field in the examples of `--help` (fictional): what the user types."""

EXAMPLE_TEXTS: dict[str, Text] = {
    # free text in the examples, in the language of the help
    "motivation": ("uitspraak van de rechter van 1 september", "court order of 1 September"),
    "description": (
        "trekt zich sinds de vakantie terug in de klas",
        "withdrawn in class since the holidays",
    ),
    "summary": ("het plan besproken", "talked about the plan"),
    "support_need": ("hulp bij angst in de klas", "help with anxiety in class"),
    "purpose": ("ondersteuning bespreken in het ZAT", "discuss support in the ZAT"),
}
