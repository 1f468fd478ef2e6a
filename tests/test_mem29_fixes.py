"""Fixes from helper mem29 (memory and device leftovers): each test fails without its fix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import torch

import lstmkit.nn.layers as layers
from lstmkit import _forecast_members as members
from lstmkit import _memory
from lstmkit.cli import main
from lstmkit.cli.demo import _memory_problem
from lstmkit.nn import LSTM

# ---- 3. layers' internal mask reader is private ---------------------------------------------


def test_the_mask_reader_of_the_layers_is_private() -> None:
    # `lstmkit.nn.layers.mask_advice`, used by _arguments alone and in no __all__ or README,
    # looked like API: `_mask_advice` now, and what it says is unchanged
    assert not hasattr(layers, "mask_advice")
    said = layers._mask_advice(LSTM(2, 3, batch_first=True), torch.zeros(2, 4, 2), torch.ones(2, 4))
    assert said == (
        "this one is a [B, T] mask: pass each sequence's length, `lengths=mask.sum(1).long()` "
        "for sequences padded at the end"
    )


# ---- 1. a container's swap limit ----------------------------------------------------------------

GiB = 2**30


def test_a_v2_containers_swap_max_is_all_the_swap_it_is_counted(fake_cgroups, monkeypatch) -> None:
    # memory.max 1G and memory.swap.max 0 on a host of 64 GiB of swap: the refusals counted
    # the host's swap, "this container's memory limit (1 GiB) and the swap (64 GiB) together"
    monkeypatch.setattr(_memory, "physical_memory", lambda: 16 * GiB)
    files = {"memory.swap.max": "max\n", "job/memory.max": f"{GiB}\n", "job/memory.swap.max": "0\n"}
    root = fake_cgroups("0::/job\n", files, swap=64 * GiB)
    assert _memory.container_swap() == 0
    assert _memory.refusal_limit() == (GiB, "this container's memory limit (1 GiB)")
    with pytest.raises(_memory.MemoryLimitError) as err:
        LSTM(5, 2**13)
    assert str(err.value) == (
        "LSTM's parameters need 1 GiB together (float32), more than this container's memory "
        "limit (1 GiB); the largest, `weight_hh_l0` of shape (32768, 8192), needs 1 GiB."
    )
    assert _memory_problem(10**4, 64) == (
        "--steps 10000 with --hidden 64 needs 2.44 GiB for the gates of the 256 test sequences, "
        "more than this container's memory limit (1 GiB); lower --steps or --hidden."
    )
    (root / "job/memory.swap.max").write_text(f"{GiB // 2}\n")  # less than the host's
    assert _memory.refusal_limit() == (
        GiB + GiB // 2,
        "this container's memory limit (1 GiB) and this container's swap limit (512 MiB) together",
    )
    (root / "job/memory.swap.max").write_text("max\n")  # no limit: the host's swap
    assert _memory.container_swap() is None
    assert _memory.refusal_limit() == (
        65 * GiB,
        "this container's memory limit (1 GiB) and the swap (64 GiB) together",
    )
    (root / "job/memory.swap.max").write_text(f"{128 * GiB}\n")  # more than the host has
    assert _memory.refusal_limit()[0] == 65 * GiB


def test_a_v1_containers_memsw_limit_counts_memory_and_swap_together(
    fake_cgroups, monkeypatch
) -> None:
    monkeypatch.setattr(_memory, "physical_memory", lambda: 16 * GiB)
    none = "9223372036854771712\n"  # v1's "no limit"
    files = {
        "memory/memory.limit_in_bytes": none,
        "memory/memory.memsw.limit_in_bytes": none,
        "memory/docker/abc/memory.limit_in_bytes": f"{GiB}\n",
        "memory/docker/abc/memory.memsw.limit_in_bytes": f"{GiB + GiB // 2}\n",
    }
    root = fake_cgroups("4:memory:/docker/abc\n0::/\n", files, swap=64 * GiB)
    assert _memory.container_swap() == GiB // 2
    assert _memory.refusal_limit() == (
        GiB + GiB // 2,
        "this container's memory limit (1 GiB) and this container's swap limit (512 MiB) together",
    )
    (root / "memory/docker/abc/memory.memsw.limit_in_bytes").write_text(f"{GiB}\n")  # no swap
    assert _memory.refusal_limit() == (GiB, "this container's memory limit (1 GiB)")
    (root / "memory/docker/abc/memory.memsw.limit_in_bytes").write_text(none)
    assert _memory.container_swap() is None
    assert _memory.refusal_limit() == (
        65 * GiB,
        "this container's memory limit (1 GiB) and the swap (64 GiB) together",
    )
    (root / "memory/docker/abc/memory.memsw.limit_in_bytes").unlink()  # swapaccount=0
    assert _memory.container_swap() is None


def test_a_swap_limit_stands_for_a_swap_the_machine_does_not_say(fake_cgroups, monkeypatch) -> None:
    # /proc/meminfo unreadable: the free disk stood for the swap, where the container's limit
    # of none holds it
    monkeypatch.setattr(_memory, "physical_memory", lambda: 16 * GiB)
    monkeypatch.setattr(_memory, "disk_room", lambda: 500 * GiB)
    fake_cgroups("0::/job\n", {"job/memory.max": f"{GiB}\n", "job/memory.swap.max": "0\n"})
    monkeypatch.setattr(_memory, "MEMINFO", Path("/nonexistent/meminfo"))
    assert _memory.refusal_limit() == (GiB, "this container's memory limit (1 GiB)")


# ---- 4. values the OS gives that are no memory -------------------------------------------------


def test_sysconfs_unknown_page_count_is_no_machine_memory(monkeypatch) -> None:
    # os.sysconf's -1 (not known) made the machine's memory -4096 bytes: a module past 64 MiB
    # was refused, "more than this machine's memory (-4 KiB)"
    sizes = {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": -1}
    monkeypatch.setattr(_memory.os, "sysconf", sizes.__getitem__)
    monkeypatch.setattr(_memory, "container_memory", lambda **where: None)
    assert _memory.physical_memory() is None
    assert _memory.memory_limit() is None
    assert _memory.refusal_limit() is None


def test_a_limit_of_no_bytes_is_no_limit(fake_cgroups, monkeypatch) -> None:
    # memory.max "0" refused every module, "more than this container's memory limit (0 bytes)"
    monkeypatch.setattr(_memory, "physical_memory", lambda: 16 * GiB)
    fake_cgroups("0::/job\n", {"job/memory.max": "0\n"})
    assert _memory.container_memory(machine=16 * GiB) is None
    assert _memory.refusal_limit() == (16 * GiB, "this machine's memory (16 GiB)")


@pytest.mark.parametrize("name", ["job/memory.max", "job/memory.swap.max"])
def test_digits_int_cannot_read_are_no_number(fake_cgroups, tmp_path, monkeypatch, name) -> None:
    # "²" is a digit to str.isdigit, not to int(): ValueError "invalid literal for int()"
    monkeypatch.setattr(_memory, "physical_memory", lambda: 16 * GiB)
    fake_cgroups("0::/job\n", {name: "²\n"})
    assert _memory.refusal_limit() == (16 * GiB, "this machine's memory (16 GiB)")
    (tmp_path / "meminfo").write_text("SwapTotal: ² kB\n")
    assert _memory.swap_memory(tmp_path / "meminfo") is None


# ---- 2. a device's out-of-memory error on the command line --------------------------------------

OOM = (
    "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB of "
    "which 1.50 GiB is free."
)
FORECAST = ["forecast", "airline", "--epochs", "1", "--ensemble", "2", "--no-refit"]
FORECAST += ["--no-stat-baselines", "--device", "cuda"]
# while member 1 moves or trains no other is on the device: fewer members would not help
FIRST = "lower --hidden-size or --batch-size, or run on --device cpu."
# moving holds the weights alone: no batch is on the device then
MOVING = "lower --hidden-size, or run on --device cpu."
# forecasting runs one window at a time, whatever --batch-size
FORECASTING = "lower --hidden-size or --ensemble, or run on --device cpu."  # layers: 1


def _out_of_memory(*args, **kwargs):
    raise torch.OutOfMemoryError(OOM)


@pytest.fixture
def cuda_here(monkeypatch):
    """'cuda' taken as a device this machine computes on, each member built on the CPU: the
    steps that run out of the GPU's memory are then made to raise it."""
    from lstmkit import _device, forecast

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    monkeypatch.setattr(forecast, "check_device", lambda device: None)
    built = members._new_member
    cpu = lambda config, seed, data: built(replace(config, device="cpu"), seed, data)  # noqa: E731
    monkeypatch.setattr(members, "_new_member", cpu)


