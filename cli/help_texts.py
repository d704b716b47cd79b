"""Plain-words help for every recording command and field (Dutch terms in brackets)."""

from __future__ import annotations

FIELD_HELP: dict[str, str] = {
    "case": "The school's own case reference (dossiernummer), e.g. 2025-017.",
    "at": "When it happened: YYYY-MM-DD or an ISO 8601 date-time (not after today; a time "
    "of day orders events of one day that both carry one). "
    "The time it is recorded is kept separately.",
    "by": "Who recorded it (staff id). Default: the global --actor.",
    "school": "School id (default 'default'); a case belongs to the school it was opened at.",
    "note": "Free text for colleagues.",
    "document": "Which school document (schoolgids, ZAT-folder, privacyreglement, "
    "convenant, klachtenregeling, meldcode).",
    "version": "Version or date of the published document.",
    "pupil_name": "The pupil's name (leerling). Never shown in audits.",
    "birth_date": "The pupil's date of birth, YYYY-MM-DD (geboortedatum).",
    "school_type": "so = speciaal onderwijs, vso = voortgezet speciaal onderwijs.",
    "person": "Short id of the person on this case, e.g. mother, father, p-02.",
    "name": "The person's name.",
    "relation": "Relation to the pupil (ouder, voogd, curator/mentor, pleegouder, "
    "stiefouder, grootouder, jeugdbeschermer, other).",
    "authority": "Parental authority (gezag): joint (gezamenlijk), sole (eenhoofdig) or none.",
    "measure": "Child protection measure: ots (ondertoezichtstelling) or none.",
    "basis": "Legal ground (grondslag).",
    "scope": "Item categories this applies to (e.g. reports, sdq, outcome), or 'all'; "
    "repeat or separate with commas.",
    "motivation": "Why (motivering).",
    "until": "Last day it applies, YYYY-MM-DD (optional; may lie ahead).",
    "capable": "Whether the pupil can weigh consent (wilsbekwaam).",
    "targets": "Persons concerned (person ids; repeat the option or separate with commas).",
    "reason": "Why (for a cancelled meeting: optional).",
    "source": "Who raised the signal (signaal).",
    "description": "What was seen or heard.",
    "step": "Step of the support trajectory (stap): 1 signal, 2 care coordinator, "
    "3 CvB, 4a ZAT registration, 4b ZAT discussion, 5 support.",
    "to": "Recipients (person ids; repeat the option or separate with commas).",
    "channel": "How: conversation (gesprek), phone, letter, email, portal; "
    "letter/email/portal count as written.",
    "topics": "What the parents were told or asked (onderwerpen); repeat or separate with "
    "commas. meeting_cancelled: a meeting was cancelled; support: the help to be arranged "
    "and who gives it.",
    "meeting": "Meeting id (bespreking), e.g. m-cvb-1.",
    "summary": "Short summary of the contact.",
    "kind": "Kind: of a plan, drafted, adjusted or evaluated; of support, the kind of help "
    "(e.g. ambulante begeleiding).",
    "advice_school": "Advice for school (handelingsadvies school).",
    "advice_home": "Advice for home (handelingsadvies thuis).",
    "parents_agreed": "Whether the parents agreed with the plan.",
    "informant": "Who filled in the SDQ: parent, teacher (leerkracht) or self (leerling).",
    "emotional": "SDQ emotional symptoms score, 0-10.",
    "conduct": "SDQ conduct problems score, 0-10.",
    "hyperactivity": "SDQ hyperactivity score, 0-10.",
    "peer": "SDQ peer problems score, 0-10.",
    "prosocial": "SDQ prosocial score, 0-10.",
    "support_need": "The support need on the ZAT registration form (ondersteuningsbehoefte).",
    "parent_input": "Whether the parents' view is on the registration form.",
    "provider": "The youth-care provider (zorgaanbieder), spelled as in discussion attendees so "
    "that the provider report finds its meetings. An evaluation names a provider arranged on "
    "the case.",
    "municipality": "The municipality that contracts the provider (gemeente), optional; left "
    "out, the provider's earlier arrangement on the case keeps its municipality.",
    "evaluator": "Who evaluates: teacher (leerkracht; the provider report's effect median "
    "counts teachers only), parent, pupil or coordinator.",
    "effect_in_class": "Effect visible in class (zichtbaar in de klas), a whole number from "
    "1 (nothing visible) to 5 (clearly visible).",
    "worked_at_school": "Whether the help was given at school, with teacher and parent, not "
    "only elsewhere.",
    "involved_teacher": "Whether the provider worked with the teacher (leerkracht).",
    "involved_parents": "Whether the provider worked with the parents.",
    "comment": "Free comment (not shown in the provider report).",
    "consent": "Consent form id (toestemmingsformulier), e.g. f-cvb.",
    "forum": "cvb (Commissie van Begeleiding), zat (Zorg- en adviesteam) or mdo "
    "(multidisciplinair overleg).",
    "purpose": "Purpose (doel).",
    "participants": "Who may take part (deelnemers), repeat or separate with commas.",
    "data_categories": "Item categories the form allows to share, repeat or separate with commas.",
    "valid_until": "Last day the consent is valid, YYYY-MM-DD (optional).",
    "signer": "Who signed or decided (person id).",
    "method": "How consent was given: signature (handtekening), electronic_signature or verbal "
    "(mondeling; not unambiguous consent).",
    "notice": "No-objection notice id (geen-bezwaar-bericht).",
    "objection_deadline": "Last day to object, YYYY-MM-DD.",
    "date": "The meeting date, YYYY-MM-DD.",
    "purpose_and_composition_included": "Whether the invitation stated purpose, date and "
    "who takes part.",
    "level": "full (met naam), outside_info (buitenkant-informatie) or anonymous "
    "(anonieme consultatie).",
    "attendees": "Who attended, repeat or separate with commas.",
    "parents_present": "Whether the parents were present.",
    "pupil_present": "Whether the pupil was present.",
    "data_shared": "Item categories that were shared, repeat or separate with commas.",
    "outcome": "Outcome of the discussion (uitkomst).",
    "ground": "Ground (grond).",
    "approved_by": "Who decided to override (e.g. director).",
    "review_at": "When to review the deferral and inform the parents, YYYY-MM-DD.",
    "reference": "Reference of the report (optional).",
    "request": "Information request id (verzoek).",
    "requester": "Who asked (person id).",
    "new_deadline": "The extended deadline, YYYY-MM-DD.",
    "items": "Item categories disclosed, or 'dossier' for a full export.",
    "redactions": "Withheld items as ITEM:GROUND (e.g. reports:child_interest); repeatable.",
    "format": "Format of the disclosure: pdf, html, json, letter or oral.",
}

