"""Fixes from reviewer revmem29 (mem29's memory and device work): each fails without its fix."""

from __future__ import annotations

from lstmkit import _memory

GiB = 2**30


# ---- 1. sysconf's -1 for both numbers ------------------------------------------------------------


def test_a_page_size_sysconf_does_not_know_is_no_machine_memory(monkeypatch) -> None:
    # -1 pages of -1 bytes were 1 byte of memory: every module past 64 MiB was refused, "more
    # than this machine's memory (1 byte)"
    sizes = {"SC_PAGE_SIZE": -1, "SC_PHYS_PAGES": -1}
    monkeypatch.setattr(_memory.os, "sysconf", sizes.__getitem__)
    monkeypatch.setattr(_memory, "container_memory", lambda **where: None)
    assert _memory.physical_memory() is None
    assert _memory.refusal_limit() is None
