"""The school year of ``provider_log`` in a real store, read back as the report reads it."""

from __future__ import annotations

import pytest
from provider_log import load, school_year

from zatlog.records import LoggedAction


@pytest.fixture(scope="module")
def year_log(tmp_path_factory: pytest.TempPathFactory) -> list[LoggedAction]:
    """The school year, imported once into a SQLite file for a module's tests."""
    return load(str(tmp_path_factory.mktemp("year") / "zatlog.db"), school_year())
