"""The suite's own speed: what made every run slower than it needs to be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def test_the_suite_caches_its_rewritten_test_modules_whatever_pythondontwritebytecode_says():
    """PYTHONDONTWRITEBYTECODE=1, set where the suite runs, made pytest rewrite the asserts of
    every test module on every run (19 s of each worker's 26 s of collection on 2 cores): now
    conftest.py lets the bytecode be written, and this module's rewritten copy is cached."""
    assert sys.dont_write_bytecode is False
    # (one file per interpreter and pytest release: an upgrade leaves the old one beside it)
    tag = f"{sys.implementation.cache_tag}-pytest-{pytest.__version__}."
    cached = sorted(
        p.name
        for p in (Path(__file__).parent / "__pycache__").glob(f"{Path(__file__).stem}.*.pyc")
        if tag in p.name
    )
    assert len(cached) == 1, cached
