"""Dutch and English labels of what people read (timelines, audits, dossiers).

Dutch is the default; every label has an English twin. Add labels here, not
in templates, so that all outputs name things the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Literal

from zatlog.errors import Number, Phrase

Lang = Literal["nl", "en"]

ACTION_LABELS: dict[str, tuple[str, str]] = {
    # action: (Dutch, English)
    "school_document_published": ("Schooldocument gepubliceerd", "School document published"),
    "case_opened": ("Dossier geopend", "Case opened"),
    "relation_recorded": ("Betrokkene vastgelegd", "Relation recorded"),
    "information_restricted": ("Informatie beperkt", "Information restricted"),
    "pupil_capacity_assessed": ("Wilsbekwaamheid leerling beoordeeld", "Pupil capacity assessed"),
    "pupil_refused_parent_information": (
        "Leerling weigert informatie aan ouder",
        "Pupil refused information to parent",
    ),
    "pupil_refusal_withdrawn": ("Weigering leerling ingetrokken", "Pupil's refusal withdrawn"),
    "pupil_authorised_person": ("Leerling machtigt een persoon", "Pupil authorised a person"),
    "pupil_authorisation_withdrawn": (
        "Machtiging door leerling ingetrokken",
        "Pupil's authorisation withdrawn",
    ),
    "case_closed": ("Dossier gesloten", "Case closed"),
    "signal_raised": ("Signaal afgegeven", "Signal raised"),
    "step_entered": ("Stap in het traject", "Step entered"),
    "parents_informed": ("Ouders geïnformeerd", "Parents informed"),
    "action_plan_recorded": ("Handelingsplan vastgelegd", "Action plan recorded"),
    "sdq_recorded": ("SDQ vastgelegd", "SDQ recorded"),
    "zat_registered": ("Aangemeld bij het ZAT", "Registered with the ZAT"),
    "support_arranged": ("Ondersteuning geregeld", "Support arranged"),
    "support_evaluated": ("Ondersteuning geëvalueerd", "Support evaluated"),
    "consent_form_issued": ("Toestemmingsformulier uitgereikt", "Consent form issued"),
    "consent_given": ("Toestemming gegeven", "Consent given"),
    "consent_refused": ("Toestemming geweigerd", "Consent refused"),
    "consent_withdrawn": ("Toestemming ingetrokken", "Consent withdrawn"),
    "no_objection_notice_sent": ("Geen-bezwaarbericht verstuurd", "No-objection notice sent"),
    "objection_received": ("Bezwaar ontvangen", "Objection received"),
    "meeting_scheduled": ("Bespreking gepland", "Meeting scheduled"),
    "meeting_cancelled": ("Bespreking afgezegd", "Meeting cancelled"),
    "parents_invited": ("Uitgenodigd voor bespreking", "Invited to meeting"),
    "discussion_held": ("Leerling besproken", "Discussion held"),
    "safety_concern_recorded": ("Zorg over veiligheid vastgelegd", "Safety concern recorded"),
    "safety_override_invoked": (
        "Besloten te bespreken zonder toestemming (veiligheid)",
        "Safety override invoked",
    ),
    "parent_notification_deferred": (
        "Informeren ouders uitgesteld",
        "Parent notification deferred",
    ),
    "report_made": ("Melding gedaan", "Report made"),
    "information_requested": ("Informatieverzoek ontvangen", "Information requested"),
    "information_request_extended": (
        "Termijn informatieverzoek verlengd",
        "Information request extended",
    ),
    "information_disclosed": ("Informatie verstrekt", "Information disclosed"),
    "information_request_refused": ("Informatieverzoek geweigerd", "Information request refused"),
}

FORUM_LABELS: dict[str, tuple[str, str]] = {
    "cvb": ("Commissie van Begeleiding (CvB)", "Support committee (CvB)"),
    "zat": ("Zorg- en adviesteam (ZAT)", "Care and advice team (ZAT)"),
    "mdo": ("Multidisciplinair overleg (MDO)", "Multidisciplinary meeting (MDO)"),
}

STEP_LABELS: dict[str, tuple[str, str]] = {
    "1": ("1 signaleren", "1 observe and signal"),
    "2": ("2 zorgcoördinator betrokken", "2 care coordinator engaged"),
    "3": ("3 bespreking in de CvB", "3 CvB discussion"),
    "4a": ("4a aangemeld bij het ZAT", "4a registered with the ZAT"),
    "4b": ("4b bespreking in het ZAT", "4b ZAT discussion"),
    "5": ("5 ondersteuning", "5 support provided"),
}

RIGHT_LABELS: dict[str, tuple[str, str]] = {
    "full": ("volledig inzagerecht", "full right of access"),
    "important_facts": ("recht op belangrijke feiten", "right to important facts"),
    "none": ("geen recht op informatie", "no right to information"),
}

SEVERITY_LABELS: dict[str, tuple[str, str]] = {
    "critical": ("kritiek", "critical"),
    "major": ("ernstig", "major"),
    "minor": ("gering", "minor"),
}

PROVIDER_LABELS: dict[str, tuple[str, str]] = {
    # the provider report (zatlog providers report)
    "title": ("Verantwoording jeugdhulpaanbieders", "Provider accountability"),
    "subtitle": (
        "Wat leerkrachten in de klas zien, en of aanbieders met ouders werken",
        "What teachers see in class, and whether providers work with parents",
    ),
    "period": ("Periode", "Period"),
    "through": ("t/m", "to"),
    "until": ("t/m", "up to"),
    "as_of": ("peildatum", "as of"),
    "provider": ("Aanbieder", "Provider"),
    "municipality": ("Gemeente", "Municipality"),
    "not_recorded": ("(niet vastgelegd)", "(not recorded)"),
    "cases": ("Dossiers", "Cases"),
    "evaluations": ("Evaluaties", "Evaluations"),
    "teacher": ("leerkracht", "teacher"),
    "parent": ("ouder", "parent"),
    "pupil": ("leerling", "pupil"),
    "coordinator": ("zorgcoördinator", "coordinator"),
    "effect": ("Effect in de klas volgens leerkrachten", "Effect in class according to teachers"),
    "median": ("mediaan", "median"),
    "no_teacher_ratings": ("geen oordeel van leerkrachten", "no teacher ratings"),
    "chart": (
        "Oordeel van leerkrachten over het effect in de klas, van 1 (niets zichtbaar) "
        "tot 5 (duidelijk zichtbaar)",
        "Teachers' ratings of the effect in class, from 1 (nothing visible) to 5 (clearly visible)",
    ),
    "worked_at_school": ("Op school gewerkt", "Worked at school"),
    "involved_teacher": ("Leerkracht betrokken", "Teacher involved"),
    "involved_parents": ("Ouders betrokken", "Parents involved"),
    "discussions": ("Besprekingen bijgewoond", "Discussions attended"),
    "without": ("waarvan ouders niet uitgenodigd", "of which parents not invited"),
    "flag": (
        "nam deel aan besprekingen waarvoor de ouders niet waren uitgenodigd",
        "attended discussions held without the parents invited",
    ),
    "flag_badge": ("zonder ouders", "without parents"),
    "flagged_summary": (
        "Aanbieders die deelnamen aan besprekingen waarvoor de ouders niet waren uitgenodigd",
        "Providers who attended discussions held without the parents invited",
    ),
    "none": ("Geen aanbieders in deze periode.", "No providers in this period."),
    "small_counts": (
        "Aantallen van 1 tot en met 4 staan er als „< 5”, zodat geen kind herkenbaar is; "
        "een 0 is 0. Een aandeel staat er pas bij 5 evaluaties of meer, de mediaan pas bij 10 "
        "oordelen van leerkrachten of meer; anders staat er „–”. Ook een aantal dat het "
        "ontbrekende zou verraden, staat er als „–”. Dit overzicht bevat geen dossiernummers "
        "en geen namen.",
        "Counts from 1 to 4 are shown as “< 5” so that no child can be recognised; a 0 is 0. "
        "A share is shown only from 5 evaluations, the median only from 10 teachers' ratings; "
        "otherwise it reads “–”. A count that would give a hidden one away reads “–” too. "
        "This report holds no case references and no names.",
    ),
    "how_to_read": ("Zo leest u dit overzicht", "How to read this report"),
    "def_cases": (
        "Dossiers: leerlingen bij wie de ondersteuning van de aanbieder in de periode liep "
        "(geregeld vóór of in de periode, dossier niet eerder gesloten).",
        "Cases: pupils whose support by the provider was running in the period "
        "(arranged before or in the period, case not closed earlier).",
    ),
    "def_evaluations": (
        "Evaluaties: beoordelingen met een datum in de periode, per beoordelaar; "
        "de aandelen gaan over alle evaluaties.",
        "Evaluations: ratings dated in the period, by evaluator; "
        "the shares are of all evaluations.",
    ),
    "def_discussions": (
        "Besprekingen: CvB-, ZAT- en MDO-besprekingen met naam of buitenkant-informatie in de "
        "periode waarbij de aanbieder aanwezig was; daarvan de besprekingen waarvoor een ouder "
        "met gezag (of de leerling van 16+) helemaal niet was uitgenodigd.",
        "Discussions: CvB, ZAT and MDO discussions with name or outside information in the "
        "period that the provider attended; of those, the discussions for which a parent with "
        "authority (or the pupil of 16+) was not invited at all.",
    ),
    "def_municipality": (
        "Gemeente: de gemeente die de aanbieder contracteert, zoals vastgelegd bij het regelen "
        "van de ondersteuning; verhuist een leerling, dan telt elke gemeente haar eigen deel.",
        "Municipality: the municipality that contracts the provider, as recorded when the "
        "support was arranged; when a pupil moves, each municipality counts its own part.",
    ),
    "legend": (
        "Evaluaties: leerkracht / ouder / leerling / zorgcoördinator. Mediaan effect: het "
        "midden van de oordelen van leerkrachten over het effect in de klas (1 tot 5).",
        "Evaluations: teacher / parent / pupil / coordinator. Median effect: the middle of the "
        "teachers' ratings of the effect in class (1 to 5).",
    ),
    "evaluations_short": ("Evaluaties", "Evaluations"),
    "median_short": ("Mediaan effect", "Median effect"),
    "at_school_short": ("Op school", "At school"),
    "teacher_short": ("Lk betrokken", "Teacher inv."),
    "parents_short": ("Ouders betrokken", "Parents inv."),
    "discussions_short": ("Besprekingen", "Discussions"),
    "without_short": ("Niet uitgenodigd", "Not invited"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: Lang = "nl") -> str:
    """The label of ``key`` in ``lang``; the key itself when it has none."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nl" else pair[1]


CHART_LABELS: dict[str, tuple[str, str]] = {
    # the bars of the audit report's charts
    "not_invited": ("niet uitgenodigd", "not invited"),
    "before": ("vooraf", "before"),
    "same_day": ("zelfde dag", "same day"),
    "never": ("nooit", "never"),
}

READ_MODEL_LABELS: dict[str, tuple[str, str]] = {
    # the read models (zatlog projections status / rebuild), by the name --projection takes
    "case_log": ("dossierindex", "case index"),
    "case_state": ("stand van de dossiers", "case state"),
    "due": ("termijnenlijst", "due list"),
    "findings": ("bevindingen van de audit", "audit findings"),
}


def action_label(action: str, lang: Lang = "nl") -> str:
    return label(ACTION_LABELS, action, lang)


# -- what the command line says when something is wrong (zatlog.cli) -----------------------

