"""Fixes from running the whole suite under torch 2.4.1 and 2.9.1: their
``torch.get_default_device`` breaks for the rest of the process once a caller has set a
default device and reset it with ``None``."""

import pytest
import torch

from lstmkit._device import _default_device


def _broken() -> torch.device:
    # torch 2.4.1's and 2.9.1's answer after set_default_device("meta"), then (None)
    raise AttributeError("'NoneType' object has no attribute 'device'")


def test_a_training_runs_where_torchs_default_device_reader_is_broken(monkeypatch):
    # every Forecaster.fit, text training and load failed with that AttributeError (705 of
    # the suite's tests under torch 2.4.1, after its meta-device tests reset the default)
    from lstmkit import Forecaster, load_dataset

    monkeypatch.setattr(torch, "get_default_device", _broken)
    fc = Forecaster(ensemble=1, epochs=1, hidden_size=4, calendar=False, progress=False)
    forecast = fc.fit(load_dataset("airline")).predict()
    assert forecast["forecast"].shape == (12,)
    assert next(fc.members_[0].parameters()).device == torch.device("cpu")


@pytest.mark.parametrize("device", ["meta", "cpu"])
def test_the_default_device_is_read_from_a_new_tensor_there(monkeypatch, device):
    monkeypatch.setattr(torch, "get_default_device", _broken)
    with torch.device(device):
        assert _default_device() == torch.device(device)
    assert _default_device() == torch.device("cpu")


def test_the_default_device_is_checked_where_torch_says_cpu(monkeypatch):
    # torch 2.4's get_default_device answered 'cpu' inside `with torch.device("meta")`, so a
    # training there built its model on meta ("Cannot copy out of meta tensor")
    monkeypatch.setattr(torch, "get_default_device", lambda: torch.device("cpu"))
    with torch.device("meta"):
        assert _default_device() == torch.device("meta")
