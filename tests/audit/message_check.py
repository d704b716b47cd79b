"""Checks that a finding's messages are the catalog's words for its facts (issue 11.5).

Used by the audit test builder on every finding any audit test produces, and by
``test_audit_messages.py`` on the findings of every scenario.
"""

from __future__ import annotations

from collections.abc import Iterable

from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding
from zatlog.projections.audit.names import NameGuard
from zatlog.projections.facts import Who


def texts_in(text: catalog.Text) -> list[catalog.Text]:
    """The text and every text among its facts, however deep."""
    found = [text]
    pending: list[catalog.Fact] = [fact for _, fact in text.facts]
    while pending:
        fact = pending.pop()
        if isinstance(fact, catalog.Text):
            found.append(fact)
            pending += [inner for _, inner in fact.facts]
        elif isinstance(fact, tuple):
            pending += list(fact)
    return found


def facts_in(text: catalog.Text) -> list[catalog.Fact]:
    """Every fact of the text and of the texts among its facts, lists opened."""
    found: list[catalog.Fact] = []
    for inner in texts_in(text):
        for _, fact in inner.facts:
            found += list(fact) if isinstance(fact, tuple) else [fact]
    return found


def assert_renders_from_catalog(finding: Finding, names: Iterable[str] = ()) -> None:
    """The finding carries its catalog text, whose template is its rule's, whose fields are
    exactly its facts, and whose words in both languages are its messages (names scrubbed)."""
    text = finding.text
    assert text is not None, finding
    assert text.key.split(".")[0] == finding.rule, (text.key, finding.rule)
    for inner in texts_in(text):
        nl, en = catalog.MESSAGES[inner.key]
        given = {name for name, _ in inner.facts}
        assert catalog.fields(nl) == catalog.fields(en) == given, inner
    for fact in facts_in(text):
        if isinstance(fact, catalog.Label) and fact.table != catalog.CATEGORY:
            assert fact.key in catalog.LABELS[fact.table], fact
        if isinstance(fact, Who) and fact.relation is not None:
            assert fact.relation in catalog.LABELS["relation"], fact
    guard = NameGuard(names)
    nl, en = catalog.words(text)
    assert (guard.scrub(nl, "[naam]"), guard.scrub(en, "[name]")) == (
        finding.message_nl,
        finding.message_en,
    )
    for message in (finding.message_nl, finding.message_en):
        assert "{" not in message and "}" not in message, message
        assert message[:1].isupper() and message.endswith("."), message