CLI_MESSAGES: dict[str, tuple[str, str]] = {
    "no_database": (
        "geen zatlog-database op {path} (maak er een met zatlog init)",
        "no zatlog database at {path} (create one with zatlog init)",
    ),
    "not_a_database": (
        "{path} is geen zatlog-database: {reason}",
        "{path} is not a zatlog database: {reason}",
    ),
    "not_a_file": ("het is geen bestand", "it is not a file"),
    "no_log_tables": ("het logboek ontbreekt erin", "it holds no zatlog log"),
    "not_sqlite": ("het is geen SQLite-databasebestand", "file is not a database"),
    "cannot_open": ("kan {target} niet openen: {reason}", "cannot open {target}: {reason}"),
    "store_failed_at": ("{target}: databasefout: {reason}", "{target}: {reason}"),
    "db_is_directory": (
        "--db {value}: dat is een map; verwacht een databasebestand",
        "--db {value}: is a directory, expected a database file",
    ),
    "url_no_database": (
        "--db {url}: de URL noemt geen database",
        "--db {url}: the URL names no database",
    ),
    "bad_schema": (
        "--db: schema {schema} is geen eenvoudige SQL-naam in kleine letters",
        "--db: schema {schema} is not a plain lower-case SQL name",
    ),
    "meta_no_key_id": (
        "{target}: volgens de metadata is het log versleuteld, maar er staat geen sleutel-id in",
        "{target}: its metadata says encrypted but names no key id",
    ),
    "legacy_key_missing": (
        "{target} is versleuteld, en de sleutel staat niet in {env} (niet gezet) en niet in {path}",
        "{target} is encrypted, and its key is not in {env} (not set) nor in {path}",
    ),
    "key_not_base64": ("geen base64", "not base64"),
    "key_bytes": ("{count} bytes", "{count} bytes"),
    "key_not_ascii": ("geen ASCII-tekst", "not ASCII text"),
    "key_create_failed": (
        "kan de encryptiesleutel niet aanmaken in {folder}: {reason}",
        "cannot create the encryption key in {folder}: {reason}",
    ),
    "log_damaged_own_key": (
        "het log in {target} is beschadigd bij {where}: een opgeslagen gebeurtenis is niet te "
        "ontsleutelen met de eigen sleutel van deze database (id {key_id}); ze is veranderd "
        "nadat ze werd geschreven",
        "the log in {target} is damaged at {where}: a stored event does not decrypt with this "
        "database's own key (id {key_id}); it was changed after it was written",
    ),
    "log_other_key": (
        "het log in {target} is niet te lezen bij {where}: een opgeslagen gebeurtenis is niet "
        "te ontsleutelen met de sleutel (ZATLOG_CIPHER_KEY of het sleutelbestand): een andere "
        "sleutel, of schade",
        "cannot read the log in {target} at {where}: a stored event does not decrypt with its "
        "key (ZATLOG_CIPHER_KEY or its key file): another key, or damage",
    ),
    "log_damaged": (
        "het log in {target} is beschadigd bij {where}: een opgeslagen gebeurtenis is niet "
        "leesbaar",
        "the log in {target} is damaged at {where}: a stored event is not readable",
    ),
    "log_other_or_no_key": (
        "het log in {target} is niet te lezen: het is geschreven met een andere "
        "encryptiesleutel, of zonder",
        "cannot read the log in {target}: it was written with another encryption key, or "
        "without one",
    ),
    "read_models_other_key": (
        "de leesmodellen zijn niet te lezen: ze zijn geschreven met een andere encryptiesleutel, "
        "of zonder (bouw ze opnieuw op met zatlog projections rebuild)",
        "cannot read the read models: they were written with another encryption key, or "
        "without one (rebuild them with `zatlog projections rebuild`)",
    ),
    "pseudonym_key_short": (
        "een pseudonimiseringssleutel heeft minstens {least} bytes nodig, niet {count}",
        "a pseudonymization key needs at least {least} bytes, got {count}",
    ),
    "pseudonym_key_unreadable": (
        "{path}: het sleutelbestand is niet te lezen: {reason}",
        "{path}: cannot read the key file: {reason}",
    ),
    "pseudonym_keyfile_short": (
        "{path}: het sleutelbestand bevat {count} bytes; een sleutel heeft er minstens {least} "
        "nodig (bijvoorbeeld: head -c 32 /dev/urandom > {path})",
        "{path}: the key file holds {count} bytes; a key needs at least {least} (for example: "
        "head -c 32 /dev/urandom > {path})",
    ),
    "at_position": ("positie {position}", "position {position}"),
    "after_position": ("na positie {position}", "after position {position}"),
    "every_event": ("elke gebeurtenis", "every event"),
    "concurrent_write": (
        "een andere zorgcoördinator bleef vastleggen in hetzelfde dossier; na {attempts} "
        "pogingen is er niets geschreven, probeer het opnieuw",
        "another coordinator kept recording on the same case(s); nothing was written after "
        "{attempts} attempts, please try again",
    ),
    "chain_no_link": (
        "de keten van aggregaat {aggregate} heeft geen schakel voor versie {version}: het log "
        "is buiten zatlog veranderd; er is niets geschreven (voer zatlog verify uit)",
        "the chain of aggregate {aggregate} has no link for version {version}: the log was "
        "changed outside zatlog; nothing was written (run `zatlog verify`)",
    ),
    "chain_link_held": (
        "de keten heeft al een schakel voor een gebeurtenis die nu wordt geschreven: er is "
        "buiten zatlog een gebeurtenis uit het log verwijderd; er is niets geschreven (voer "
        "zatlog verify uit)",
        "the chain already holds a link for an event being written: an event was removed from "
        "the log outside zatlog; nothing was written (run `zatlog verify`)",
    ),
    "chain_migration_unreadable": (
        "kan het bestaande log niet ketenen: de gebeurtenis op positie {position} is niet te "
        "lezen (een andere encryptiesleutel, of beschadigd)",
        "cannot chain the existing log: the event at position {position} cannot be read "
        "(another encryption key, or damaged)",
    ),
    "positions_not_sequential": (
        "de nieuwe posities in het log lopen niet door (SQLite's rowids zijn op); er is niets "
        "geschreven",
        "the log's new positions are not sequential (SQLite's rowids are used up); nothing was "
        "written",
    ),
    "access_open_failed": (
        "kan het inzagelog in {target} niet openen: {reason}",
        "cannot open the access log in {target}: {reason}",
    ),
    "access_read_failed": (
        "kan het inzagelog in {target} niet lezen: {reason}",
        "cannot read the access log in {target}: {reason}",
    ),
    "access_record_failed": (
        "kan de inzage niet vastleggen in {target}: {reason}; er is niets getoond",
        "cannot record the access in {target}: {reason}; nothing was shown",
    ),
    "readable_by_others": (
        "waarschuwing: {path} is leesbaar voor anderen; maak het privé met: chmod 600 {path}",
        "warning: {path} is readable by others; make it private with: chmod 600 {path}",
    ),
    "cannot_create": (
        "kan {path} niet aanmaken: {reason}",
        "cannot create {path}: {reason}",
    ),
    "unknown_school": (
        "school {school} heeft geen dossiers in het logboek",
        "school {school} has no cases in the log",
    ),
    "unknown_school_suggest": (
        "school {school} heeft geen dossiers in het logboek; bedoelde u {suggestions}?",
        "school {school} has no cases in the log; did you mean {suggestions}?",
    ),
    "unknown_case_suggest": (
        "dossier {case} staat niet in het logboek; bedoelde u {suggestions}?",
        "case {case} is not in the log; did you mean {suggestions}?",
    ),
    "or": ("of", "or"),
    "reversed_range": (
        "--from {start} ligt na --to {end}; geef eerst de vroegste datum",
        "--from {start} is after --to {end}; give the earlier date first",
    ),
    "output_no_folder": (
        "--output {path}: de map {folder} bestaat niet",
        "--output {path}: the folder {folder} does not exist",
    ),
    "output_is_folder": (
        "--output {path}: dat is een map; geef een bestandsnaam",
        "--output {path}: that is a folder; give a file name",
    ),
    "output_symlink": (
        "--output {path}: dat is een symbolische koppeling; zatlog schrijft nooit via een "
        "koppeling, kies een gewoon bestand",
        "--output {path}: that is a symbolic link; zatlog never writes through a link, "
        "choose a plain file",
    ),
    "output_failed": (
        "--output {path}: schrijven mislukt: {reason}; er is niets geschreven",
        "--output {path}: writing failed: {reason}; nothing was written",
    ),
    "input_failed": ("{path}: lezen mislukt: {reason}", "{path}: cannot read: {reason}"),
    "no_pango": (
        "een PDF maken lukt niet: de systeembibliotheek Pango ontbreekt ({error}). Installeer "
        "wat WeasyPrint nodig heeft (Debian/Ubuntu: apt install libpango-1.0-0 "
        "libpangoft2-1.0-0) of maak het document met --format html",
        "cannot make a PDF: the system library Pango is missing ({error}). Install what "
        "WeasyPrint needs (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0) "
        "or make the document with --format html",
    ),
    "bad_key": (
        "{source}: geen geldige sleutel ({reason}); verwacht 16, 24 of 32 bytes in base64, "
        "zoals zatlog init --encrypt die maakt",
        "{source}: not a valid key ({reason}); expected 16, 24 or 32 bytes in base64, "
        "as zatlog init --encrypt makes them",
    ),
    "key_unreadable": (
        "het log in {target} is niet te lezen met deze sleutel (of zonder sleutel); "
        "er is niets gewist of veranderd",
        "the log in {target} cannot be read with this key (or without one); "
        "nothing was dropped or changed",
    ),
    "store_refused": (
        "de database weigerde dit, er is niets vastgelegd: {reason}",
        "the database refused this, nothing was recorded: {reason}",
    ),
    "store_failed": ("databasefout: {reason}", "database error: {reason}"),
    "file_error": ("{path}: {reason}", "{path}: {reason}"),
    "unexpected": (
        "onverwachte fout ({kind}: {detail}); meld dit aan wie zatlog beheert",
        "unexpected error ({kind}: {detail}); please report this to whoever maintains zatlog",
    ),
    "written_not_recorded": (
        "het document is geschreven, maar de verstrekking kon niet worden vastgelegd: "
        "{reason}; leg haar vast met zatlog information disclose",
        "the document was written, but the disclosure could not be recorded: {reason}; "
        "record it with zatlog information disclose",
    ),
    "doctor_ok": ("in orde", "ok"),
    "doctor_problem": ("PROBLEEM", "PROBLEM"),
    "doctor_note": ("let op", "note"),
    "doctor_python": ("Python", "Python"),
    "doctor_pdf": ("PDF (WeasyPrint, Pango)", "PDF (WeasyPrint, Pango)"),
    "doctor_pdf_fix": (
        "installeer Pango (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0); "
        "tot dan werkt --format html wel",
        "install Pango (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0); "
        "until then --format html works",
    ),
    "doctor_database": ("database", "database"),
    "doctor_database_fix": (
        "maak er een met: zatlog --db {path} init (of geef met --db of ZATLOG_DB de juiste)",
        "create one with: zatlog --db {path} init (or name the right one with --db or ZATLOG_DB)",
    ),
    "doctor_private": ("alleen leesbaar voor de eigenaar", "readable by its owner only"),
    "doctor_shared": ("{path} is leesbaar voor anderen", "{path} is readable by others"),
    "doctor_chmod": (
        "maak het privé met: chmod 600 {path}",
        "make it private with: chmod 600 {path}",
    ),
    "doctor_key": ("encryptiesleutel", "encryption key"),
    "doctor_key_none": (
        "geen sleutel: het log is niet versleuteld",
        "no key: the log is not encrypted",
    ),
    "doctor_key_from": ("sleutel uit {source}, past op het log", "key from {source}, fits the log"),
    "doctor_key_fix": (
        "zet de juiste sleutel in ZATLOG_CIPHER_KEY, of zet het sleutelbestand terug "
        "({path}) uit de reservekopie",
        "set the right key in ZATLOG_CIPHER_KEY, or restore the key file ({path}) from its backup",
    ),
    "doctor_key_misfit": (
        "het log is niet te lezen met deze sleutel (of zonder sleutel)",
        "the log cannot be read with this key (or without one)",
    ),
    "doctor_readmodels": ("leesmodellen", "read models"),
    "doctor_readmodels_current": (
        "bij met het log (positie {end})",
        "up to date with the log (position {end})",
    ),
    "doctor_readmodels_behind": (
        "{behind} gebeurtenissen achter; ze lopen bij bij het volgende gebruik",
        "{behind} events behind; they catch up on the next use",
    ),
    "doctor_readmodels_fix": (
        "bouw ze opnieuw op met: zatlog projections rebuild",
        "rebuild them with: zatlog projections rebuild",
    ),
    "read_models_behind": (
        "let op: de leesmodellen lopen {behind} gebeurtenissen achter op het log; de volger "
        "(zatlog projections follow) werkt ze bij",
        "note: the read models are {behind} events behind the log; the follower "
        "(zatlog projections follow) is catching up",
    ),
    "status_followed": (
        "een volger (zatlog projections follow) houdt ze bij",
        "a follower (zatlog projections follow) keeps them current",
    ),
    "status_unfollowed": (
        "geen volger: elke opdracht werkt ze zelf bij",
        "no follower: every command catches them up itself",
    ),
    "doctor_readmodels_followed": (
        "{behind} gebeurtenissen achter; de volger (zatlog projections follow) werkt ze bij",
        "{behind} events behind; the follower (zatlog projections follow) is catching up",
    ),
    "follow_needs_postgres": (
        "{target}: bijhouden kan alleen met PostgreSQL; met SQLite werkt elke opdracht de "
        "leesmodellen zelf bij",
        "{target}: following needs PostgreSQL; on SQLite every command catches the read "
        "models up itself",
    ),
    "follow_started": (
        "houdt {target} bij; stop met Ctrl-C of SIGTERM (de lopende pagina wordt afgemaakt)",
        "following {target}; stop with Ctrl-C or SIGTERM (the page being read is finished)",
    ),
    "follow_waiting": (
        "een andere volger houdt dit log al bij; deze wacht en neemt het over als die stopt",
        "another follower keeps this log already; this one waits and takes over when it stops",
    ),
    "follow_at": ("leesmodellen bij tot positie {position}", "read models at position {position}"),
    "follow_lost": (
        "verbinding met de database verloren ({reason}); opnieuw over {seconds} s",
        "lost the connection to the database ({reason}); trying again in {seconds} s",
    ),
    "follow_stopped_at": (
        "gestopt; leesmodellen bij tot positie {position}",
        "stopped; read models at position {position}",
    ),
    "doctor_skipped": ("overgeslagen: geen database", "skipped: no database"),
    "doctor_summary_ok": ("alles in orde", "everything is in order"),
    "doctor_summary_problem": ("1 probleem gevonden", "1 problem found"),
    "doctor_summary_problems": ("{count} problemen gevonden", "{count} problems found"),
    # -- what a command says when it did its work
    "recorded": (
        "vastgelegd: {what}, dossier {case} ({day})",
        "recorded: {what}, case {case} ({day})",
    ),
    "recorded_school": (
        "vastgelegd: {what}, school {school} ({day})",
        "recorded: {what}, school {school} ({day})",
    ),
    "recorded_request": (
        "vastgelegd: informatieverzoek {request} van {person}, dossier {case} ({day})",
        "recorded: information request {request} by {person}, case {case} ({day})",
    ),
    "imported_one": ("1 handeling ingelezen uit {source}", "imported 1 action from {source}"),
    "imported": (
        "{count} handelingen ingelezen uit {source}",
        "imported {count} actions from {source}",
    ),
    "imported_history": (
        " (gemarkeerd als overgenomen uit een eerder systeem)",
        " (marked as migrated)",
    ),
    "nothing_to_import": (
        "niets in te lezen: {source} bevat geen handelingen",
        "nothing to import: {source} has no actions",
    ),
    "key_created": (
        "encryptiesleutel gemaakt: {path} (maak er een reservekopie van: zonder sleutel is het "
        "log onleesbaar)",
        "encryption key created: {path} (back it up: without it the log is unreadable)",
    ),
    "demo_recorded": (
        "demoschool vastgelegd in {db}: {cases} dossiers, {actions} handelingen",
        "demo school recorded in {db}: {cases} cases, {actions} actions",
    ),
    "demo_try": ("probeer:", "try:"),
    "demo_not_empty": (
        "{target} bevat al een log; maak de demo in een nieuwe --db",
        "{target} already holds a log; run the demo on a new --db",
    ),
    "database_ready": ("database klaar: {target} ({state})", "database ready: {target} ({state})"),
    "at_rest_encrypted": (
        "{kind}, versleuteld, sleutel-id {key_id}",
        "{kind}, encrypted, key id {key_id}",
    ),
    "at_rest_encrypted_legacy": (
        "{kind}, versleuteld (van vóór sleutel-id's)",
        "{kind}, encrypted (from before key ids)",
    ),
    "at_rest_legacy_plain": (
        "{kind}, niet versleuteld: gemaakt voordat versleuteling de standaard werd; "
        "export-log en import in een nieuwe database om te versleutelen",
        "{kind}, not encrypted: created before encryption at rest became the default; "
        "export-log and import into a new database to encrypt it",
    ),
    "at_rest_plain": ("{kind}, niet versleuteld", "{kind}, not encrypted"),
    "init_encryption_fixed": (
        "{target} bestaat al ({state}); versleuteling kies je bij het maken van een database "
        "(export-log en import in een nieuwe database om dat te veranderen)",
        "{target} already exists, {state}; encryption is chosen when a database is created "
        "(export-log and import into a new database to change it)",
    ),
    "state_encrypted": ("versleuteld", "encrypted"),
    "state_plain": ("niet versleuteld", "unencrypted"),
    "restore_no_history": (
        "--restore zet het log terug zoals het was: --history kan daar niet bij",
        "--restore keeps the log as it was: it takes no --history",
    ),
    "backup_written": (
        "reservekopie geschreven: {file} (digest {digest})",
        "backup written: {file} (digest {digest})",
    ),
    "restored": (
        "{target} teruggezet uit {file}: {events} gebeurtenissen, elke schakel klopt "
        "(digest {digest})",
        "restored {target} from {file}: {events} events, every link holds (digest {digest})",
    ),
    "digest_line": ("digest: {digest}", "digest: {digest}"),
    # -- zatlog verify: the first broken link of each chain
    "break_line": (
        "BREUK: {subject}, versie {version}, positie {position}: {what}",
        "BROKEN: {subject}, version {version}, position {position}: {what}",
    ),
    "subject_case": ("dossier {ref}", "case {ref}"),
    "subject_school": ("school {ref}", "school {ref}"),
    "subject_aggregate": ("aggregaat {ref}", "aggregate {ref}"),
    "break_edited": (
        "gewijzigd: de inhoud van deze gebeurtenis is veranderd nadat ze werd vastgelegd",
        "edited: this event's content changed after it was recorded",
    ),
    "break_damaged": (
        "beschadigd: deze gebeurtenis kan niet meer worden gelezen (ontsleuteld)",
        "damaged: this event can no longer be read (decrypted)",
    ),
    "break_swapped": (
        "verwisseld: deze plek bevat de gebeurtenis die als versie {other} werd vastgelegd",
        "swapped: this place holds the event that was recorded as version {other}",
    ),
    "break_moved": (
        "verplaatst: vastgelegd op positie {other}, nu op positie {position}",
        "moved: recorded at position {other}, now at position {position}",
    ),
    "break_missing": (
        "ontbreekt: deze gebeurtenis is uit de log verwijderd",
        "missing: this event was removed from the log",
    ),
    "break_truncated": (
        "afgekapt: de keten eindigt te vroeg, vanaf deze gebeurtenis zijn er {other} verwijderd",
        "truncated: the chain ends too early, {other} event(s) from this one on were removed",
    ),
    "break_inserted": (
        "ingevoegd: deze gebeurtenis staat niet in de keten (buiten zatlog toegevoegd)",
        "inserted: this event is not in the chain (added outside zatlog)",
    ),
    "break_link": (
        "schakel gewijzigd: de vastgelegde schakel van deze gebeurtenis klopt niet meer",
        "link altered: the recorded link of this event no longer holds",
    ),
    "against_broken": (
        "de log van digest {digest} zit niet meer ongewijzigd in de log van vandaag (tot "
        "positie {position} nu: {now})",
        "the log of digest {digest} is no longer contained, unchanged, in today's log (up to "
        "position {position} now: {now})",
    ),
    "against_holds": (
        "de log van digest {digest} zit ongewijzigd in de log van vandaag",
        "the log of digest {digest} is contained, unchanged, in today's log",
    ),
    "log_intact": (
        "de log is ongeschonden: {events} gebeurtenissen in {chains} {chain_word}, elke schakel "
        "klopt",
        "the log is intact: {events} events in {chains} {chain_word}, every link holds",
    ),
    "log_intact_case": (
        "de log is ongeschonden voor dossier {case}: {events} gebeurtenissen in {chains} "
        "{chain_word}, elke schakel klopt",
        "the log is intact for case {case}: {events} events in {chains} {chain_word}, every "
        "link holds",
    ),
    "chain_one": ("keten", "chain"),
    "chain_many": ("ketens", "chains"),
    "origin_recorded": (
        "de keten is vanaf de eerste gebeurtenis bij het vastleggen opgebouwd",
        "the chain was built as each event was recorded, from the first one",
    ),
    "origin_migrated": (
        "posities 1 t/m {up_to} zijn op {day} eenmalig achteraf geketend (migratie); vanaf "
        "positie {first} is de keten origineel",
        "positions 1 to {up_to} were chained once, afterwards, on {day} (migration); from "
        "position {first} on the chain is original",
    ),
    "restore_not_empty": (
        "{target} is niet leeg: --restore schrijft alleen in een lege database (een gewone "
        "import legt de handelingen opnieuw vast)",
        "{target} is not empty: --restore only writes into an empty database (a plain import "
        "records the actions anew)",
    ),
    "restore_not_object": ("geen JSON-object", "not a JSON object"),
    "restore_no_moment": (
        "verwacht het tijdstip van vastleggen dat zatlog export-log schreef",
        "expected the recording time that `zatlog export-log` wrote",
    ),
    "restore_no_link": (
        "verwacht de schakel van 64 hexadecimale tekens die zatlog export-log schreef",
        "expected the 64-hex link that `zatlog export-log` wrote",
    ),
    "restore_no_registered_at": (
        "het eerste document van een school heeft registered_at nodig",
        "the first document of a school needs registered_at",
    ),
    "restore_differs": (
        "de teruggezette gebeurtenis zou afwijken van de vastgelegde (een bewerkt bestand, of "
        "een gebeurtenis van een oudere versie van zatlog); er is niets geschreven",
        "the restored event would differ from the one recorded (an edited file, or an event "
        "stored by an older release); nothing was written",
    ),
    # -- zatlog backup and zatlog restore
    "postgres_tools": (
        "gebruik voor PostgreSQL de eigen hulpmiddelen: pg_dump --format=custom "
        "--schema=SCHEMA --file=FILE URL, en pg_restore --dbname=URL FILE (zie de README)",
        "for PostgreSQL use its own tools: pg_dump --format=custom --schema=SCHEMA "
        "--file=FILE URL, and pg_restore --dbname=URL FILE (see the README)",
    ),
    "backup_postgres": (
        "zatlog backup kopieert een SQLite-bestand; {tools}",
        "zatlog backup copies a SQLite file; {tools}",
    ),
    "restore_postgres": (
        "zatlog restore schrijft een SQLite-bestand; {tools}",
        "zatlog restore writes a SQLite file; {tools}",
    ),
    "backup_no_source": ("{path}: die database bestaat niet", "{path}: no such database"),
    "backup_exists": (
        "{path} bestaat al: een reservekopie overschrijft nooit een bestand",
        "{path} already exists: a backup never overwrites a file",
    ),
    "restore_no_backup": (
        "{path}: dat reservekopiebestand bestaat niet",
        "{path}: no such backup file",
    ),
    "restore_target_not_empty": (
        "{target} is niet leeg: zet alleen terug in een nieuw pad (noem een andere --db)",
        "{target} is not empty: restore only into a new path (name another --db)",
    ),
    "copy_failed": (
        "kan {source} niet kopiëren naar {destination}: {reason}",
        "cannot copy {source} to {destination}: {reason}",
    ),
    "backup_not_a_log": (
        "{path} is geen zatlog-database ({reason})",
        "{path} is not a zatlog database ({reason})",
    ),
    "no_stored_events": ("er staan geen gebeurtenissen in", "it has no stored events"),
    "not_a_digest": (
        "{text} is geen digest van zatlog: verwacht zl1-<aantal>-<positie>-<hex>, zoals "
        "zatlog digest die toont",
        "{text} is not a digest of zatlog: expected zl1-<count>-<position>-<hex>, as "
        "`zatlog digest` prints it",
    ),
    "rebuilt": (
        "{name} opnieuw opgebouwd tot positie {position}",
        "rebuilt {name} up to position {position}",
    ),
    "progress_events": ("het log lezen", "reading the log"),
    "progress_cases": ("dossiers herberekenen", "recomputing cases"),
    "status_projection": ("leesmodel", "projection"),
    "status_position": ("positie", "position"),
    "status_log": ("log", "log"),
    "status_behind": ("achter", "behind"),
    "catch_up_failed": (
        "waarschuwing: vastgelegd, maar de leesmodellen zijn nog niet bij ({reason}); ze lopen "
        "bij bij het volgende gebruik",
        "warning: recorded, but the read models are not up to date yet ({reason}); they catch "
        "up on the next read",
    ),
    "dossier_written": (
        "geschreven naar {where}: {right} van dossier {case} voor {person} ({format}, document "
        "{document}); weggelaten: {withheld}",
        "wrote {where}: {right} of case {case} for {person} ({format}, document {document}); "
        "withheld: {withheld}",
    ),
    "standard_output": ("standaarduitvoer", "standard output"),
    "pdf_to_terminal": (
        "een PDF is niet te lezen in de terminal: schrijf hem naar een bestand (-o BESTAND) "
        "of kies --format html of json",
        "a PDF cannot be read on a terminal: write it to a file (-o FILE) "
        "or choose --format html or json",
    ),
    "right_full": ("volledig dossier", "full dossier"),
    "right_important_facts": ("belangrijke feiten", "important facts"),
    "withheld_nothing": ("niets", "nothing"),
    "disclosure_recorded": (
        "vastgelegd: informatie verstrekt aan {person}, dossier {case}",
        "recorded: information disclosed to {person}, case {case}",
    ),
    "disclosure_not_recorded": (
        "de verstrekking kon niet worden vastgelegd, er is niets geschreven: {reason}",
        "the disclosure could not be recorded, nothing was written: {reason}",
    ),
    "access_intact": (
        "inzagelog ongeschonden: {entries} regels, elke schakel klopt",
        "access log intact: {entries} entries, every link holds",
    ),
    "access_broken": (
        "inzagelog gebroken bij regel {entry}: {problem}",
        "access log broken at entry {entry}: {problem}",
    ),
    "access_none": ("geen inzage vastgelegd", "no looks recorded"),
    "access_when": ("wanneer", "when"),
    "access_actor": ("medewerker", "actor"),
    "access_command": ("opdracht", "command"),
    "access_cases": ("dossiers", "cases"),
    "access_items": ("gegevens", "items"),
    "access_purpose": ("doel", "purpose"),
    "purpose_empty": (
        "--purpose mag niet leeg zijn: zeg waarom u kijkt",
        "--purpose must not be empty: say why you look",
    ),
    # -- how an error is shown (click's frame around it)
    "error_line": ("Fout: {message}", "Error: {message}"),
    "usage_line": ("Gebruik: {usage}", "Usage: {usage}"),
    "help_hint": ("Probeer '{command} {option}' voor hulp.", "Try '{command} {option}' for help."),
    "aborted": ("Afgebroken.", "Aborted!"),
    # -- errors of the log and its actions (zatlog's errors carry these keys)
    "at_line": ("{source}: regel {line}", "{source}: line {line}"),
    "at_line_only": ("regel {line}", "line {line}"),
    "not_a_date": (
        "{option}: {value} is geen datum; verwacht JJJJ-MM-DD",
        "{option}: {value} is not a date; expected YYYY-MM-DD",
    ),
    "not_a_date_value": (
        "{value} is geen datum JJJJ-MM-DD",
        "{value} is not a date YYYY-MM-DD",
    ),
    "not_a_moment": (
        "{value} is geen tijdstip JJJJ-MM-DDTUU:MM[:SS] en geen datum",
        "{value} is not a date-time YYYY-MM-DDTHH:MM[:SS] or a date",
    ),
    "key_missing": (
        "deze database is versleuteld en heeft de sleutel met id {id} nodig; die staat niet in "
        "{env} (niet gezet) en niet in {path}",
        "this database is encrypted and needs the key with id {id}; it is not in {env} "
        "(not set) nor in {path}",
    ),
    "key_other_in_env": (
        "deze database is versleuteld en heeft de sleutel met id {id} nodig; {env} bevat een "
        "andere sleutel (id {other})",
        "this database is encrypted and needs the key with id {id}; {env} holds another key "
        "(id {other})",
    ),
    "key_other_in_file": (
        "deze database is versleuteld en heeft de sleutel met id {id} nodig; {path} bevat een "
        "andere sleutel (id {other})",
        "this database is encrypted and needs the key with id {id}; {path} holds another key "
        "(id {other})",
    ),
    "unknown_projection": (
        "onbekend leesmodel {name}; verwacht een van: {known}",
        "unknown projection {name}; expected one of: {known}",
    ),
    "bad_redaction": ("{value}: verwacht ITEM:GROND", "{value}: expected ITEM:GROUND"),
    "case_not_opened": (
        "dossier {case} is niet geopend",
        "case {case} has not been opened",
    ),
    "case_not_opened_first": (
        "dossier {case} is niet geopend (case_opened moet eerst komen)",
        "case {case} has not been opened (case_opened must come first)",
    ),
    "case_already_opened": ("dossier {case} is al geopend", "case {case} was already opened"),
    "case_already_open": ("dossier {case} is al open", "case {case} is already open"),
    "case_other_school": (
        "dossier {case} hoort bij school {school}, niet bij {other}",
        "case {case} belongs to school {school}, not {other}",
    ),
    "before_opening": (
        "{day} ligt vóór de opening van dossier {case} ({opened})",
        "{day} is before case {case} was opened ({opened})",
    ),
    "case_closed": (
        "dossier {case} is gesloten; alleen informatieverzoeken en verstrekkingen kunnen nog "
        "worden vastgelegd",
        "case {case} is closed; only information requests and disclosures may still be recorded",
    ),
    "unknown_person": (
        "onbekende persoon {person} in dossier {case}; leg die eerst vast met "
        "relation_recorded (bekend: {known})",
        "unknown person {person} on case {case}; record them with relation_recorded first "
        "(known: {known})",
    ),
    "pupil_id_reserved": (
        "'pupil' is de leerling; kies een andere persoons-id",
        "'pupil' is the pupil; choose another person id",
    ),
    "step_not_allowed": (
        "stap {step} kan niet na stap {current}; toegestaan: {allowed}",
        "cannot enter step {step} from step {current}; allowed next: {allowed}",
    ),
    "pupil_too_young_refuse": (
        "de leerling is op {day} {age}; alleen een leerling van 16 of ouder kan informatie aan "
        "ouders weigeren",
        "the pupil is {age} on {day}; only a pupil of 16 or older can refuse information to "
        "parents",
    ),
    "pupil_too_young_authorise": (
        "de leerling is op {day} {age}; alleen een leerling van 16 of ouder kan iemand machtigen",
        "the pupil is {age} on {day}; only a pupil of 16 or older can authorise a person",
    ),
    "pupil_self_authorise": (
        "de leerling kan zichzelf niet machtigen; noem wie gemachtigd wordt",
        "the pupil cannot authorise themselves; name the person they authorise",
    ),
    "restrict_authority_holder": (
        "{person} heeft op {day} gezag; alleen een rechterlijke uitspraak of een aanwijzing bij "
        "OTS kan informatie aan een gezaghebbende beperken",
        "{person} holds authority on {day}; only a court order or an OTS instruction can "
        "restrict an authority holder",
    ),
    "provider_unknown": (
        "aanbieder {provider} is nooit geregeld in dossier {case} (leg eerst "
        "support_arranged vast)",
        "provider {provider} was never arranged on case {case} (record support_arranged first)",
    ),
    "form_issued_twice": (
        "toestemmingsformulier {form} is al uitgereikt",
        "consent form {form} was already issued",
    ),
    "notice_sent_twice": ("bericht {notice} is al verstuurd", "notice {notice} was already sent"),
    "request_recorded_twice": (
        "verzoek {request} is al vastgelegd",
        "request {request} was already recorded",
    ),
    "meeting_unknown": (
        "bespreking {meeting} is nooit gepland of uitgenodigd in dossier {case} (leg eerst "
        "meeting_scheduled of parents_invited vast)",
        "meeting {meeting} was never scheduled or invited to on case {case} (record "
        "meeting_scheduled or parents_invited first)",
    ),
    "meeting_cancelled_twice": (
        "bespreking {meeting} is al afgezegd op {day}",
        "meeting {meeting} was already cancelled on {day}",
    ),
    "meeting_cancelled_before": (
        "bespreking {meeting} is afgezegd op {day}; plan haar eerst opnieuw (meeting_scheduled)",
        "meeting {meeting} was cancelled on {day}; schedule it again first (meeting_scheduled)",
    ),
    "case_not_open_on": (
        "dossier {case} was op {day} niet open",
        "case {case} was not open on {day}",
    ),
    "no_such_case": (
        "geen dossier: er zijn geen handelingen vastgelegd",
        "no such case: it has no recorded actions",
    ),
    "unknown_reader": (
        "onbekende persoon {person} in dossier {case} op {day} (bekend: {known})",
        "unknown person {person} on case {case} on {day} (known: {known})",
    ),
    "safety_not_covered": (
        "{person} heeft alleen recht op belangrijke feiten, en die omvatten nooit gegevens over "
        "veiligheid; exporteer zonder die gegevens",
        "{person} has the right to important facts only, which never covers safety records; "
        "export without including them",
    ),
    "request_of_another": (
        "verzoek {request} in dossier {case} is gedaan door {requester}, niet door {person}",
        "request {request} on case {case} was made by {requester}, not by {person}",
    ),
    "form_never_issued": (
        "toestemmingsformulier {value} is nooit uitgereikt in dossier {case}",
        "consent form {value} was never issued on case {case}",
    ),
    "notice_never_sent": (
        "geen-bezwaarbericht {value} is nooit verstuurd in dossier {case}",
        "no-objection notice {value} was never sent on case {case}",
    ),
    "request_never_recorded": (
        "informatieverzoek {value} is nooit vastgelegd in dossier {case}",
        "information request {value} was never recorded on case {case}",
    ),
    "step_not_allowed_new": (
        "een nieuw dossier kan niet naar stap {step}; toegestaan: {allowed}",
        "cannot enter step {step} from a new case; allowed next: {allowed}",
    ),
    "in_the_future": (
        "{day} ligt na vandaag ({today}); een handeling wordt vastgelegd op of na de dag dat "
        "zij gebeurde",
        "{day} is later than today ({today}); an action can only be recorded on or after the "
        "day it happened",
    ),
    "duplicate_key": (
        "komt twee keer voor in één object; geef elk veld één keer",
        "appears twice in one object; give each field once",
    ),
    "field_extra_forbidden": ("onbekend veld", "unknown field"),
    "field_missing": ("verplicht veld ontbreekt", "required field is missing"),
    "field_list_type": ('verwacht een lijst, bijv. ["mother"]', 'expected a list, e.g. ["mother"]'),
    "field_bool_type": ("verwacht true of false", "expected true or false"),
    "field_int_type": ("verwacht een geheel getal", "expected a whole number"),
    "field_int_from_float": ("verwacht een geheel getal", "expected a whole number"),
    "field_string_type": ("verwacht tekst", "expected text"),
    "field_string_too_short": ("verwacht tekst die niet leeg is", "expected non-empty text"),
    "field_model_type": ("verwacht een object", "expected an object"),
    "field_dict_type": ("verwacht een object", "expected an object"),
    "field_moment": (
        "verwacht een datum JJJJ-MM-DD of een ISO 8601-tijdstip",
        "expected a date YYYY-MM-DD or an ISO 8601 date-time",
    ),
    "field_expected": ("verwacht een van: {choices}", "expected {expected}"),
    "field_at_most": ("verwacht ten hoogste {bound}", "expected at most {bound}"),
    "field_at_least": ("verwacht ten minste {bound}", "expected at least {bound}"),
    "field_one_item": ("verwacht ten minste één element", "expected at least one item"),
    "field_date": ("verwacht een datum JJJJ-MM-DD", "expected a date YYYY-MM-DD"),
    "field_too_long": (
        "verwacht ten hoogste {max} tekens, gekregen {length}",
        "expected at most {max} characters, got {length}",
    ),
    "field_control": (
        "stuurteken {char} is niet toegestaan",
        "control character {char} is not allowed",
    ),
    "consent_form_unnamed": (
        "een bespreking op grond van toestemming moet haar toestemmingsformulier noemen",
        "a discussion with basis 'consent' must name its consent form",
    ),
    "field_invalid": ("ongeldige waarde ({detail})", "{detail}"),
    "sdq_bands_order": (
        "borderline mag niet hoger zijn dan abnormal",
        "borderline must not be above abnormal",
    ),
    "lines": ("{lines}", "{lines}"),
    "not_utf8": ("geen UTF-8-tekst ({detail})", "{detail}"),
    # -- a policy file (--policy)
    "policy_unreadable": (
        "{path}: het beleidsbestand is niet te lezen: {reason}",
        "{path}: cannot read the policy file: {reason}",
    ),
    "policy_not_toml": ("{path}: geen geldige TOML: {reason}", "{path}: not valid TOML: {reason}"),
    "policy_problem": ("{path}: {setting}: {problem}", "{path}: {setting}: {problem}"),
    "policy_unknown_key": (
        "onbekende sleutel; verwacht een van: {known}",
        "unknown key; expected one of: {known}",
    ),
    "whole_line": ("(regel)", "(line)"),
    "line_not_json": ("geen geldige JSON: {error}", "not valid JSON: {error}"),
    "json_expected_value": (
        "waarde verwacht (kolom {column})",
        "expected value at line {line} column {column}",
    ),
    "json_eof_value": (
        "de regel houdt op waar een waarde moest komen (kolom {column})",
        "EOF while parsing a value at line {line} column {column}",
    ),
    "json_eof_string": (
        'tekst niet afgesloten met een " (kolom {column})',
        "EOF while parsing a string at line {line} column {column}",
    ),
    "json_eof_object": (
        "object niet afgesloten met }} (kolom {column})",
        "EOF while parsing an object at line {line} column {column}",
    ),
    "json_eof_list": (
        "lijst niet afgesloten met ] (kolom {column})",
        "EOF while parsing a list at line {line} column {column}",
    ),
    "json_trailing": (
        "tekens na het einde van het object (kolom {column})",
        "trailing characters at line {line} column {column}",
    ),
    "json_trailing_comma": (
        "komma voor het einde (kolom {column})",
        "trailing comma at line {line} column {column}",
    ),
    "json_key_string": (
        "een sleutel moet tekst tussen dubbele aanhalingstekens zijn (kolom {column})",
        "key must be a string at line {line} column {column}",
    ),
    "json_comma_or_brace": (
        "`,` of `}}` verwacht (kolom {column})",
        "expected `,` or `}}` at line {line} column {column}",
    ),
    "json_comma_or_bracket": (
        "`,` of `]` verwacht (kolom {column})",
        "expected `,` or `]` at line {line} column {column}",
    ),
    "json_colon": (
        "`:` verwacht (kolom {column})",
        "expected `:` at line {line} column {column}",
    ),
    "json_ident": (
        "onbekend woord (alleen true, false of null) (kolom {column})",
        "expected ident at line {line} column {column}",
    ),
    "json_escape": (
        "ongeldige escape met \\ (kolom {column})",
        "invalid escape at line {line} column {column}",
    ),
    "json_number": (
        "ongeldig getal (kolom {column})",
        "invalid number at line {line} column {column}",
    ),
    "json_control": (
        "stuurteken in een tekst (kolom {column})",
        "control character (\\u0000-\\u001F) found while parsing a string"
        " at line {line} column {column}",
    ),
    "line_not_object": ("verwacht één JSON-object", "expected one JSON object"),
    "action_missing": (
        "ontbreekt; elke regel heeft een action nodig",
        "missing; every line needs an action",
    ),
    "action_unknown": (
        "onbekende action {tag}; verwacht een van: {expected}",
        "unknown action {tag}; expected one of: {expected}",
    ),
}
"""Errors and warnings of the command line (``{name}`` fields are filled in by the caller)."""