ACTION_HELP: dict[str, str] = {
    "school_document_published": "Record that the school published a document "
    "(schoolgids, privacyreglement, ZAT-folder, meldcode …).",
    "case_opened": "Open a pupil's case (dossier); the case's first action.",
    "relation_recorded": "Record a person around the pupil, their relation and authority (gezag). "
    "Recording the same person again replaces their relation from that date on.",
    "information_restricted": "Record a restriction of information to a person "
    "(court order, OTS instruction or the child's interest).",
    "pupil_capacity_assessed": "Record whether the pupil can weigh consent (wilsbekwaamheid).",
    "pupil_refused_parent_information": "Record that the pupil (16+) refuses information to "
    "these persons.",
    "pupil_refusal_withdrawn": "Record that the pupil no longer refuses information to "
    "these persons.",
    "pupil_authorised_person": "Record that the pupil (16+) authorises a person to receive "
    "their information (machtiging), e.g. a parent of an adult pupil kept informed. The scope "
    "names the item categories (or 'all'); 'until' is the last day it applies. The person "
    "must be recorded on the case first (zatlog relation record).",
    "pupil_authorisation_withdrawn": "Record that the pupil withdraws a person's "
    "authorisation (from that date on).",
    "case_closed": "Close the case; afterwards only information requests can be recorded.",
    "signal_raised": "Record a signal (signaal) about the pupil.",
    "step_entered": "Move the case to a step of the support trajectory.",
    "parents_informed": "Record that parents (or the pupil) were informed or heard.",
    "action_plan_recorded": "Record an action plan (handelingsplan) being drafted, adjusted "
    "or evaluated.",
    "sdq_recorded": "Record SDQ scores (Strengths and Difficulties Questionnaire).",
    "zat_registered": "Record the registration with the ZAT (aanmelding, step 4a).",
    "support_arranged": "Record support arranged with a provider (zorgaanbieder).",
    "support_evaluated": "Record an evaluation of a provider's support: is it visible in class? "
    "The provider must have been arranged on the case first (support arrange).",
    "consent_form_issued": "Issue a consent form (toestemmingsformulier) for a forum.",
    "consent_given": "Record consent given on a form.",
    "consent_refused": "Record consent refused on a form.",
    "consent_withdrawn": "Record consent withdrawn on a form.",
    "no_objection_notice_sent": "Record a no-objection notice (geen bezwaar) sent to parents.",
    "objection_received": "Record an objection (bezwaar) to a no-objection notice.",
    "meeting_scheduled": "Schedule a CvB, ZAT or MDO meeting about the pupil. Scheduling "
    "the same meeting id again moves it to the new date (also after a cancellation).",
    "meeting_cancelled": "Record that a meeting is cancelled (afgezegd). It leaves the due "
    "list; tell the invitees (zatlog parents inform --topics meeting_cancelled --meeting ID). "
    "To hold it after all, schedule it again.",
    "parents_invited": "Record that persons were invited to a meeting.",
    "discussion_held": "Record a discussion (bespreking) of the pupil in a CvB, ZAT or MDO.",
    "safety_concern_recorded": "Record a safety concern (zorg over veiligheid, meldcode).",
    "safety_override_invoked": "Record the decision to discuss without consent for safety.",
    "parent_notification_deferred": "Record that informing the parents of a report is deferred.",
    "report_made": "Record a report (melding) to Veilig Thuis, youth care or the municipal team.",
    "information_requested": "Record a request for inspection, a copy or important facts.",
    "information_request_extended": "Record an extension of an information request's deadline.",
    "information_disclosed": "Record information given to a person.",
    "information_request_refused": "Record that an information request was refused.",
}

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
    "motivation": "court order of 2026-09-01",
    "targets": "father",
    "description": "withdrawn in class since the holidays",
    "to": "mother,father",
    "topics": "concern",
    "summary": "talked about the plan",
    "support_need": "help with anxiety in class",
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
    "purpose": "discuss support in the ZAT",
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
"""A value for each field in the examples of `--help` (fictional)."""
