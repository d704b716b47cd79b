"""Dutch and English labels of what people read (timelines, audits, dossiers).

Dutch is the default; every label has an English twin. Add labels here, not
in templates, so that all outputs name things the same way.
"""

from __future__ import annotations

from typing import Literal

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


def label(table: dict[str, tuple[str, str]], key: str, lang: Lang = "nl") -> str:
    """The label of ``key`` in ``lang``; the key itself when it has none."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nl" else pair[1]


def action_label(action: str, lang: Lang = "nl") -> str:
    return label(ACTION_LABELS, action, lang)