CLI_MESSAGES.update(
    {
        # -- people on a server (zatlog admin, zatlog.roles) ---------------------------------
        "actor_refused": (
            "{source} {claimed} geweigerd: u bent verbonden als {role}, en op PostgreSQL legt "
            "iedereen vast onder de eigen databaserol (alleen een rol die voor anderen mag "
            "vastleggen, zatlog admin add --record-for-others, mag een ander noemen)",
            "{source} {claimed} refused: you are connected as {role}, and on PostgreSQL "
            "everyone records as their own database role (only a role that may record for "
            "others, zatlog admin add --record-for-others, may name someone else)",
        ),
        "not_your_school": (
            "geweigerd door de database: dat is niet van uw scholen; er is niets vastgelegd",
            "refused by the database: that is not of your schools; nothing was recorded",
        ),
        "permission_denied": (
            "uw databaserol mag dit niet ({reason}); uw functie staat in de README, Op een server",
            "your database role may not do this ({reason}); your function is in the README, "
            "Op een server",
        ),
        "role_encrypted": (
            "{target} is versleuteld met een sleutel op deze computer; op een server houdt de "
            "database de scholen gescheiden en beschermt schijfversleuteling de gegevens: maak "
            "het logboek aan met zatlog init --no-encrypt (zie README, Op een server)",
            "{target} is encrypted with a key on this computer; on a server the database keeps "
            "the schools apart and disk encryption protects the data: create the log with "
            "zatlog init --no-encrypt (see README, Op een server)",
        ),
        "role_not_owner": (
            "{target}: alleen de eigenaar van de tabellen van het logboek kan ze beveiligen",
            "{target}: only the owner of the log's tables can secure them",
        ),
        "role_bad_name": (
            "rol {name!r}: verwacht een eenvoudige naam in kleine letters (letters, cijfers, _; "
            "hoogstens 63), niet beginnend met zatlog of pg_",
            "role {name!r}: expected a plain lower-case name (letters, digits, _; at most 63), "
            "not starting with zatlog or pg_",
        ),
        "role_needs_school": (
            "een {function} heeft minstens één --school nodig",
            "a {function} needs at least one --school",
        ),
        "role_unknown": (
            "rol {name!r} is geen persoon van dit logboek",
            "role {name!r} is not a person of this zatlog log",
        ),
        "role_is_you": (
            "rol {name!r} is de rol waarmee u verbonden bent",
            "role {name!r} is the role you are connected as",
        ),
        "role_not_secured": (
            "{target} is nog niet beveiligd: de eigenaar voert eerst zatlog admin setup uit",
            "{target} is not secured yet: its owner runs zatlog admin setup first",
        ),
        "role_sqlite": (
            "rollen bestaan alleen op PostgreSQL; een SQLite-logboek heeft één gebruiker",
            "roles exist on PostgreSQL only; a SQLite log has one user",
        ),
        "role_refused": (
            "{target}: de database weigerde: {reason}",
            "{target}: the database refused: {reason}",
        ),
        "admin_setup_done": (
            "beveiligd: {schema} (groepsrollen {groups}); leesmodellen onder toezicht: {tables}",
            "secured: {schema} (group roles {groups}); read models covered: {tables}",
        ),
        "admin_removed": (
            "verwijderd: {name} ({function}); wat {name} vastlegde blijft in het logboek",
            "removed: {name} ({function}); what {name} recorded stays in the log",
        ),
        "admin_no_people": ("nog geen personen", "no people yet"),
        "admin_handout": (
            "Geef dit aan de persoon (en verder aan niemand):\n"
            "  rol:        {name}\n"
            "  functie:    {function}\n"
            "  scholen:    {schools}\n"
            "  wachtwoord: {password}\n"
            "  verbinden:  zatlog --db '{url}' …\n"
            "  of in ~/.pgpass (chmod 600): {pgpass}",
            "Hand this to the person (and to nobody else):\n"
            "  role:       {name}\n"
            "  function:   {function}\n"
            "  schools:    {schools}\n"
            "  password:   {password}\n"
            "  connect:    zatlog --db '{url}' …\n"
            "  or in ~/.pgpass (chmod 600): {pgpass}",
        ),
        "admin_no_password": (
            "(geen: de server laat deze rol anders inloggen)",
            "(none: the server lets this role log in otherwise)",
        ),
        "admin_all_schools": ("alle", "all"),
        "inspector_summary": (
            "Audit voor de inspectie: {cases} dossier(s), {findings} bevinding(en); "
            "dossiers onder pseudoniem",
            "Audit for the inspectorate: {cases} case(s), {findings} finding(s); "
            "cases under pseudonym",
        ),
        "inspector_column_rule": ("Regel", "Rule"),
        "inspector_column_severity": ("Ernst", "Severity"),
        "inspector_column_case": ("Dossier (pseudoniem)", "Case (pseudonym)"),
        "inspector_column_school": ("School", "School"),
        "inspector_column_computed_on": ("Berekend op", "Computed on"),
        "inspector_column_message": ("Bevinding", "Finding"),
        "admin_column_role": ("rol", "role"),
        "admin_column_function": ("functie", "function"),
        "admin_column_schools": ("scholen", "schools"),
        "function_coordinator": ("zorgcoördinator", "care coordinator"),
        "function_privacy_officer": ("privacyfunctionaris", "privacy officer"),
        "function_inspector": ("inspecteur", "inspector"),
        "function_admin": ("beheerder", "administrator"),
    }
)

