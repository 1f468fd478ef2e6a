"""Fixes from reviewer revmem29 (mem29's memory and device work): each fails without its fix."""

from __future__ import annotations

import argparse
from dataclasses import replace

import pytest
import torch

from lstmkit import _memory
from lstmkit.cli import _out_of_device_memory, main

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


# ---- 2. a device's out-of-memory remedy names only flags that can be lowered ---------------

OOM = "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB."


@pytest.mark.parametrize(
    ("flags", "remedy"),
    [
        # `lstmkit text train`'s defaults: --ensemble 1
        (
            {"hidden_size": 150, "embed_dim": 200, "batch_size": 64, "ensemble": 1},
            "lower --hidden-size, --embed-dim or --batch-size, or ",
        ),
        # forecast's: --num-layers 1; --batch-size none (all windows) can still be given
        (
            {"hidden_size": 32, "num_layers": 1, "batch_size": None, "ensemble": 5},
            "lower --hidden-size, --batch-size or --ensemble, or ",
        ),
        ({"hidden_size": 1, "num_layers": 1, "batch_size": 1, "ensemble": 1}, ""),
    ],
)
def test_a_gpus_out_of_memory_names_no_flag_already_at_one(flags, remedy) -> None:
    # "lower --hidden-size, --num-layers, --batch-size or --ensemble" was said of
    # `lstmkit forecast --device cuda`, whose --num-layers is 1, and "... or --ensemble" of
    # `lstmkit text train`, whose --ensemble is 1: neither can be lowered
    args = argparse.Namespace(device="cuda", **flags)
    assert _out_of_device_memory(torch.OutOfMemoryError(OOM), args) == (
        f"--device cuda ran out of memory (torch could not allocate 2.00 GiB more); {remedy}run "
        "on --device cpu."
    )


# ---- 3. MPS's out-of-memory error, a plain RuntimeError -----------------------------------------

MPS = (
    "MPS backend out of memory (MPS allocated: 16.00 GiB, other allocations: 3.31 GiB, max "
    "allowed: 18.13 GiB). Tried to allocate 256 bytes on shared pool. Use "
    "PYTORCH_MPS_HIGH_WATERMARK_RATIO=0.0 to disable upper limit for memory allocations (may "
    "cause system failure)."
)


def test_an_mps_out_of_memory_is_one_line_naming_what_ran(monkeypatch, capsys, tmp_path) -> None:
    # torch raises MPS's as a RuntimeError, not torch.OutOfMemoryError: `lstmkit forecast
    # --device mps` ended in its traceback where --device cuda said one line
    from lstmkit import _device, forecast
    from lstmkit import _forecast_members as members

    def out_of_memory(*args, **kwargs):
        raise RuntimeError(MPS)

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    monkeypatch.setattr(forecast, "check_device", lambda device: None)
    built = members._new_member
    cpu = lambda config, seed, data: built(replace(config, device="cpu"), seed, data)  # noqa: E731
    monkeypatch.setattr(members, "_new_member", cpu)
    monkeypatch.setattr(members, "fit", out_of_memory)
    argv = ["forecast", "airline", "--epochs", "1", "--ensemble", "2", "--no-refit"]
    argv += ["--no-stat-baselines", "--device", "mps", "--out", str(tmp_path / "run")]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: --device mps ran out of memory training member 1/2 (torch could not allocate 256 "
        "bytes more); lower --hidden-size or --batch-size, or run on --device cpu.\n"
    )
    assert not (tmp_path / "run").exists()


def test_a_cuda_drivers_out_of_memory_is_a_devices_and_other_runtime_errors_are_not() -> None:
    args = argparse.Namespace(device="cuda:1")
    driver = RuntimeError("CUDA error: out of memory\nCUDA kernel errors might be asynchronously")
    assert _out_of_device_memory(driver, args) == (
        "--device cuda:1 ran out of memory (CUDA error: out of memory); run on --device cpu."
    )
    for other in (RuntimeError("a CUDA error: out of memory"), ValueError(MPS)):
        assert _out_of_device_memory(other, args) is None
