"""Fixes of the review revleft31 (of the branch left31)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import baselines, metrics
from lstmkit.forecast import Forecaster

NUMBERS = [f"{v}.0".encode() for v in range(40)]  # b'0.0', b'1.0', ...


def _refusal(call) -> str:
    with pytest.raises(ValueError) as caught:
        call()
    return str(caught.value)


def _fc() -> Forecaster:
    return Forecaster(epochs=1, horizon=2, lookback=4, ensemble=1, interval=None)


@pytest.mark.parametrize("given", [pd.Series(NUMBERS), np.array(NUMBERS)])
def test_fit_predict_and_backtest_refuse_bytes_that_read_as_numbers_as_the_metrics_do(
    given,
) -> None:
    # b'1', b'2' were read as numbers by fit, where rmse and the baselines refused them
    said = "`series` must hold numbers, got text (first b'0.0'); convert it first: "
    said += "pd.to_numeric(series)."
    assert _refusal(lambda: _fc().fit(given)) == said
    fitted = _fc().fit(np.arange(40.0))
    assert _refusal(lambda: fitted.predict(series=given)) == said
    backtest = lambda: _fc().backtest(given, start=30, statistical_baselines=False)  # noqa: E731
    assert _refusal(backtest) == said
    assert _refusal(lambda: _fc().fit(np.arange(40.0), covariates=pd.DataFrame({"c": given}))) == (
        "`covariates` must hold numbers, got text (first b'0.0'); convert it first: "
        "covariates.apply(pd.to_numeric)."
    )
    # the rule they follow
    assert _refusal(lambda: metrics.rmse(given, np.arange(40.0))).startswith(
        "`y_true` must hold numbers, got text (first b'0.0')"
    )
    assert _refusal(lambda: baselines.naive(given, 2)).startswith(
        "`y` must hold numbers, got text (first b'0.0')"
    )
    # converted as told, it runs
    assert len(_fc().fit(pd.to_numeric(pd.Series(given))).predict()) == 2


OOM = "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB."


@pytest.mark.parametrize(
    ("doing", "remedy"),
    [
        # the steps that run batches of --batch-size's (--bptt's)
        ("training the network", "lower --hidden-size, --bptt or --batch-size, or "),
        ("training member 2/2", "lower --hidden-size, --bptt or --batch-size, or "),
        # moving weights holds no batch; measuring, decoding and forecasting run their own
        ("moving the network to it", "lower --hidden-size, or "),
        ("moving member 1/1's network to it", "lower --hidden-size, or "),
        ("measuring the model on the test set", "lower --hidden-size, or "),
        ("decoding the test numbers", "lower --hidden-size, or "),
        ("forecasting", "lower --hidden-size, or "),  # one window at a time
        # the text alone is on the device, which no flag shrinks
        ("moving the training text to it", ""),
    ],
)
def test_a_gpus_out_of_memory_offers_the_batch_flags_only_where_a_batch_is_held(
    doing, remedy
) -> None:
    # "ran out of memory measuring the model on the test set (...); lower --hidden-size or
    # --batch-size" (that step runs batches of 256 whatever --batch-size), and "moving the
    # training text to it (...); lower --hidden-size, ..." (no network is on the device yet)
    import argparse

    import torch

    from lstmkit.cli import _out_of_device_memory

    err = torch.OutOfMemoryError(OOM)
    err.lstmkit_doing = doing  # as lstmkit._device.doing names the step
    args = argparse.Namespace(device="cuda", hidden_size=32, bptt=64, batch_size=16)
    assert _out_of_device_memory(err, args) == (
        f"--device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB more); "
        f"{remedy}run on --device cpu."
    )