CLICK_PHRASES: dict[str, tuple[str, str]] = {
    # click's own messages about the command line (English template → Dutch, English)
    "Missing option '{name}'.": ("Optie '{name}' ontbreekt.", "Missing option '{name}'."),
    "Missing argument '{name}'.": ("Argument '{name}' ontbreekt.", "Missing argument '{name}'."),
    "Missing option '{name}'. Choose from:{choices}": (
        "Optie '{name}' ontbreekt. Kies uit:{choices}",
        "Missing option '{name}'. Choose from:{choices}",
    ),
    "Missing argument '{name}'. Choose from:{choices}": (
        "Argument '{name}' ontbreekt. Kies uit:{choices}",
        "Missing argument '{name}'. Choose from:{choices}",
    ),
    "No such command '{name}'.": ("Onbekende opdracht '{name}'.", "No such command '{name}'."),
    "No such option: {name}": ("Onbekende optie: {name}", "No such option: {name}"),
    "No such option '{name}'.": ("Onbekende optie '{name}'.", "No such option '{name}'."),
    "Did you mean {name}?": ("Bedoelde u {name}?", "Did you mean {name}?"),
    "(Possible options: {names})": ("(mogelijke opties: {names})", "(Possible options: {names})"),
    "Invalid value for '{name}': {detail}": (
        "Ongeldige waarde voor '{name}': {detail}",
        "Invalid value for '{name}': {detail}",
    ),
    "Invalid value: {detail}": ("Ongeldige waarde: {detail}", "Invalid value: {detail}"),
    "{value} is not one of {choices}.": (
        "{value} is geen van {choices}.",
        "{value} is not one of {choices}.",
    ),
    "{value} is not {choice}.": ("{value} is niet {choice}.", "{value} is not {choice}."),
    "Got unexpected extra argument ({args})": (
        "Onverwacht extra argument ({args})",
        "Got unexpected extra argument ({args})",
    ),
    "Got unexpected extra arguments ({args})": (
        "Onverwachte extra argumenten ({args})",
        "Got unexpected extra arguments ({args})",
    ),
    "Option '{name}' requires an argument.": (
        "Optie '{name}' vraagt een waarde.",
        "Option '{name}' requires an argument.",
    ),
    "{value} is not a valid integer.": (
        "{value} is geen geheel getal.",
        "{value} is not a valid integer.",
    ),
    "{value} is not in the range {range}.": (
        "{value} ligt niet in het bereik {range}.",
        "{value} is not in the range {range}.",
    ),
    "{value} is not a valid boolean.": (
        "{value} is geen ja of nee (true/false).",
        "{value} is not a valid boolean.",
    ),
    "{kind} {name} does not exist.": (
        "{kind} {name} bestaat niet.",
        "{kind} {name} does not exist.",
    ),
    "{kind} {name} is a directory.": ("{kind} {name} is een map.", "{kind} {name} is a directory."),
    "{kind} {name} is not readable.": (
        "{kind} {name} is niet leesbaar.",
        "{kind} {name} is not readable.",
    ),
    "File": ("Bestand", "File"),
    "Directory": ("Map", "Directory"),
    "Path": ("Pad", "Path"),
}
"""What click says about a command line it cannot parse, said in the user's language."""