def _one_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err  # no traceback
    return err


@pytest.mark.parametrize(
    ("step", "doing", "remedy"),
    [
        ("_new_member", "moving member 1/2's network to it", MOVING),
        ("fit", "training member 1/2", FIRST),
        ("_predict_t", "forecasting the validation windows for the interval", FORECASTING),
    ],
)
def test_a_gpus_out_of_memory_is_one_line_naming_what_ran(
    cuda_here, monkeypatch, capsys, tmp_path, step, doing, remedy
) -> None:
    # `lstmkit forecast --device cuda --hidden-size 100000` ended in torch's traceback
    from lstmkit import forecast

    where = forecast.Forecaster if step == "_predict_t" else members
    monkeypatch.setattr(where, step, _out_of_memory)
    assert main([*FORECAST, "--out", str(tmp_path / "run")]) == 2
    assert _one_line(capsys) == (
        f"error: --device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB "
        f"more); {remedy}\n"
    )
    assert not (tmp_path / "run").exists()  # nothing half-written


def test_a_gpus_out_of_memory_loading_a_model_names_the_flags_that_remain(
    cuda_here, fc_dir, monkeypatch, capsys, tmp_path
) -> None:
    # `lstmkit predict` has no flag that shrinks the model: the device alone is said
    monkeypatch.setattr(torch.nn.ModuleList, "to", _out_of_memory, raising=False)
    assert main(["predict", str(fc_dir), "--device", "cuda:1", "--out", str(tmp_path / "p")]) == 2
    assert _one_line(capsys) == (
        "error: --device cuda:1 ran out of memory moving the model's member to it (torch could "
        "not allocate 2.00 GiB more); run on --device cpu.\n"
    )
    assert not (tmp_path / "p").exists()


