"""Which log a report was computed from: its digest, named in every audit and dossier export.

The digest (see :mod:`zatlog.chain`) is read from the chain table beside the
read models, so naming it costs one grouped query and never opens the
domain model. An inspector who keeps an audit can later prove with
``zatlog verify --against DIGEST`` that the log it was computed from is still
there, unchanged.

The reports are stamped after they are rendered, so each format keeps its
own shape: a ``log_digest`` field in JSON, a ``#`` comment line before the
CSV header, a footer in HTML and a closing line under the table.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from zatlog.chain import Digest, merkle_root
from zatlog.projections.i18n import Lang, label
from zatlog.projections.runner import Reader

_HEADS = (
    "SELECT c.originator_id, c.originator_version, c.link FROM {t}event_chain c JOIN "
    "(SELECT originator_id, MAX(originator_version) AS v FROM {t}event_chain "
    "GROUP BY originator_id) h "
    "ON c.originator_id = h.originator_id AND c.originator_version = h.v"
)
_COUNT = "SELECT COUNT(*) FROM {t}event_chain"  # alone, it counts the smallest index
_LAST = "SELECT MAX(position) FROM {t}event_chain"


def read_digest(reader: Reader) -> Digest:
    """The digest of the log beside these read models, as its chain stands now."""
    count, position = reader.fetchall(_COUNT)[0][0], reader.fetchall(_LAST)[0][0]
    heads = [
        (_hex(key), int(version), bytes.fromhex(link))
        for key, version, link in reader.fetchall(_HEADS)
    ]
    return Digest(int(count), int(position or 0), merkle_root(heads).hex())


def _hex(key: Any) -> str:
    return key.hex if isinstance(key, UUID) else str(key)


_WORDS: dict[str, tuple[str, str]] = {
    "label": ("Log-digest", "Log digest"),
    "check": (
        "controleer later met: zatlog verify --against {digest}",
        "check later with: zatlog verify --against {digest}",
    ),
}


def _word(key: str, lang: Lang) -> str:
    return label(_WORDS, key, lang)


def _with_digest(text: str, full: str) -> str:
    """A JSON object written with ``indent=2`` with ``"log_digest"`` added as its last key:
    the text ``json.dumps`` would write, without parsing and writing the whole report again."""
    body = text.rstrip()
    if not body.endswith("\n}"):  # not one indented object with keys: write it again
        data = json.loads(text)
        data["log_digest"] = full
        return json.dumps(data, ensure_ascii=False, indent=2)
    digest = json.dumps(full, ensure_ascii=False)
    return f'{body[:-2]},\n  "log_digest": {digest}\n}}'


def stamp_json_pieces(pieces: Iterable[str], digest: Digest) -> Iterator[str]:
    """The pieces of a JSON report, stamped: their join is :func:`stamp_report` of the
    pieces' join. The digest goes into the last piece (where the object ends), so the pieces
    before it are passed on as they come, never held together."""
    last: str | None = None
    for piece in pieces:
        if last is not None:
            yield last
        last = piece
    if last is None or not last.rstrip().endswith("\n}"):
        # Not the end of an indented object: stamping it needs the whole text.
        raise ValueError("the last piece of a JSON report must end its object")
    yield _with_digest(last, digest.full)


def stamp_report(text: str, fmt: str, digest: Digest, lang: Lang = "nl") -> str:
    """``text`` (an audit in ``fmt``) naming the digest of the log it was computed from."""
    check = _word("check", lang).format(digest=digest.short)
    if fmt == "json":
        return _with_digest(text, digest.full)
    if fmt == "csv":
        return f"# log_digest: {digest.full}\n{text}"
    if fmt == "html":
        footer = (
            f'<footer class="log-digest"><p>{_word("label", lang)}: '
            f"<code>{html.escape(digest.short)}</code> ({html.escape(check)})<br>"
            f"<small><code>{html.escape(digest.full)}</code></small></p></footer>\n"
        )
        at = text.rfind("</body>")
        return text + footer if at < 0 else text[:at] + footer + text[at:]
    return f"{text.rstrip()}\n\n{_word('label', lang)}: {digest.short} ({check})\n"
