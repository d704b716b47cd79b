"""Import WeasyPrint without its compiler round trips.

WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig through cffi, trying
several names per library. Each name that does not load as it is makes cffi
call ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and,
when that finds nothing, gcc and ld: dozens of processes per import, most of
them for names that exist only on Windows or macOS.

For the import only, ``find_library`` is answered from one reading of the
linker cache, the same lookup (and the same pattern) as its own first step.
Should WeasyPrint fail to load its libraries that way (a library only on
``LD_LIBRARY_PATH``, say), the import is retried with the standard lookup, so
nothing that worked before stops working.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

LDCONFIG = "/sbin/ldconfig"
# The ABI tag in `ldconfig -p`, as ctypes.util matches it.
_ABI_TYPES = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


def import_weasyprint_html() -> Any:
    """WeasyPrint's ``HTML`` class, its libraries found without starting a compiler.

    Raises what the standard import raises when the libraries are missing.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        from weasyprint import HTML

        return HTML
    try:
        # The failed attempt's complaint on stdout is WeasyPrint's, not ours to show.
        with _find_library_from_cache(), contextlib.redirect_stdout(io.StringIO()):
            from weasyprint import HTML
    except OSError:
        _forget_modules("weasyprint")
        from weasyprint import HTML
    return HTML


@contextlib.contextmanager
def _find_library_from_cache() -> Iterator[None]:
    original: Callable[[str], str | None] = ctypes.util.find_library
    setattr(ctypes.util, "find_library", find_in_linker_cache)  # noqa: B010 (typed as a def)
    try:
        yield
    finally:
        setattr(ctypes.util, "find_library", original)  # noqa: B010


def find_in_linker_cache(name: str) -> str | None:
    """``find_library``'s first step (the ``ldconfig -p`` lookup), the cache read only once."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi_type = _ABI_TYPES.get(machine, "libc6")
    pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (
        re.escape(os.fsencode(name)),
        re.escape(os.fsencode(abi_type)),
    )
    found = re.search(pattern, _linker_cache())
    return os.fsdecode(found.group(1)) if found else None


@cache
def _linker_cache() -> bytes:
    try:
        listing = subprocess.run(
            [LDCONFIG, "-p"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except OSError:
        return b""
    return listing.stdout


def _forget_modules(package: str) -> None:
    """Drop a half-imported package, so that importing it again starts afresh."""
    for module in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[module]