_CLICK_PATTERNS = [
    (
        re.compile(
            "^" + re.sub(r"\\\{(\w+)\\\}", lambda m: f"(?P<{m[1]}>.+?)", re.escape(english)) + "$",
            re.DOTALL,
        ),
        pair,
    )
    for english, pair in CLICK_PHRASES.items()
]


def click_text(text: str, lang: Lang = "nl") -> str:
    """One of click's messages in ``lang`` (a text it does not know stays as it is)."""
    if lang == "en":
        return text
    head, sep, tail = text.partition(" Did you mean ")
    if sep:
        return f"{click_text(head, lang)} {click_text('Did you mean ' + tail, lang)}"
    for pattern, (dutch, _) in _CLICK_PATTERNS:
        match = pattern.match(text)
        if match:
            fields = {k: click_text(v, lang) for k, v in match.groupdict().items()}
            return dutch.format(**fields)
    return text


def message(key: str, /, lang: Lang = "nl", **fields: object) -> str:
    """A :data:`CLI_MESSAGES` text in ``lang`` with its fields filled in (dates in words).

    ``key`` is positional-only, so that an error's own field may be called ``key`` too.
    """
    return label(CLI_MESSAGES, key, lang).format(
        **{name: _field(value, lang) for name, value in fields.items()}
    )


def problem_text(key: str | None, fields: Mapping[str, object], fallback: str, lang: Lang) -> str:
    """What an error of zatlog says, in ``lang`` when its ``key`` is in the catalog."""
    if key is None or key not in CLI_MESSAGES:
        return fallback
    return message(key, lang, **fields)


def _field(value: object, lang: Lang) -> object:
    if isinstance(value, Phrase):
        return problem_text(value.key, value.fields, value.english, lang)
    if isinstance(value, list | tuple) and value and all(isinstance(v, Phrase) for v in value):
        return "\n".join(str(_field(v, lang)) for v in value)  # one line each
    if isinstance(value, Number):  # 10.000 in Dutch, 10,000 in English
        return f"{value:,}".replace(",", ".") if lang == "nl" else f"{value:,}"
    if isinstance(value, date):
        return long_day(value, lang)
    if isinstance(value, OSError):
        return os_reason(value, lang)
    return value


OS_ERRORS: dict[str, tuple[str, str]] = {
    # what the operating system said, by its error name (errno)
    "ENOENT": ("bestand of map bestaat niet", "No such file or directory"),
    "EACCES": ("geen toestemming", "Permission denied"),
    "EPERM": ("niet toegestaan", "Operation not permitted"),
    "EISDIR": ("dat is een map", "Is a directory"),
    "ENOTDIR": ("een deel van het pad is geen map", "Not a directory"),
    "ENOSPC": ("geen ruimte meer op het apparaat", "No space left on device"),
    "EROFS": ("alleen-lezen bestandssysteem", "Read-only file system"),
    "EEXIST": ("bestaat al", "File exists"),
    "ENAMETOOLONG": ("naam te lang", "File name too long"),
    "ELOOP": ("te veel symbolische koppelingen", "Too many levels of symbolic links"),
    "EIO": ("invoer-/uitvoerfout", "Input/output error"),
}


