"""``lstmkit._device``: how device names are parsed and what the refusals say, on any machine
(CUDA's answers are stood in for where a message depends on them)."""

from __future__ import annotations

import pytest
import torch

from lstmkit._device import _works_here, check_device, device_name, usable_device
from lstmkit.text.sentiment import SentimentConfig

NOT_A_DEVICE = (
    "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...), "
    "got {!r}."
)


@pytest.mark.parametrize("device", [1.5, None, b"cpu"])
def test_a_device_that_is_no_str_or_torch_device_is_none(device):
    # an index (0, as torch.device(0) takes it) is a device: see test_num20_fixes
    assert device_name(device) is None
    with pytest.raises(ValueError) as err:
        SentimentConfig(device=device)
    assert str(err.value) == NOT_A_DEVICE.format(device)


def test_jobs_that_are_no_int_are_named_once_whatever_the_device():
    # a str `jobs` is field_problems' to name; the device check must not compare it with 1
    with pytest.raises(ValueError) as err:
        SentimentConfig(device="cuda", ensemble=2, jobs="2")
    assert str(err.value) == "`jobs` must be a positive integer, got '2' (a number, not text: 2)."


def _unusable(monkeypatch, *, available: bool, count: int = 0) -> None:
    def empty(*args, **kwargs):
        raise RuntimeError("no such device\nsecond line of the error")

    monkeypatch.setattr(torch, "empty", empty)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: available)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: count)


def test_an_unusable_device_is_named_with_the_first_line_of_the_error(monkeypatch):
    _unusable(monkeypatch, available=False)
    with pytest.raises(ValueError) as err:
        check_device("cuda:3")
    assert str(err.value) == (
        "`device` 'cuda:3' cannot be used here (no such device); "
        "torch.cuda.is_available() is False. 'cpu' always works."
    )


def test_with_cuda_the_message_lists_the_devices_there_are(monkeypatch):
    _unusable(monkeypatch, available=True, count=2)
    with pytest.raises(ValueError) as err:
        usable_device("cuda:3")
    assert str(err.value) == (
        "`device` 'cuda:3' cannot be used here (no such device); "
        "torch.cuda.is_available() is True. 'cpu' always works, and 'cuda:0' to 'cuda:1' here."
    )


def test_usable_device_gives_torchs_name_or_refuses_a_name_that_computes_nothing():
    assert usable_device(torch.device("cpu", 0)) == "cpu"
    with pytest.raises(ValueError) as err:
        usable_device("meta")
    assert str(err.value) == NOT_A_DEVICE.format("meta")


@pytest.mark.parametrize(
    ("device", "read"),
    [
        ("cuda:128", "cuda:-128"),
        ("cuda:255", "cuda"),
        ("cuda:256", "cuda:0"),
        ("mps:32768", "mps:0"),
    ],
)
def test_an_index_torch_cannot_hold_is_refused_not_wrapped(device, read):
    # torch keeps a device index in 8 bits: "cuda:256" parsed as cuda:0, "cuda:255" as the
    # current device "cuda" and "cuda:128" as "cuda:-128", so a config trained elsewhere than
    # the device it named (or stored a name torch itself refuses); the refusal says so
    assert device_name(device) is None
    with pytest.raises(ValueError) as err:
        SentimentConfig(device=device)
    assert str(err.value) == (
        f"`device` must name a torch device that computes, got {device!r}: torch holds a "
        f"device index from 0 to 127, and reads {device!r} as {read!r}; {_works_here()}."
    )


def test_the_largest_index_torch_holds_is_kept():
    assert device_name("cuda:127") == "cuda:127"
    assert device_name(torch.device("cuda", 127)) == "cuda:127"
    assert device_name("cpu:256") == "cpu"  # there is one CPU, however it is numbered