def test_lstmkits_own_refusal_of_a_parameter_on_a_gpu_is_said_as_it_is(monkeypatch) -> None:
    # _empty_parameter's refusal keeps torch's class; its words stand for torch's
    import argparse

    from lstmkit.cli import _out_of_device_memory

    args = argparse.Namespace(device="cuda", hidden_size=10**5, num_layers=1, batch_size=32)
    monkeypatch.setattr(torch, "empty", _out_of_memory)
    with pytest.raises(torch.OutOfMemoryError) as err:
        LSTM(5, 10**5, device="cuda")
    assert _out_of_device_memory(err.value, args) == (
        "--device cuda ran out of memory (LSTM's `weight_ih_l0` of shape (400000, 5) needs 7.63 "
        "MiB (float32), more than torch could allocate); lower --hidden-size or --batch-size, or "
        "run on --device cpu."
    )
    assert _out_of_device_memory(RuntimeError(OOM), args) is None  # torch's class alone


def test_forecasters_predict_names_its_forecast_in_a_gpus_out_of_memory(
    recursive, monkeypatch
) -> None:
    from lstmkit import forecast

    monkeypatch.setattr(forecast.Forecaster, "_predict_t", _out_of_memory)
    with pytest.raises(torch.OutOfMemoryError) as err:
        recursive.predict(3)
    assert str(err.value) == OOM  # torch's words, for a Python caller
    assert err.value.lstmkit_doing == "forecasting"
