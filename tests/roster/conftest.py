"""The corpus of messy rosters, made fresh in a temporary folder (tests/rosters/make_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus.make(folder)
    return folder
