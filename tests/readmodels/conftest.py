"""Fixtures of the read-model tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from readmodel_stores import open_app

from zatlog.application import ZatlogApp


@pytest.fixture
def app(db: str) -> Iterator[ZatlogApp]:
    """An application on a fresh store (SQLite file, or PostgreSQL schema when configured)."""
    application = open_app(db)
    yield application
    application.close()
