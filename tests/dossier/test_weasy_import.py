"""WeasyPrint's import answers ``find_library`` from the linker cache, without a compiler."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from zatlog.projections.weasy_import import find_in_linker_cache

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig")


@linux_only
@pytest.mark.parametrize("name", ["c", "pango-1.0", "gobject-2.0", "fontconfig", "no-such-lib-x"])
def test_the_cache_lookup_answers_as_find_library_does(name: str) -> None:
    assert find_in_linker_cache(name) == ctypes.util.find_library(name)


@linux_only
def test_importing_weasyprint_starts_no_compiler_or_linker() -> None:
    # A fresh interpreter: gcc and ld are find_library's second and third steps.
    probe = """
import ctypes.util
used = []
ctypes.util._findLib_gcc = lambda name: used.append(("gcc", name))
ctypes.util._findLib_ld = lambda name: used.append(("ld", name))
from zatlog.projections.pdf import weasyprint_html
html = weasyprint_html()
assert html.__name__ == "HTML", html
assert ctypes.util.find_library.__module__ == "ctypes.util", "find_library left patched"
print(len(used))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
