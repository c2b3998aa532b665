"""Shared helpers for the reader tests: the fixture folder and file writers."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """Committed fixtures made by real tools (see data/make_fixtures.py)."""
    return DATA


@pytest.fixture
def write_bytes(tmp_path: Path):
    """Write ``data`` to ``tmp_path / name`` and return the path."""

    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write
