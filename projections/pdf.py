"""WeasyPrint, loaded only for a PDF: without its system libraries (Pango) it says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zatlog.errors import ZatlogError

if TYPE_CHECKING:
    from weasyprint import HTML


class PdfUnavailable(ZatlogError):
    """WeasyPrint cannot load its system libraries (Pango), so no PDF can be made."""

    def __init__(self, error: str) -> None:
        super().__init__(
            f"cannot make a PDF: the system library Pango is missing ({error}); install "
            "WeasyPrint's dependencies (Debian/Ubuntu: apt install libpango-1.0-0 "
            "libpangoft2-1.0-0) or use --format html"
        )
        self.error = error


def weasyprint_html() -> type[HTML]:
    """WeasyPrint's ``HTML`` class; :class:`PdfUnavailable` when its libraries are missing.

    WeasyPrint loads Pango when it is imported and raises a bare ``OSError``
    ("cannot load library 'libpango-1.0-0'") when it is not installed.
    """
    from zatlog.projections.weasy_import import import_weasyprint_html

    try:
        html: type[HTML] = import_weasyprint_html()
    except (OSError, ImportError) as error:
        raise PdfUnavailable(" ".join(str(error).split())) from None
    return html