def os_reason(error: OSError, lang: Lang = "nl") -> str:
    """Why the operating system refused, in ``lang`` (its own words for an unknown error)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if name in OS_ERRORS:
        return label(OS_ERRORS, name, lang)
    return error.strerror or str(error)


# -- the dossier export (zatlog dossier export) -------------------------------------------

DOSSIER_LABELS: dict[str, tuple[str, str]] = {
    "recorded_on": ("vastgelegd op {day}", "recorded on {day}"),
    "title": ("Inzage in het leerlingdossier", "Inspection of the pupil's file"),
    "title_important_facts": (
        "Belangrijke feiten uit het leerlingdossier",
        "Important facts from the pupil's file",
    ),
    "case": ("Dossier", "Case"),
    "school": ("School", "School"),
    "pupil": ("Leerling", "Pupil"),
    "the_pupil": ("de leerling", "the pupil"),
    "birth_date": ("Geboortedatum", "Date of birth"),
    "age": ("Leeftijd", "Age"),
    "years": ("jaar", "years"),
    "school_type": ("Onderwijs", "School type"),
    "for": ("Voor", "For"),
    "you": ("u", "you"),
    "right": ("Recht", "Right"),
    "export_date": ("Peildatum", "As of"),
    "document_id": ("Document", "Document"),
    "request": ("Op verzoek", "On request"),
    "generated_on": ("Gemaakt op", "Generated on"),
    "confidential": ("Vertrouwelijk", "Confidential"),
    "page": ("pagina", "page"),
    "of": ("van", "of"),
    "status": ("Stand van zaken", "Status"),
    "opened_on": ("Dossier geopend", "Case opened"),
    "current_step": ("Huidige stap", "Current step"),
    "since": ("sinds", "since"),
    "no_step": ("nog geen stap", "no step yet"),
    "closed_on": ("Dossier gesloten", "Case closed"),
    "withheld": ("niet opgenomen", "withheld"),
    "none_recorded": ("Niets vastgelegd.", "Nothing recorded."),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "summary": ("Over dit document", "About this document"),
    "summary_full": (
        "Dit is het volledige dossier over de leerling zoals de school het heeft vastgelegd, "
        "tot en met de peildatum: alles wat er gebeurde, wanneer, wie het vastlegde en wanneer.",
        "This is the whole file the school keeps about the pupil, up to the date above: "
        "everything that happened, when, who recorded it and when.",
    ),
    "summary_important_facts": (
        "Dit overzicht bevat de belangrijke feiten over de leerling (artikel 1:377c BW): de "
        "stand van het traject, de besprekingen met datum, overleg, uitkomst en adviezen, de "
        "handelingsplannen en de geregelde ondersteuning, en uw eigen contacten en verzoeken.",
        "This overview holds the important facts about the pupil (Dutch Civil Code 1:377c): "
        "the state of the support trajectory, the discussions with their date, forum, outcome "
        "and advice, the action plans and the support arranged, and your own contacts and "
        "requests.",
    ),
    "redactions": ("Wat niet in dit document staat", "What this document leaves out"),
    "no_redactions": (
        "Er is niets weggelaten.",
        "Nothing has been left out.",
    ),
    "restriction_detail": ("op grond van {basis}, sinds {since}", "by {basis}, since {since}"),
    "restriction_until": ("tot {until}", "until {until}"),
    "timeline": ("Tijdlijn", "Timeline"),
    "legend_opened": ("dossier geopend of gesloten", "case opened or closed"),
    "legend_signal": ("signaal", "signal"),
    "legend_step": ("stap", "step"),
    "legend_meeting": ("bespreking", "meeting"),
    "legend_report": ("melding", "report"),
    "relations": ("Gezag en betrokkenen", "Authority and people involved"),
    "person": ("Persoon", "Person"),
    "relation": ("Relatie", "Relation"),
    "authority": ("Gezag", "Authority"),
    "measure": ("Maatregel", "Measure"),
    "earlier": ("Eerder", "Earlier"),
    "restrictions": ("Beperkingen van informatie", "Restrictions of information"),
    "pupil_decisions": (
        "Beslissingen van de leerling over informatie aan ouders",
        "The pupil's decisions about information to parents",
    ),
    "history": ("Volledige geschiedenis", "Complete history"),
    "history_important_facts": ("Verloop", "Course of events"),
    "history_explained": (
        "Alles in volgorde van datum; tussen haakjes wie het vastlegde en wanneer.",
        "Everything in order of date; in brackets who recorded it and when.",
    ),
    "date": ("Datum", "Date"),
    "what": ("Wat", "What"),
    "recorded_by": ("Vastgelegd door", "Recorded by"),
    "recorded_at": ("Vastgelegd op", "Recorded on"),
    "consents": ("Toestemming", "Consent"),
    "consent_now": ("Toestemming nu", "Consent now"),
    "consent_now_intro": (
        "Per overleg: welke toestemming op de peildatum geldt, wie getekend heeft en tot wanneer, "
        "en wat geweigerd of ingetrokken is. Toestemming kunt u altijd intrekken.",
        "Per forum: which consent is in force on the date above, who signed and until when, "
        "and what was refused or withdrawn. You can withdraw consent at any time.",
    ),
    "consent_none": (
        "Er is voor geen enkel overleg om toestemming gevraagd.",
        "Consent was not asked for any forum.",
    ),
    "consent_in_force": ("geldige toestemming", "consent in force"),
    "consent_expired": ("verlopen", "expired"),
    "consent_not_in_force": ("geen geldige toestemming", "no consent in force"),
    "consent_signed_by": ("getekend door", "signed by"),
    "consent_verbal_by": ("alleen mondeling gegeven door", "given only verbally by"),
    "consent_refused_by": ("geweigerd door", "refused by"),
    "consent_withdrawn_by": ("ingetrokken door", "withdrawn by"),
    "consent_objected_by": ("bezwaar gemaakt door", "objected to by"),
    "consent_until": ("geldig tot en met", "valid until"),
    "consent_no_end": ("zonder einddatum", "no end date"),
    "consent_forms": ("formulier", "form"),
    "form": ("Formulier", "Form"),
    "signers": ("Ondertekenaars", "Signers"),
    "no_decisions": ("nog geen beslissing", "no decision yet"),
    "notices": ("Geen-bezwaarberichten", "No-objection notices"),
    "objections": ("Bezwaar", "Objections"),
    "capacity": ("Wilsbekwaamheid van de leerling", "The pupil's capacity to consent"),
    "discussions": ("Besprekingen", "Discussions"),
    "meetings": ("Geplande besprekingen", "Meetings scheduled"),
    "sdq": ("SDQ-vragenlijsten", "SDQ questionnaires"),
    "sdq_emotional": ("Emotie", "Emotional"),
    "sdq_conduct": ("Gedrag", "Conduct"),
    "sdq_hyperactivity": ("Hyperact.", "Hyperact."),
    "sdq_peer": ("Leeftijdg.", "Peers"),
    "sdq_prosocial": ("Prosociaal", "Prosocial"),
    "sdq_total": ("Totaal", "Total"),
    "sdq_explained": (
        "Totaal: de som van emotie, gedrag, hyperactiviteit en leeftijdgenoten (0–40; prosociaal "
        "telt niet mee). De uitslag volgt de normen van de school per soort vragenlijst.",
        "Total: emotional, conduct, hyperactivity and peer problems added up (0–40; prosocial "
        "is not counted). The band follows the school's cut-offs for each kind of form.",
    ),
    "band": ("Uitslag", "Band"),
    "plans": ("Handelingsplannen en adviezen", "Action plans and advice"),
    "support": ("Ondersteuning", "Support"),
    "evaluations": ("Evaluaties", "Evaluations"),
    "contacts": ("Contact met ouders en leerling", "Contacts with parents and pupil"),
    "contacts_own": ("Uw contacten met de school", "Your contacts with the school"),
    "reports": ("Veiligheid en meldingen", "Safety and reports"),
    "report_notices": ("Ouders over een melding geïnformeerd", "Parents told about a report"),
    "requests": ("Informatieverzoeken", "Information requests"),
    "requests_own": ("Uw verzoeken", "Your requests"),
    "answer_due": ("antwoord uiterlijk", "answer due"),
    "no_answer": ("nog niet beantwoord", "not answered yet"),
    "recipients": (
        "Wie kreeg informatie over uw kind",
        "Who received information about your child",
    ),
    "recipients_pupil": (
        "Wie kreeg informatie over jou",
        "Who received information about you",
    ),
    "recipient": ("Ontvanger", "Recipient"),
    "recipients_explained": (
        "Iedereen die volgens het dossier informatie over de leerling kreeg: bij een bespreking, "
        "in een gesprek of bericht, als verstrekte informatie of als melding (AVG artikel 15).",
        "Everyone who, according to the file, received information about the pupil: at a "
        "discussion, in a conversation or message, as information disclosed or as a report "
        "(GDPR article 15).",
    ),
    "times": ("keer", "times"),
    "via": ("Hoe", "How"),
    "items": ("Welke gegevens", "Which information"),
    "involvement": ("Hoe de ouders betrokken zijn", "How the parents were involved"),
    "involvement_intro": (
        "De school toetst zelf of zij de ouders (en de leerling) op tijd en volledig heeft "
        "betrokken, volgens de richtlijnen van de handreiking en de wet. Dit zijn de bevindingen "
        "over dit dossier.",
        "The school checks whether it involved the parents (and the pupil) in time and fully, "
        "by the guidelines and the law. These are the findings about this case.",
    ),
    "involvement_none": (
        "De toets vond geen tekortkomingen in hoe de ouders zijn betrokken.",
        "The check found no shortcomings in how the parents were involved.",
    ),
    "rule": ("Regel", "Rule"),
    "severity": ("Ernst", "Severity"),
    "rights": ("Uw rechten", "Your rights"),
    "rights_pupil": ("Jouw rechten", "Your rights"),
    "recorded_disclosure": (
        "Dat u dit document kreeg, legt de school vast in het dossier (informatie verstrekt).",
        "That you received this document is recorded in the file (information disclosed).",
    ),
}

DOSSIER_RIGHTS: dict[str, tuple[str, str]] = {
    "inspection": (
        "Inzage en kopie: u mag alles inzien wat de school over uw kind vastlegt, en er een "
        "kopie van krijgen (AVG artikel 15; richtlijn 10). De school antwoordt binnen een "
        "maand; is een verzoek ingewikkeld, dan kan dat ten hoogste twee maanden langer duren "
        "en hoort u dat binnen de eerste maand.",
        "Inspection and copy: you may see everything the school records about your child and "
        "receive a copy (GDPR article 15; guideline 10). The school answers within one month; "
        "a complicated request may take at most two months longer, and you are told so within "
        "the first month.",
    ),
    "important_facts": (
        "Belangrijke feiten: als ouder zonder gezag, pleegouder of jeugdbeschermer hebt u op "
        "verzoek recht op de belangrijke feiten over het kind (artikel 1:377c BW). De school mag "
        "dit alleen weigeren als dat in het belang van het kind is, en zegt dan waarom.",
        "Important facts: as a parent without authority, a foster parent or a youth protection "
        "worker you have the right, on request, to the important facts about the child (Dutch "
        "Civil Code 1:377c). The school may refuse only in the child's interest, and then says "
        "why.",
    ),
    "inspection_pupil": (
        "Inzage en kopie: vanaf je 16de mag je alles inzien wat de school over jou vastlegt, en er "
        "een kopie van krijgen (AVG artikel 15). De school antwoordt binnen een maand.",
        "Inspection and copy: from 16 you may see everything the school records about you and "
        "receive a copy (GDPR article 15). The school answers within one month.",
    ),
    "important_facts_pupil": (
        "Belangrijke feiten: tot je 16de oefenen je ouders met gezag (of je voogd) het volledige "
        "inzagerecht uit; jij krijgt de belangrijke feiten. Vanaf 16 mag je zelf je hele dossier "
        "inzien.",
        "Important facts: until you are 16 your parents with authority (or your guardian) "
        "exercise the full right of access; you receive the important facts. From 16 you may "
        "see your whole file yourself.",
    ),
    "withdraw": (
        "Toestemming intrekken: toestemming die u gaf, kunt u op elk moment intrekken, zonder "
        "reden op te geven; zeg of schrijf het de zorgcoördinator. Wat al besproken is, blijft "
        "besproken; daarna wordt uw kind zonder nieuwe toestemming niet meer met naam besproken.",
        "Withdrawing consent: you can withdraw consent you gave at any time, without giving a "
        "reason; tell or write to the care coordinator. What was discussed stays discussed; "
        "after that your child is not discussed by name without new consent.",
    ),
    "withdraw_pupil": (
        "Toestemming intrekken: toestemming die je gaf, kun je op elk moment intrekken, zonder "
        "reden op te geven; zeg het tegen de zorgcoördinator.",
        "Withdrawing consent: you can withdraw consent you gave at any time, without giving a "
        "reason; tell the care coordinator.",
    ),
    "objection": (
        "Bezwaar: tegen het gebruik van gegevens zonder toestemming (bijvoorbeeld na een "
        "geen-bezwaarbericht) kunt u bezwaar maken bij de school (AVG artikel 21); de school "
        "weegt dat en laat u weten wat zij ermee doet.",
        "Objection: you can object to the school using information without consent (for "
        "instance after a no-objection notice) (GDPR article 21); the school weighs your "
        "objection and tells you what it does with it.",
    ),
    "correction": (
        "Correctie: staat er iets onjuists of onvolledigs in, dan kunt u de school vragen dit te "
        "verbeteren of aan te vullen (AVG artikel 16), of uw eigen zienswijze aan het dossier "
        "toe te voegen.",
        "Correction: if something is wrong or incomplete, you can ask the school to correct or "
        "complete it (GDPR article 16), or to add your own view to the file.",
    ),
    "complaint": (
        "Klacht: bent u het niet eens met hoe de school met de gegevens omgaat, bespreek dit "
        "eerst met de zorgcoördinator of de directie. Daarna kunt u een klacht indienen volgens "
        "de klachtenregeling van de school, en bij de Autoriteit Persoonsgegevens "
        "(autoriteitpersoonsgegevens.nl).",
        "Complaint: if you disagree with how the school handles this information, talk to the "
        "care coordinator or the head first. You can then complain under the school's "
        "complaints procedure, and to the Dutch Data Protection Authority (Autoriteit "
        "Persoonsgegevens, autoriteitpersoonsgegevens.nl).",
    ),
    "redactions": (
        "Weggelaten informatie: wat niet in dit document staat, staat vooraan genoemd, met de "
        "reden. U kunt de school om uitleg vragen.",
        "Left-out information: what this document leaves out is listed at the front, with the "
        "reason. You can ask the school to explain.",
    ),
}

ACCESS_ITEM_LABELS: dict[str, tuple[str, str]] = {
    # what a look at a case showed (zatlog access-log); a dossier's items are categories
    "case_state": ("stand van het dossier", "state of the case"),
    "timeline": ("tijdlijn", "timeline"),
    "findings": ("bevindingen", "findings"),
    "due": ("wat openstaat", "what is due"),
    "log": ("het logboek", "the log"),
    "pupil_name": ("naam van de leerling", "the pupil's name"),
    "step": ("stap", "step"),
}


GROUND_LABELS: dict[str, tuple[str, str]] = {
    "others_rights": (
        "gaat over of komt van anderen (rechten van anderen)",
        "about or from other people (rights of others)",
    ),
    "child_interest": ("in het belang van het kind", "in the child's interest"),
    "work_note": ("persoonlijke werkaantekening", "personal work note"),
    "pupil_refusal": ("de leerling heeft dit geweigerd", "the pupil refused this"),
    "restriction": ("beperking van informatie", "restriction of information"),
}

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "dossier": ("het hele dossier", "the whole file"),
    "name": ("naam van de leerling", "the pupil's name"),
    "birth_date": ("geboortedatum van de leerling", "the pupil's date of birth"),
    "address": ("adres", "address"),
    "bsn": ("burgerservicenummer", "citizen service number (BSN)"),
    "photo": ("foto", "photo"),
    "known_to_services": ("bekend bij hulpverlening", "known to services"),
    "since_when": ("sinds wanneer", "since when"),
    "outcome": ("uitkomsten en adviezen van besprekingen", "outcomes and advice of discussions"),
    "plan": ("handelingsplannen en adviezen", "action plans and advice"),
    "sdq": ("SDQ-scores", "SDQ scores"),
    "reports": (
        "zorgen over veiligheid, meldingen en berichten daarover",
        "safety concerns, reports and notices about them",
    ),
    "contacts": ("contacten met ouders en leerling", "contacts with parents and pupil"),
    "consents": ("toestemmingen", "consents"),
    "relations": ("andere betrokken personen", "other people involved"),
    "requests": ("informatieverzoeken en antwoorden", "information requests and answers"),
    "status": ("stand van het traject", "state of the trajectory"),
    "signals": ("signalen", "signals"),
    "discussions": ("besprekingen", "discussions"),
    "support": ("geregelde ondersteuning", "support arranged"),
    "evaluations": ("evaluaties van ondersteuning", "evaluations of support"),
    "all": ("alle informatie", "all information"),
    # the open vocabulary's usual categories (consent forms, discussions)
    "school_results": ("schoolresultaten", "school results"),
    "behaviour": ("gedrag", "behaviour"),
    "home_situation": ("thuissituatie", "home situation"),
    "diagnosis": ("diagnose", "diagnosis"),
    "attendance": ("aanwezigheid en verzuim", "attendance"),
    "medical": ("medische gegevens", "medical information"),
    "development": ("ontwikkeling", "development"),
}

WITHHELD_LABELS: dict[str, tuple[str, str]] = {
    # what a dossier leaves out, named so that it never says whether such records exist
    "dossier": ("het hele dossier", "the whole file"),
    "name": ("de naam van de leerling", "the pupil's name"),
    "birth_date": ("de geboortedatum van de leerling", "the pupil's date of birth"),
    "address": ("eventuele adresgegevens", "any address details"),
    "bsn": ("een eventueel burgerservicenummer", "any citizen service number (BSN)"),
    "photo": ("eventuele foto's", "any photos"),
    "known_to_services": (
        "eventuele gegevens over hulpverlening",
        "any information about care services",
    ),
    "since_when": (
        "eventuele gegevens over sinds wanneer hulpverlening betrokken is",
        "any information about since when care services are involved",
    ),
    "outcome": (
        "eventuele uitkomsten en adviezen van besprekingen",
        "any outcomes and advice of discussions",
    ),
    "plan": ("eventuele handelingsplannen en adviezen", "any action plans and advice"),
    "sdq": ("eventuele SDQ-scores", "any SDQ scores"),
    "reports": (
        "eventuele gegevens over veiligheid en meldingen",
        "any records about safety and reports",
    ),
    "contacts": (
        "eventuele contacten met ouders en leerling",
        "any contacts with parents and pupil",
    ),
    "consents": ("eventuele toestemmingen", "any consents"),
    "relations": ("eventuele andere betrokkenen", "any other people involved"),
    "requests": (
        "eventuele informatieverzoeken en antwoorden",
        "any information requests and answers",
    ),
    "status": ("de stand van het traject", "the state of the trajectory"),
    "signals": ("eventuele signalen", "any signals"),
    "discussions": ("eventuele besprekingen", "any discussions"),
    "support": ("eventuele ondersteuning", "any support"),
    "evaluations": ("eventuele evaluaties van ondersteuning", "any evaluations of support"),
    "all": ("alle informatie", "all information"),
}

RELATION_LABELS: dict[str, tuple[str, str]] = {
    "pupil": ("leerling", "pupil"),
    "parent": ("ouder", "parent"),
    "guardian": ("voogd", "guardian"),
    "legal_representative": ("curator of mentor", "legal representative"),
    "foster_parent": ("pleegouder", "foster parent"),
    "step_parent": ("stiefouder", "step-parent"),
    "grandparent": ("grootouder", "grandparent"),
    "youth_protection_worker": ("jeugdbeschermer", "youth protection worker"),
    "other": ("andere betrokkene", "other person"),
}

DOCUMENT_LABELS: dict[str, tuple[str, str]] = {
    "school_guide_cvb": ("schoolgids (CvB)", "school guide (CvB)"),
    "school_guide_zat": ("schoolgids (ZAT)", "school guide (ZAT)"),
    "zat_folder": ("ZAT-folder", "ZAT leaflet"),
    "privacy_regulation": ("privacyreglement", "privacy regulation"),
    "zat_covenant": ("ZAT-convenant", "ZAT covenant"),
    "zat_privacy_regulation": ("privacyreglement van het ZAT", "ZAT privacy regulation"),
    "complaints_protocol": ("klachtenregeling", "complaints procedure"),
    "meldcode": ("meldcode", "reporting code (meldcode)"),
}

CHANNEL_PHRASES: dict[str, tuple[str, str]] = {
    # a contact named by its channel, in a sentence
    "conversation": ("het gesprek", "the conversation"),
    "phone": ("het telefoongesprek", "the phone call"),
    "letter": ("de brief", "the letter"),
    "email": ("de e-mail", "the e-mail"),
    "portal": ("het portaalbericht", "the portal message"),
}

BASIS_LABELS: dict[str, tuple[str, str]] = {
    # the basis of a discussion
    "consent": ("toestemming", "consent"),
    "no_objection": ("geen bezwaar", "no objection"),
    "none": ("geen", "none"),
    "safety_override": ("veiligheid (zonder toestemming)", "safety (without consent)"),
}

AUTHORITY_LABELS: dict[str, tuple[str, str]] = {
    "joint": ("gezamenlijk gezag", "joint authority"),
    "sole": ("eenhoofdig gezag", "sole authority"),
    "none": ("geen gezag", "no authority"),
}

VALUE_LABELS: dict[str, tuple[str, str]] = {
    # enum values of the actions, as people read them (one table: the values are distinct)
    "so": ("speciaal onderwijs (SO)", "special primary education (SO)"),
    "vso": ("voortgezet speciaal onderwijs (VSO)", "special secondary education (VSO)"),
    "ots": ("ondertoezichtstelling (OTS)", "supervision order (OTS)"),
    "court_order": ("rechterlijke uitspraak", "court order"),
    "pupil_authorisation": ("machtiging door de leerling", "authorisation by the pupil"),
    "child_interest": ("in het belang van het kind", "in the child's interest"),
    "ots_instruction": ("aanwijzing bij OTS", "OTS instruction"),
    "consent": ("toestemming", "consent"),
    "no_objection": ("geen bezwaar", "no objection"),
    "safety_override": ("veiligheid (zonder toestemming)", "safety (without consent)"),
    "full": ("met naam, volledig", "by name, in full"),
    "none": ("geen", "none"),
    "outside_info": ("buitenkant-informatie", "outside information"),
    "anonymous": ("anoniem", "anonymous"),
    "completed": ("afgerond", "completed"),
    "left_school": ("van school", "left school"),
    "transferred": ("overgedragen", "transferred"),
    "teacher": ("leerkracht", "teacher"),
    "parent": ("ouder", "parent"),
    "pupil": ("leerling", "pupil"),
    "self": ("leerling zelf", "pupil (self)"),
    "coordinator": ("zorgcoördinator", "coordinator"),
    "conversation": ("gesprek", "conversation"),
    "phone": ("telefoon", "phone"),
    "letter": ("brief", "letter"),
    "email": ("e-mail", "email"),
    "portal": ("ouderportaal", "parent portal"),
    "concern": ("zorg", "concern"),
    "development": ("ontwikkeling", "development"),
    "cvb_registration": ("aanmelding CvB", "CvB registration"),
    "zat_registration": ("aanmelding ZAT", "ZAT registration"),
    "meeting_purpose": ("doel van de bespreking", "purpose of the meeting"),
    "report": ("melding", "report"),
    "heard_input": ("mening van ouders gevraagd", "parents' view asked"),
    "advice_home": ("advies voor thuis", "advice for home"),
    "meeting_cancelled": ("bespreking afgezegd", "meeting cancelled"),
    "support": ("ondersteuning en wie die geeft", "support and who gives it"),
    "drafted": ("opgesteld", "drafted"),
    "adjusted": ("bijgesteld", "adjusted"),
    "evaluated": ("geëvalueerd", "evaluated"),
    "signature": ("handtekening", "signature"),
    "electronic_signature": ("elektronische handtekening", "electronic signature"),
    "verbal": ("mondeling", "verbal"),
    "given": ("gegeven", "given"),
    "refused": ("geweigerd", "refused"),
    "withdrawn": ("ingetrokken", "withdrawn"),
    "neglect": ("verwaarlozing", "neglect"),
    "abuse": ("mishandeling", "abuse"),
    "domestic_violence": ("huiselijk geweld", "domestic violence"),
    "safety_child": ("veiligheid van het kind", "the child's safety"),
    "safety_other": ("veiligheid van een ander", "someone else's safety"),
    "safety_reporter": ("veiligheid van de melder", "the reporter's safety"),
    "contact_break": ("breuk in het contact", "break in contact"),
    "urgency": ("spoed", "urgency"),
    "veilig_thuis": ("Veilig Thuis", "Veilig Thuis (child protection)"),
    "amk": ("Veilig Thuis (AMK)", "Veilig Thuis (AMK)"),
    "youth_care": ("jeugdhulp", "youth care"),
    "municipal_team": ("wijkteam", "municipal team"),
    "inspection": ("inzage", "inspection"),
    "copy": ("kopie", "copy"),
    "important_facts": ("belangrijke feiten", "important facts"),
    "not_same_as_custodian": (
        "zou niet aan de ouder met gezag worden gegeven",
        "would not be given to the parent with authority",
    ),
    "no_right": ("geen recht", "no right"),
    "pdf": ("PDF", "PDF"),
    "html": ("HTML", "HTML"),
    "json": ("JSON", "JSON"),
    "oral": ("mondeling", "oral"),
    "extended": ("termijn verlengd", "deadline extended"),
    "disclosed": ("verstrekt", "disclosed"),
    "disclosure": ("informatie verstrekt", "information disclosed"),
    "contact": ("geïnformeerd", "informed"),
    "discussion": ("bij bespreking", "at a discussion"),
    "informed": ("geïnformeerd", "informed"),
    "invited": ("uitgenodigd", "invited"),
    "normal": ("normaal", "normal"),
    "borderline": ("grensgebied", "borderline"),
    "abnormal": ("verhoogd", "high"),
    "other": ("anders", "other"),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    # fields of the actions, as the dossier's history names them
    "migrated": ("overgenomen uit een eerder systeem", "migrated from an earlier system"),
    "pupil_name": ("naam leerling", "pupil's name"),
    "birth_date": ("geboortedatum", "date of birth"),
    "school_type": ("onderwijs", "school type"),
    "person": ("persoon", "person"),
    "name": ("naam", "name"),
    "relation": ("relatie", "relation"),
    "authority": ("gezag", "authority"),
    "measure": ("maatregel", "measure"),
    "basis": ("grondslag", "basis"),
    "scope": ("welke informatie", "which information"),
    "motivation": ("motivering", "motivation"),
    "until": ("tot", "until"),
    "capable": ("wilsbekwaam", "capable"),
    "targets": ("personen", "persons"),
    "reason": ("reden", "reason"),
    "source": ("bron", "source"),
    "description": ("omschrijving", "description"),
    "step": ("stap", "step"),
    "to": ("aan", "to"),
    "channel": ("hoe", "channel"),
    "topics": ("onderwerpen", "topics"),
    "meeting": ("bespreking", "meeting"),
    "summary": ("samenvatting", "summary"),
    "kind": ("soort", "kind"),
    "advice_school": ("advies school", "advice for school"),
    "advice_home": ("advies thuis", "advice for home"),
    "parents_agreed": ("ouders akkoord", "parents agreed"),
    "informant": ("ingevuld door", "filled in by"),
    "emotional": ("emotioneel", "emotional"),
    "conduct": ("gedrag", "conduct"),
    "hyperactivity": ("hyperactiviteit", "hyperactivity"),
    "peer": ("leeftijdgenoten", "peers"),
    "prosocial": ("prosociaal", "prosocial"),
    "support_need": ("ondersteuningsvraag", "support need"),
    "parent_input": ("inbreng ouders", "parents' input"),
    "provider": ("aanbieder", "provider"),
    "municipality": ("gemeente", "municipality"),
    "evaluator": ("beoordeeld door", "evaluated by"),
    "effect_in_class": ("effect in de klas (1–5)", "effect in class (1–5)"),
    "worked_at_school": ("op school gewerkt", "worked at school"),
    "involved_teacher": ("leerkracht betrokken", "teacher involved"),
    "involved_parents": ("ouders betrokken", "parents involved"),
    "comment": ("opmerking", "comment"),
    "consent": ("toestemmingsformulier", "consent form"),
    "forum": ("overleg", "forum"),
    "purpose": ("doel", "purpose"),
    "participants": ("deelnemers", "participants"),
    "data_categories": ("gegevens", "information"),
    "valid_until": ("geldig tot en met", "valid until"),
    "signer": ("ondertekenaar", "signer"),
    "method": ("hoe", "method"),
    "notice": ("geen-bezwaarbericht", "no-objection notice"),
    "objection_deadline": ("bezwaar mogelijk tot", "objections until"),
    "date": ("datum", "date"),
    "purpose_and_composition_included": (
        "doel en samenstelling vermeld",
        "purpose and composition included",
    ),
    "level": ("niveau", "level"),
    "attendees": ("aanwezig", "attendees"),
    "parents_present": ("ouders aanwezig", "parents present"),
    "pupil_present": ("leerling aanwezig", "pupil present"),
    "data_shared": ("gedeelde gegevens", "information shared"),
    "outcome": ("uitkomst", "outcome"),
    "ground": ("grond", "ground"),
    "approved_by": ("besloten door", "decided by"),
    "review_at": ("opnieuw bekijken op", "review on"),
    "reference": ("kenmerk", "reference"),
    "request": ("verzoek", "request"),
    "requester": ("aanvrager", "requester"),
    "new_deadline": ("nieuwe termijn", "new deadline"),
    "items": ("gegevens", "information"),
    "redactions": ("weggelaten", "left out"),
    "format": ("vorm", "format"),
    "version": ("versie", "version"),
    "document": ("document", "document"),
    "note": ("notitie", "note"),
}

POLICY_LABELS: dict[str, tuple[str, str]] = {
    # the policy keys (domain.md section 7), as a report's policy table names them
    "invite_lead_days": (
        "Uitnodiging ten minste zoveel dagen vóór een bespreking",
        "Invitation at least this many days before a discussion",
    ),
    "outcome_deadline_days": (
        "Uitkomst aan de ouders binnen",
        "Outcome told to the parents within",
    ),
    "override_followup_days": (
        "Melding na besluit zonder toestemming (veiligheid) binnen",
        "Report after a safety override within",
    ),
    "sdq_max_age_days": (
        "SDQ vóór een ZAT-bespreking niet ouder dan",
        "SDQ before a ZAT discussion no older than",
    ),
    "important_facts_reply_days": (
        "Antwoord op een verzoek om belangrijke feiten binnen",
        "Answer to a request for important facts within",
    ),
    "report_notice_days": (
        "Schriftelijke bevestiging van een melding binnen",
        "Written notice of a report within",
    ),
    "objection_min_days": (
        "Bezwaartermijn van een geen-bezwaarbericht ten minste",
        "Objection period of a no-objection notice at least",
    ),
    "late_entry_days": (
        "Vastleggen uiterlijk zoveel dagen na het gebeuren",
        "Recorded at most this many days after the fact",
    ),
    "double_consent_12_15": (
        "Leerling van 12 tot 16 tekent zelf ook",
        "A pupil of 12 to 15 signs as well",
    ),
    "pupil16_refusal_blocks_invites": (
        "Weigering van een leerling van 16+ geldt ook voor uitnodigingen",
        "A refusal by a pupil of 16+ also covers invitations",
    ),
    "access_log_names": (
        "Inzageoverzicht noemt medewerkers bij naam",
        "The access log names staff",
    ),
    "staff_functions": ("Functies van medewerkers", "Staff functions"),
    "sdq_bands": ("SDQ-uitslag (totaal problemen) vanaf", "SDQ band (total difficulties) from"),
}

UNIT_LABELS: dict[str, tuple[str, str]] = {
    "day": ("dag", "day"),
    "days": ("dagen", "days"),
    "not_set": ("niet ingesteld", "not set"),
}

# The usual Dutch abbreviations (``mrt``, not the first three letters ``maa``).
SHORT_MONTH_NAMES: dict[str, tuple[str, str]] = {
    str(month): names
    for month, names in enumerate(
        [
            ("jan", "Jan"),
            ("feb", "Feb"),
            ("mrt", "Mar"),
            ("apr", "Apr"),
            ("mei", "May"),
            ("jun", "Jun"),
            ("jul", "Jul"),
            ("aug", "Aug"),
            ("sep", "Sep"),
            ("okt", "Oct"),
            ("nov", "Nov"),
            ("dec", "Dec"),
        ],
        start=1,
    )
}

MONTH_NAMES: dict[str, tuple[str, str]] = {
    str(number): pair
    for number, pair in enumerate(
        (
            ("januari", "January"),
            ("februari", "February"),
            ("maart", "March"),
            ("april", "April"),
            ("mei", "May"),
            ("juni", "June"),
            ("juli", "July"),
            ("augustus", "August"),
            ("september", "September"),
            ("oktober", "October"),
            ("november", "November"),
            ("december", "December"),
        ),
        start=1,
    )
}

DOSSIER_REFUSALS: dict[str, tuple[str, str]] = {
    # why an export is refused; {person}, {case}, {day}, {age}, {since}, {basis}, {relation}
    "lead": (
        "Geen export: {person} heeft op {day} geen recht op informatie over dossier {case}",
        "No export: {person} has no right to information about case {case} on {day}",
    ),
    "pupil_refusal": (
        "de leerling ({age}) heeft op {since} geweigerd dat {person} informatie krijgt",
        "the pupil ({age}) refused on {since} that {person} receives information",
    ),
    "adult_pupil": (
        "de leerling is {age} en beslist zelf; alleen de leerling en een curator of mentor "
        "hebben inzage",
        "the pupil is {age} and decides alone; only the pupil and a legal representative have "
        "access",
    ),
    "relation": (
        "een {relation} zonder gezag heeft geen recht op informatie over een leerling van {age}",
        "a {relation} without authority has no right to information about a pupil of {age}",
    ),
    "restricted_all": (
        "alle informatie aan {person} is beperkt ({basis}, vastgelegd op {since})",
        "all information to {person} is restricted ({basis}, recorded on {since})",
    ),
    "tail": ("Er is niets geschreven of vastgelegd.", "Nothing was written or recorded."),
}


# -- case state, timeline and what is due (zatlog case show|list|timeline, zatlog due) -----

CASE_LABELS: dict[str, tuple[str, str]] = {
    "case": ("Dossier", "Case"),
    "school": ("School", "School"),
    "as_of": ("peildatum", "as of"),
    "known_at": ("zoals vastgelegd op", "as recorded by"),
    "pupil": ("Leerling", "Pupil"),
    "born": ("geboren", "born"),
    "years": ("jaar", "years"),
    "right": ("recht", "right"),
    "opened": ("Geopend", "Opened"),
    "step": ("Stap", "Step"),
    "since": ("sinds", "since"),
    "no_step": ("nog geen stap", "no step yet"),
    "status": ("Status", "Status"),
    "open": ("open", "open"),
    "closed": ("gesloten", "closed"),
    "last_activity": ("Laatste activiteit", "Last activity"),
    "events": ("gebeurtenissen", "events"),
    "persons": ("Betrokkenen", "People"),
    "person": ("persoon", "person"),
    "name": ("naam", "name"),
    "relation": ("relatie", "relation"),
    "authority": ("gezag", "authority"),
    "right_today": ("recht", "right"),
    "notes": ("bijzonderheden", "notes"),
    "holds_authority": ("heeft gezag", "holds authority"),
    "refused_by_pupil": ("geweigerd door de leerling", "refused by the pupil"),
    "restricted": ("beperkt", "restricted"),
    "authorised_scope": ("gemachtigd door de leerling voor", "authorised by the pupil for"),
    "ots": ("OTS", "supervision order"),
    "consent": ("Toestemming", "Consent"),
    "forms": ("formulieren", "forms"),
    "valid_until": ("geldig tot", "valid until"),
    "no_end": ("zonder einddatum", "no end date"),
    "expired": ("verlopen", "expired"),
    "valid": ("geldig", "valid"),
    "incomplete": ("onvolledig", "incomplete"),
    "missing": ("handtekening ontbreekt van", "signature missing from"),
    "signed": ("getekend", "signed"),
    "verbal": ("alleen mondeling", "verbal only"),
    "refused": ("geweigerd", "refused"),
    "withdrawn": ("ingetrokken", "withdrawn"),
    "objected": ("bezwaar gemaakt", "objected"),
    "notices": ("Geen-bezwaarberichten", "No-objection notices"),
    "objections_until": ("bezwaar mogelijk tot", "objections until"),
    "objections": ("bezwaar van", "objections from"),
    "meetings": ("Besprekingen", "Meetings"),
    "scheduled": ("gepland op", "scheduled for"),
    "not_scheduled": ("niet gepland", "not scheduled"),
    "cancelled_on": ("afgezegd op", "cancelled on"),
    "invited": ("uitgenodigd", "invited"),
    "held": ("besproken op", "held on"),
    "not_held": ("nog niet besproken", "not held yet"),
    "basis": ("grondslag", "basis"),
    "parents_present": ("ouders aanwezig", "parents present"),
    "parents_absent": ("ouders afwezig", "parents absent"),
    "safety": ("Veiligheid en meldingen", "Safety and reports"),
    "override": ("besluit te bespreken zonder toestemming", "decided to discuss without consent"),
    "report": ("melding bij", "report to"),
    "report_notice": ("over een melding geïnformeerd", "told of a report"),
    "written": ("schriftelijk", "in writing"),
    "deferral": ("informeren uitgesteld", "notification deferred"),
    "review_at": ("herziening op", "review on"),
    "sdq": ("SDQ (laatste per invuller)", "SDQ (latest per informant)"),
    "total": ("totaal problemen", "total difficulties"),
    "requests": ("Openstaande informatieverzoeken", "Open information requests"),
    "none": ("geen", "none"),
    "recorded": ("vastgelegd", "recorded"),
    "recorded_on": ("vastgelegd op {day}", "recorded on {day}"),
    "back_dated": (
        "Later vastgelegd (meer dan een dag na de datum)",
        "Recorded later (more than a day after the date)",
    ),
    "by": ("door", "by"),
    "day": ("datum", "date"),
    "action": ("handeling", "action"),
    "details": ("gegevens", "details"),
    "no_cases": ("Geen dossiers.", "No cases."),
    "not_opened": (
        "dossier {case} was op {day} nog niet geopend",
        "case {case} had not been opened on {day}",
    ),
    "unknown_case": ("dossier {case} staat niet in het logboek", "case {case} is not in the log"),
    "due": ("uiterlijk", "due"),
    "answer_due": ("antwoord uiterlijk", "answer due"),
    "overdue": ("TE LAAT", "OVERDUE"),
    "for": ("voor", "for"),
    "what": ("wat", "what"),
    "kind": ("soort", "kind"),
    "nothing_due": ("Er staat niets open.", "Nothing is due."),
}

DUE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "invite": ("uitnodiging", "invitation"),
    "signature": ("toestemming", "consent"),
    "outcome": ("uitkomst", "outcome"),
    "report_notice": ("melding", "report"),
    "deferral_review": ("uitstel", "deferral"),
    "sdq": ("SDQ", "SDQ"),
    "information_request": ("verzoek", "request"),
    "override_report": ("melding", "report"),
    "cancellation": ("afzegging", "cancellation"),
}

DUE_TEXTS: dict[str, tuple[str, str]] = {
    # what a due item asks; {forum} {date} {meeting} {form} {until} {review} {request}
    "invite": (
        "Uitnodigen voor de {forum}-bespreking van {date} ({meeting})",
        "Invite to the {forum} meeting of {date} ({meeting})",
    ),
    "invite_purpose": (
        "Uitnodigen voor de {forum}-bespreking van {date} ({meeting}), met doel, datum en "
        "samenstelling",
        "Invite to the {forum} meeting of {date} ({meeting}), stating its purpose, date and "
        "composition",
    ),
    "meeting_purpose": (
        "Doel, datum en samenstelling van de {forum}-bespreking van {date} ({meeting}) laten weten",
        "Tell the purpose, date and composition of the {forum} meeting of {date} ({meeting})",
    ),
    "cancellation": (
        "Laten weten dat de {forum}-bespreking van {date} ({meeting}) is afgezegd, of opnieuw "
        "uitnodigen",
        "Tell that the {forum} meeting of {date} ({meeting}) was cancelled, or invite again",
    ),
    "signature": (
        "Ondertekende toestemming op formulier {form} voor de {forum}-bespreking van {date}",
        "Get signed consent on form {form} for the {forum} meeting of {date}",
    ),
    "consent_refused": (
        "Toestemming op formulier {form} is geweigerd: zonder nieuwe toestemming geen "
        "volledige {forum}-bespreking op {date}",
        "Consent on form {form} was refused: no full {forum} discussion on {date} without new "
        "consent",
    ),
    "consent_withdrawn": (
        "Toestemming op formulier {form} is ingetrokken: zonder nieuwe toestemming geen "
        "volledige {forum}-bespreking op {date}",
        "Consent on form {form} was withdrawn: no full {forum} discussion on {date} without "
        "new consent",
    ),
    "consent_expires": (
        "Formulier {form} is geldig tot {until}, vóór de {forum}-bespreking van {date}: "
        "nieuwe toestemming vragen",
        "Form {form} is valid until {until}, before the {forum} meeting of {date}: ask for new "
        "consent",
    ),
    "sdq_parent": (
        "Actuele ouder-SDQ vastleggen voor de ZAT-bespreking van {date}",
        "Record a recent parent SDQ for the ZAT meeting of {date}",
    ),
    "sdq_teacher": (
        "Actuele leerkracht-SDQ vastleggen voor de ZAT-bespreking van {date}",
        "Record a recent teacher SDQ for the ZAT meeting of {date}",
    ),
    "outcome": (
        "Uitkomst van de {forum}-bespreking van {date} ({meeting}) laten weten",
        "Tell the outcome of the {forum} discussion of {date} ({meeting})",
    ),
    "report_inform": (
        "Informeren over de melding van {date}",
        "Tell about the report of {date}",
    ),
    "report_review": (
        "Informeren over de melding van {date} (uitgesteld tot de herziening op {review})",
        "Tell about the report of {date} (deferred until the review on {review})",
    ),
    "report_written": (
        "Schriftelijke bevestiging sturen van de melding van {date}",
        "Send a written notice of the report of {date}",
    ),
    "override_report": (
        "Melden bij Veilig Thuis of de jeugdhulp na het besluit van {date} om zonder "
        "toestemming te bespreken",
        "Report to Veilig Thuis or youth care after the decision of {date} to discuss without "
        "consent",
    ),
    "request_inspection": (
        "Inzageverzoek {request} van {date} beantwoorden",
        "Answer access request {request} of {date}",
    ),
    "request_copy": (
        "Verzoek {request} van {date} om een kopie beantwoorden",
        "Answer request {request} of {date} for a copy",
    ),
    "request_important_facts": (
        "Verzoek {request} van {date} om belangrijke feiten beantwoorden",
        "Answer request {request} of {date} for important facts",
    ),
}


# -- dates and values as people read them -----------------------------------------------------

DEFAULT_SCHOOL = "default"
"""The school id of a single-school database: never shown as if it were a name."""

ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def long_day(day: date, lang: Lang = "nl") -> str:
    """A date in prose: ``20 september 2026`` / ``20 September 2026``."""
    return f"{day.day} {label(MONTH_NAMES, str(day.month), lang)} {day.year}"


def table_day(day: date | str | None, lang: Lang = "nl") -> str:
    """A date in a table column: ``20 sep 2026`` / ``20 Sep 2026`` (one width, no ISO)."""
    if day is None or day == "":
        return "-"
    if isinstance(day, datetime):
        day = day.date()
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return f"{day.day:>2} {label(SHORT_MONTH_NAMES, str(day.month), lang)} {day.year}"


def table_moment(moment: datetime, lang: Lang = "nl") -> str:
    """A recording moment in a table: the table date and the local time."""
    local = moment.astimezone()
    return f"{table_day(local.date(), lang)} {local:%H:%M}"


def localized_dates(text: str, lang: Lang = "nl") -> str:
    """``text`` with its ISO dates written as prose dates (stored messages keep ISO)."""
    return ISO_DAY.sub(
        lambda m: long_day(date(int(m[1]), int(m[2]), int(m[3])), lang) if _valid_day(m) else m[0],
        text,
    )


def _valid_day(match: re.Match[str]) -> bool:
    try:
        date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def value_label(value: object, lang: Lang = "nl") -> str:
    """An enum value or yes/no as people read it; an unknown value with spaces for ``_``."""
    if isinstance(value, bool):
        return label(DOSSIER_LABELS, "yes" if value else "no", lang)
    if value is None:
        return ""
    text = str(value)
    for table in (VALUE_LABELS, RELATION_LABELS, AUTHORITY_LABELS, CATEGORY_LABELS):
        if text in table:
            return label(table, text, lang)
    return text


SOURCE_WORDS: dict[str, tuple[str, str]] = {
    # the words of a rule's source (the Dutch guides and laws it comes from)
    "handreiking": ("handreiking", "guide"),
    "richtlijn": ("richtlijn", "guideline"),
    "richtlijnen": ("richtlijnen", "guidelines"),
    "stap": ("stap", "step"),
    "bijlage": ("bijlage", "annex"),
    "regel": ("regel", "rule"),
    "ondertoezichtstelling": ("ondertoezichtstelling", "supervision order"),
    "AVG": ("AVG", "GDPR"),
    "BW": ("BW", "Dutch Civil Code"),
}


def source_label(source: str, lang: Lang = "nl") -> str:
    """Where a rule comes from (``handreiking §4 stap 4b``), its words in ``lang``."""
    return re.sub(
        r"[^\W\d_]+",
        lambda m: label(SOURCE_WORDS, m[0], lang) if m[0] in SOURCE_WORDS else m[0],
        source,
    )


def category_label(item: str, lang: Lang = "nl") -> str:
    """An item category; one outside the known vocabulary with spaces for ``_``."""
    if item in CATEGORY_LABELS:
        return label(CATEGORY_LABELS, item, lang)
    return item.replace("_", " ")


def categories_label(items: list[str] | tuple[str, ...], lang: Lang = "nl") -> str:
    return ", ".join(category_label(item, lang) for item in items)


def school_label(school: str, lang: Lang = "nl") -> str | None:
    """How a document names the school: its id, or nothing for the single default school."""
    return None if school == DEFAULT_SCHOOL else school


def listing(items: list[str], lang: Lang = "nl") -> str:
    """``a, b and c`` / ``a, b en c``."""
    return _joined(items, " and " if lang == "en" else " en ")


def alternatives(items: list[str], lang: Lang = "nl") -> str:
    """``a, b or c`` / ``a, b of c``."""
    return _joined(items, f" {message('or', lang)} ")


def _joined(items: list[str], conjunction: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conjunction + items[-1]


def policy_rows(policy: dict[str, object], lang: Lang = "nl") -> list[tuple[str, str]]:
    """The policy (as ``Policy.to_json_dict`` gives it) as (setting, value) rows in words."""
    rows: list[tuple[str, str]] = []
    for key, value in policy.items():
        name = label(POLICY_LABELS, key, lang) if key in POLICY_LABELS else key.replace("_", " ")
        rows.append((name, _policy_value(key, value, lang)))
    return rows


def _policy_value(key: str, value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return value_label(value, lang)
    if isinstance(value, int) and key.endswith("_days"):
        return f"{value} {label(UNIT_LABELS, 'day' if value == 1 else 'days', lang)}"
    if isinstance(value, dict):
        if not value:
            return label(UNIT_LABELS, "not_set", lang)
        if all(isinstance(inner, dict) for inner in value.values()):
            return "; ".join(
                f"{value_label(part, lang)}: {_policy_value(key, inner, lang)}"
                for part, inner in value.items()
            )
        return ", ".join(
            f"{value_label(part, lang)} {_policy_value(key, inner, lang)}"
            if isinstance(inner, int)
            else f"{value_label(part, lang)}: {_policy_value(key, inner, lang)}"
            for part, inner in value.items()
        )
    return value_label(value, lang)
