"""Fixtures of the text model tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch


@pytest.fixture
def float64() -> Iterator[None]:
    """torch's default dtype float64 for the test: the text models (CharLM, Seq2Seq) take it, so
    a loop written out by hand in the test agrees with their training to 1e-9."""
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(before)
